package dev.charrnn.nn;

/**
 * Adam (Kingma and Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015) with, when weightDecay > 0,
 * decoupled weight decay (AdamW: Loshchilov and Hutter, "Decoupled Weight Decay Regularization", ICLR 2019), in
 * PyTorch's order of operations (β1 = 0.9, β2 = 0.999, eps = 1e-8, t counted from 1):
 * <pre>
 *   p *= 1 - lr * weightDecay                        (AdamW only)
 *   m = m * β1 + g * (1 - β1);  v = v * β2 + g * g * (1 - β2)
 *   p -= (lr / (1 - β1^t)) * m / (sqrt(v) / sqrt(1 - β2^t) + eps)
 * </pre>
 */
public final class Adam implements GradientDescent {
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPS = 1e-8;

    private final double weightDecay;
    private final double[][] m;
    private final double[][] v;
    private long t;

    Adam(double weightDecay, OptimizerState s) {
        this.weightDecay = weightDecay;
        OptimizerState own = s.copy();
        this.m = own.buffers()[0];
        this.v = own.buffers()[1];
        this.t = s.step();
    }

    @Override
    public void stepInPlace(double[][] params, double[][] grads, double lr) {
        GradientDescent.requireSameShapes(params, grads, m);
        t++;
        double biasCorrection1 = 1 - Math.pow(BETA1, t);
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(BETA2, t));
        double stepSize = lr / biasCorrection1;
        double decay = 1 - lr * weightDecay;
        for (int k = 0; k < params.length; k++) {
            double[] p = params[k];
            double[] g = grads[k];
            double[] mk = m[k];
            double[] vk = v[k];
            for (int i = 0; i < p.length; i++) {
                if (weightDecay != 0) {
                    p[i] *= decay;
                }
                double gi = g[i];
                // exp_avg.mul_(β1).add_(g, alpha=1-β1); exp_avg_sq.mul_(β2).addcmul_(g, g, value=1-β2)
                mk[i] = mk[i] * BETA1 + (1 - BETA1) * gi;
                vk[i] = vk[i] * BETA2 + (1 - BETA2) * gi * gi;
                // denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps); p.addcdiv_(m, denom, -step_size)
                double denom = Math.sqrt(vk[i]) / biasCorrection2Sqrt + EPS;
                p[i] = p[i] + -stepSize * mk[i] / denom;
            }
        }
    }

    @Override
    public OptimizerState state() {
        return new OptimizerState(ModelConfig.Optimizer.ADAM, t, new double[][][] {m, v}).copy();
    }
}
