package dev.charrnn.nn;

/**
 * Matrix products on flat row-major arrays, for the batched cells: every product a batched layer needs is one of
 * these three shapes. Each output element is one sum over k from 0 to K-1, in that order, so the result does not
 * depend on how the work is laid out or split.
 */
public final class Matmul {

    private Matmul() {
    }

    /** C[M×N] += A[M×K] · B[K×N]. */
    public static void mulAddInPlace(double[] C, double[] A, double[] B, int M, int K, int N) {
        checkShapes(C.length, A.length, B.length, M, K, N);
        for (int m = 0; m < M; m++) {
            for (int n = 0; n < N; n++) {
                double s = C[m * N + n];
                for (int k = 0; k < K; k++) {
                    s += A[m * K + k] * B[k * N + n];
                }
                C[m * N + n] = s;
            }
        }
    }

    /** C[M×N] += A[M×K] · Bᵀ, with B stored as [N×K]. */
    public static void mulAddTransBInPlace(double[] C, double[] A, double[] B, int M, int K, int N) {
        checkShapes(C.length, A.length, B.length, M, K, N);
        for (int m = 0; m < M; m++) {
            for (int n = 0; n < N; n++) {
                double s = C[m * N + n];
                for (int k = 0; k < K; k++) {
                    s += A[m * K + k] * B[n * K + k];
                }
                C[m * N + n] = s;
            }
        }
    }

    /** C[M×N] += Aᵀ · B, with A stored as [K×M] and B as [K×N]. */
    public static void mulAddTransAInPlace(double[] C, double[] A, double[] B, int M, int K, int N) {
        checkShapes(C.length, A.length, B.length, M, K, N);
        for (int m = 0; m < M; m++) {
            for (int n = 0; n < N; n++) {
                double s = C[m * N + n];
                for (int k = 0; k < K; k++) {
                    s += A[k * M + m] * B[k * N + n];
                }
                C[m * N + n] = s;
            }
        }
    }

    private static void checkShapes(int c, int a, int b, int M, int K, int N) {
        if (c < M * N || a < M * K || b < K * N) {
            throw new IllegalArgumentException("shapes do not fit: C has " + c + " elements for [" + M + "x" + N
                    + "], A " + a + " for " + M + "x" + K + ", B " + b + " for " + K + "x" + N);
        }
    }
}
