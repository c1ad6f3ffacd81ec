package org.ntkexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.experiment.ExperimentSpec;

import picocli.CommandLine;

/** A spec key has one default: every option of the command line that stands for one defaults to the spec's. */
class SpecDefaultsTest {

    @Test
    void everyOptionNamingASpecKeyDefaultsToTheSpecDefault() {
        ExperimentSpec spec = ExperimentSpec.defaults();
        List<String> checked = new ArrayList<>();
        for (CommandLine sub : NtkCli.newCommandLine().getSubcommands().values()) {
            for (CommandLine.Model.OptionSpec o : sub.getCommandSpec().options()) {
                var value = SpecDefaults.OPTIONS.get(o.longestName());
                if (value != null) {
                    assertEquals(String.valueOf(value.apply(spec)), o.defaultValueString(),
                            sub.getCommandName() + " " + o.longestName());
                    checked.add(sub.getCommandName() + " " + o.longestName());
                }
            }
        }
        assertFalse(checked.isEmpty());
        assertEquals(SpecDefaults.OPTIONS.size(), checked.stream().filter(c -> c.startsWith("kernel ")).count(), checked
                .toString());
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
    }
}
