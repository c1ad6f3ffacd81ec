package org.ntkexplorer.core.experiment.run;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.model.NtkNetwork;
import org.ntkexplorer.core.model.OutputTransform;
import org.ntkexplorer.core.experiment.spec.UnitKey;

/**
 * A network with the data it trains and is tested on, seen through its {@link OutputTransform}: for a centred
 * network the outputs that are trained and evaluated are h = α·(f − f₀), with f₀ the network's outputs at
 * initialisation, computed once here for the training and test sets.
 */
public final class NetworkUnit {
    public final UnitKey key;
    public final NtkNetwork net;
    public final PreparedSplit train;
    public final PreparedSplit test;
    private final INDArray f0Train;
    private final INDArray f0Test;

    public NetworkUnit(UnitKey key, NtkNetwork net, PreparedSplit train, PreparedSplit test) {
        this.key = key;
        this.net = net;
        this.train = train;
        this.test = test;
        boolean centered = net.transform().centered();
        this.f0Train = centered ? net.logits(train.inputs()) : null;
        this.f0Test = centered ? net.logits(test.inputs()) : null;
    }

    OutputTransform transform() {
        return net.transform();
    }

    /** What the training loss is given as labels: the targets, with f₀ beside them for a centred network. */
    public INDArray trainingTargets() {
        INDArray y = train.trainingTargets(net.loss());
        return f0Train == null ? y : Nd4j.hstack(y, f0Train.castTo(y.dataType()));
    }

    private INDArray outputs(PreparedSplit s, INDArray f0) {
        INDArray f = net.logits(s.inputs());
        return f0 == null ? f : f.subi(f0.castTo(f.dataType())).muli(transform().scale());
    }

    Evaluation evaluateTrain() {
        return Evaluation.ofNetwork(outputs(train, f0Train), train, net.loss());
    }

    public Evaluation evaluateTest() {
        return Evaluation.ofNetwork(outputs(test, f0Test), test, net.loss());
    }

    /** The network's test outputs (h for a centred network), for comparisons with kernel predictions. */
    public INDArray testOutputs() {
        return outputs(test, f0Test);
    }
}
