package org.ntkexplorer.core.experiment.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ntkexplorer.core.experiment.analysis.Claims;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.run.RunContext;
import org.ntkexplorer.core.experiment.run.RunFootprint;
import org.ntkexplorer.core.experiment.run.StudyDefinition;
import org.ntkexplorer.core.experiment.run.StudyRun;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.InvalidSpecException;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.spec.SpecFields;
import org.ntkexplorer.core.experiment.spec.Study;
import org.ntkexplorer.core.experiment.spec.StudyParams;
import org.ntkexplorer.core.experiment.spec.StudyProvider;
import org.ntkexplorer.core.experiment.spec.UnitKey;
import org.ntkexplorer.core.experiment.store.FlowRow;
import org.ntkexplorer.core.experiment.store.ResultRow;
import org.ntkexplorer.core.experiment.store.RunFolder;


/**
 * The definitions of the five built-in studies (docs/science.md, §The studies): what each one runs, refuses and
 * claims. Their computations are {@link ScalingStudy}, {@link DynamicsStudy}, {@link WidthSweepStudy} and
 * {@link RichnessStudy}.
 */
public final class BuiltInStudies implements StudyProvider {

    @Override
    public List<StudyDefinition> studies() {
        return List.of(new Scaling(Study.SCALING), new Pretrained(), new Dynamics(), new WidthSweep(), new Richness());
    }

    /** Study 1: every learner at every n of the grid; claim 1. */
    private static class Scaling implements StudyDefinition {
        private final Study study;

        Scaling(Study study) {
            this.study = study;
        }

        @Override
        public Study study() {
            return study;
        }

        @Override
        public List<UnitKey> units(ExperimentSpec spec) {
            return ScalingStudy.units(spec);
        }

        @Override
        public StudyRun run(RunContext ctx) {
            return new ScalingStudy(ctx);
        }

        @Override
        public RunFootprint footprint(ExperimentSpec spec, RunFootprint.Shape data) {
            return RunFootprint.scaling(spec, data);
        }

        @Override
        public boolean scalingLaw() {
            return true;
        }

        @Override
        public Claims.Rule claim() {
            return Claims::networkBeatsKernels;
        }

        @Override
        public Set<String> keys() {
            // n0 is read when learners has entk-pretrained.
            return SpecFields.keys(SpecFields.WIDTH, SpecFields.LEARNERS, SpecFields.N0, SpecFields.RIDGE,
                    SpecFields.SNAPSHOT_REGRESSION, SpecFields.SAVE_KERNELS, SpecFields.RICHNESS);
        }
    }

    /** Study 2: study 1 with the kernel of a network pre-trained on n0 examples; claim 2. */
    private static final class Pretrained extends Scaling {
        Pretrained() {
            super(Study.PRETRAINED);
        }

        @Override
        public boolean pretrains() {
            return true;
        }

        @Override
        public List<InvalidSpecException.Problem> problems(ExperimentSpec spec) {
            return spec.learners().contains(Learner.ENTK_PRETRAINED) ? List.of() : List.of(
                    new InvalidSpecException.Problem(SpecFields.LEARNERS.key(),
                            "study pretrained needs learner entk-pretrained"));
        }

        @Override
        public Claims.Rule claim() {
            return Claims::pretrainedInBetween;
        }

        @Override
        public Set<String> keys() {
            return SpecFields.keys(SpecFields.WIDTH, SpecFields.LEARNERS, SpecFields.N0, SpecFields.RIDGE,
                    SpecFields.SNAPSHOT_REGRESSION, SpecFields.SAVE_KERNELS, SpecFields.RICHNESS);
        }
    }

    /** Study 3: one network per seed at the first n, its probe kernel through training. */
    private static final class Dynamics implements StudyDefinition {
        @Override
        public Study study() {
            return Study.DYNAMICS;
        }

        @Override
        public List<UnitKey> units(ExperimentSpec spec) {
            return DynamicsStudy.units(spec);
        }

        @Override
        public StudyRun run(RunContext ctx) {
            return new DynamicsStudy(ctx);
        }

        @Override
        public RunFootprint footprint(ExperimentSpec spec, RunFootprint.Shape data) {
            return RunFootprint.dynamics(spec, data);
        }

        @Override
        public StudyParams params(ExperimentSpec.Values v) {
            return new StudyParams.Dynamics(v.get(SpecFields.SNAPSHOT_EVERY));
        }

        @Override
        public Set<String> keys() {
            return SpecFields.keys(SpecFields.WIDTH, SpecFields.RIDGE, SpecFields.SNAPSHOT_EVERY,
                    SpecFields.SNAPSHOT_REGRESSION, SpecFields.SAVE_KERNELS, SpecFields.RICHNESS);
        }
    }

    /** Study 4: the eNTK against the infinite NTK over the widths of a sweep. */
    private static final class WidthSweep implements StudyDefinition {
        @Override
        public Study study() {
            return Study.WIDTH_SWEEP;
        }

