package dev.charrnn.nn;

/**
 * RMSprop (Tieleman and Hinton, "Lecture 6.5 - rmsprop", COURSERA: Neural Networks for Machine Learning, 2012) as
 * PyTorch defines it, not centred, without momentum (α = 0.99, eps = 1e-8 added outside the square root):
 * <pre>
 *   v = v * α + g * g * (1 - α);  p -= lr * g / (sqrt(v) + eps)
 * </pre>
 */
public final class RmsProp implements GradientDescent {
    static final double ALPHA = 0.99;
    static final double EPS = 1e-8;

    private final double[][] v;
    private long t;

    RmsProp(OptimizerState s) {
        this.v = s.copy().buffers()[0];
        this.t = s.step();
    }

    @Override
    public void stepInPlace(double[][] params, double[][] grads, double lr) {
        GradientDescent.requireSameShapes(params, grads, v);
        t++;
        for (int k = 0; k < params.length; k++) {
            double[] p = params[k];
            double[] g = grads[k];
            double[] vk = v[k];
            for (int i = 0; i < p.length; i++) {
                double gi = g[i];
                vk[i] = vk[i] * ALPHA + (1 - ALPHA) * gi * gi;
                p[i] = p[i] + -lr * gi / (Math.sqrt(vk[i]) + EPS);
            }
        }
    }

    @Override
    public OptimizerState state() {
        return new OptimizerState(ModelConfig.Optimizer.RMSPROP, t, new double[][][] {v}).copy();
    }
}
