package org.ntkexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.SpecField;
import org.ntkexplorer.core.experiment.spec.SpecFields;

/** A spec key has one default: every option of the command line that stands for one defaults to the spec's. */
class SpecDefaultsTest {

    @Test
    void everyOptionOfKernelAndRunNamedAfterASpecKeyDefaultsToTheFieldsDefault() {
        List<String> checked = new ArrayList<>();
        for (String command : List.of("kernel", "run")) {
            CommandLine sub = NtkCli.newCommandLine().getSubcommands().get(command);
            for (CommandLine.Model.OptionSpec o : sub.getCommandSpec().options()) {
                Optional<SpecField<?>> field = SpecDefaults.fieldOf(o.longestName());
                if (field.isEmpty()) {
                    continue;
                }
                String expected = field.get().defaultValue() == null ? null : field.get().defaultText();
                assertEquals(String.valueOf(expected), String.valueOf(o.defaultValueString()),
                        command + " " + o.longestName());
                checked.add(command + " " + o.longestName());
            }
        }
        // The network, data and precision options of kernel: dataset classes preprocessing arch depth width
        // activation parameterization init sigma-w sigma-b dtype.
        assertEquals(12, checked.stream().filter(c -> c.startsWith("kernel ")).count(), checked.toString());
    }

    @Test
    void anOptionIsMatchedToTheKeyItIsNamedAfter() {
        assertEquals(SpecFields.SIGMA_W, SpecDefaults.fieldOf("--sigma-w").orElseThrow());
        assertEquals(SpecFields.ARCHITECTURE, SpecDefaults.fieldOf("--arch").orElseThrow());
        assertTrue(SpecDefaults.fieldOf("--out").isEmpty());
        assertTrue(SpecDefaults.fieldOf("--seed").isEmpty());
    }

    @Test
    void theFieldsDefaultIsTheDefaultSpecsValue() {
        ExperimentSpec d = ExperimentSpec.defaults();
        for (CommandLine.Model.OptionSpec o : new CommandLine(new KernelCommand()).getCommandSpec().options()) {
            SpecField<?> f = SpecDefaults.fieldOf(o.longestName()).orElse(null);
            if (f != null && f.defaultValue() != null) {
                assertEquals(textOf(f, d), o.defaultValueString(), f.key());
            }
        }
    }

    private static <T> String textOf(SpecField<T> f, ExperimentSpec spec) {
        return f.text(f.get(spec));
    }

    @Test
    void kernelTakesTheSpecsNetworkWhenNothingIsGiven() {
        KernelCommand k = new KernelCommand();
        new CommandLine(k).parseArgs("--out", "unused");
        ExperimentSpec d = ExperimentSpec.defaults();
        assertEquals(d.depth(), k.depth);
        assertEquals(2, k.depth, "the spec's depth (kernel used to default to 3)");
        assertEquals(d.width(), k.width);
        assertEquals(d.sigmaW(), k.sigmaW);
        assertEquals(d.sigmaB(), k.sigmaB);
        assertEquals(d.dataset(), k.dataset);
        assertEquals(d.architecture().id(), k.arch);
        assertEquals(d.activation().id(), k.activation);
        assertEquals(d.parameterization().id(), k.parameterization);
        assertEquals(d.preprocessing().id(), k.preprocessing);
        assertEquals(d.dtype().id(), k.dtype);
        assertEquals(d.init().id(), k.init);
    }

    @Test
    void kernelsJobHoldsTheDefaultSpecsDataAndNetworkKeys() {
        KernelCommand k = new KernelCommand();
        new CommandLine(k).parseArgs("--out", "unused");
        List<String> problems = new ArrayList<>();
        ExperimentSpec d = ExperimentSpec.defaults();
        assertEquals(d.data(), k.data(problems));
        assertEquals(d.networkChoice(), k.network(problems));
        assertEquals(List.of(), problems);
    }

    @Test
    void kernelsNetworkKeysFollowItsOptions() {
        KernelCommand k = new KernelCommand();
        new CommandLine(k).parseArgs("--out", "unused", "--init", "lecun", "--depth", "4", "--classes", "3,5");
        List<String> problems = new ArrayList<>();
        ExperimentSpec d = ExperimentSpec.defaults();
        assertEquals(d.networkChoice().withInit(org.ntkexplorer.core.model.Init.LECUN).withDepth(4),
                k.network(problems));
        assertEquals(List.of(3, 5), java.util.Arrays.stream(k.data(problems).classes()).boxed().toList());
        assertEquals(List.of(), problems);
    }
}
