package dev.charrnn.nn;

/**
 * Adagrad (Duchi, Hazan and Singer, "Adaptive Subgradient Methods for Online Learning and Stochastic
 * Optimization", JMLR 12, 2011) as PyTorch defines it, for the stacked models (eps = 1e-10 outside the root):
 * <pre>
 *   s += g * g;  p -= lr * g / (sqrt(s) + 1e-10)
 * </pre>
 * The reference model keeps the reference's variant ({@link Adagrad}: eps 1e-8 inside the root).
 */
public final class TorchAdagrad implements GradientDescent {
    static final double EPS = 1e-10;

    private final double[][] sum;
    private long t;

    TorchAdagrad(OptimizerState s) {
        this.sum = s.copy().buffers()[0];
        this.t = s.step();
    }

    @Override
    public void stepInPlace(double[][] params, double[][] grads, double lr) {
        GradientDescent.requireSameShapes(params, grads, sum);
        t++;
        for (int k = 0; k < params.length; k++) {
            double[] p = params[k];
            double[] g = grads[k];
            double[] sk = sum[k];
            for (int i = 0; i < p.length; i++) {
                double gi = g[i];
                sk[i] = sk[i] + 1.0 * gi * gi;
                p[i] = p[i] + -lr * gi / (Math.sqrt(sk[i]) + EPS);
            }
        }
    }

    @Override
    public OptimizerState state() {
        return new OptimizerState(ModelConfig.Optimizer.ADAGRAD, t, new double[][][] {sum}).copy();
    }
}
