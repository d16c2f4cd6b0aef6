package dev.charrnn.runs;

import dev.charrnn.nn.CharRnn;
import dev.charrnn.nn.ModelConfig;
import dev.charrnn.system.ApiException;

/** The model a submitted run asks for: its configuration over the defaults, its size. */
final class RunModels {
    private RunModels() {}

    /** The request's model configuration over its defaults (a continued run's: its source's); 400 naming a field. */
    static ModelConfig requested(RunRequest request, InitSources.Source source) {
        ModelConfig model;
        try {
            model = request.modelConfig(source == null ? ModelConfig.reference() : source.base());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid fields: " + e.getMessage());
        }
        if (source != null) {
            source.requireFits(model, source.runId() != null ? "run " + source.runId() : "model " + source.modelId());
        }
        return model;
    }

    /** The model's trainable parameters: the reference's own count (one bias) or PyTorch's. */
    static long parameterCount(ModelConfig model, int hiddenSize, int vocabularySize) {
        return model.isReference()
                ? CharRnn.parameterCount(hiddenSize, vocabularySize)
                : model.parameterCount(hiddenSize, vocabularySize);
    }

    /** E.g. " (lstm, 2 layers)"; nothing for the reference configuration. */
    static String describe(ModelConfig model) {
        return model.isReference()
                ? ""
                : " (" + ModelEnumConverters.name(model.cell()) + ", " + model.layers() + " layer"
                        + (model.layers() == 1 ? "" : "s")
                        + (model.embeddingSize() > 0 ? ", embedding " + model.embeddingSize() : "") + ")";
    }
}
