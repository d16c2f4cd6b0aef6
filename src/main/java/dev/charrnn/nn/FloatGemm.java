package dev.charrnn.nn;

/**
 * The single-precision kernel behind {@link Matmul}: one thread's scratch and the loops. {@link DoubleGemm} is the
 * same code for double.
 *
 * <p>Each output element {@code C[m][n]} is computed as {@code ((C[m][n] + a(m,0) b(0,n)) + a(m,1) b(1,n)) + ...}
 * up to k = K-1: products rounded, then added one at a time from k = 0 upwards. The loops below only choose which
 * elements are in flight together, so the result is the same bits whatever the blocking, the split over threads or
 * the vector width, and equal to the textbook triple loop with {@code s += a * b}.
 *
 * <p>Why the copies: the JDK 17 C2 compiler vectorises {@code out[c] = out[c] + r0[c]*s0 + ... + r3[c]*s3} only
 * when every array is indexed from 0 (an offset into a flat array, {@code b[off + c]}, left these loops scalar at
 * 3-6 GFLOP/s; rows from 0 ran at 25-35 in float). So the N range is cut into panels of {@link Matmul#PANEL} columns and
 * the panel of B is copied into K row arrays (transposing it for the {@code A·Bᵀ} form), and each row of C into a
 * row array while it is accumulated. The copies are O(K·N + M·N) against O(M·K·N) work, and a panel of B
 * (K × 256 floats) stays in the L2 cache while every row of C streams over it.
 */
final class FloatGemm {
    private float[][] panel = new float[0][];
    private final float[] row = new float[Matmul.PANEL];

    /**
     * {@code C[m][n] += sum_k a(m,k) b(k,n)} for m in [m0, m1) and n in [n0, n1), with
     * {@code a(m,k) = A[m*am + k*ak]} and {@code b(k,n) = transB ? B[n*K + k] : B[k*N + n]}.
     * Shapes: C [M×N] (row stride N), K the length of every sum.
     */
    void mulAdd(float[] C, float[] A, int am, int ak, float[] B, boolean transB, int K, int N, int m0, int m1,
            int n0, int n1) {
        for (int p0 = n0; p0 < n1; p0 += Matmul.PANEL) {
            int w = Math.min(Matmul.PANEL, n1 - p0);
            float[][] b = fill(B, transB, K, N, p0, w);
            for (int m = m0; m < m1; m++) {
                int c = m * N + p0;
                System.arraycopy(C, c, row, 0, w);
                int a = m * am;
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
    }

    /** Rows 0..K-1 of the panel: b(k, p0 .. p0+w). */
    private float[][] fill(float[] B, boolean transB, int K, int N, int p0, int w) {
        if (panel.length < K) {
            float[][] grown = new float[K][];
            System.arraycopy(panel, 0, grown, 0, panel.length);
            for (int k = panel.length; k < K; k++) {
                grown[k] = new float[Matmul.PANEL];
            }
            panel = grown;
        }
        if (transB) {
            // B is [N×K]: walk it row by row (contiguous reads), scattering into the panel's columns.
            for (int j = 0; j < w; j++) {
                int src = (p0 + j) * K;
                for (int k = 0; k < K; k++) {
                    panel[k][j] = B[src + k];
                }
            }
        } else {
            for (int k = 0; k < K; k++) {
                System.arraycopy(B, k * N + p0, panel[k], 0, w);
            }
        }
        return panel;
    }

    /** out[c] += s0*r0[c] + s1*r1[c] + s2*r2[c] + s3*r3[c], added left to right: four axpys in one pass. */
    private static void axpy4(float[] out, float[] r0, float s0, float[] r1, float s1, float[] r2, float s2,
            float[] r3, float s3, int n) {
        for (int c = 0; c < n; c++) {
            out[c] = out[c] + s0 * r0[c] + s1 * r1[c] + s2 * r2[c] + s3 * r3[c];
        }
    }

    private static void axpy1(float[] out, float[] r0, float s0, int n) {
        for (int c = 0; c < n; c++) {
            out[c] = out[c] + s0 * r0[c];
        }
    }
}
