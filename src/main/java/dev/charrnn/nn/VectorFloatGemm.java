package dev.charrnn.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatGemm}'s panel product written with the Vector API (incubating in JDK 17: loaded only when the JVM runs
 * with {@code --add-modules jdk.incubator.vector}, see {@link FloatGemm#VECTOR}). Six rows of C by two vectors of
 * columns stay in registers for the whole sum over k, so C is read and written once per block instead of once per
 * four k, and each loaded vector of B serves six rows. Same operation as the loops, term by term: one {@code fma}
 * per term (the product is not rounded before it is added), k from 0 upwards; so the same bits. One fused
 * instruction per term instead of a multiply and an add trained a 2 x 128 LSTM about 12% faster here
 * (docs/benchmarks.md).
 */
final class VectorFloatGemm implements FloatGemm.Kernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public void rows(
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
            int m1) {
        int m = m0;
        for (; m + 6 <= m1; m += 6) {
            int j = 0;
            for (; j + 2 * L <= w; j += 2 * L) {
                sixByTwo(C, N, A, a0 + m * am, am, ak, B, b0, ldb, K, m, p0, j);
            }
            for (int r = m; r < m + 6; r++) {
                one(C, N, A, a0 + r * am, ak, B, b0, ldb, K, r, p0, j, w);
            }
        }
        // the remaining rows in pairs: four accumulators instead of one per chain of adds
        for (; m + 2 <= m1; m += 2) {
            int j = 0;
            for (; j + 2 * L <= w; j += 2 * L) {
                twoByTwo(C, N, A, a0 + m * am, am, ak, B, b0, ldb, K, m, p0, j);
            }
            for (int r = m; r < m + 2; r++) {
                one(C, N, A, a0 + r * am, ak, B, b0, ldb, K, r, p0, j, w);
            }
        }
        for (; m < m1; m++) {
            one(C, N, A, a0 + m * am, ak, B, b0, ldb, K, m, p0, 0, w);
        }
    }

    /** Rows m, m+1 (row m of A from am0, the next am apart), block columns j..j+2L. */
    private static void twoByTwo(
            float[] C,
            int N,
            float[] A,
            int am0,
            int am,
            int ak,
            float[] B,
            int b0,
            int ldb,
            int K,
            int m,
            int p0,
            int j) {
        int c = m * N + p0 + j;
        FloatVector c00 = FloatVector.fromArray(S, C, c);
        FloatVector c01 = FloatVector.fromArray(S, C, c + L);
        FloatVector c10 = FloatVector.fromArray(S, C, c + N);
        FloatVector c11 = FloatVector.fromArray(S, C, c + N + L);
        int a = am0;
        int bj = b0 + j;
        for (int k = 0; k < K; k++, a += ak, bj += ldb) {
            FloatVector y0 = FloatVector.fromArray(S, B, bj);
            FloatVector y1 = FloatVector.fromArray(S, B, bj + L);
            FloatVector x = FloatVector.broadcast(S, A[a]);
            c00 = y0.fma(x, c00);
            c01 = y1.fma(x, c01);
            x = FloatVector.broadcast(S, A[a + am]);
            c10 = y0.fma(x, c10);
            c11 = y1.fma(x, c11);
        }
        c00.intoArray(C, c);
        c01.intoArray(C, c + L);
        c10.intoArray(C, c + N);
        c11.intoArray(C, c + N + L);
    }

    /** Rows m..m+5 (row m of A from am0, the next am apart), block columns j..j+2L. */
    private static void sixByTwo(
            float[] C,
            int N,
            float[] A,
            int am0,
            int am,
            int ak,
            float[] B,
            int b0,
            int ldb,
            int K,
            int m,
            int p0,
            int j) {
        int c = m * N + p0 + j;
        FloatVector c00 = FloatVector.fromArray(S, C, c);
        FloatVector c01 = FloatVector.fromArray(S, C, c + L);
        FloatVector c10 = FloatVector.fromArray(S, C, c + N);
        FloatVector c11 = FloatVector.fromArray(S, C, c + N + L);
        FloatVector c20 = FloatVector.fromArray(S, C, c + 2 * N);
        FloatVector c21 = FloatVector.fromArray(S, C, c + 2 * N + L);
        FloatVector c30 = FloatVector.fromArray(S, C, c + 3 * N);
        FloatVector c31 = FloatVector.fromArray(S, C, c + 3 * N + L);
        FloatVector c40 = FloatVector.fromArray(S, C, c + 4 * N);
        FloatVector c41 = FloatVector.fromArray(S, C, c + 4 * N + L);
        FloatVector c50 = FloatVector.fromArray(S, C, c + 5 * N);
        FloatVector c51 = FloatVector.fromArray(S, C, c + 5 * N + L);
        int a = am0;
        int bj = b0 + j;
        for (int k = 0; k < K; k++, a += ak, bj += ldb) {
            FloatVector y0 = FloatVector.fromArray(S, B, bj);
            FloatVector y1 = FloatVector.fromArray(S, B, bj + L);
            FloatVector x = FloatVector.broadcast(S, A[a]);
            c00 = y0.fma(x, c00);
            c01 = y1.fma(x, c01);
            x = FloatVector.broadcast(S, A[a + am]);
            c10 = y0.fma(x, c10);
            c11 = y1.fma(x, c11);
            x = FloatVector.broadcast(S, A[a + 2 * am]);
            c20 = y0.fma(x, c20);
            c21 = y1.fma(x, c21);
            x = FloatVector.broadcast(S, A[a + 3 * am]);
            c30 = y0.fma(x, c30);
            c31 = y1.fma(x, c31);
            x = FloatVector.broadcast(S, A[a + 4 * am]);
            c40 = y0.fma(x, c40);
            c41 = y1.fma(x, c41);
            x = FloatVector.broadcast(S, A[a + 5 * am]);
            c50 = y0.fma(x, c50);
            c51 = y1.fma(x, c51);
        }
        c00.intoArray(C, c);
        c01.intoArray(C, c + L);
        c10.intoArray(C, c + N);
        c11.intoArray(C, c + N + L);
        c20.intoArray(C, c + 2 * N);
        c21.intoArray(C, c + 2 * N + L);
        c30.intoArray(C, c + 3 * N);
        c31.intoArray(C, c + 3 * N + L);
        c40.intoArray(C, c + 4 * N);
        c41.intoArray(C, c + 4 * N + L);
        c50.intoArray(C, c + 5 * N);
        c51.intoArray(C, c + 5 * N + L);
    }

    /**
     * Row m (of A from a0), block columns j0..w: four vectors at a time, then one, then one column at a time. Four
     * vectors in flight because one chain of fused adds waits out each add's latency: a lone row (a thread's share
     * of 25 streams, or a column sum) otherwise ran at a quarter of the six-row tile's rate.
     */
    private static void one(
            float[] C,
            int N,
            float[] A,
            int a0,
            int ak,
            float[] B,
            int b0,
            int ldb,
            int K,
            int m,
            int p0,
            int j0,
            int w) {
        int j = j0;
        for (; j + 4 * L <= w; j += 4 * L) {
            int c = m * N + p0 + j;
            FloatVector acc0 = FloatVector.fromArray(S, C, c);
            FloatVector acc1 = FloatVector.fromArray(S, C, c + L);
            FloatVector acc2 = FloatVector.fromArray(S, C, c + 2 * L);
            FloatVector acc3 = FloatVector.fromArray(S, C, c + 3 * L);
            for (int k = 0, a = a0, bj = b0 + j; k < K; k++, a += ak, bj += ldb) {
                FloatVector x = FloatVector.broadcast(S, A[a]);
                acc0 = FloatVector.fromArray(S, B, bj).fma(x, acc0);
                acc1 = FloatVector.fromArray(S, B, bj + L).fma(x, acc1);
                acc2 = FloatVector.fromArray(S, B, bj + 2 * L).fma(x, acc2);
                acc3 = FloatVector.fromArray(S, B, bj + 3 * L).fma(x, acc3);
            }
            acc0.intoArray(C, c);
            acc1.intoArray(C, c + L);
            acc2.intoArray(C, c + 2 * L);
            acc3.intoArray(C, c + 3 * L);
        }
        for (; j + L <= w; j += L) {
            int c = m * N + p0 + j;
            FloatVector acc = FloatVector.fromArray(S, C, c);
            for (int k = 0, a = a0, bj = b0 + j; k < K; k++, a += ak, bj += ldb) {
                acc = FloatVector.fromArray(S, B, bj).fma(FloatVector.broadcast(S, A[a]), acc);
            }
            acc.intoArray(C, c);
        }
        for (; j < w; j++) {
            int c = m * N + p0 + j;
            float s = C[c];
            for (int k = 0, a = a0, bj = b0 + j; k < K; k++, a += ak, bj += ldb) {
                s = Math.fma(A[a], B[bj], s);
            }
            C[c] = s;
        }
    }
}
