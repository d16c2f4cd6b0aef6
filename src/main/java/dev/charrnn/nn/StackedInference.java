package dev.charrnn.nn;

/**
 * A stacked model run one character at a time for one stream (no dropout): sampling with a temperature, the loss
 * of a text, and the per-layer hidden (and LSTM cell) states along a text. The model must not change while an
 * instance uses it (the transposed weights are taken once). Not thread-safe; cheap to create.
 */
public final class StackedInference {
    private final StackedRnn model;
    private final StackedBptt step;
    private final int[] in = new int[1];

    public StackedInference(StackedRnn model) {
        this.model = model;
        this.step = new StackedBptt(model, 1, 1);
        step.freezeWeights(model);
    }

    /** A zero one-stream state for this model. */
    public StackedState zeroState() {
        return StackedState.zeros(model, 1);
    }

    /**
     * Feeds {@code ix}, advancing {@code state} in place; returns softmax(logits / temperature) (V, live buffer).
     */
    public double[] stepInPlace(StackedState state, int ix, double temperature) {
        in[0] = ix;
        step.forwardInPlace(model, in, state, 0.0, null, temperature);
        return step.probabilities();
    }

    /**
     * Draws n characters after feeding {@code seedIx} from {@code state0} (not modified), as {@link Sampler} does
     * for the reference model.
     */
    public int[] sample(StackedState state0, int seedIx, int n, double temperature, boolean argmax, Rng rng) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and > 0, got " + temperature);
        }
        StackedState state = state0.copy();
        int[] out = new int[n];
        int ix = seedIx;
        for (int k = 0; k < n; k++) {
            double[] p = stepInPlace(state, ix, temperature);
            ix = argmax ? Sampler.argmax(p) : Sampler.draw(p, rng);
            out[k] = ix;
        }
        return out;
    }

    /** Feeds all of {@code prime} but its last character from a zero state; sampling continues with that one. */
    public StackedState prime(int[] prime) {
        StackedState state = zeroState();
        for (int k = 0; k < prime.length - 1; k++) {
            stepInPlace(state, prime[k], 1.0);
        }
        return state;
    }

    /** The loss of predicting text[1..] from its prefixes, from a zero state: -ln p[target] summed, in nats. */
    public Evaluation evaluate(int[] text) {
        if (text.length < 2) {
            throw new IllegalArgumentException("evaluation needs at least 2 characters, got " + text.length);
        }
        StackedState state = zeroState();
        double loss = 0.0;
        for (int t = 0; t + 1 < text.length; t++) {
            double[] p = stepInPlace(state, text[t], 1.0);
            loss += -Math.log(p[text[t + 1]]);
        }
        return new Evaluation(text.length, text.length - 1, loss);
    }

    /**
     * The states after reading each character of {@code text} from a zero state: [t][l] = layer l's h (H), and for
     * an LSTM, with {@code cell}, its c instead.
     */
    public double[][][] states(int[] text, boolean cell) {
        if (cell && model.cell != ModelConfig.Cell.LSTM) {
            throw new IllegalArgumentException("only an LSTM has a cell state; this is " + model.describe());
        }
        StackedState state = zeroState();
        double[][][] out = new double[text.length][model.layers][];
        for (int t = 0; t < text.length; t++) {
            stepInPlace(state, text[t], 1.0);
            for (int l = 0; l < model.layers; l++) {
                out[t][l] = (cell ? state.c[l] : state.h[l]).clone();
            }
        }
        return out;
    }
}
