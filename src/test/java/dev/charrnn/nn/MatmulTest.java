package dev.charrnn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Matmul} against the textbook loop {@code s = C[m][n]; for k in 0..K-1: s += a(m,k) * b(k,n)}: the same
 * summation order, so the same bits, for sizes that are not multiples of the kernels' blocks (4 k, 6 rows, vectors,
 * 256-column panels, 256-deep blocks of k), in every form and both precisions; the same bits with one thread and
 * with two; and the same bits from the plain loops as from the Vector API's kernels (the tests run with
 * {@code --add-modules jdk.incubator.vector}, see pom.xml, so {@link Matmul} itself runs on the latter).
 */
class MatmulTest {

    /** a(m,k) and b(k,n) as the three forms store them. */
    private enum Form {
        NN,
        NT,
        TN;

        int a(int m, int k, int M, int K) {
            return this == TN ? k * M + m : m * K + k;
        }

        int b(int k, int n, int K, int N) {
            return this == NT ? n * K + k : k * N + n;
        }
    }

    @ParameterizedTest
    @CsvSource({
        "NN,7,13,300",
        "NT,7,13,300",
        "TN,7,13,300",
        "NN,5,1,3",
        "NT,3,6,529",
        "TN,9,259,2",
        "NN,50,65,128",
        "NT,1,3,1",
        "TN,1,2,257",
        "NN,13,600,37",
        "TN,20,531,70"
    })
    void doubleEqualsTheTextbookLoop(Form form, int M, int K, int N) {
        double[][] abc = doubles(M * K, K * N, M * N, M * 1000 + K * 10 + N);
        double[] expected = abc[2].clone();
        for (int m = 0; m < M; m++) {
            for (int n = 0; n < N; n++) {
                double s = expected[m * N + n];
                for (int k = 0; k < K; k++) {
                    s += abc[0][form.a(m, k, M, K)] * abc[1][form.b(k, n, K, N)];
                }
                expected[m * N + n] = s;
            }
        }
        double[] C = abc[2].clone();
        mulAdd(form, C, abc[0], abc[1], M, K, N, null);
        assertThat(C).containsExactly(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "NN,7,13,300",
        "NT,7,13,300",
        "TN,7,13,300",
        "NN,5,1,3",
        "NT,3,6,529",
        "TN,9,259,2",
        "NN,50,65,128",
        "NT,1,3,1",
        "TN,1,2,257",
        "NT,13,600,37",
        "TN,20,531,70"
    })
    void floatEqualsTheTextbookLoopAndIsCloseToTheExactSum(Form form, int M, int K, int N) {
        float[][] abc = floats(M * K, K * N, M * N, M * 1000 + K * 10 + N);
        float[] expected = abc[2].clone();
        for (int m = 0; m < M; m++) {
            for (int n = 0; n < N; n++) {
                float s = expected[m * N + n];
                double exact = s;
                double scale = Math.abs(s);
                for (int k = 0; k < K; k++) {
                    float a = abc[0][form.a(m, k, M, K)];
                    float b = abc[1][form.b(k, n, K, N)];
                    s = Math.fma(a, b, s);
                    exact += (double) a * b;
                    scale += Math.abs((double) a * b);
                }
                expected[m * N + n] = s;
                // the float sum stays within the classical bound of recursive summation
                assertThat(Math.abs(s - exact)).isLessThanOrEqualTo((K + 1) * 0x1p-24 * scale);
            }
        }
        float[] C = abc[2].clone();
        mulAdd(form, C, abc[0], abc[1], M, K, N, null);
        assertThat(C).containsExactly(expected);
    }

    /** Both ways of sharing C: by panels of columns (N = 700: 3 panels) and by rows (N = 100: 1 panel). */
    @ParameterizedTest
    @CsvSource({"NN,50,131,700", "NT,50,131,700", "TN,50,131,700", "NN,51,517,100", "NT,51,517,100", "TN,513,51,100"})
    void twoThreadsGiveTheBitsOfOne(Form form, int M, int K, int N) {
        double[][] d = doubles(M * K, K * N, M * N, 7);
        float[][] f = floats(M * K, K * N, M * N, 7);
        double[] d1 = d[2].clone();
        double[] d2 = d[2].clone();
        float[] f1 = f[2].clone();
        float[] f2 = f[2].clone();
        try (Workers two = Workers.of(2)) {
            mulAdd(form, d1, d[0], d[1], M, K, N, null);
            mulAdd(form, d2, d[0], d[1], M, K, N, two);
            mulAdd(form, f1, f[0], f[1], M, K, N, Workers.of(1));
            mulAdd(form, f2, f[0], f[1], M, K, N, two);
        }
        assertThat(d2).containsExactly(d1);
        assertThat(f2).containsExactly(f1);
        assertThat(d1).isNotEqualTo(d[2]);
    }

    /** A caller's own split of the rows (as the recurrences split a batch's streams) gives the whole product's bits. */
    @ParameterizedTest
    @CsvSource({"50,128,512", "25,512,128", "7,65,300"})
    void rowRangesGiveTheBitsOfTheWholeProduct(int M, int K, int N) {
        double[][] d = doubles(M * K, K * N, M * N, 5);
        float[][] f = floats(M * K, K * N, M * N, 5);
        double[] dWhole = d[2].clone();
        double[] dParts = d[2].clone();
        float[] fWhole = f[2].clone();
        float[] fParts = f[2].clone();
        Matmul.mulAddInPlace(dWhole, d[0], d[1], M, K, N);
        Matmul.mulAddInPlace(fWhole, f[0], f[1], M, K, N);
        int[] cuts = {0, M / 3, M / 3 + 1, M};
        for (int i = 0; i + 1 < cuts.length; i++) {
            Matmul.mulAddRowsInPlace(dParts, d[0], d[1], M, K, N, cuts[i], cuts[i + 1]);
            Matmul.mulAddRowsInPlace(fParts, f[0], f[1], M, K, N, cuts[i], cuts[i + 1]);
        }
        assertThat(dParts).containsExactly(dWhole);
        assertThat(fParts).containsExactly(fWhole);
        assertThatThrownBy(() -> Matmul.mulAddRowsInPlace(fParts, f[0], f[1], M, K, N, 1, M + 1))
                .hasMessageContaining("[1, " + (M + 1) + ")");
    }