        @Override
        public List<UnitKey> units(ExperimentSpec spec) {
            return WidthSweepStudy.units(spec);
        }

        @Override
        public StudyRun run(RunContext ctx) {
            return new WidthSweepStudy(ctx);
        }

        @Override
        public RunFootprint footprint(ExperimentSpec spec, RunFootprint.Shape data) {
            return RunFootprint.widthSweep(spec, data);
        }

        @Override
        public StudyParams params(ExperimentSpec.Values v) {
            return new StudyParams.WidthSweep(v.get(SpecFields.WIDTHS));
        }

        @Override
        public Set<String> keys() {
            return SpecFields.keys(SpecFields.WIDTHS, SpecFields.RICHNESS);
        }

        @Override
        public List<InvalidSpecException.Problem> problems(ExperimentSpec spec) {
            List<InvalidSpecException.Problem> p = new ArrayList<>();
            if (spec.architecture().isConvolutional()) {
                p.add(new InvalidSpecException.Problem(SpecFields.ARCHITECTURE.key(),
                        "the width sweep compares with the infinite NTK and needs an MLP"));
            }
            if (spec.params(StudyParams.WidthSweep.class).widths().length == 0) {
                p.add(new InvalidSpecException.Problem(SpecFields.WIDTHS.key(),
                        "widths must list at least one width for a width sweep"));
            }
            return p;
        }
    }

    /** Study 5: the scaling law at each output scale α of the richness grid. */
    private static final class Richness implements StudyDefinition {
        @Override
        public Study study() {
            return Study.RICHNESS;
        }

        @Override
        public List<UnitKey> units(ExperimentSpec spec) {
            return RichnessStudy.units(spec);
        }

        @Override
        public StudyRun run(RunContext ctx) {
            return new RichnessStudy(ctx);
        }

        @Override
        public RunFootprint footprint(ExperimentSpec spec, RunFootprint.Shape data) {
            return RunFootprint.scaling(spec, data,
                    (net, n) -> RichnessStudy.flowFootprint(spec, net, n, spec.nTest()));
        }

        @Override
        public boolean scalingLaw() {
            return true;
        }

        /** Its lines on both ends of the dial; the lazy end's flow is "not there yet" while a run that writes it goes
         * on. */
        @Override
        public List<ExperimentEvent> verdicts(RunFolder folder, boolean running) throws java.io.IOException {
            return RichnessStudy.verdicts(folder, running && RichnessStudy.flowApplies(folder.spec()));
        }

        @Override
        public boolean richnessGrid() {
            return true;
        }

        @Override
        public StudyParams params(ExperimentSpec.Values v) {
            return new StudyParams.Richness(v.get(SpecFields.RICHNESS_GRID));
        }

        @Override
        public Set<String> keys() {
            return SpecFields.keys(SpecFields.WIDTH, SpecFields.LEARNERS, SpecFields.N0, SpecFields.RICHNESS_GRID,
                    SpecFields.RIDGE);
        }

        /** The eNTK's gradient flow at the grid's largest α, for the lazy end's verdict. */
        @Override
        public List<StudyTable<?>> tables() {
            return List.of(FlowRow.table());
        }

        /** Its kernel learners' rows carry no richness: they belong to the unit at the grid's first α. */
        @Override
        public UnitKey ownerOf(ResultRow r, ExperimentSpec spec) {
            double richness = Double.isNaN(r.richness()) ? spec.params(StudyParams.Richness.class).grid()[0]
                    : r.richness();
            return new UnitKey(r.n(), spec.width(), r.seed(), richness);
        }

        @Override
        public List<InvalidSpecException.Problem> problems(ExperimentSpec spec) {
            List<InvalidSpecException.Problem> p = new ArrayList<>();
            if (spec.params(StudyParams.Richness.class).grid().length == 0) {
                p.add(new InvalidSpecException.Problem(SpecFields.RICHNESS_GRID.key(),
                        "a richness study needs richnessGrid, the "
                        + "values of α to train at (e.g. [0.1, 1, 10, 100])"));
            }
            if (!Double.isNaN(spec.richness())) {
                p.add(new InvalidSpecException.Problem(SpecFields.RICHNESS.key(),
                        "a richness study takes its values from "
                        + "richnessGrid; leave richness out"));
            }
            if (!spec.learners().contains(Learner.NETWORK)) {
                p.add(new InvalidSpecException.Problem(SpecFields.LEARNERS.key(),
                        "a richness study trains networks: learners "
                        + "must include network"));
            }
            if (spec.learners().contains(Learner.ENTK_PRETRAINED)) {
                p.add(new InvalidSpecException.Problem(SpecFields.LEARNERS.key(),
                        "a richness study has no pre-trained network: "
                        + "leave out entk-pretrained"));
            }
            return p;
        }
    }
}
