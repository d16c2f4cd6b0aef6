package dev.charrnn.nn;

/**
 * {@code tanh} computed in plain Java with the fdlibm algorithm (Sun's freely distributable libm, the one
 * {@link StrictMath#tanh} is specified by), so it returns exactly the bits of {@code StrictMath.tanh}, which on
 * JDK 17 is also what {@code Math.tanh} returns. Why not call StrictMath: on JDK 17 that is a JNI call costing
 * about 20 ns, paid H times per character; this is inlined by the JIT and several times faster.
 */
final class Fdlibm {
    private static final double LN2_HI = 0x1.62e42feep-1;
    private static final double LN2_LO = 0x1.a39ef35793c76p-33;
    private static final double INV_LN2 = 0x1.71547652b82fep0;
    private static final double Q1 = -0x1.11111111110f4p-5;
    private static final double Q2 = 0x1.a01a019fe5585p-10;
    private static final double Q3 = -0x1.4ce199eaadbb7p-14;
    private static final double Q4 = 0x1.0cfca86e65239p-18;
    private static final double Q5 = -0x1.afdb76e09c32dp-23;

    private Fdlibm() {
    }

    static double tanh(double x) {
        int jx = highWord(x);
        int ix = jx & 0x7fffffff;
        if (ix >= 0x7ff00000) {
            return StrictMath.tanh(x); // +-Inf and NaN: rare, leave them to the library
        }
        double z;
        if (ix < 0x40360000) { // |x| < 22
            if (ix < 0x3c800000) { // |x| < 2^-55
                return x * (1.0 + x);
            }
            if (ix >= 0x3ff00000) { // |x| >= 1
                double t = expm1(2.0 * Math.abs(x));
                z = 1.0 - 2.0 / (t + 2.0);
            } else {
                double t = expm1(-2.0 * Math.abs(x));
                z = -t / (t + 2.0);
            }
        } else {
            z = 1.0; // fdlibm returns 1 - tiny, which rounds to 1
        }
        return jx >= 0 ? z : -z;
    }

    /** fdlibm's expm1 for the arguments tanh passes it: finite, |u| < 44 (no overflow or NaN handling needed). */
    static double expm1(double u) {
        double x = u;
        int hx = highWord(x);
        boolean negative = hx < 0;
        hx &= 0x7fffffff;
        if (hx >= 0x4043687A && negative) { // u < -56 ln2: exp(u) - 1 rounds to -1
            return -1.0;
        }
        double c = 0.0;
        int k;
        if (hx > 0x3fd62e42) { // |u| > 0.5 ln2: reduce u = k ln2 + r
            double hi;
            double lo;
            if (hx < 0x3FF0A2B2) { // |u| < 1.5 ln2
                if (!negative) {
                    hi = x - LN2_HI;
                    lo = LN2_LO;
                    k = 1;
                } else {
                    hi = x + LN2_HI;
                    lo = -LN2_LO;
                    k = -1;
                }
            } else {
                k = (int) (INV_LN2 * x + (negative ? -0.5 : 0.5));
                double t = k;
                hi = x - t * LN2_HI;
                lo = t * LN2_LO;
            }
            x = hi - lo;
            c = (hi - x) - lo;
        } else if (hx < 0x3c900000) { // |u| < 2^-54
            return x;
        } else {
            k = 0;
        }
        double hfx = 0.5 * x;
        double hxs = x * hfx;
        double r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
        double t = 3.0 - r1 * hfx;
        double e = hxs * ((r1 - t) / (6.0 - x * t));
        if (k == 0) {
            return x - (x * e - hxs);
        }
        e = (x * (e - c) - c);
        e -= hxs;
        if (k == -1) {
            return 0.5 * (x - e) - 0.5;
        }
        if (k == 1) {
            return x < -0.25 ? -2.0 * (e - (x + 0.5)) : 1.0 + 2.0 * (x - e);
        }
        double y;
        if (k <= -2 || k > 56) {
            y = 1.0 - (e - x);
            return addToExponent(y, k) - 1.0;
        }
        if (k < 20) {
            t = withHighWord(1.0, 0x3ff00000 - (0x200000 >> k)); // 1 - 2^-k
            y = t - (e - x);
        } else {
            t = withHighWord(1.0, (0x3ff - k) << 20); // 2^-k
            y = x - (e + t);
            y += 1.0;
        }
        return addToExponent(y, k);
    }

    private static int highWord(double x) {
        return (int) (Double.doubleToRawLongBits(x) >>> 32);
    }

    private static double withHighWord(double x, int high) {
        long bits = Double.doubleToRawLongBits(x);
        return Double.longBitsToDouble(((long) high << 32) | (bits & 0xffffffffL));
    }

    private static double addToExponent(double y, int k) {
        return withHighWord(y, highWord(y) + (k << 20));
    }
}
