package dev.charrnn.nn;

/**
 * The reference's smooth loss: it starts at chance level, {@code -ln(1/V) x seq_length} (what a model that knows
 * nothing scores), and moves by {@code smooth_loss = smooth_loss * 0.999 + loss * 0.001}. The trainer, the decoder
 * of stored losses, the charts and the summaries all use these, so their numbers agree to the bit.
 */
public final class SmoothLoss {
    private SmoothLoss() {}

    /** The smooth loss before the first iteration, and the charts' chance line. */
    public static double chanceLevel(int vocabularySize, int seqLength) {
        return -NumpyMath.log(1.0 / vocabularySize) * seqLength;
    }

    /** The smooth loss after an iteration whose own loss is {@code loss}. */
    public static double next(double smoothLoss, double loss) {
        return smoothLoss * 0.999 + loss * 0.001;
    }

    /** The smooth losses after each of {@code raw}'s iterations, starting from {@code smoothStart}. */
    public static double[] series(double smoothStart, double[] raw) {
        double[] out = new double[raw.length];
        double s = smoothStart;
        for (int i = 0; i < raw.length; i++) {
            s = next(s, raw[i]);
            out[i] = s;
        }
        return out;
    }

    /** The reference's summary.json over a smooth-loss series: final, min and number of steps. */
    public static final class Summary {
        private double finalLoss = Double.NaN;
        private double minLoss = Double.NaN;
        private int numSteps;

        public static Summary of(double[] smoothLosses) {
            Summary s = new Summary();
            s.addAll(smoothLosses);
            return s;
        }

        /** Extends the series by {@code smoothLosses}, in order. */
        public void addAll(double[] smoothLosses) {
            for (double s : smoothLosses) {
                if (numSteps == 0 || s < minLoss) {
                    minLoss = s;
                }
                finalLoss = s;
                numSteps++;
            }
        }

        /** The last smooth loss; NaN for an empty series. */
        public double finalLoss() {
            return finalLoss;
        }

        /** The lowest smooth loss; NaN for an empty series. */
        public double minLoss() {
            return minLoss;
        }

        public int numSteps() {
            return numSteps;
        }
    }
}
