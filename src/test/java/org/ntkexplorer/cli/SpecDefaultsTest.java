package org.ntkexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.experiment.ExperimentSpec;
import org.ntkexplorer.core.experiment.SpecField;
import org.ntkexplorer.core.experiment.SpecFields;

import picocli.CommandLine;

/** A spec key has one default: every option of the command line that stands for one defaults to the spec's. */
class SpecDefaultsTest {

    /** The spec key an option is named after: --sigma-w → sigmaW, --arch → architecture. */
    private static Optional<SpecField<?>> keyOf(String option) {
        if (SpecDefaults.OPTIONS.containsKey(option)) {
            return Optional.of(SpecDefaults.OPTIONS.get(option));
        }
        StringBuilder camel = new StringBuilder();
        boolean up = false;
        for (char c : option.replaceFirst("^--", "").toCharArray()) {
            if (c == '-') {
                up = true;
            } else {
                camel.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return SpecFields.ALL.stream().filter(f -> f.key().toLowerCase(Locale.ROOT)
                .equals(camel.toString().toLowerCase(Locale.ROOT))).findFirst();
    }

    @Test
    void everyOptionOfKernelAndRunNamedAfterASpecKeyDefaultsToTheFieldsDefault() {
        List<String> checked = new ArrayList<>();
        for (String command : List.of("kernel", "run")) {
            CommandLine sub = NtkCli.newCommandLine().getSubcommands().get(command);
            for (CommandLine.Model.OptionSpec o : sub.getCommandSpec().options()) {
                Optional<SpecField<?>> field = keyOf(o.longestName());
                if (field.isEmpty() || SpecFields.CLASSES.equals(field.get())) {
                    // --classes has no default on either side: every class.
                    continue;
                }
                assertTrue(SpecDefaults.OPTIONS.containsKey(o.longestName()),
                        command + " " + o.longestName() + " stands for spec key " + field.get().key()
                                + " but does not take its default from SpecDefaults");
                assertEquals(field.get().defaultText(), o.defaultValueString(), command + " " + o.longestName());
                checked.add(command + " " + o.longestName());
            }
        }
        assertEquals(SpecDefaults.OPTIONS.size(), checked.stream().filter(c -> c.startsWith("kernel ")).count(),
                checked.toString());
    }

    @Test
    void theFieldsDefaultIsTheDefaultSpecsValue() {
        ExperimentSpec d = ExperimentSpec.defaults();
        for (SpecField<?> f : SpecDefaults.OPTIONS.values()) {
            assertEquals(f.defaultText(), textOf(f, d), f.key());
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
        assertFalse(SpecDefaults.OPTIONS.isEmpty());
    }
}