    @ParameterizedTest
    @CsvSource({"NN,50,130,300", "NT,50,130,300", "TN,50,130,300", "NN,7,517,65", "NT,11,3,33", "TN,6,300,17"})
    void loopsAndVectorKernelsGiveTheSameBits(Form form, int M, int K, int N) {
        assertThat(Matmul.route()).isEqualTo("vector");
        double[][] d = doubles(M * K, K * N, M * N, 11);
        float[][] f = floats(M * K, K * N, M * N, 11);
        double[] dLoops = d[2].clone();
        double[] dVector = d[2].clone();
        float[] fLoops = f[2].clone();
        float[] fVector = f[2].clone();
        int am = form == Form.TN ? 1 : K;
        int ak = form == Form.TN ? M : 1;
        boolean transB = form == Form.NT;
        new DoubleGemm(null).mulAdd(dLoops, d[0], am, ak, d[1], transB, K, N, 0, M, 0, N);
        new DoubleGemm(DoubleGemm.VECTOR).mulAdd(dVector, d[0], am, ak, d[1], transB, K, N, 0, M, 0, N);
        new FloatGemm(null).mulAdd(fLoops, f[0], am, ak, f[1], transB, K, N, 0, M, 0, N);
        new FloatGemm(FloatGemm.VECTOR).mulAdd(fVector, f[0], am, ak, f[1], transB, K, N, 0, M, 0, N);
        assertThat(dVector).containsExactly(dLoops);
        assertThat(fVector).containsExactly(fLoops);
        double[] expected = d[2].clone();
        mulAdd(form, expected, d[0], d[1], M, K, N, null);
        assertThat(dLoops).containsExactly(expected);
    }

    @Test
    void twoThreadsShareTheWork() {
        int M = 50, K = 64, N = 700;
        float[][] f = floats(M * K, K * N, M * N, 3);
        Thread main = Thread.currentThread();
        ConcurrentHashMap<Thread, Boolean> seen = new ConcurrentHashMap<>();
        try (Workers two = Workers.of(2)) {
            two.run(part -> seen.put(Thread.currentThread(), true));
            assertThat(seen).hasSize(2).containsKey(main);
            Matmul.mulAddInPlace(f[2], f[0], f[1], M, K, N, two);
        }
    }

    @Test
    void workersRunEveryPartOnceAndPassOnFailures() {
        try (Workers three = Workers.of(3)) {
            AtomicInteger[] calls = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
            for (int round = 0; round < 200; round++) {
                three.run(part -> calls[part].incrementAndGet());
            }
            assertThat(calls).allSatisfy(c -> assertThat(c.get()).isEqualTo(200));
            assertThatThrownBy(() -> three.run(part -> {
                        if (part == 2) {
                            throw new IllegalStateException("part 2 failed");
                        }
                    }))
                    .hasMessage("part 2 failed");
            three.run(part -> calls[part].incrementAndGet());
            assertThat(calls[1].get()).isEqualTo(201);
        }
        assertThatThrownBy(() -> Workers.of(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptySumLeavesCAlone() {
        double[] C = {1.5, -2.5};
        Matmul.mulAddTransBInPlace(C, new double[0], new double[0], 1, 0, 2);
        assertThat(C).containsExactly(1.5, -2.5);
    }

    @Test
    void shapeErrorsNameTheShapes() {
        assertThatThrownBy(() -> Matmul.mulAddInPlace(new float[6], new float[6], new float[5], 2, 3, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2x3")
                .hasMessageContaining("B 5 for 3x3");
    }

    private static void mulAdd(Form form, double[] C, double[] A, double[] B, int M, int K, int N, Workers w) {
        switch (form) {
            case NN -> Matmul.mulAddInPlace(C, A, B, M, K, N, w);
            case NT -> Matmul.mulAddTransBInPlace(C, A, B, M, K, N, w);
            case TN -> Matmul.mulAddTransAInPlace(C, A, B, M, K, N, w);
        }
    }

    private static void mulAdd(Form form, float[] C, float[] A, float[] B, int M, int K, int N, Workers w) {
        switch (form) {
            case NN -> Matmul.mulAddInPlace(C, A, B, M, K, N, w);
            case NT -> Matmul.mulAddTransBInPlace(C, A, B, M, K, N, w);
            case TN -> Matmul.mulAddTransAInPlace(C, A, B, M, K, N, w);
        }
    }

    /** A, B and C with entries of mixed magnitudes, so that the order of a sum shows in its last bits. */
    private static double[][] doubles(int a, int b, int c, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] out = {new double[a], new double[b], new double[c]};
        for (double[] x : out) {
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextDouble(-1, 1) * Math.scalb(1.0, rng.nextInt(-8, 9));
            }
        }
        return out;
    }

    private static float[][] floats(int a, int b, int c, long seed) {
        double[][] d = doubles(a, b, c, seed);
        float[][] out = new float[3][];
        for (int j = 0; j < 3; j++) {
            out[j] = new float[d[j].length];
            for (int i = 0; i < d[j].length; i++) {
                out[j][i] = (float) d[j][i];
            }
        }
        return out;
    }
}
