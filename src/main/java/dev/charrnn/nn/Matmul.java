package dev.charrnn.nn;

/**
 * Matrix products on flat row-major arrays, for the batched cells: every product a batched layer needs is one of
 * these three shapes, in double and in float. Each takes an optional {@link Workers} to split the output over
 * threads.
 *
 * <p>Summation order, the same for every form, precision, blocking and thread count: each output element is
 * {@code C[m][n] + a(m,0) b(0,n) + a(m,1) b(1,n) + ... + a(m,K-1) b(K-1,n)}, added left to right, which is also the
 * order of the textbook loop {@code s = C[m][n]; for k: s += a * b} in double and
 * {@code for k: s = Math.fma(a, b, s)} in float (one rounding a term: docs/decisions.md). Threads share the output by columns (panels of
 * {@value #PANEL}) or, when there are too few panels, by rows; never by k. So a run gives the same bits
 * with any number of threads, and on either route: the Vector API's kernels when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}, else loops the JIT vectorises ({@link #route()}; docs/decisions.md,
 * "Matrix products for the batched cells").
 */
public final class Matmul {
    /** Columns of B per block (see {@link DoubleGemm}); the unit in which threads share C's columns. */
    static final int PANEL = 256;
    /**
     * Rows (k) of B per block: a block is 128 KiB of floats, 256 KiB of doubles, within a 1 MiB L2 cache, and the
     * strip of it a six-row tile of the Vector API kernel walks (128 k by two vectors) is 16 KiB, within the 32 KiB
     * L1 cache alongside A and C. At 256 the strip filled L1 and a 2 x 512 LSTM trained about 9% slower in float32
     * (at 64, a 2 x 128 one 10% slower: C is read and written once per block). The blocking never changes a sum's
     * order.
     */
    static final int DEPTH = 128;

    /** Below this many multiply-adds a product runs on the calling thread: a hand-off costs more. */
    private static final long SPLIT_WORK = 1 << 15;

    private static final ThreadLocal<DoubleGemm> DOUBLE = ThreadLocal.withInitial(DoubleGemm::new);
    private static final ThreadLocal<FloatGemm> FLOAT = ThreadLocal.withInitial(FloatGemm::new);

    private Matmul() {}

    /** C[M×N] += A[M×K] · B[K×N]. */
    public static void mulAddInPlace(double[] C, double[] A, double[] B, int M, int K, int N) {
        mulAddInPlace(C, A, B, M, K, N, null);
    }

    /** C[M×N] += A[M×K] · B[K×N], split over {@code workers} (null: the calling thread). */
    public static void mulAddInPlace(double[] C, double[] A, double[] B, int M, int K, int N, Workers workers) {
        checkShapes(C.length, A.length, B.length, M, K, N);
        split(workers, M, K, N, (m0, m1, n0, n1) -> DOUBLE.get().mulAdd(C, A, K, 1, B, false, K, N, m0, m1, n0, n1));
    }

    /**
     * Rows [m0, m1) of C[M×N] += A[M×K] · B[K×N], on the calling thread: for callers that split a batch's rows over
     * threads themselves, so that a whole loop over time runs without a hand-off per product. Each element's sum is
     * the one {@link #mulAddInPlace} forms, so the bits do not depend on the split.
     */
    public static void mulAddRowsInPlace(double[] C, double[] A, double[] B, int M, int K, int N, int m0, int m1) {
        checkShapes(C.length, A.length, B.length, M, K, N);
        checkRows(M, m0, m1);
        DOUBLE.get().mulAdd(C, A, K, 1, B, false, K, N, m0, m1, 0, N);
    }

    /** C[M×N] += A[M×K] · Bᵀ, with B stored as [N×K]. */
    public static void mulAddTransBInPlace(double[] C, double[] A, double[] B, int M, int K, int N) {
        mulAddTransBInPlace(C, A, B, M, K, N, null);
    }

    /** C[M×N] += A[M×K] · Bᵀ, with B stored as [N×K], split over {@code workers} (null: the calling thread). */
    public static void mulAddTransBInPlace(double[] C, double[] A, double[] B, int M, int K, int N, Workers workers) {
        checkShapes(C.length, A.length, B.length, M, K, N);
        split(workers, M, K, N, (m0, m1, n0, n1) -> DOUBLE.get().mulAdd(C, A, K, 1, B, true, K, N, m0, m1, n0, n1));
    }

    /** C[M×N] += Aᵀ · B, with A stored as [K×M] and B as [K×N]. */
    public static void mulAddTransAInPlace(double[] C, double[] A, double[] B, int M, int K, int N) {
        mulAddTransAInPlace(C, A, B, M, K, N, null);
    }

