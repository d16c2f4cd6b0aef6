package dev.charrnn.nn;

import dev.charrnn.nn.ModelConfig.Optimizer;

/**
 * An optimizer's state: its step count and its per-parameter buffers, buffers[m][k] for moment m of tensor k
 * (Adam: m = 0 the first moment, 1 the second; RMSprop: the square average; Adagrad: the sum of squares; SGD with
 * momentum: the momentum buffer; plain SGD: none).
 */
public record OptimizerState(Optimizer kind, long step, double[][][] buffers) {

    /** Zero state for {@code kind} shaped like {@code params}. */
    public static OptimizerState zeros(Optimizer kind, double[][] params) {
        int moments = switch (kind) {
            case ADAM -> 2;
            case RMSPROP, ADAGRAD, SGD -> 1;
        };
        double[][][] b = new double[moments][params.length][];
        for (int m = 0; m < moments; m++) {
            for (int k = 0; k < params.length; k++) {
                b[m][k] = new double[params[k].length];
            }
        }
        return new OptimizerState(kind, 0, b);
    }

    public OptimizerState copy() {
        double[][][] b = new double[buffers.length][][];
        for (int m = 0; m < b.length; m++) {
            b[m] = new double[buffers[m].length][];
            for (int k = 0; k < b[m].length; k++) {
                b[m][k] = buffers[m][k].clone();
            }
        }
        return new OptimizerState(kind, step, b);
    }
}
