package dev.charrnn.nn;

/**
 * An optimizer of the stacked models: one step over every parameter tensor, with the learning rate the schedule
 * gives for this iteration. Implementations follow PyTorch 1.13's single-tensor code operation for operation, so
 * a run started from PyTorch's weights follows PyTorch's trajectory.
 */
public interface GradientDescent {

    /** Updates {@code params} in place from {@code grads} (same shapes) at learning rate {@code lr}. */
    void stepInPlace(double[][] params, double[][] grads, double lr);

    /** Everything needed to continue: the step count and the moment buffers (copies). */
    OptimizerState state();

    /** A fresh optimizer for {@code config}'s choice, with zero state shaped like {@code params}. */
    static GradientDescent create(ModelConfig config, double[][] params) {
        return restore(config, OptimizerState.zeros(config.optimizer(), params));
    }

    /** Continues from a saved state; its kind must be the config's. */
    static GradientDescent restore(ModelConfig config, OptimizerState s) {
        if (s.kind() != config.optimizer()) {
            throw new IllegalArgumentException("optimizer state of " + ModelConfig.name(s.kind()) + " cannot continue "
                    + ModelConfig.name(config.optimizer()));
        }
        return switch (config.optimizer()) {
            case ADAM -> new Adam(config.weightDecay(), s);
            case RMSPROP -> new RmsProp(s);
            case SGD -> new Sgd(config.momentum(), s);
            case ADAGRAD -> new TorchAdagrad(s);
        };
    }

    static void requireSameShapes(double[][] params, double[][] grads, double[][] buffers) {
        if (params.length != grads.length) {
            throw new IllegalArgumentException(params.length + " parameter tensors, " + grads.length + " gradients");
        }
        for (int k = 0; k < params.length; k++) {
            if (params[k].length != grads[k].length || (buffers != null && buffers[k].length != params[k].length)) {
                throw new IllegalArgumentException("tensor " + k + ": parameter has " + params[k].length
                        + " entries, gradient " + grads[k].length
                        + (buffers != null ? ", optimizer state " + buffers[k].length : ""));
            }
        }
    }
}