    /** C[M×N] += Aᵀ · B, A stored as [K×M], B as [K×N], split over {@code workers} (null: the calling thread). */
    public static void mulAddTransAInPlace(double[] C, double[] A, double[] B, int M, int K, int N, Workers workers) {
        checkShapes(C.length, A.length, B.length, M, K, N);
        split(workers, M, K, N, (m0, m1, n0, n1) -> DOUBLE.get().mulAdd(C, A, 1, M, B, false, K, N, m0, m1, n0, n1));
    }

    /** C[M×N] += A[M×K] · B[K×N]. */
    public static void mulAddInPlace(float[] C, float[] A, float[] B, int M, int K, int N) {
        mulAddInPlace(C, A, B, M, K, N, null);
    }

    /** C[M×N] += A[M×K] · B[K×N], split over {@code workers} (null: the calling thread). */
    public static void mulAddInPlace(float[] C, float[] A, float[] B, int M, int K, int N, Workers workers) {
        checkShapes(C.length, A.length, B.length, M, K, N);
        split(workers, M, K, N, (m0, m1, n0, n1) -> FLOAT.get().mulAdd(C, A, K, 1, B, false, K, N, m0, m1, n0, n1));
    }

    /** Rows [m0, m1) of C[M×N] += A[M×K] · B[K×N], on the calling thread (see the double form). */
    public static void mulAddRowsInPlace(float[] C, float[] A, float[] B, int M, int K, int N, int m0, int m1) {
        checkShapes(C.length, A.length, B.length, M, K, N);
        checkRows(M, m0, m1);
        FLOAT.get().mulAdd(C, A, K, 1, B, false, K, N, m0, m1, 0, N);
    }

    /** C[M×N] += A[M×K] · Bᵀ, with B stored as [N×K]. */
    public static void mulAddTransBInPlace(float[] C, float[] A, float[] B, int M, int K, int N) {
        mulAddTransBInPlace(C, A, B, M, K, N, null);
    }

    /** C[M×N] += A[M×K] · Bᵀ, with B stored as [N×K], split over {@code workers} (null: the calling thread). */
    public static void mulAddTransBInPlace(float[] C, float[] A, float[] B, int M, int K, int N, Workers workers) {
        checkShapes(C.length, A.length, B.length, M, K, N);
        split(workers, M, K, N, (m0, m1, n0, n1) -> FLOAT.get().mulAdd(C, A, K, 1, B, true, K, N, m0, m1, n0, n1));
    }

    /** C[M×N] += Aᵀ · B, with A stored as [K×M] and B as [K×N]. */
    public static void mulAddTransAInPlace(float[] C, float[] A, float[] B, int M, int K, int N) {
        mulAddTransAInPlace(C, A, B, M, K, N, null);
    }

    /** C[M×N] += Aᵀ · B, A stored as [K×M], B as [K×N], split over {@code workers} (null: the calling thread). */
    public static void mulAddTransAInPlace(float[] C, float[] A, float[] B, int M, int K, int N, Workers workers) {
        checkShapes(C.length, A.length, B.length, M, K, N);
        split(workers, M, K, N, (m0, m1, n0, n1) -> FLOAT.get().mulAdd(C, A, 1, M, B, false, K, N, m0, m1, n0, n1));
    }

    /** One thread's share of C: rows [m0, m1) × columns [n0, n1). */
    private interface Block {
        void run(int m0, int m1, int n0, int n1);
    }

    /**
     * Gives each of the workers' threads a contiguous share of C: whole panels of columns when there are at least as
     * many panels as threads (each thread then copies only its own panels of B), otherwise rows.
     */
    private static void split(Workers workers, int M, int K, int N, Block block) {
        int parts = workers == null ? 1 : workers.threads();
        if (parts == 1 || (long) M * K * N < SPLIT_WORK) {
            block.run(0, M, 0, N);
            return;
        }
        int panels = (N + PANEL - 1) / PANEL;
        if (panels >= parts) {
            workers.run(i -> block.run(
                    0, M, Math.min(N, panels * i / parts * PANEL), Math.min(N, panels * (i + 1) / parts * PANEL)));
        } else {
            workers.run(i -> block.run(M * i / parts, M * (i + 1) / parts, 0, N));
        }
    }

    /**
     * What the products run on in this JVM: "vector" (the Vector API, when started with
     * {@code --add-modules jdk.incubator.vector}) or "loops" (plain loops the JIT vectorises). Same bits either way.
     */
    public static String route() {
        return Vectors.route();
    }

    private static void checkRows(int M, int m0, int m1) {
        if (m0 < 0 || m1 > M || m0 > m1) {
            throw new IllegalArgumentException("rows [" + m0 + ", " + m1 + ") are not within [0, " + M + ")");
        }
    }

    private static void checkShapes(int c, int a, int b, int M, int K, int N) {
        if (M < 0 || K < 0 || N < 0 || c < M * N || a < M * K || b < K * N) {
            throw new IllegalArgumentException("shapes do not fit: C has " + c + " elements for [" + M + "x" + N
                    + "], A " + a + " for " + M + "x" + K + ", B " + b + " for " + K + "x" + N);
        }
    }
}
