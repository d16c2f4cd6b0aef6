package dev.charrnn.nn;

import dev.charrnn.nn.Trainer.GeneratedSample;
import dev.charrnn.nn.Trainer.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * The training loop of every configuration but the reference one, one iteration per {@link #next()}, with
 * char-rnn's batch loader: L = ⌊N / B⌋ for N training characters; stream b reads data[b·L, (b+1)·L); each
 * iteration every stream takes inputs p..p+S-1 and targets p+1..p+S of its slice, then p += S; when p + S + 1 > L
 * all streams restart at p = 0 from a zero state. The state is carried between iterations without its gradient.
 * <ol>
 * <li>every sampleEvery iterations (n = 0 too) sample from stream 0's state, seeded with its next input;</li>
 * <li>loss and gradients (dropout masks from the run's RNG); clip; one optimizer step at the scheduled rate;</li>
 * <li>smooth_loss = smooth_loss * 0.999 + loss * 0.001.</li>
 * </ol>
 * With {@code precision float32} the parameters, gradients, optimizer moments and every buffer of the iteration are
 * float ({@link FloatStackedBptt}); the carried state, checkpoints, {@link #model()} and the samples hold those
 * floats widened to double, which is exact, so a float run resumes bit for bit too. With {@code threads} > 1 the
 * iteration's work is split over that many threads in a way that keeps every sum's order: the bits are those of one
 * thread. Not thread-safe: one thread drives a trainer; {@link #close()} stops its helper threads.
 */
public final class StackedTrainer implements TrainingLoop, AutoCloseable {
    /** Upper bound of {@code threads}. */
    public static final int MAX_THREADS = 64;

    private final TrainingConfig config;
    private final ModelConfig mc;
    private final Vocabulary vocabulary;
    private final int[] data;
    private final int streamLength;
    private final StackedRnn model;
    private final StackedRnn grads;
    private final GradientDescent optimizer;
    private final StackedBptt bptt;
    /** The float32 path (all null in float64): parameters, gradients, optimizer, buffers. */
    private final FloatStackedRnn floatModel;

    private final FloatStackedRnn floatGrads;
    private final FloatGradientDescent floatOptimizer;
    private final FloatStackedBptt floatBptt;
    /** Whether {@link #model} lags behind {@link #floatModel}. */
    private boolean stale;

    private final Workers workers;
    private final StackedState state;
    private final Rng rng;
    private final int[] inputs;
    private final int[] targets;
    private int iteration;
    private int position;
    private double smoothLoss;

    private StackedTrainer(
            TrainingConfig config,
            ModelConfig modelConfig,
            Vocabulary vocabulary,
            int[] data,
            StackedRnn model,
            OptimizerState optimizerState,
            Rng rng,
            int iteration,
            int position,
            double smoothLoss,
            StackedState state,
            int threads) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be 1.." + MAX_THREADS + ", got " + threads);
        }
        this.config = config;
        this.mc = modelConfig;
        int B = mc.batchSize();
        int S = config.seqLength();
        this.streamLength = data.length / B;
        if (streamLength < S + 1) {
            throw new IllegalArgumentException("the training text has " + data.length + " characters; batchSize " + B
                    + " streams of seqLength " + S + " need at least " + (long) B * (S + 1));
        }
        StackedRnn shape = StackedRnn.zeros(mc, config.hiddenSize(), vocabulary.size());
        shape.requireSameShape(model);
        this.vocabulary = vocabulary;
        this.data = data;
        this.model = model;
        this.workers = threads > 1 ? Workers.of(threads) : null;
        if (mc.precision() == ModelConfig.Precision.FLOAT32) {
            this.floatModel = FloatStackedRnn.of(model);
            floatModel.copyInto(model);
            this.floatGrads = floatModel.zerosLike();
            this.floatOptimizer = optimizerState == null
                    ? FloatGradientDescent.create(mc, model)
                    : FloatGradientDescent.restore(mc, optimizerState);
            this.floatBptt = new FloatStackedBptt(model, B, S, workers);
            this.grads = null;
            this.optimizer = null;
            this.bptt = null;
            // the carried state holds floats from here on
            for (double[] a : state.arrays()) {
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) a[i];
                }
            }
        } else {
            this.floatModel = null;
            this.floatGrads = null;
            this.floatOptimizer = null;
            this.floatBptt = null;
            this.grads = model.zerosLike();
            this.optimizer = optimizerState == null
                    ? GradientDescent.create(mc, model.arrays())
                    : GradientDescent.restore(mc, optimizerState);
            this.bptt = new StackedBptt(model, B, S, workers);
        }
        this.state = state;
        state.requireFits(model, B);
        this.rng = rng;
        this.inputs = new int[S * B];
        this.targets = new int[S * B];
        this.iteration = iteration;
        this.position = position;
        this.smoothLoss = smoothLoss;
    }

    /**
     * A fresh run. The RNG is seeded with {@code config.seed()}; it draws the initial weights unless
     * {@code initialWeights} is given (copied), then the dropout masks and the samples.
     *
     * @param initialOptimizer optimizer state to continue from, or null for a fresh one
     */
    public static StackedTrainer start(
            TrainingConfig config,
            ModelConfig modelConfig,
            Vocabulary vocabulary,
            int[] data,
            StackedRnn initialWeights,
            OptimizerState initialOptimizer) {
        return start(config, modelConfig, vocabulary, data, initialWeights, initialOptimizer, 1);
    }

    /**
     * {@link #start(TrainingConfig, ModelConfig, Vocabulary, int[], StackedRnn, OptimizerState)} on {@code threads}
     * threads (1..{@value #MAX_THREADS}; the bits do not depend on it). Close the trainer to stop them.
     */
    public static StackedTrainer start(
            TrainingConfig config,
            ModelConfig modelConfig,
            Vocabulary vocabulary,
            int[] data,
            StackedRnn initialWeights,
            OptimizerState initialOptimizer,
            int threads) {
        Rng rng = new Rng(config.seed());
        StackedRnn model = initialWeights != null
                ? initialWeights.copy()
                : StackedRnn.randomInit(modelConfig, config.hiddenSize(), vocabulary.size(), rng);
        double smooth = -Math.log(1.0 / vocabulary.size()) * config.seqLength();
        return new StackedTrainer(
                config,
                modelConfig,
                vocabulary,
                data,
                model,
                initialOptimizer,
                rng,
                0,
                0,
                smooth,
                StackedState.zeros(model, modelConfig.batchSize()),
                threads);
    }

    /** Continues from a checkpoint taken with the same config, vocabulary and data. */
    public static StackedTrainer restore(
            TrainingConfig config, ModelConfig modelConfig, Vocabulary vocabulary, int[] data, StackedTrainingState s) {
        return restore(config, modelConfig, vocabulary, data, s, 1);
    }

    /** {@link #restore(TrainingConfig, ModelConfig, Vocabulary, int[], StackedTrainingState)} on {@code threads}. */
    public static StackedTrainer restore(
            TrainingConfig config,
            ModelConfig modelConfig,
            Vocabulary vocabulary,
            int[] data,
            StackedTrainingState s,
            int threads) {
        return new StackedTrainer(
                config,
                modelConfig,
                vocabulary,
                data,
                s.model().copy(),
                s.optimizer(),
                Rng.fromState(s.rngState()),
                s.iteration(),
                s.position(),
                s.smoothLoss(),
                s.streams().copy(),
                threads);
    }

    /** A copy of everything needed to continue bit for bit. */
    public StackedTrainingState checkpoint() {
        return new StackedTrainingState(
                iteration, position, smoothLoss, rng.state(), state.copy(), model().copy(), optimizerState());
    }

    @Override
    public boolean hasNext() {
        return iteration < config.numIterations();
    }

    /** Runs iteration {@link #iteration()} and advances. */
    @Override
    public Step next() {
        int S = config.seqLength();
        int B = mc.batchSize();
        int n = iteration;
        if (n == 0 || position + S + 1 > streamLength) {
            position = 0;
            state.fillZeroInPlace();
        }
        boolean sampling = n % config.sampleEvery() == 0;
        List<int[]> drawn = null;
        if (sampling) {
            StackedInference inference = new StackedInference(model());
            StackedState stream0 = state.stream(0);
            drawn = new ArrayList<>(config.sampleTemperatures().size());
            for (double temperature : config.sampleTemperatures()) {
                drawn.add(inference.sample(stream0, data[position], config.sampleLength(), temperature, false, rng));
            }
        }
        for (int t = 0; t < S; t++) {
            for (int b = 0; b < B; b++) {
                int at = b * streamLength + position + t;
                inputs[t * B + b] = data[at];
                targets[t * B + b] = data[at + 1];
            }
        }
        double lr = LearningRateSchedule.rate(config, mc, n);
        double loss;
        if (floatModel != null) {
            loss = floatBptt.lossAndGradientsInPlace(floatModel, inputs, targets, state, mc.dropout(), rng, floatGrads);
            FloatGradientDescent.clipInPlace(mc, floatGrads.arrays());
            floatOptimizer.stepInPlace(floatModel.arrays(), floatGrads.arrays(), lr);
            stale = true;
        } else {
            loss = bptt.lossAndGradientsInPlace(model, inputs, targets, state, mc.dropout(), rng, grads);
            GradientClipping.clipInPlace(mc, grads.arrays());
            optimizer.stepInPlace(model.arrays(), grads.arrays(), lr);
        }
        smoothLoss = smoothLoss * 0.999 + loss * 0.001;
        position += S;
        iteration = n + 1;
        return new Step(n, loss, smoothLoss, Trainer.samples(n, smoothLoss, config, vocabulary, drawn));
    }

    /** The closing samples: each from a zero state and a seed character drawn uniformly from the vocabulary. */
    @Override
    public List<GeneratedSample> generateSamples(int count, int length) {
        StackedInference inference = new StackedInference(model());
        List<GeneratedSample> out = new ArrayList<>(count);
        for (int k = 1; k <= count; k++) {
            int seed = rng.nextInt(vocabulary.size());
            int[] text = inference.sample(inference.zeroState(), seed, length, 1.0, false, rng);
            out.add(new GeneratedSample(k, vocabulary.charAt(seed), vocabulary.decode(text)));
        }
        return out;
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

    /** The live parameters (in float32, the floats widened to double); callers must not modify them. */
    public StackedRnn model() {
        if (stale) {
            floatModel.copyInto(model);
            stale = false;
        }
        return model;
    }

    public OptimizerState optimizerState() {
        return floatOptimizer != null ? floatOptimizer.state() : optimizer.state();
    }

    /** Stops the helper threads of {@code threads} > 1; the trainer must not be used afterwards. */
    @Override
    public void close() {
        if (workers != null) {
            workers.close();
        }
    }

    @Override
    public TrainingConfig config() {
        return config;
    }

    public ModelConfig modelConfig() {
        return mc;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }
}
