package dev.charrnn.model;

import dev.charrnn.inference.LoadedModel;
import dev.charrnn.nn.CharRnn;
import dev.charrnn.nn.ModelConfig;
import dev.charrnn.nn.SeedWeights;
import dev.charrnn.nn.StackedRnn;
import dev.charrnn.nn.TorchStateDict;
import dev.charrnn.nn.Vocabulary;
import dev.charrnn.system.ApiException;
import dev.charrnn.system.CharrnnProperties;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports models in the reference's weights format or as PyTorch state_dicts, and serves them to generation,
 * evaluation and training.
 */
@Service
public class ModelService {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final ImportedModelRepository models;
    private final CharrnnProperties properties;

    public ModelService(ImportedModelRepository models, CharrnnProperties properties) {
        this.models = models;
        this.properties = properties;
    }

    /**
     * Reads the request from {@code body} as it arrives (see {@link ImportReader}); outside a transaction, so that
     * a slow upload holds no database connection.
     */
    public ModelView importModel(InputStream body) {
        ImportReader.Parsed request = ImportReader.read(body, properties.maxParameters());
        Vocabulary vocabulary = vocabulary(request.vocabulary());
        String characters = JSON.writeValueAsString(vocabulary.characters());
        // what the database keeps, so that this answer and later reads agree
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ImportedModel model;
        if (request.weights().containsKey("Whh")) {
            CharRnn weights = weights(request.weights(), vocabulary.size());
            model = new ImportedModel(
                    request.name(), weights.H, vocabulary.size(), characters, WeightsCodec.pack(weights), now);
        } else {
            StackedRnn weights = TorchImport.model(request.weights(), vocabulary.size(), properties.maxParameters());
            model = new ImportedModel(
                            request.name(), weights.H, vocabulary.size(), characters, WeightsCodec.pack(weights), now)
                    .torch(name(weights.cell), weights.layers, weights.E);
        }
        return view(models.save(model), vocabulary.characters());
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
        Vocabulary vocabulary = Vocabulary.ofCharacters(JSON.readValue(model.getVocabulary(), STRINGS));
        if (model.isTorchLayout()) {
            return new LoadedModel(WeightsCodec.unpack(model.getWeights(), shape(model)), vocabulary, null);
        }
        return new LoadedModel(
                WeightsCodec.unpack(model.getWeights(), model.getHiddenSize(), model.getVocabularySize()),
                vocabulary,
                null);
    }

    /** The reference's JSON for a reference model, a PyTorch state_dict for a stacked one. */
    @Transactional(readOnly = true)
    public byte[] weightsJson(long id) {
        LoadedModel model = load(id);
        return model.isStacked() ? TorchStateDict.toBytes(model.stacked()) : SeedWeights.toBytes(model.weights());
    }

    private static StackedRnn shape(ImportedModel m) {
        return new StackedRnn(
                ModelConfig.Cell.valueOf(m.getCell().toUpperCase(Locale.ROOT)),
                m.getLayers(),
                m.getHiddenSize(),
                m.getVocabularySize(),
                m.getEmbeddingSize());
    }

    private static String name(ModelConfig.Cell cell) {
        return cell.name().toLowerCase(Locale.ROOT);
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
     * H comes from Whh's rows and the rows of Why must match the vocabulary; the parameter count is checked before
     * the model is allocated, then every matrix's shape.
     */
    private CharRnn weights(Map<String, ImportReader.Matrix> sent, int vocabularySize) {
        int hidden = sent.get("Whh").rows();
        long parameters = CharRnn.parameterCount(hidden, vocabularySize);
        if (parameters > properties.maxParameters()) {
            throw ApiException.badRequest("weights with H=" + hidden + " (rows of Whh) and " + vocabularySize
                    + " characters make " + parameters + " parameters; the limit (charrnn.max-parameters) is "
                    + properties.maxParameters());
        }
        ImportReader.Matrix why = sent.get("Why");
        if (why.rows() != vocabularySize) {
            throw ApiException.badRequest("Why has shape " + why.shape() + ", expected " + vocabularySize + "x" + hidden
                    + ": the vocabulary has " + vocabularySize + " characters and Whh " + hidden + " rows");
        }
        if (hidden < 1) {
            throw ApiException.badRequest("weights need at least one hidden unit and one character");
        }
        CharRnn m = new CharRnn(hidden, vocabularySize);
        int[][] shapes = {
            {hidden, vocabularySize}, {hidden, hidden}, {vocabularySize, hidden}, {hidden, 1}, {vocabularySize, 1}
        };
        double[][] arrays = m.arrays();
        for (int k = 0; k < ImportReader.KEYS.length; k++) {
            ImportReader.Matrix a = sent.get(ImportReader.KEYS[k]);
            if (a.ragged() || a.rows() != shapes[k][0] || a.firstRow() != shapes[k][1]) {
                throw ApiException.badRequest(ImportReader.KEYS[k] + " has shape " + a.shape()
                        + (a.ragged() ? " with rows of different lengths" : "") + ", expected " + shapes[k][0] + "x"
                        + shapes[k][1]);
            }
            System.arraycopy(a.values(), 0, arrays[k], 0, arrays[k].length);
        }
        return m;
    }

    private ImportedModel find(long id) {
        return models.findById(id).orElseThrow(() -> ApiException.notFound("model", id));
    }

    private static ModelView view(ImportedModel m, List<String> vocabulary) {
        long parameters = m.isTorchLayout()
                ? shape(m).parameterCount()
                : CharRnn.parameterCount(m.getHiddenSize(), m.getVocabularySize());
        return new ModelView(
                m.getId(),
                m.getName(),
                m.getHiddenSize(),
                m.getVocabularySize(),
                vocabulary,
                m.getCreatedAt(),
                m.isTorchLayout() ? ModelView.FORMAT_TORCH : ModelView.FORMAT_REFERENCE,
                m.getCell(),
                m.getLayers(),
                m.getEmbeddingSize(),
                parameters);
    }
}
