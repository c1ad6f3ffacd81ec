package org.ntkexplorer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

/** The layering the product relies on: core is a library with no UI toolkit in it. */
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

    @Test
    void cliDoesNotUseJavaFx() {
        noClasses().that().resideInAPackage("org.ntkexplorer.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(MAIN);
    }
}
