package dev.charrnn.cli;

import dev.charrnn.nn.Matmul;
import dev.charrnn.nn.Workers;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code bench matmul}: GFLOP/s of {@link Matmul} on the products a batched LSTM layer makes (batch B, hidden H,
 * vocabulary V, sequence T), one line per shape. Each shape warms up first, then runs {@code --reps} timed rounds of
 * about {@code --round-seconds}; the line gives the median round and the slowest and fastest. The same shapes
 * in PyTorch: {@code bench/matmul_torch.py}.
 */
final class MatmulBench {
    static final String USAGE = "usage: bench matmul [--hidden 128,512] [--batch 50] [--vocab 65] [--seq 50]"
            + " [--precision float32,float64] [--threads 1] [--reps 7] [--round-seconds 0.3] [--warmup-seconds 2]";

    private MatmulBench() {}

    /** One product: C[M×N] += op(A) op(B) in one of Matmul's three forms ("NN", "NT" = A·Bᵀ, "TN" = Aᵀ·B). */
    record Shape(String name, String form, int M, int K, int N) {}

    static List<Shape> shapes(int H, int B, int V, int T) {
        int G = 4 * H;
        return List.of(
                new Shape("gates += x W_ih^T, layer 0 (one-hot as dense)", "NT", B, V, G),
                new Shape("gates += h W_hh^T", "NT", B, H, G),
                new Shape("gates += h (W_hh^T kept transposed)", "NN", B, H, G),
                new Shape("gates(all t) += X W_ih^T, M = T*B", "NT", T * B, H, G),
                new Shape("dh += dgates W_hh", "NN", B, G, H),
                new Shape("dW_hh += dgates^T h", "TN", G, B, H),
                new Shape("dW_ih += dgates(all t)^T X, K = T*B", "TN", G, T * B, H),
                new Shape("logits += h W_out^T", "NT", B, H, V),
                new Shape("dh += dlogits W_out", "NN", B, V, H),
                new Shape("dW_out += dlogits^T h", "TN", V, B, H));
    }

    static int run(String[] args, PrintStream out) {
        int[] hidden = {128, 512};
        int batch = 50;
        int vocab = 65;
        int seq = 50;
        String[] precisions = {"float32", "float64"};
        int threads = 1;
        int reps = 7;
        double roundSeconds = 0.3;
        double warmupSeconds = 2;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                out.println(USAGE);
                return 0;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--hidden" ->
                    hidden = Arrays.stream(v.split(","))
                            .mapToInt(s -> positive(a, s))
                            .toArray();
                case "--batch" -> batch = positive(a, v);
                case "--vocab" -> vocab = positive(a, v);
                case "--seq" -> seq = positive(a, v);
                case "--precision" -> precisions = v.split(",");
                case "--threads" -> threads = positive(a, v);
                case "--reps" -> reps = positive(a, v);
                case "--round-seconds" -> roundSeconds = Double.parseDouble(v);
                case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        for (String p : precisions) {
            if (!p.equals("float32") && !p.equals("float64")) {
                throw new IllegalArgumentException("--precision takes float32 and/or float64, got " + p);
            }
        }
        out.printf(
                Locale.ROOT,
                "# Matmul (%s), %d thread(s), median of %d rounds of %.2f s [slowest fastest], GFLOP/s%n",
                Matmul.route(),
                threads,
                reps,
                roundSeconds);
        try (Workers workers = Workers.of(threads)) {
            warmUp(workers, warmupSeconds);
            for (int H : hidden) {
                for (String precision : precisions) {
                    for (Shape s : shapes(H, batch, vocab, seq)) {
                        boolean single = precision.equals("float32");
                        double[] g = time(s, single, workers, reps, roundSeconds, warmupSeconds);
                        out.printf(
                                Locale.ROOT,
                                "H=%-4d %-7s %s M=%-5d K=%-5d N=%-5d %7.1f [%5.1f %5.1f] %9.1f us  %s%n",
                                H,
                                precision,
                                s.form,
                                s.M,
                                s.K,
                                s.N,
                                g[1],
                                g[0],
                                g[2],
                                2.0 * s.M * s.K * s.N / g[1] * 1e-3,
                                s.name);
                    }
                }
            }
        }
        return 0;
    }

    /**
     * Small products of every form and precision until the JIT has compiled the kernels. Interpreted, the Vector
     * API's kernels run about a hundred times slower than compiled, and a large first shape makes too few calls in
     * its own warm-up for the JIT to get there on a busy machine.
     */
    private static void warmUp(Workers workers, double seconds) {
        for (String form : List.of("NN", "NT", "TN")) {
            for (boolean single : new boolean[] {true, false}) {
                round(call(new Shape("warm-up", form, 13, 300, 70), single, workers), seconds / 2);
            }
        }
    }

    /** Slowest, median and fastest round in GFLOP/s. */
    private static double[] time(
            Shape s, boolean single, Workers workers, int reps, double roundSeconds, double warmupSeconds) {
        Runnable call = call(s, single, workers);
        round(call, warmupSeconds);
        List<Double> rates = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            rates.add(2.0 * s.M * s.K * s.N * round(call, roundSeconds) * 1e-9);
        }
        rates.sort(null);
        return new double[] {rates.get(0), rates.get(rates.size() / 2), rates.get(rates.size() - 1)};
    }

    /** One product of shape s on random operands; C accumulates from call to call. */
    private static Runnable call(Shape s, boolean single, Workers workers) {
        SplittableRandom rng = new SplittableRandom(42);
        int M = s.M, K = s.K, N = s.N;
        Runnable call;
        if (single) {
            float[] A = new float[M * K];
            float[] B = new float[K * N];
            float[] C = new float[M * N];
            fill(rng, A);
            fill(rng, B);
            call = switch (s.form) {
                case "NN" -> () -> Matmul.mulAddInPlace(C, A, B, M, K, N, workers);
                case "NT" -> () -> Matmul.mulAddTransBInPlace(C, A, B, M, K, N, workers);
                default -> () -> Matmul.mulAddTransAInPlace(C, A, B, M, K, N, workers);
            };
        } else {
            double[] A = rng.doubles(M * K, -1, 1).toArray();
            double[] B = rng.doubles(K * N, -1, 1).toArray();
            double[] C = new double[M * N];
            call = switch (s.form) {
                case "NN" -> () -> Matmul.mulAddInPlace(C, A, B, M, K, N, workers);
                case "NT" -> () -> Matmul.mulAddTransBInPlace(C, A, B, M, K, N, workers);
                default -> () -> Matmul.mulAddTransAInPlace(C, A, B, M, K, N, workers);
            };
        }
        return call;
    }

    /** Calls per second over about {@code seconds}. */
    private static double round(Runnable call, double seconds) {
        long t0 = System.nanoTime();
        long deadline = t0 + (long) (seconds * 1e9);
        long calls = 0;
        long now;
        do {
            call.run();
            calls++;
            now = System.nanoTime();
        } while (now < deadline);
        return calls / ((now - t0) * 1e-9);
    }

    private static void fill(SplittableRandom rng, float[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rng.nextDouble(-1, 1);
        }
    }

    private static int positive(String name, String v) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 1) {
                throw new IllegalArgumentException(name + " must be >= 1, got " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs an integer, got " + v);
        }
    }
}
