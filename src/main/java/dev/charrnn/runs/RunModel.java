package dev.charrnn.runs;

import dev.charrnn.nn.ModelConfig;
import io.swagger.v3.oas.annotations.media.Schema;

/** A run's model configuration as the API shows it: the request's fields and values, with the parameter count. */
@Schema(name = "RunModel")
public record RunModel(
        @Schema(
                example = "lstm",
                allowableValues = {"rnn", "lstm", "gru"})
        String cell,

        @Schema(example = "2") int layers,

        @Schema(description = "0: one-hot input", example = "0")
        int embeddingSize,

        @Schema(example = "4") int batchSize,
        @Schema(example = "0") double dropout,

        @Schema(
                example = "adam",
                allowableValues = {"adagrad", "adam", "rmsprop", "sgd"})
        String optimizer,

        @Schema(example = "0") double weightDecay,
        @Schema(example = "0") double momentum,
        @Schema(example = "1") double lrDecay,
        @Schema(example = "0") int lrDecayEvery,
        @Schema(example = "0") int warmupIterations,

        @Schema(description = "null: no cosine schedule", example = "null")
        Double minLearningRate,

        @Schema(example = "5") double gradClip,
        @Schema(example = "0") double gradNormClip,

        @Schema(
                example = "float64",
                allowableValues = {"float64", "float32"})
        String precision,

        @Schema(
                description = "Trainable parameters (the reference model's one bias a layer, PyTorch's two for "
                        + "every other configuration)",
                example = "13848")
        long parameterCount) {

    static RunModel of(ModelConfig m, int hiddenSize, int vocabularySize) {
        return new RunModel(
                ModelEnumConverters.name(m.cell()),
                m.layers(),
                m.embeddingSize(),
                m.batchSize(),
                m.dropout(),
                ModelEnumConverters.name(m.optimizer()),
                m.weightDecay(),
                m.momentum(),
                m.lrDecay(),
                m.lrDecayEvery(),
                m.warmupIterations(),
                m.minLearningRate(),
                m.gradClip(),
                m.gradNormClip(),
                ModelEnumConverters.name(m.precision()),
                RunModels.parameterCount(m, hiddenSize, vocabularySize));
    }
}
