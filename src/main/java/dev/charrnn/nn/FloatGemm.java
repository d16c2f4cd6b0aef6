package dev.charrnn.nn;

/**
 * The single-precision kernel behind {@link Matmul}: one thread's scratch and the loops. {@link DoubleGemm} is the
 * same code for double.
 *
 * <p>Each output element {@code C[m][n]} is computed as {@code fma(a(m,K-1), b(K-1,n), ... fma(a(m,0), b(0,n),
 * C[m][n]))}: one fused multiply-add per term (rounded once), from k = 0 upwards. The loops below only choose which
 * elements are in flight together, so the result is the same bits whatever the blocking, the split over threads or
 * the vector width, and equal to the textbook triple loop with {@code s = Math.fma(a, b, s)}. (The double kernel,
 * {@link DoubleGemm}, keeps a rounded product and an add: its results are the ones the PyTorch double fixtures
 * were checked against.)
 *
 * <p>B is copied, a block of {@link Matmul#DEPTH} k by {@link Matmul#PANEL} columns at a time (transposed for the
 * {@code A·Bᵀ} form), into row arrays that stay in the L2 cache while every row of C streams over them; the
 * blocks over k are taken in order and C holds the running sums between them. The copies are O(K·N) per call
 * against O(M·K·N) work. The plain loops also need them: the JDK 17 C2 compiler vectorises
 * {@code out[c] = out[c] + r0[c]*s0 + ... + r3[c]*s3} only when every array is indexed from 0 (offsets into one
 * flat array left these loops scalar, 3-6 GFLOP/s against 25-35 for rows from 0, float); so each row of C is
 * accumulated in a row array too.
 */
final class FloatGemm {
    /** The Vector API's kernel for a block when the JVM has {@code jdk.incubator.vector}, else null: plain loops. */
    static final Kernel VECTOR = Vectors.load("dev.charrnn.nn.VectorFloatGemm", Kernel.class);

    /**
     * {@code C[m][p0 + j] += sum_{k<K} A[a0 + m*am + k*ak] * B[b0 + k*ldb + j]} for m in [m0, m1), j in [0, w), k in
     * order. C is [·×N].
     */
    interface Kernel {
        void rows(
                float[] C,
                int N,
                float[] A,
                int a0,
                int am,
                int ak,
                float[] B,
                int b0,
                int ldb,
                int K,
                int p0,
                int w,
                int m0,
                int m1);
    }

    private final float[][] block = new float[Matmul.DEPTH][Matmul.PANEL];
    /** The Vector API kernel's copy of a block of Bᵀ, row-major [DEPTH×PANEL]. */
    private final float[] flatBlock = new float[Matmul.DEPTH * Matmul.PANEL];

    private final float[] row = new float[Matmul.PANEL];
    private final Kernel vector;

    FloatGemm() {
        this(VECTOR);
    }

    /** With {@code vector} null, the plain loops whatever the JVM has. */
    FloatGemm(Kernel vector) {
        this.vector = vector;
    }

    /**
     * {@code C[m][n] += sum_k a(m,k) b(k,n)} for m in [m0, m1) and n in [n0, n1), with
     * {@code a(m,k) = A[m*am + k*ak]} and {@code b(k,n) = transB ? B[n*K + k] : B[k*N + n]}.
     * Shapes: C [M×N] (row stride N), K the length of every sum.
     */
    void mulAdd(
            float[] C,
            float[] A,
            int am,
            int ak,
            float[] B,
            boolean transB,
            int K,
            int N,
            int m0,
            int m1,
            int n0,
            int n1) {
        for (int p0 = n0; p0 < n1; p0 += Matmul.PANEL) {
            int w = Math.min(Matmul.PANEL, n1 - p0);
            for (int k0 = 0; k0 < K; k0 += Matmul.DEPTH) {
                int kc = Math.min(Matmul.DEPTH, K - k0);
                if (vector == null) {
                    fill(B, transB, K, N, k0, kc, p0, w);
                    loops(C, N, A, k0 * ak, am, ak, block, kc, p0, w, m0, m1);
                } else if (transB) {
                    fillFlat(B, K, k0, kc, p0, w);
                    vector.rows(C, N, A, k0 * ak, am, ak, flatBlock, 0, Matmul.PANEL, kc, p0, w, m0, m1);
                } else {
                    // rows of B are read where they are: vector loads take any offset, and a copy costs about a
                    // sixth of a batch-50 product's time
                    vector.rows(C, N, A, k0 * ak, am, ak, B, k0 * N + p0, N, kc, p0, w, m0, m1);
                }
            }
        }
    }

    /** {@link Kernel#rows} with loops the JIT vectorises: four k per pass over a row of C. */
    private void loops(
            float[] C, int N, float[] A, int a0, int am, int ak, float[][] b, int K, int p0, int w, int m0, int m1) {
        for (int m = m0; m < m1; m++) {
            int c = m * N + p0;
            System.arraycopy(C, c, row, 0, w);
            int a = a0 + m * am;
            int k = 0;
            for (; k + 4 <= K; k += 4, a += 4 * ak) {
                axpy4(row, b[k], A[a], b[k + 1], A[a + ak], b[k + 2], A[a + 2 * ak], b[k + 3], A[a + 3 * ak], w);
            }
            for (; k < K; k++, a += ak) {
                axpy1(row, b[k], A[a], w);
            }
            System.arraycopy(row, 0, C, c, w);
        }
    }

    /** block[i][j] = b(k0 + i, p0 + j) for i < kc, j < w. */
    private void fill(float[] B, boolean transB, int K, int N, int k0, int kc, int p0, int w) {
        if (transB) {
            // B is [N×K]: read along its rows (contiguous), scatter into the block's columns.
            for (int j = 0; j < w; j++) {
                int src = (p0 + j) * K + k0;
                for (int i = 0; i < kc; i++) {
                    block[i][j] = B[src + i];
                }
            }
        } else {
            for (int i = 0; i < kc; i++) {
                System.arraycopy(B, (k0 + i) * N + p0, block[i], 0, w);
            }
        }
    }

    /** flatBlock[i*PANEL + j] = B[(p0 + j)*K + k0 + i] for i < kc, j < w: a block of Bᵀ, B being [N×K]. */
    private void fillFlat(float[] B, int K, int k0, int kc, int p0, int w) {
        for (int j = 0; j < w; j++) {
            int src = (p0 + j) * K + k0;
            for (int i = 0; i < kc; i++) {
                flatBlock[i * Matmul.PANEL + j] = B[src + i];
            }
        }
    }

    /** out[c] = fma(s3, r3[c], fma(s2, r2[c], fma(s1, r1[c], fma(s0, r0[c], out[c])))): four axpys in one pass. */
    private static void axpy4(
            float[] out,
            float[] r0,
            float s0,
            float[] r1,
            float s1,
            float[] r2,
            float s2,
            float[] r3,
            float s3,
            int n) {
        for (int c = 0; c < n; c++) {
            out[c] = Math.fma(s3, r3[c], Math.fma(s2, r2[c], Math.fma(s1, r1[c], Math.fma(s0, r0[c], out[c]))));
        }
    }

    private static void axpy1(float[] out, float[] r0, float s0, int n) {
        for (int c = 0; c < n; c++) {
            out[c] = Math.fma(s0, r0[c], out[c]);
        }
    }
}
