package dev.charrnn.nn;

/**
 * What model a run trains and how it optimises it, beside the reference's hyperparameters in {@link TrainingConfig}
 * (which keeps the hidden size, sequence length, iterations and learning rate). {@link #reference()} is the
 * reference configuration: the vanilla RNN, one stream, the reference's Adagrad with element-wise clipping at 5,
 * float64. Only that configuration trains through {@link Trainer}; every other one through {@link StackedTrainer}.
 *
 * <p>Each invalid value is rejected with an {@link IllegalArgumentException} whose message starts with the field's
 * name, so the service and the CLI can report which field is wrong.
 *
 * @param embeddingSize 0: one-hot input (PyTorch's {@code eye[x]}); else a learned V x E embedding
 * @param dropout inverted dropout on every layer's output that feeds another layer or the output layer
 * @param weightDecay Adam only: decoupled weight decay (AdamW)
 * @param momentum SGD only
 * @param lrDecay multiply the learning rate by this every {@code lrDecayEvery} iterations (char-rnn); 1: none
 * @param lrDecayEvery 0: no step decay
 * @param warmupIterations with {@code minLearningRate}: nanoGPT's linear warm-up
 * @param minLearningRate null: no cosine schedule; else cosine from the learning rate down to this at the last
 *     iteration (after the warm-up)
 * @param gradClip element-wise clip to [-gradClip, gradClip]; 0: none
 * @param gradNormClip clip the global gradient norm to this (PyTorch's {@code clip_grad_norm_}); 0: none
 */
