package dev.charrnn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.charrnn.nn.ModelConfig.Cell;
import dev.charrnn.nn.ModelConfig.Optimizer;
import org.junit.jupiter.api.Test;

class ModelConfigTest {

    @Test
    void theReferenceConfiguration() {
        ModelConfig m = ModelConfig.reference();
        assertThat(m.isReference()).isTrue();
        assertThat(m.cell()).isEqualTo(Cell.RNN);
        assertThat(m.layers()).isEqualTo(1);
        assertThat(m.batchSize()).isEqualTo(1);
        assertThat(m.optimizer()).isEqualTo(Optimizer.ADAGRAD);
        assertThat(m.gradClip()).isEqualTo(5.0);
        assertThat(ModelConfig.reference().withBatchSize(2).isReference()).isFalse();
    }

    @Test
    void invalidValuesNameTheirField() {
        ModelConfig r = ModelConfig.reference();
        assertField(() -> r.withLayers(5), "layers");
        assertField(() -> r.withLayers(0), "layers");
        assertField(() -> r.withBatchSize(257), "batchSize");
        assertField(() -> r.withDropout(1.0), "dropout");
        assertField(() -> r.withDropout(-0.1), "dropout");
        assertField(() -> r.withEmbeddingSize(-1), "embeddingSize");
        assertField(() -> r.withWeightDecay(0.1), "weightDecay");
        assertField(() -> r.withMomentum(0.9), "momentum");
        assertField(() -> r.withOptimizer(Optimizer.SGD).withMomentum(1.0), "momentum");
        assertField(() -> r.withStepDecay(1.5, 10), "lrDecay");
        assertField(() -> r.withStepDecay(0.5, 0), "lrDecayEvery");
        assertField(() -> r.withCosine(10, null), "warmupIterations");
        assertField(() -> r.withCosine(0, -1.0), "minLearningRate");
        assertField(() -> r.withStepDecay(0.5, 10).withCosine(0, 0.0), "minLearningRate");
        assertField(() -> r.withClipping(5, 1), "gradNormClip");
        assertField(() -> r.withClipping(-1, 0), "gradClip");
        assertField(() -> r.withPrecision(null), "precision");
        assertField(() -> r.withCell(null), "cell");
    }

    @Test
    void validCombinationsAreAccepted() {
        ModelConfig m = ModelConfig.reference()
                .withCell(Cell.LSTM)
                .withLayers(2)
                .withBatchSize(50)
                .withDropout(0.5)
                .withOptimizer(Optimizer.ADAM)
                .withWeightDecay(0.1)
                .withCosine(100, 1e-4)
                .withClipping(0, 5);
        assertThat(m.isReference()).isFalse();
        // dropout with one layer is allowed: it acts before the output layer only
        assertThat(ModelConfig.reference().withDropout(0.2).dropout()).isEqualTo(0.2);
    }

    @Test
    void parameterCountAddsPyTorchsTensors() {
        ModelConfig lstm = ModelConfig.reference().withCell(Cell.LSTM).withLayers(2);
        // layer 0: 4H*V + 4H*H + 8H; layer 1: 4H*H + 4H*H + 8H; out: V*H + V
        long H = 128;
        long V = 65;
        assertThat(lstm.parameterCount(H, V)).isEqualTo(4 * H * V + 4 * H * H + 8 * H + 8 * H * H + 8 * H + V * H + V);
        assertThat(lstm.parameterCount(H, V))
                .isEqualTo(StackedRnn.zeros(lstm, 128, 65).parameterCount());
        ModelConfig gru = ModelConfig.reference().withCell(Cell.GRU).withEmbeddingSize(16);
        assertThat(gru.parameterCount(32, 10))
                .isEqualTo(StackedRnn.zeros(gru, 32, 10).parameterCount());
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable c, String field) {
        assertThatThrownBy(c).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(field + " ");
    }
}
