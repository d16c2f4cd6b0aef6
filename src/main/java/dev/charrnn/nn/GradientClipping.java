package dev.charrnn.nn;

/** The two clippings a run may ask for, applied to the gradients in place before the optimizer step. */
public final class GradientClipping {
    /** PyTorch's clip_grad_norm_ adds this to the norm before dividing. */
    static final double NORM_EPS = 1e-6;

    private GradientClipping() {}

    /** Applies {@code config}'s clipping (none, element-wise or global norm) to {@code grads}. */
    public static void clipInPlace(ModelConfig config, double[][] grads) {
        if (config.gradClip() > 0) {
            clipElementsInPlace(grads, config.gradClip());
        } else if (config.gradNormClip() > 0) {
            clipNormInPlace(grads, config.gradNormClip());
        }
    }

    /** Every entry clamped to [-c, c]. */
    public static void clipElementsInPlace(double[][] grads, double c) {
        for (double[] g : grads) {
            for (int i = 0; i < g.length; i++) {
                g[i] = Math.max(-c, Math.min(c, g[i]));
            }
        }
    }

    /**
     * {@code torch.nn.utils.clip_grad_norm_(params, maxNorm)}: total = the 2-norm of the per-tensor 2-norms;
     * coef = maxNorm / (total + 1e-6); when coef < 1 every gradient is multiplied by coef.
     *
     * @return the total norm before clipping
     */
    public static double clipNormInPlace(double[][] grads, double maxNorm) {
        double squares = 0.0;
        for (double[] g : grads) {
            double s = 0.0;
            for (double v : g) {
                s += v * v;
            }
            double norm = Math.sqrt(s);
            squares += norm * norm;
        }
        double total = Math.sqrt(squares);
        double coef = maxNorm / (total + NORM_EPS);
        if (coef < 1.0) {
            for (double[] g : grads) {
                for (int i = 0; i < g.length; i++) {
                    g[i] *= coef;
                }
            }
        }
        return total;
    }
}
