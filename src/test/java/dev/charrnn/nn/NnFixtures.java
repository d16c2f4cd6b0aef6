package dev.charrnn.nn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Shared helpers of the nn tests: classpath fixtures, small random models, training configs. */
final class NnFixtures {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private NnFixtures() {}

    static InputStream resource(String path) {
        InputStream in = NnFixtures.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + path);
        }
        return in;
    }

    static String text(String path) {
        try (InputStream in = resource(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CharRnn weights(String path) {
        try (InputStream in = resource(path)) {
            return SeedWeights.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON list of numbers. */
    static double[] doubles(String path) {
        JsonNode list = JSON.readTree(text(path));
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i).doubleValue();
        }
        return out;
    }

    /** Every parameter drawn uniformly from [-scale, scale): large enough that nothing is near zero by design. */
    static CharRnn randomModel(int hiddenSize, int vocabSize, double scale, long seed) {
        Rng rng = new Rng(seed);
        CharRnn m = new CharRnn(hiddenSize, vocabSize);
        for (double[] a : m.arrays()) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (2 * rng.nextDouble() - 1) * scale;
            }
        }
        return m;
    }

    static TrainingConfig config(int hiddenSize, int seqLength, int numIterations, int sampleEvery, long seed) {
        return new TrainingConfig(
                hiddenSize,
                seqLength,
                numIterations,
                TrainingConfig.DEFAULT_LEARNING_RATE,
                sampleEvery,
                40,
                seed,
                List.of(1.0, 0.5));
    }

    /** Runs every remaining iteration of {@code trainer}. */
    static List<Trainer.Step> drain(Trainer trainer) {
        List<Trainer.Step> steps = new ArrayList<>();
        while (trainer.hasNext()) {
            steps.add(trainer.next());
        }
        return steps;
    }

    /** Runs every remaining iteration of a batched {@code trainer}. */
    static List<Trainer.Step> drain(StackedTrainer trainer) {
        List<Trainer.Step> steps = new ArrayList<>();
        while (trainer.hasNext()) {
            steps.add(trainer.next());
        }
        return steps;
    }

    /** The largest |a[i] - b[i]| / |b[i]|. */
    static double maxRelativeError(double[] actual, double[] expected) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.abs(expected[i]));
        }
        return worst;
    }

    /** The largest |a[i] - b[i]| over all five parameters. */
    static double maxAbsoluteError(CharRnn actual, CharRnn expected) {
        actual.requireSameShape(expected);
        double worst = 0;
        double[][] a = actual.arrays();
        double[][] e = expected.arrays();
        for (int k = 0; k < a.length; k++) {
            for (int i = 0; i < a[k].length; i++) {
                worst = Math.max(worst, Math.abs(a[k][i] - e[k][i]));
            }
        }
        return worst;
    }
}
