package dev.charrnn.nn;

/**
 * Stochastic gradient descent (Robbins and Monro, "A Stochastic Approximation Method", 1951) with PyTorch's
 * heavy-ball momentum (Polyak, 1964; the form of Sutskever et al., ICML 2013), no dampening:
 * <pre>
 *   plain:          p -= lr * g
 *   momentum μ:     buf = g on the first step, then buf = buf * μ + g;  p -= lr * buf
 * </pre>
 */
public final class Sgd implements GradientDescent {
    private final double momentum;
    private final double[][] buf;
    private long t;

    Sgd(double momentum, OptimizerState s) {
        this.momentum = momentum;
        this.buf = s.copy().buffers()[0];
        this.t = s.step();
    }

    @Override
    public void stepInPlace(double[][] params, double[][] grads, double lr) {
        GradientDescent.requireSameShapes(params, grads, buf);
        boolean first = t == 0;
        t++;
        for (int k = 0; k < params.length; k++) {
            double[] p = params[k];
            double[] g = grads[k];
            double[] bk = buf[k];
            for (int i = 0; i < p.length; i++) {
                double d = g[i];
                if (momentum != 0) {
                    bk[i] = first ? d : bk[i] * momentum + d;
                    d = bk[i];
                }
                p[i] = p[i] + -lr * d;
            }
        }
    }

    @Override
    public OptimizerState state() {
        return new OptimizerState(ModelConfig.Optimizer.SGD, t, new double[][][] {buf}).copy();
    }
}
