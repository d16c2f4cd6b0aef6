package dev.charrnn.nn;

/**
 * How well a model predicts a text it does not learn from: run from h = 0, predicting characters 2..n from their
 * prefixes, with the training loss' formula {@code -ln(p[target] + 1e-12)} summed in nats.
 */
public record Evaluation(int characters, int predictions, double loss) {

    public double lossPerChar() {
        return predictions == 0 ? Double.NaN : loss / predictions;
    }

    public double bitsPerChar() {
        return lossPerChar() / Math.log(2.0);
    }

    public double perplexity() {
        return Math.exp(lossPerChar());
    }

    /** Shapes: text indices in [0, V), at least two of them. */
    public static Evaluation of(CharRnn model, int[] text) {
        if (text.length < 2) {
            throw new IllegalArgumentException("evaluation needs at least 2 characters, got " + text.length);
        }
        double[] h = new double[model.H];
        double[] scratch = new double[model.H];
        double[] p = new double[model.V];
        double loss = 0.0;
        for (int t = 0; t + 1 < text.length; t++) {
            model.stepHiddenInPlace(h, text[t], scratch);
            model.probabilities(h, 1.0, p);
            loss += -NumpyMath.log(p[text[t + 1]] + 1e-12);
        }
        return new Evaluation(text.length, text.length - 1, loss);
    }

    /** The T x H hidden activations (row t = h after reading character t) of a probe text run from h = 0. */
    public static double[][] hiddenStates(CharRnn model, int[] text) {
        double[][] out = new double[text.length][];
        double[] h = new double[model.H];
        double[] scratch = new double[model.H];
        for (int t = 0; t < text.length; t++) {
            model.stepHiddenInPlace(h, text[t], scratch);
            out[t] = h.clone();
        }
        return out;
    }
}
