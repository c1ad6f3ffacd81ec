package org.ntkexplorer.core.kernel;

/**
 * arccos in plain Java, after fdlibm's e_acos.c (the algorithm StrictMath.acos follows): on Java 17 Math.acos is a
 * native call, and at two per kernel entry and layer it was most of the infinite ReLU kernel's time. The JIT inlines
 * this one. Accurate to an ulp or two (FastAcosTest compares it with Math.acos).
 *
 * <p>fdlibm: Copyright (C) 1993 by Sun Microsystems, Inc. Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice is preserved.
 */
final class FastAcos {
    private static final double PI = 3.14159265358979311600e+00;
    private static final double PIO2_HI = 1.57079632679489655800e+00;
    private static final double PIO2_LO = 6.12323399573676603587e-17;
    private static final double PS0 = 1.66666666666666657415e-01;
    private static final double PS1 = -3.25565818622400915405e-01;
    private static final double PS2 = 2.01212532134862925881e-01;
    private static final double PS3 = -4.00555345006794114027e-02;
    private static final double PS4 = 7.91534994289814532176e-04;
    private static final double PS5 = 3.47933107596021167570e-05;
    private static final double QS1 = -2.40339491173441421878e+00;
    private static final double QS2 = 2.02094576023350569471e+00;
    private static final double QS3 = -6.88283971605453293030e-01;
    private static final double QS4 = 7.70381505559019352791e-02;

    private FastAcos() {
    }

    /** arccos(x) for x in [−1, 1]; NaN outside. */
    static double acos(double x) {
        double ax = Math.abs(x);
        if (ax >= 1) {
            if (x == 1) {
                return 0;
            }
            if (x == -1) {
                return PI;
            }
            return Double.NaN;
        }
        if (ax < 0.5) {
            if (ax <= 0x1p-57) {
                return PIO2_HI + PIO2_LO;
            }
            double z = x * x;
            double r = ratio(z);
            return PIO2_HI - (x - (PIO2_LO - x * r));
        }
        if (x < 0) {
            double z = (1 + x) * 0.5;
            double s = Math.sqrt(z);
            double w = ratio(z) * s - PIO2_LO;
            return PI - 2 * (s + w);
        }
        double z = (1 - x) * 0.5;
        double s = Math.sqrt(z);
        double df = Double.longBitsToDouble(Double.doubleToRawLongBits(s) & 0xffffffff00000000L);
        double c = (z - df * df) / (s + df);
        double w = ratio(z) * s + c;
        return 2 * (df + w);
    }

    private static double ratio(double z) {
        double p = z * (PS0 + z * (PS1 + z * (PS2 + z * (PS3 + z * (PS4 + z * PS5)))));
        double q = 1 + z * (QS1 + z * (QS2 + z * (QS3 + z * QS4)));
        return p / q;
    }
}
