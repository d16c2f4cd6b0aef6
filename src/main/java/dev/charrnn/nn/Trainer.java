package dev.charrnn.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * The reference's training loop, one iteration per {@link #next()}:
 * <ol>
 * <li>at n == 0 or when the next sequence would run past the data: hprev = 0, p = 0;</li>
 * <li>every sampleEvery iterations (n = 0 too) sample from hprev, seeded with inputs[0];</li>
 * <li>loss and gradients over data[p .. p+T+1); clip to [-5, 5]; Adagrad;</li>
 * <li>smooth_loss = smooth_loss * 0.999 + loss * 0.001; p += T; hprev = last h.</li>
 * </ol>
 * Not thread-safe: one thread drives a trainer.
 */
public final class Trainer implements TrainingLoop {
    public static final double CLIP = 5.0;

    private final TrainingConfig config;
    private final Vocabulary vocabulary;
    private final int[] data;
    private final CharRnn model;
    private final CharRnn grads;
    private final Adagrad adagrad;
    private final Bptt bptt;
    private final Rng rng;
    private double[] hprev;
    private double[] hnext;
    private int iteration;
    private int position;
    private double smoothLoss;

    private Trainer(
            TrainingConfig config,
            Vocabulary vocabulary,
            int[] data,
            CharRnn model,
            CharRnn memories,
            Rng rng,
            int iteration,
            int position,
            double smoothLoss,
            double[] hprev) {
        int T = config.seqLength();
        if (data.length < T + 1) {
            throw new IllegalArgumentException("the training text has " + data.length + " characters; seqLength " + T
                    + " needs at least " + (T + 1));
        }
        if (model.V != vocabulary.size() || model.H != config.hiddenSize()) {
            throw new IllegalArgumentException("weights (H=" + model.H + ", V=" + model.V + ") do not fit (H="
                    + config.hiddenSize() + ", V=" + vocabulary.size() + ")");
        }
        this.config = config;
        this.vocabulary = vocabulary;
        this.data = data;
        this.model = model;
        this.grads = model.zerosLike();
        this.adagrad = new Adagrad(config.learningRate(), memories);
        this.bptt = new Bptt(model.H, model.V, T);
        this.rng = rng;
        this.iteration = iteration;
        this.position = position;
        this.smoothLoss = smoothLoss;
        this.hprev = hprev;
        this.hnext = new double[model.H];
    }

    /**
     * A fresh run. The RNG is seeded with {@code config.seed()}; it draws the initial weights unless
     * {@code initialWeights} is given (copied), then the samples.
     *
     * @param initialMemories Adagrad memories to continue from, or null for zeros
     */
    public static Trainer start(
            TrainingConfig config, Vocabulary vocabulary, int[] data, CharRnn initialWeights, CharRnn initialMemories) {
        Rng rng = new Rng(config.seed());
        CharRnn model = initialWeights != null
                ? initialWeights.copy()
                : CharRnn.randomInit(config.hiddenSize(), vocabulary.size(), rng);
        CharRnn mem = initialMemories != null ? initialMemories.copy() : model.zerosLike();
        double smooth = SmoothLoss.chanceLevel(vocabulary.size(), config.seqLength());
        return new Trainer(config, vocabulary, data, model, mem, rng, 0, 0, smooth, new double[model.H]);
    }

    /** Continues from a checkpoint taken with the same config, vocabulary and data. */
    public static Trainer restore(TrainingConfig config, Vocabulary vocabulary, int[] data, TrainingState state) {
        return new Trainer(
                config,
                vocabulary,
                data,
                state.model().copy(),
                state.memories().copy(),
                Rng.fromState(state.rngState()),
                state.iteration(),
                state.position(),
                state.smoothLoss(),
                state.hprev().clone());
    }

    @Override
    public boolean hasNext() {
        return iteration < config.numIterations();
    }

    /** Runs iteration {@link #iteration()} and advances. */
    @Override
    public Step next() {
        int T = config.seqLength();
        int n = iteration;
        if (n == 0 || position + T + 1 >= data.length) {
            java.util.Arrays.fill(hprev, 0.0);
            position = 0;
        }
        boolean sampling = n % config.sampleEvery() == 0;
        List<int[]> drawn = null;
        if (sampling) {
            drawn = new ArrayList<>(config.sampleTemperatures().size());
            for (double temperature : config.sampleTemperatures()) {
                drawn.add(Sampler.sample(model, hprev, data[position], config.sampleLength(), temperature, false, rng));
            }
        }
        double loss = bptt.lossAndGradients(model, data, position, hprev, grads, hnext);
        adagrad.clipAndUpdateInPlace(model, grads, CLIP, bptt.inputColumns(), bptt.inputColumnCount());
        smoothLoss = SmoothLoss.next(smoothLoss, loss);
        position += T;
        double[] swap = hprev;
        hprev = hnext;
        hnext = swap;
        iteration = n + 1;
        return new Step(n, loss, smoothLoss, Trainer.samples(n, smoothLoss, config, vocabulary, drawn));
    }

    /** The samples drawn at iteration n (one per temperature), or none when the iteration did not sample. */
    static List<TrainingSample> samples(
            int n, double smoothLoss, TrainingConfig config, Vocabulary vocabulary, List<int[]> drawn) {
        if (drawn == null) {
            return List.of();
        }
        List<TrainingSample> samples = new ArrayList<>(drawn.size());
        for (int k = 0; k < drawn.size(); k++) {
            samples.add(new TrainingSample(
                    n, smoothLoss, config.sampleTemperatures().get(k), vocabulary.decode(drawn.get(k))));
        }
        return samples;
    }

    /**
     * The reference's closing samples: each from h = 0 and a seed character drawn uniformly from the vocabulary.
     */
    @Override
    public List<GeneratedSample> generateSamples(int count, int length) {
        List<GeneratedSample> out = new ArrayList<>(count);
        double[] h0 = new double[model.H];
        for (int k = 1; k <= count; k++) {
            int seed = rng.nextInt(vocabulary.size());
            int[] text = Sampler.sample(model, h0, seed, length, 1.0, false, rng);
            out.add(new GeneratedSample(k, vocabulary.charAt(seed), vocabulary.decode(text)));
        }
        return out;
    }

    public TrainingState checkpoint() {
        return new TrainingState(
                iteration,
                position,
                smoothLoss,
                rng.state(),
                hprev.clone(),
                model.copy(),
                adagrad.memories().copy());
    }

    /** The next iteration to run (= iterations done). */
    @Override
    public int iteration() {
        return iteration;
    }

    @Override
    public double smoothLoss() {
        return smoothLoss;
    }

    /** The live parameters; callers must not modify them. */
    public CharRnn model() {
        return model;
    }

    public CharRnn memories() {
        return adagrad.memories();
    }

    @Override
    public TrainingConfig config() {
        return config;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** One iteration's outcome; samples is empty unless the iteration sampled. */
    public record Step(int iteration, double loss, double smoothLoss, List<TrainingSample> samples) {}

    public record TrainingSample(int iteration, double loss, double temperature, String text) {}

    public record GeneratedSample(int sampleId, String seedChar, String text) {}
}
