package dev.charrnn.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.charrnn.nn.ModelConfig;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The model configuration a request asks for, over its defaults. */
class RunRequestModelTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ModelConfig ADAMW_LSTM = ModelConfig.reference()
            .withCell(ModelConfig.Cell.LSTM)
            .withLayers(2)
            .withBatchSize(8)
            .withOptimizer(ModelConfig.Optimizer.ADAM)
            .withWeightDecay(0.1)
            .withClipping(0, 5);

    private static ModelConfig ask(String json, ModelConfig base) {
        return JSON.readValue(json, RunRequest.class).modelConfig(base);
    }

    @Test
    void withoutModelFieldsARequestIsTheReferenceConfiguration() {
        assertThat(ask("{\"hiddenSize\": 32}", ModelConfig.reference())).isEqualTo(ModelConfig.reference());
        assertThat(ask("{}", ModelConfig.reference()).isReference()).isTrue();
    }

    @Test
    void everyFieldIsRead() {
        ModelConfig m = ask(
                "{\"cell\":\"gru\",\"layers\":3,\"embeddingSize\":16,\"batchSize\":32,\"dropout\":0.2,"
                        + "\"optimizer\":\"sgd\",\"momentum\":0.9,\"lrDecay\":0.97,\"lrDecayEvery\":100,"
                        + "\"gradClip\":2,\"precision\":\"float64\"}",
                ModelConfig.reference());
        assertThat(m)
                .isEqualTo(ModelConfig.reference()
                        .withCell(ModelConfig.Cell.GRU)
                        .withLayers(3)
                        .withEmbeddingSize(16)
                        .withBatchSize(32)
                        .withDropout(0.2)
                        .withOptimizer(ModelConfig.Optimizer.SGD)
                        .withMomentum(0.9)
                        .withStepDecay(0.97, 100)
                        .withClipping(2, 0));
        assertThat(ask("{\"warmupIterations\":10,\"minLearningRate\":0.0001}", ModelConfig.reference()))
                .isEqualTo(ModelConfig.reference().withCosine(10, 0.0001));
    }

    @Test
    void oneClippingTurnsTheOtherOff() {
        assertThat(ask("{\"gradNormClip\":1}", ModelConfig.reference())).satisfies(m -> {
            assertThat(m.gradNormClip()).isEqualTo(1);
            assertThat(m.gradClip()).isZero();
        });
        assertThat(ask("{\"gradClip\":3}", ADAMW_LSTM)).satisfies(m -> {
            assertThat(m.gradClip()).isEqualTo(3);
            assertThat(m.gradNormClip()).isZero();
        });
    }

    @Test
    void aContinuedRunKeepsItsSourcesModelUnlessAFieldSaysOtherwise() {
        assertThat(ask("{}", ADAMW_LSTM)).isEqualTo(ADAMW_LSTM);
        assertThat(ask("{\"batchSize\":2}", ADAMW_LSTM)).isEqualTo(ADAMW_LSTM.withBatchSize(2));
        // weight decay belongs to adam: another optimizer starts without it
        assertThat(ask("{\"optimizer\":\"rmsprop\"}", ADAMW_LSTM))
                .isEqualTo(ADAMW_LSTM.withOptimizer(ModelConfig.Optimizer.RMSPROP));
    }

    @Test
    void badValuesNameTheirField() {
        assertThatThrownBy(() -> ask("{\"optimizer\":\"lbfgs\"}", ModelConfig.reference()))
                .hasMessage("optimizer must be one of adagrad, adam, rmsprop, sgd, got 'lbfgs'");
        assertThatThrownBy(() -> ask("{\"precision\":\"float16\"}", ModelConfig.reference()))
                .hasMessageStartingWith("precision must be one of float64, float32");
        assertThatThrownBy(() -> ask("{\"batchSize\":0}", ModelConfig.reference()))
                .hasMessageStartingWith("batchSize must be 1..256");
        assertThatThrownBy(() -> ask("{\"lrDecay\":0.5}", ModelConfig.reference()))
                .hasMessageStartingWith("lrDecayEvery must be > 0");
    }
}
