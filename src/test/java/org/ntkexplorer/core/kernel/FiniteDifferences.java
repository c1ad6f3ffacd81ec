package org.ntkexplorer.core.kernel;

import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.model.NtkNetwork;

/** Central finite differences of a network's logits with respect to its parameters, for tests. */
final class FiniteDifferences {
    private FiniteDifferences() {
    }

    /** Columns 0, stride, 2·stride, … of {@code m}. */
    static INDArray everyNthColumn(INDArray m, int stride) {
        long cols = (m.columns() + stride - 1) / stride;
        INDArray out = Nd4j.create(m.dataType(), m.rows(), cols);
        for (long j = 0; j < cols; j++) {
            out.getColumn(j).assign(m.getColumn(j * stride));
        }
        return out;
    }

    /**
     * Rows (i·C + c); columns are every {@code stride}-th parameter in the order W0, b0, W1, b1, … of
     * {@link JacobianNtk#jacobian}, so a stride of 1 gives the whole Jacobian.
     */
    static INDArray jacobian(NtkNetwork net, INDArray x, double h, int stride) {
        int n = (int) x.rows();
        int c = net.spec().outputs();
        Map<String, INDArray> params = net.parameters();
        INDArray jac = Nd4j.create(DataType.DOUBLE, (long) n * c, (net.parameterCount() + stride - 1) / stride);
        long col = 0;
        long index = 0;
        for (int k = 0; k < net.trainableLayerCount(); k++) {
            for (INDArray p : new INDArray[] {params.get("W" + k), params.get("b" + k)}) {
                INDArray flat = p.reshape('c', new long[] {p.length()});
                for (long e = 0; e < flat.length(); e++, index++) {
                    if (index % stride != 0) {
                        continue;
                    }
                    double v = flat.getDouble(e);
                    flat.putScalar(e, v + h);
                    net.setParameters(params);
                    INDArray plus = net.logits(x);
                    flat.putScalar(e, v - h);
                    net.setParameters(params);
                    INDArray minus = net.logits(x);
                    flat.putScalar(e, v);
                    INDArray d = plus.sub(minus).divi(2 * h).reshape('c', new long[] {(long) n * c});
                    jac.getColumn(col).assign(d);
                    col++;
                }
            }
        }
        net.setParameters(params);
        return jac;
    }
}
