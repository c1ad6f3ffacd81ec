package org.ntkexplorer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

/**
 * The shape the code relies on (README, "How the code is built"): core is a library with no UI toolkit in it, no two
 * packages depend on each other in a cycle, and core's packages form layers that only look down.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.ntkexplorer");

    @Test
    void coreDoesNotUseJavaFx() {
        noClasses().that().resideInAPackage("org.ntkexplorer.core..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.fair_acc..", "org.controlsfx..")
                .check(MAIN);
    }

    @Test
    void coreDoesNotDependOnUiOrCli() {
        noClasses().that().resideInAPackage("org.ntkexplorer.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.ntkexplorer.ui..", "org.ntkexplorer.cli..")
                .check(MAIN);
    }

    /**
     * A panel's view-model holds what the panel says, testable without a toolkit: no JavaFX, no chart classes, and no
     * helper of ours that uses them (a model once formatted numbers through the chart CSV writer).
     */
    /** The panels' state without a window: the view-models and the choosers' rule. */
    private static DescribedPredicate<JavaClass> modelsOfPanels() {
        return DescribedPredicate.describe("panel models", (JavaClass c) -> c.getSimpleName().endsWith("Model")
                || c.getSimpleName().equals("UnitFollow"));
    }

    @Test
    void panelModelsDoNotUseJavaFx() {
        String[] toolkit = {"javafx..", "io.fair_acc..", "org.controlsfx.."};
        noClasses().that().resideInAPackage("org.ntkexplorer.ui.panels..").and(modelsOfPanels())
                .should().dependOnClassesThat().resideInAnyPackage(toolkit)
                .check(MAIN);
        DescribedPredicate<JavaClass> usesToolkit = DescribedPredicate.describe("a class of ours that uses JavaFX or "
                + "ChartFX", (JavaClass c) -> c.getName().startsWith("org.ntkexplorer.")
                        && c.getDirectDependenciesFromSelf().stream().anyMatch(d -> {
                            String p = d.getTargetClass().getPackageName();
                            return p.startsWith("javafx") || p.startsWith("io.fair_acc") || p.startsWith("org.controlsfx");
                        }));
        noClasses().that().resideInAPackage("org.ntkexplorer.ui.panels..").and(modelsOfPanels())
                .should().dependOnClassesThat(usesToolkit)
                .check(MAIN);
    }

    @Test
    void cliDoesNotUseJavaFx() {
        noClasses().that().resideInAPackage("org.ntkexplorer.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(MAIN);
    }

    /** Every package is its own slice, so a cycle between any two packages (a parent and its child too) fails. */
    @Test
    void noPackageCycles() {
        slices().matching("org.ntkexplorer.(**)").should().beFreeOfCycles().check(MAIN);
    }

    /**
     * Layers, bottom up: numerical and file primitives; data; the model; kernels; regression; the experiment
     * machinery; then the two front ends. A layer may use any layer below it, never one above.
     */
    @Test
    void coreIsLayered() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("primitives").definedBy("org.ntkexplorer.core.io..", "org.ntkexplorer.core.linalg..",
                        "org.ntkexplorer.core.compute..", "org.ntkexplorer.core.nn..", "org.ntkexplorer.core.scaling..")
                .layer("data").definedBy("org.ntkexplorer.core.data..")
                .layer("model").definedBy("org.ntkexplorer.core.model..")
                .layer("kernel").definedBy("org.ntkexplorer.core.kernel..")
                .layer("regression").definedBy("org.ntkexplorer.core.regression..")
                .layer("experiment").definedBy("org.ntkexplorer.core.experiment..")
                .layer("front ends").definedBy("org.ntkexplorer.ui..", "org.ntkexplorer.cli..", "org.ntkexplorer")
                .whereLayer("front ends").mayNotBeAccessedByAnyLayer()
                .whereLayer("experiment").mayOnlyBeAccessedByLayers("front ends")
                .whereLayer("regression").mayOnlyBeAccessedByLayers("experiment", "front ends")
                .whereLayer("kernel").mayOnlyBeAccessedByLayers("regression", "experiment", "front ends")
                .whereLayer("model").mayOnlyBeAccessedByLayers("kernel", "regression", "experiment", "front ends")
                .whereLayer("data").mayOnlyBeAccessedByLayers("model", "kernel", "regression", "experiment",
                        "front ends")
                // A teacher–student dataset draws its labels from a random network, and so names the activation.
                .ignoreDependency(
                        DescribedPredicate.describe("the teacher-student dataset",
                                (JavaClass c) -> c.getName().equals("org.ntkexplorer.core.data.TeacherStudentDataset")),
                        DescribedPredicate.describe("the activation functions",
                                (JavaClass c) -> c.getName().startsWith("org.ntkexplorer.core.model.Activation")))
                .check(MAIN);
    }

    /**
     * Inside the experiment machinery, bottom up: the spec (what a run asks for, and the rules of each study it needs
     * to check one); the store (the run folder, one codec per file); the analysis of stored rows (fits, claims); the
     * runner; and the studies, which the runner finds through the spec's registry rather than by name.
     */
    @Test
    void experimentIsLayered() {
        String base = "org.ntkexplorer.core.experiment.";
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("spec").definedBy(base + "spec..")
                .layer("store").definedBy(base + "store..")
                .layer("analysis").definedBy(base + "analysis..")
                .layer("run").definedBy(base + "run..")
                .layer("study").definedBy(base + "study..")
                .whereLayer("study").mayNotBeAccessedByAnyLayer()
                .whereLayer("run").mayOnlyBeAccessedByLayers("study")
                .whereLayer("analysis").mayOnlyBeAccessedByLayers("run", "study")
                .whereLayer("store").mayOnlyBeAccessedByLayers("analysis", "run", "study")
                .check(MAIN);
    }
}
