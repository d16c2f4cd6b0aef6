package dev.charrnn.nn;

/**
 * The one seeded random number generator of a training run: xoshiro256** (Blackman and Vigna,
 * "Scrambled linear pseudorandom number generators", 2021) seeded through SplitMix64.
 * Its whole state is four longs, so a checkpoint can save and restore it exactly.
 */
public final class Rng {
    private long s0;
    private long s1;
    private long s2;
    private long s3;

    public Rng(long seed) {
        long x = seed;
        x += 0x9E3779B97F4A7C15L;
        s0 = mix(x);
        x += 0x9E3779B97F4A7C15L;
        s1 = mix(x);
        x += 0x9E3779B97F4A7C15L;
        s2 = mix(x);
        x += 0x9E3779B97F4A7C15L;
        s3 = mix(x);
    }

    private Rng(long[] state) {
        setState(state);
    }

    /** Rebuilds a generator from {@link #state()}. */
    public static Rng fromState(long[] state) {
        return new Rng(state);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound), without modulo bias (Lemire's method). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long m = ((nextLong() >>> 32) * bound);
        long l = m & 0xFFFFFFFFL;
        if (l < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (l < threshold) {
                m = ((nextLong() >>> 32) * bound);
                l = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /**
     * Standard normal by Box-Muller, one value per call. StrictMath keeps the draws identical on every JVM,
     * so a seed means the same initial weights everywhere.
     */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1]: log stays finite
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }

    public long[] state() {
        return new long[] {s0, s1, s2, s3};
    }

    public void setState(long[] state) {
        if (state.length != 4) {
            throw new IllegalArgumentException("Rng state has 4 longs, got " + state.length);
        }
        s0 = state[0];
        s1 = state[1];
        s2 = state[2];
        s3 = state[3];
    }
}
