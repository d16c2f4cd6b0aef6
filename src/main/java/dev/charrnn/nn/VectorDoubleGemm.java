package dev.charrnn.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DoubleGemm}'s panel product written with the Vector API (incubating in JDK 17: loaded only when the JVM runs
 * with {@code --add-modules jdk.incubator.vector}, see {@link DoubleGemm#VECTOR}). Six rows of C by two vectors of
 * columns stay in registers for the whole sum over k, so C is read and written once per block instead of once per
 * four k, and each loaded vector of B serves six rows. Same order as the loops, term by term: {@code mul} then
 * {@code add}, never {@code fma}, k from 0 upwards; so the same bits.
 */
final class VectorDoubleGemm implements DoubleGemm.Kernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public void rows(
            double[] C, int N, double[] A, int a0, int am, int ak, double[][] b, int K, int p0, int w, int m0, int m1) {
        int m = m0;
        for (; m + 6 <= m1; m += 6) {
            int j = 0;
            for (; j + 2 * L <= w; j += 2 * L) {
                sixByTwo(C, N, A, a0 + m * am, am, ak, b, K, m, p0, j);
            }
            for (int r = m; r < m + 6; r++) {
                one(C, N, A, a0 + r * am, ak, b, K, r, p0, j, w);
            }
        }
        for (; m < m1; m++) {
            one(C, N, A, a0 + m * am, ak, b, K, m, p0, 0, w);
        }
    }

    /** Rows m..m+5 (row m of A from am0, the next am apart), block columns j..j+2L. */
    private static void sixByTwo(
            double[] C, int N, double[] A, int am0, int am, int ak, double[][] b, int K, int m, int p0, int j) {
        int c = m * N + p0 + j;
        DoubleVector c00 = DoubleVector.fromArray(S, C, c);
        DoubleVector c01 = DoubleVector.fromArray(S, C, c + L);
        DoubleVector c10 = DoubleVector.fromArray(S, C, c + N);
        DoubleVector c11 = DoubleVector.fromArray(S, C, c + N + L);
        DoubleVector c20 = DoubleVector.fromArray(S, C, c + 2 * N);
        DoubleVector c21 = DoubleVector.fromArray(S, C, c + 2 * N + L);
        DoubleVector c30 = DoubleVector.fromArray(S, C, c + 3 * N);
        DoubleVector c31 = DoubleVector.fromArray(S, C, c + 3 * N + L);
        DoubleVector c40 = DoubleVector.fromArray(S, C, c + 4 * N);
        DoubleVector c41 = DoubleVector.fromArray(S, C, c + 4 * N + L);
        DoubleVector c50 = DoubleVector.fromArray(S, C, c + 5 * N);
        DoubleVector c51 = DoubleVector.fromArray(S, C, c + 5 * N + L);
        int a = am0;
        for (int k = 0; k < K; k++, a += ak) {
            double[] bk = b[k];
            DoubleVector y0 = DoubleVector.fromArray(S, bk, j);
            DoubleVector y1 = DoubleVector.fromArray(S, bk, j + L);
            double x = A[a];
            c00 = c00.add(y0.mul(x));
            c01 = c01.add(y1.mul(x));
            x = A[a + am];
            c10 = c10.add(y0.mul(x));
            c11 = c11.add(y1.mul(x));
            x = A[a + 2 * am];
            c20 = c20.add(y0.mul(x));
            c21 = c21.add(y1.mul(x));
            x = A[a + 3 * am];
            c30 = c30.add(y0.mul(x));
            c31 = c31.add(y1.mul(x));
            x = A[a + 4 * am];
            c40 = c40.add(y0.mul(x));
            c41 = c41.add(y1.mul(x));
            x = A[a + 5 * am];
            c50 = c50.add(y0.mul(x));
            c51 = c51.add(y1.mul(x));
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

    /** Row m (of A from a0), block columns j0..w: four vectors at a time, then one, then one column at a time. */
    private static void one(
            double[] C, int N, double[] A, int a0, int ak, double[][] b, int K, int m, int p0, int j0, int w) {
        int j = j0;
        // four vectors in flight: one chain of adds waits out each add's latency (see VectorFloatGemm.one)
        for (; j + 4 * L <= w; j += 4 * L) {
            int c = m * N + p0 + j;
            DoubleVector acc0 = DoubleVector.fromArray(S, C, c);
            DoubleVector acc1 = DoubleVector.fromArray(S, C, c + L);
            DoubleVector acc2 = DoubleVector.fromArray(S, C, c + 2 * L);
            DoubleVector acc3 = DoubleVector.fromArray(S, C, c + 3 * L);
            for (int k = 0, a = a0; k < K; k++, a += ak) {
                double x = A[a];
                acc0 = acc0.add(DoubleVector.fromArray(S, b[k], j).mul(x));
                acc1 = acc1.add(DoubleVector.fromArray(S, b[k], j + L).mul(x));
                acc2 = acc2.add(DoubleVector.fromArray(S, b[k], j + 2 * L).mul(x));
                acc3 = acc3.add(DoubleVector.fromArray(S, b[k], j + 3 * L).mul(x));
            }
            acc0.intoArray(C, c);
            acc1.intoArray(C, c + L);
            acc2.intoArray(C, c + 2 * L);
            acc3.intoArray(C, c + 3 * L);
        }
        for (; j + L <= w; j += L) {
            int c = m * N + p0 + j;
            DoubleVector acc = DoubleVector.fromArray(S, C, c);
            for (int k = 0, a = a0; k < K; k++, a += ak) {
                acc = acc.add(DoubleVector.fromArray(S, b[k], j).mul(A[a]));
            }
            acc.intoArray(C, c);
        }
        for (; j < w; j++) {
            int c = m * N + p0 + j;
            double s = C[c];
            for (int k = 0, a = a0; k < K; k++, a += ak) {
                s += A[a] * b[k][j];
            }
            C[c] = s;
        }
    }
}