public record ModelConfig(
        Cell cell,
        int layers,
        int embeddingSize,
        int batchSize,
        double dropout,
        Optimizer optimizer,
        double weightDecay,
        double momentum,
        double lrDecay,
        int lrDecayEvery,
        int warmupIterations,
        Double minLearningRate,
        double gradClip,
        double gradNormClip,
        Precision precision) {

    public static final int MAX_LAYERS = 4;
    public static final int MAX_BATCH_SIZE = 256;
    public static final int MAX_EMBEDDING_SIZE = 4096;
    /** The reference's element-wise clip. */
    public static final double REFERENCE_GRAD_CLIP = 5.0;

    /** The recurrent cell, with the number of gate blocks PyTorch stacks along the rows of its weights. */
    public enum Cell {
        /** {@code nn.RNN} with tanh: one block. */
        RNN(1),
        /** {@code nn.LSTM}: i, f, g, o. */
        LSTM(4),
        /** {@code nn.GRU}: r, z, n. */
        GRU(3);

        public final int gates;

        Cell(int gates) {
            this.gates = gates;
        }
    }

    public enum Optimizer {
        ADAGRAD,
        ADAM,
        RMSPROP,
        SGD
    }

    public enum Precision {
        FLOAT64,
        FLOAT32
    }

    public ModelConfig {
        require(cell != null, "cell", "is required (rnn, lstm or gru)");
        require(optimizer != null, "optimizer", "is required (adagrad, adam, rmsprop or sgd)");
        require(precision != null, "precision", "is required (float64 or float32)");
        require(layers >= 1 && layers <= MAX_LAYERS, "layers", "must be 1.." + MAX_LAYERS + ", got " + layers);
        require(
                embeddingSize >= 0 && embeddingSize <= MAX_EMBEDDING_SIZE,
                "embeddingSize",
                "must be 0 (one-hot) .. " + MAX_EMBEDDING_SIZE + ", got " + embeddingSize);
        require(
                batchSize >= 1 && batchSize <= MAX_BATCH_SIZE,
                "batchSize",
                "must be 1.." + MAX_BATCH_SIZE + ", got " + batchSize);
        require(dropout >= 0 && dropout < 1, "dropout", "must be 0 <= p < 1, got " + dropout);
        require(
                weightDecay >= 0 && Double.isFinite(weightDecay),
                "weightDecay",
                "must be finite and >= 0, got " + weightDecay);
        require(
                weightDecay == 0 || optimizer == Optimizer.ADAM,
                "weightDecay",
                "applies to adam only (AdamW), not " + name(optimizer));
        require(momentum >= 0 && momentum < 1, "momentum", "must be 0 <= momentum < 1, got " + momentum);
        require(momentum == 0 || optimizer == Optimizer.SGD, "momentum", "applies to sgd only, not " + name(optimizer));
        require(lrDecay > 0 && lrDecay <= 1, "lrDecay", "must be 0 < lrDecay <= 1, got " + lrDecay);
        require(lrDecayEvery >= 0, "lrDecayEvery", "must be >= 0, got " + lrDecayEvery);
        require(lrDecay == 1 || lrDecayEvery > 0, "lrDecayEvery", "must be > 0 when lrDecay is set");
        require(warmupIterations >= 0, "warmupIterations", "must be >= 0, got " + warmupIterations);
        require(
                minLearningRate == null || (minLearningRate >= 0 && Double.isFinite(minLearningRate)),
                "minLearningRate",
                "must be finite and >= 0, got " + minLearningRate);
        require(
                warmupIterations == 0 || minLearningRate != null,
                "warmupIterations",
                "needs minLearningRate (the warm-up belongs to the cosine schedule)");
        require(
                minLearningRate == null || lrDecayEvery == 0,
                "minLearningRate",
                "and lrDecayEvery are two schedules; choose one");
        require(gradClip >= 0 && Double.isFinite(gradClip), "gradClip", "must be finite and >= 0, got " + gradClip);
        require(
                gradNormClip >= 0 && Double.isFinite(gradNormClip),
                "gradNormClip",
                "must be finite and >= 0, got " + gradNormClip);
        require(gradClip == 0 || gradNormClip == 0, "gradNormClip", "and gradClip are two clippings; choose one");
    }

    /** The reference configuration. */
    public static ModelConfig reference() {
        return new ModelConfig(
                Cell.RNN,
                1,
                0,
                1,
                0.0,
                Optimizer.ADAGRAD,
                0.0,
                0.0,
                1.0,
                0,
                0,
                null,
                REFERENCE_GRAD_CLIP,
                0.0,
                Precision.FLOAT64);
    }

    /**
     * Whether this is the reference configuration, which trains through the reference's own path ({@link Trainer}:
     * one bias, its Adagrad, bit-identical to numpy). Any other value, even a vanilla RNN on a batch, trains
     * PyTorch's model through {@link StackedTrainer}.
     */
    public boolean isReference() {
        return equals(reference());
    }

    /** The number of trainable parameters of this model for hidden size H and vocabulary size V. */
    public long parameterCount(long H, long V) {
        long G = cell.gates;
        long in0 = embeddingSize > 0 ? embeddingSize : V;
        long count = embeddingSize > 0 ? V * embeddingSize : 0;
        for (int l = 0; l < layers; l++) {
            long in = l == 0 ? in0 : H;
            count += G * H * in + G * H * H + 2 * G * H;
        }
        return count + V * H + V;
    }

    public ModelConfig withCell(Cell c) {
        return new ModelConfig(
                c,
                layers,
                embeddingSize,
                batchSize,
                dropout,
                optimizer,
                weightDecay,
                momentum,
                lrDecay,
                lrDecayEvery,
                warmupIterations,
                minLearningRate,
                gradClip,
                gradNormClip,
                precision);
    }

    public ModelConfig withLayers(int n) {
        return new ModelConfig(
                cell,
                n,
                embeddingSize,
                batchSize,
                dropout,
                optimizer,
                weightDecay,
                momentum,
                lrDecay,
                lrDecayEvery,
                warmupIterations,
                minLearningRate,
                gradClip,
                gradNormClip,
                precision);
    }

    public ModelConfig withEmbeddingSize(int e) {
        return new ModelConfig(
                cell,
                layers,
                e,
                batchSize,
                dropout,
                optimizer,
                weightDecay,
                momentum,
                lrDecay,
                lrDecayEvery,
                warmupIterations,
                minLearningRate,
                gradClip,
                gradNormClip,
                precision);
    }

    public ModelConfig withBatchSize(int b) {
        return new ModelConfig(
                cell,
                layers,
                embeddingSize,
                b,
                dropout,
                optimizer,
                weightDecay,
                momentum,
                lrDecay,
                lrDecayEvery,
                warmupIterations,
                minLearningRate,
                gradClip,
                gradNormClip,
                precision);
    }

    public ModelConfig withDropout(double p) {
        return new ModelConfig(
                cell,
                layers,
                embeddingSize,
                batchSize,
                p,
                optimizer,
                weightDecay,
                momentum,
                lrDecay,
                lrDecayEvery,
                warmupIterations,
                minLearningRate,
                gradClip,
                gradNormClip,
                precision);
    }

    /** A different optimizer; weight decay and momentum are reset since each belongs to one optimizer. */
    public ModelConfig withOptimizer(Optimizer o) {
        return new ModelConfig(
                cell,
                layers,
                embeddingSize,
                batchSize,
                dropout,
                o,
                0.0,
                0.0,
                lrDecay,
                lrDecayEvery,
                warmupIterations,
                minLearningRate,
                gradClip,
                gradNormClip,
                precision);
    }

    public ModelConfig withWeightDecay(double w) {
        return new ModelConfig(
                cell,
                layers,
                embeddingSize,
                batchSize,
                dropout,
                optimizer,
                w,
                momentum,
                lrDecay,
                lrDecayEvery,
                warmupIterations,
                minLearningRate,
                gradClip,
                gradNormClip,
                precision);
    }

    public ModelConfig withMomentum(double m) {
        return new ModelConfig(
                cell,
                layers,
                embeddingSize,
                batchSize,
                dropout,
                optimizer,
                weightDecay,
                m,
                lrDecay,
                lrDecayEvery,
                warmupIterations,
                minLearningRate,
                gradClip,
                gradNormClip,
                precision);
    }

    public ModelConfig withStepDecay(double decay, int every) {
        return new ModelConfig(
                cell,
                layers,
                embeddingSize,
                batchSize,
                dropout,
                optimizer,
                weightDecay,
                momentum,
                decay,
                every,
                warmupIterations,
                minLearningRate,
                gradClip,
                gradNormClip,
                precision);
    }

    public ModelConfig withCosine(int warmup, Double minLr) {
        return new ModelConfig(
                cell,
                layers,
                embeddingSize,
                batchSize,
                dropout,
                optimizer,
                weightDecay,
                momentum,
                lrDecay,
                lrDecayEvery,
                warmup,
                minLr,
                gradClip,
                gradNormClip,
                precision);
    }

    /** Element-wise clip c (0: none) and global-norm clip (0: none). */
    public ModelConfig withClipping(double clip, double normClip) {
        return new ModelConfig(
                cell,
                layers,
                embeddingSize,
                batchSize,
                dropout,
                optimizer,
                weightDecay,
                momentum,
                lrDecay,
                lrDecayEvery,
                warmupIterations,
                minLearningRate,
                clip,
                normClip,
                precision);
    }

    public ModelConfig withPrecision(Precision p) {
        return new ModelConfig(
                cell,
                layers,
                embeddingSize,
                batchSize,
                dropout,
                optimizer,
                weightDecay,
                momentum,
                lrDecay,
                lrDecayEvery,
                warmupIterations,
                minLearningRate,
                gradClip,
                gradNormClip,
                p);
    }

    static String name(Enum<?> e) {
        return e == null ? "null" : e.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new IllegalArgumentException(field + " " + message);
        }
    }
}
