import dev.ludovic.netlib.blas.BLAS;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The shapes of {@code bench matmul} through dev.ludovic.netlib:blas (the binding Spark uses: JNI to the system's
 * libblas.so.3, else a pure-Java fallback), to compare routes. Not part of the build; run from the repository with
 * the jars Maven fetches ({@code ./mvnw dependency:get -Dartifact=dev.ludovic.netlib:blas:3.0.3}):
 *
 * <pre>
 * M2=~/.m2/repository; CP=$M2/dev/ludovic/netlib/blas/3.0.3/blas-3.0.3.jar:$M2/net/sourceforge/f2j/arpack_combined_all/0.1/arpack_combined_all-0.1.jar
 * OPENBLAS_NUM_THREADS=1 taskset -c 1 java -cp $CP bench/NetlibMatmul.java 128,512 float32,float64
 * </pre>
 */
public class NetlibMatmul {
    public static void main(String[] args) {
        BLAS blas = BLAS.getInstance();
        check(blas);
        System.out.println("# netlib " + blas.getClass().getSimpleName() + ", median of 7 rounds of 0.30 s"
                + " [slowest fastest], GFLOP/s");
        for (String h : args[0].split(",")) {
            int H = Integer.parseInt(h), B = 50, V = 65, T = 50, G = 4 * H;
            Object[][] shapes = {
                {"gates += x W_ih^T, layer 0 (one-hot as dense)", "NT", B, V, G},
                {"gates += h W_hh^T", "NT", B, H, G},
                {"gates += h (W_hh^T kept transposed)", "NN", B, H, G},
                {"gates(all t) += X W_ih^T, M = T*B", "NT", T * B, H, G},
                {"dh += dgates W_hh", "NN", B, G, H},
                {"dW_hh += dgates^T h", "TN", G, B, H},
                {"dW_ih += dgates(all t)^T X, K = T*B", "TN", G, T * B, H},
                {"logits += h W_out^T", "NT", B, H, V},
                {"dh += dlogits W_out", "NN", B, V, H},
                {"dW_out += dlogits^T h", "TN", V, B, H}};
            for (String precision : args[1].split(",")) {
                for (Object[] s : shapes) {
                    String form = (String) s[1];
                    int M = (Integer) s[2], K = (Integer) s[3], N = (Integer) s[4];
                    Runnable call = call(blas, precision.equals("float32"), form, M, K, N);
                    rate(call, 2.0);
                    List<Double> rates = new ArrayList<>();
                    for (int r = 0; r < 7; r++) {
                        rates.add(2.0 * M * K * N * rate(call, 0.3) * 1e-9);
                    }
                    rates.sort(null);
                    double med = rates.get(3);
                    System.out.printf(Locale.ROOT, "H=%-4d %-7s %s M=%-5d K=%-5d N=%-5d %7.1f [%5.1f %5.1f] %9.1f us  %s%n",
                            H, precision, form, M, K, N, med, rates.get(0), rates.get(6), 2.0 * M * K * N / med * 1e-3, s[0]);
                }
            }
        }
    }

    /** Row-major C[MxN] += op(A) op(B) as column-major BLAS sees it: C^T += op(B)^T op(A)^T. */
    static Runnable call(BLAS blas, boolean single, String form, int M, int K, int N) {
        SplittableRandom rng = new SplittableRandom(42);
        double[] a = rng.doubles(M * K, -1, 1).toArray(), b = rng.doubles(K * N, -1, 1).toArray();
        double[] c = new double[M * N];
        String ta = form.equals("NT") ? "T" : "N", tb = form.equals("TN") ? "T" : "N";
        int ldb = form.equals("NT") ? K : N, lda = form.equals("TN") ? M : K;
        if (!single) {
            return () -> blas.dgemm(ta, tb, N, M, K, 1.0, b, ldb, a, lda, 1.0, c, N);
        }
        float[] af = new float[a.length], bf = new float[b.length], cf = new float[c.length];
        for (int i = 0; i < a.length; i++) af[i] = (float) a[i];
        for (int i = 0; i < b.length; i++) bf[i] = (float) b[i];
        return () -> blas.sgemm(ta, tb, N, M, K, 1f, bf, ldb, af, lda, 1f, cf, N);
    }

    /** The mapping above against the textbook loops on a small case of each form. */
    static void check(BLAS blas) {
        int M = 3, K = 5, N = 4;
        SplittableRandom rng = new SplittableRandom(1);
        double[] a = rng.doubles(M * K).toArray(), b = rng.doubles(K * N).toArray();
        for (String form : new String[] {"NN", "NT", "TN"}) {
            double[] c = new double[M * N];
            String ta = form.equals("NT") ? "T" : "N", tb = form.equals("TN") ? "T" : "N";
            blas.dgemm(ta, tb, N, M, K, 1.0, b, form.equals("NT") ? K : N, a, form.equals("TN") ? M : K, 1.0, c, N);
            for (int m = 0; m < M; m++) {
                for (int n = 0; n < N; n++) {
                    double s = 0;
                    for (int k = 0; k < K; k++) {
                        s += a[form.equals("TN") ? k * M + m : m * K + k] * b[form.equals("NT") ? n * K + k : k * N + n];
                    }
                    if (Math.abs(s - c[m * N + n]) > 1e-12) {
                        throw new AssertionError(form + " mapping wrong at " + m + "," + n);
                    }
                }
            }
        }
    }

    static double rate(Runnable call, double seconds) {
        long t0 = System.nanoTime(), deadline = t0 + (long) (seconds * 1e9), now;
        long n = 0;
        do {
            call.run();
            n++;
            now = System.nanoTime();
        } while (now < deadline);
        return n / ((now - t0) * 1e-9);
    }
}
