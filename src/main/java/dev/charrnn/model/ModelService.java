package dev.charrnn.model;

import dev.charrnn.inference.LoadedModel;
import dev.charrnn.nn.CharRnn;
import dev.charrnn.nn.SeedWeights;
import dev.charrnn.nn.Vocabulary;
import dev.charrnn.system.ApiException;
import dev.charrnn.system.CharrnnProperties;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Imports models in the reference's weights format and serves them to generation, evaluation and training. */
@Service
public class ModelService {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final ImportedModelRepository models;
    private final CharrnnProperties properties;

    public ModelService(ImportedModelRepository models, CharrnnProperties properties) {
        this.models = models;
        this.properties = properties;
    }

    @Transactional
    public ModelView importModel(ImportRequest request) {
        Vocabulary vocabulary = vocabulary(request.vocabulary());
        CharRnn weights = weights(request.weights(), vocabulary.size());
        ImportedModel model = models.save(new ImportedModel(request.name(), weights.H, vocabulary.size(),
                JSON.writeValueAsString(vocabulary.characters()), WeightsCodec.pack(weights),
                // what the database keeps, so that this answer and later reads agree
                Instant.now().truncatedTo(ChronoUnit.MICROS)));
        return view(model, vocabulary.characters());
    }

    @Transactional(readOnly = true)
    public ModelView get(long id) {
        ImportedModel model = find(id);
        return view(model, JSON.readValue(model.getVocabulary(), STRINGS));
    }

    /** The weights and vocabulary of model {@code id}; 404 when there is none. */
    @Transactional(readOnly = true)
    public LoadedModel load(long id) {
        ImportedModel model = find(id);
        return new LoadedModel(WeightsCodec.unpack(model.getWeights(), model.getHiddenSize(),
                model.getVocabularySize()), Vocabulary.ofCharacters(JSON.readValue(model.getVocabulary(), STRINGS)),
                null);
    }

    @Transactional(readOnly = true)
    public byte[] weightsJson(long id) {
        return SeedWeights.toBytes(load(id).weights());
    }

    private static Vocabulary vocabulary(List<String> characters) {
        if (characters.isEmpty()) {
            throw ApiException.badRequest("vocabulary is empty: a model needs at least one character");
        }
        try {
            return Vocabulary.ofCharacters(characters);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /**
     * Checks the size before reading: H comes from Whh's rows and the rows of Why must match the vocabulary, so
     * that an oversized or mis-shaped upload is refused before anything is allocated for it.
     */
    private CharRnn weights(JsonNode tree, int vocabularySize) {
        if (tree.isObject() && tree.path("Whh").isArray() && tree.path("Why").isArray()) {
            int hidden = tree.get("Whh").size();
            long parameters = CharRnn.parameterCount(hidden, vocabularySize);
            if (parameters > properties.maxParameters()) {
                throw ApiException.badRequest("weights with H=" + hidden + " (rows of Whh) and " + vocabularySize
                        + " characters make " + parameters + " parameters; the limit (charrnn.max-parameters) is "
                        + properties.maxParameters());
            }
            JsonNode why = tree.get("Why");
            if (why.size() != vocabularySize) {
                JsonNode first = why.size() > 0 ? why.get(0) : null;
                throw ApiException.badRequest("Why has shape " + why.size() + "x"
                        + (first != null && first.isArray() ? String.valueOf(first.size()) : "?") + ", expected "
                        + vocabularySize + "x" + hidden + ": the vocabulary has " + vocabularySize
                        + " characters and Whh " + hidden + " rows");
            }
        }
        try {
            return SeedWeights.fromTree(tree);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private ImportedModel find(long id) {
        return models.findById(id).orElseThrow(() -> ApiException.notFound("model", id));
    }

    private static ModelView view(ImportedModel m, List<String> vocabulary) {
        return new ModelView(m.getId(), m.getName(), m.getHiddenSize(), m.getVocabularySize(), vocabulary,
                m.getCreatedAt());
    }
}
