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
        List<NtkNetwork> nets = new ArrayList<>();
        try {
            nets.add(NtkNetwork.create(NetworkSpec.mlp(2, 8, Activation.RELU, Parameterization.NTK, 1.4, 0.1, 2, 12),
                    0, DataType.FLOAT, TrainingConfig.sgdMomentum(0.1, 4, 1)));
            nets.add(NtkNetwork.create(new NetworkSpec(Architecture.MYRTLE5, 0, 4, Activation.RELU,
                    Parameterization.NTK, 1.4, 0.1, 3, new int[] {1, 8, 8}), 0, DataType.FLOAT,
                    TrainingConfig.sgdMomentum(0.1, 4, 1), OutputTransform.centered(10)));
        } finally {
            root.detachAppender(capture);
        }
        assertEquals(List.of(), warnings);
        // DL4J warns only once per process, so the cause is checked too: no layer is left with size zero.
        for (NtkNetwork net : nets) {
            for (var conf : net.dl4j().getLayerWiseConfigurations().getConfs()) {
                if (conf.getLayer() instanceof org.deeplearning4j.nn.conf.layers.FeedForwardLayer f) {
                    assertEquals(true, f.getNOut() > 0, conf.getLayer().getClass().getSimpleName() + " has size 0");
                }
            }
        }
    }
}
