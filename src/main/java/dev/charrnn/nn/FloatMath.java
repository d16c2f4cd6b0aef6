package dev.charrnn.nn;

/**
 * exp, σ and tanh in float32 for the float path's gates, from float multiplications, additions and one division
 * only (no fused multiply-add, no library call), so that {@link VectorFloatCells} computes the very same bits 16
 * lanes at a time and the scalar loops finish a row's remainder, or run the whole row without the Vector API.
 *
 * <p>exp is Cephes' {@code expf}: x clamped to [-87, 88], n = round(x log2 e) (by adding and subtracting 1.5·2²³),
 * r = x - n·C1 - n·C2 with C1 + C2 = ln 2 (C1 exact in 9 bits, so n·C1 is exact), a degree-7 polynomial in r,
 * times 2ⁿ built in the exponent bits; about 1 ulp on the range. σ(x) = 1 / (1 + exp(-x)); tanh(x) =
 * 1 - 2 / (exp(2x) + 1), which is within 1e-7 absolute of tanh everywhere (near 0 the relative error grows: what
 * matters here is the absolute error of a gate in [-1, 1]).
 */
final class FloatMath {
    static final float LO = -87f;
    static final float HI = 88f;
    static final float LOG2E = 1.44269504088896341f;
    /** 1.5·2²³: adding and subtracting it rounds a float of magnitude below 2²² to the nearest integer. */
    static final float ROUND = 12582912f;
    /** The bits of {@link #ROUND}. */
    static final int ROUND_BITS = 0x4B400000;

    static final float C1 = 0.693359375f;
    static final float C2 = -2.12194440e-4f;
    static final float P0 = 1.9875691500e-4f;
    static final float P1 = 1.3981999507e-3f;
    static final float P2 = 8.3334519073e-3f;
    static final float P3 = 4.1665795894e-2f;
    static final float P4 = 1.6666665459e-1f;
    static final float P5 = 5.0000001201e-1f;

    private FloatMath() {}

    static float exp(float v) {
        float x = Math.min(Math.max(v, LO), HI);
        float t = x * LOG2E + ROUND;
        float n = t - ROUND;
        float r = (x - n * C1) - n * C2;
        float z = r * r;
        float p = r * P0 + P1;
        p = p * r + P2;
        p = p * r + P3;
        p = p * r + P4;
        p = p * r + P5;
        p = p * z + r + 1f;
        // t's low mantissa bits hold n: 2ⁿ is (n + 127) in the exponent field
        return p * Float.intBitsToFloat((Float.floatToRawIntBits(t) - ROUND_BITS + 127) << 23);
    }

    static float sigmoid(float v) {
        return 1f / (1f + exp(-v));
    }

    static float tanh(float v) {
        return 1f - 2f / (exp(2f * v) + 1f);
    }
}
