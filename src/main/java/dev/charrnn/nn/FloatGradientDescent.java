package dev.charrnn.nn;

/**
 * The optimizers of {@link GradientDescent} and the clippings of {@link GradientClipping} for the float32 path: the
 * same operations in the same order on float parameters, gradients and moments (the scalar coefficients computed
 * in double, as PyTorch computes them in Python, then rounded to float). Its state travels as an
 * {@link OptimizerState} of doubles, which holds every float exactly.
 */
final class FloatGradientDescent {
    private final ModelConfig config;
    private final float[][][] buffers;
    private long t;

    private FloatGradientDescent(ModelConfig config, OptimizerState s) {
        if (s.kind() != config.optimizer()) {
            throw new IllegalArgumentException("optimizer state of " + ModelConfig.name(s.kind()) + " cannot continue "
                    + ModelConfig.name(config.optimizer()));
        }
        this.config = config;
        double[][][] b = s.buffers();
        this.buffers = new float[b.length][][];
        for (int m = 0; m < b.length; m++) {
            buffers[m] = new float[b[m].length][];
            for (int k = 0; k < b[m].length; k++) {
                buffers[m][k] = new float[b[m][k].length];
                for (int i = 0; i < b[m][k].length; i++) {
                    buffers[m][k][i] = (float) b[m][k][i];
                }
            }
        }
        this.t = s.step();
    }

    static FloatGradientDescent create(ModelConfig config, StackedRnn shape) {
        return new FloatGradientDescent(config, OptimizerState.zeros(config.optimizer(), shape.arrays()));
    }

    static FloatGradientDescent restore(ModelConfig config, OptimizerState s) {
        return new FloatGradientDescent(config, s);
    }

    /** The step count and the moments, widened to double (exactly). */
    OptimizerState state() {
        double[][][] b = new double[buffers.length][][];
        for (int m = 0; m < b.length; m++) {
            b[m] = new double[buffers[m].length][];
            for (int k = 0; k < b[m].length; k++) {
                float[] f = buffers[m][k];
                double[] d = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    d[i] = f[i];
                }
                b[m][k] = d;
            }
        }
        return new OptimizerState(config.optimizer(), t, b);
    }

    /** {@link GradientClipping#clipInPlace} in float. */
    static void clipInPlace(ModelConfig config, float[][] grads) {
        if (config.gradClip() > 0) {
            float c = (float) config.gradClip();
            for (float[] g : grads) {
                for (int i = 0; i < g.length; i++) {
                    g[i] = Math.max(-c, Math.min(c, g[i]));
                }
            }
        } else if (config.gradNormClip() > 0) {
            // the norm of the per-tensor norms, summed in double
            double squares = 0.0;
            for (float[] g : grads) {
                double s = 0.0;
                for (float v : g) {
                    s += (double) v * v;
                }
                double norm = Math.sqrt(s);
                squares += norm * norm;
            }
            double coef = config.gradNormClip() / (Math.sqrt(squares) + GradientClipping.NORM_EPS);
            if (coef < 1.0) {
                float c = (float) coef;
                for (float[] g : grads) {
                    for (int i = 0; i < g.length; i++) {
                        g[i] *= c;
                    }
                }
            }
        }
    }

    /** One step at learning rate {@code lr}, the config's optimizer, in place. */
    void stepInPlace(float[][] params, float[][] grads, double lr) {
        boolean first = t == 0;
        t++;
        switch (config.optimizer()) {
            case ADAM -> adam(params, grads, lr);
            case RMSPROP -> rmsProp(params, grads, lr);
            case SGD -> sgd(params, grads, lr, first);
            case ADAGRAD -> adagrad(params, grads, lr);
        }
    }

    /** {@link Adam}. */
    private void adam(float[][] params, float[][] grads, double lr) {
        double biasCorrection1 = 1 - Math.pow(Adam.BETA1, t);
        float biasCorrection2Sqrt = (float) Math.sqrt(1 - Math.pow(Adam.BETA2, t));
        float negStep = (float) (-(lr / biasCorrection1));
        float decay = (float) (1 - lr * config.weightDecay());
        boolean decayed = config.weightDecay() != 0;
        float b1 = (float) Adam.BETA1;
        float c1 = (float) (1 - Adam.BETA1);
        float b2 = (float) Adam.BETA2;
        float c2 = (float) (1 - Adam.BETA2);
        float eps = (float) Adam.EPS;
        for (int k = 0; k < params.length; k++) {
            float[] p = params[k];
            float[] g = grads[k];
            float[] m = buffers[0][k];
            float[] v = buffers[1][k];
            for (int i = 0; i < p.length; i++) {
                if (decayed) {
                    p[i] *= decay;
                }
                float gi = g[i];
                m[i] = m[i] * b1 + c1 * gi;
                v[i] = v[i] * b2 + c2 * gi * gi;
                float denom = (float) Math.sqrt(v[i]) / biasCorrection2Sqrt + eps;
                p[i] = p[i] + negStep * m[i] / denom;
            }
        }
    }

    /** {@link RmsProp}. */
    private void rmsProp(float[][] params, float[][] grads, double lr) {
        float alpha = (float) RmsProp.ALPHA;
        float c = (float) (1 - RmsProp.ALPHA);
        float eps = (float) RmsProp.EPS;
        float negLr = (float) -lr;
        for (int k = 0; k < params.length; k++) {
            float[] p = params[k];
            float[] g = grads[k];
            float[] v = buffers[0][k];
            for (int i = 0; i < p.length; i++) {
                float gi = g[i];
                v[i] = v[i] * alpha + c * gi * gi;
                p[i] = p[i] + negLr * gi / ((float) Math.sqrt(v[i]) + eps);
            }
        }
    }

    /** {@link Sgd}. */
    private void sgd(float[][] params, float[][] grads, double lr, boolean first) {
        float momentum = (float) config.momentum();
        float negLr = (float) -lr;
        for (int k = 0; k < params.length; k++) {
            float[] p = params[k];
            float[] g = grads[k];
            float[] b = buffers[0][k];
            for (int i = 0; i < p.length; i++) {
                float d = g[i];
                if (momentum != 0) {
                    b[i] = first ? d : b[i] * momentum + d;
                    d = b[i];
                }
                p[i] = p[i] + negLr * d;
            }
        }
    }

    /** {@link TorchAdagrad}. */
    private void adagrad(float[][] params, float[][] grads, double lr) {
        float eps = (float) TorchAdagrad.EPS;
        float negLr = (float) -lr;
        for (int k = 0; k < params.length; k++) {
            float[] p = params[k];
            float[] g = grads[k];
            float[] s = buffers[0][k];
            for (int i = 0; i < p.length; i++) {
                float gi = g[i];
                s[i] = s[i] + gi * gi;
                p[i] = p[i] + negLr * gi / ((float) Math.sqrt(s[i]) + eps);
            }
        }
    }

    static boolean isFloat(ModelConfig config) {
        return config.precision() == ModelConfig.Precision.FLOAT32;
    }
}
