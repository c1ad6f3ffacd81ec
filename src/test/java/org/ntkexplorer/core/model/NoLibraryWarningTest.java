package org.ntkexplorer.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** Building a network, as every kernel, run and bench does, prints no library warning. */
class NoLibraryWarningTest {
    @Test
    void buildingNetworksLogsNoWarning() {
        Logger root = (Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<String> warnings = new ArrayList<>();
        AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                if (e.getLevel().isGreaterOrEqual(Level.WARN)) {
                    warnings.add(e.getLoggerName() + ": " + e.getFormattedMessage());
                }
            }
        };
        capture.setContext(root.getLoggerContext());
        capture.start();
        root.addAppender(capture);
        try {
            NtkNetwork.create(NetworkSpec.mlp(2, 8, Activation.RELU, Parameterization.NTK, 1.4, 0.1, 2, 12), 0,
                    DataType.FLOAT, TrainingConfig.sgdMomentum(0.1, 4, 1));
            NtkNetwork.create(new NetworkSpec(Architecture.MYRTLE5, 0, 4, Activation.RELU, Parameterization.NTK, 1.4,
                    0.1, 3, new int[] {1, 8, 8}), 0, DataType.FLOAT, TrainingConfig.sgdMomentum(0.1, 4, 1));
        } finally {
            root.detachAppender(capture);
        }
        assertEquals(List.of(), warnings);
        // DL4J warns only once per process, so the configuration that keeps it quiet is checked too.
        Logger inputType = (Logger) org.slf4j.LoggerFactory.getLogger("org.deeplearning4j.nn.conf.inputs.InputType");
        assertEquals(Level.ERROR, inputType.getEffectiveLevel());
    }
}
