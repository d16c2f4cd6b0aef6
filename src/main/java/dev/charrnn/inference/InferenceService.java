package dev.charrnn.inference;

import dev.charrnn.nn.Evaluation;
import dev.charrnn.nn.Rng;
import dev.charrnn.nn.Sampler;
import dev.charrnn.nn.StackedInference;
import dev.charrnn.nn.StackedState;
import dev.charrnn.system.ApiException;
import dev.charrnn.system.CharrnnProperties;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Generation and evaluation for any model, a run's or an imported one: the callers load it, this checks the
 * request against it and runs the core.
 */
@Service
public class InferenceService {
    static final double MAX_TEMPERATURE = 100.0;
    private static final long JSON_SAFE_SEEDS = 1L << 53;

    private final CharrnnProperties properties;

    public InferenceService(CharrnnProperties properties) {
        this.properties = properties;
    }

    /**
     * From h = 0: the prime's characters but its last are fed, then sampling starts with the last as input;
     * without a prime, the first input is drawn uniformly from the vocabulary with the request's generator.
     */
    public Generated generate(LoadedModel model, GenerateRequest request) {
        int length = request.length() == null ? GenerateRequest.DEFAULT_LENGTH : request.length();
        if (length < 1 || length > GenerateRequest.MAX_LENGTH) {
            throw ApiException.badRequest(
                    "length must be between 1 and " + GenerateRequest.MAX_LENGTH + ", got " + length);
        }
        double temperature =
                request.temperature() == null ? GenerateRequest.DEFAULT_TEMPERATURE : request.temperature();
        if (!(temperature > 0) || !(temperature <= MAX_TEMPERATURE)) {
            throw ApiException.badRequest(
                    "temperature must be finite, > 0 and at most " + MAX_TEMPERATURE + ", got " + temperature);
        }
        String prime = request.prime() == null || request.prime().isEmpty() ? null : request.prime();
        int[] primeIx = prime == null ? null : encode(model, prime, "prime");
        long seed = request.seed() != null
                ? request.seed()
                : ThreadLocalRandom.current().nextLong(JSON_SAFE_SEEDS);
        boolean argmax = Boolean.TRUE.equals(request.argmax());

        Rng rng = new Rng(seed);
        int[] out = model.isStacked()
                ? sampleStacked(model, primeIx, length, temperature, argmax, rng)
                : sampleReference(model, primeIx, length, temperature, argmax, rng);
        return new Generated(
                model.vocabulary().decode(out), length, temperature, request.prime(), seed, argmax, model.iteration());
    }

    private static int[] sampleReference(
            LoadedModel model, int[] primeIx, int length, double temperature, boolean argmax, Rng rng) {
        double[] h = new double[model.weights().H];
        int seedIx;
        if (primeIx != null) {
            h = Sampler.prime(model.weights(), h, primeIx);
            seedIx = primeIx[primeIx.length - 1];
        } else {
            seedIx = rng.nextInt(model.vocabulary().size());
        }
        return Sampler.sample(model.weights(), h, seedIx, length, temperature, argmax, rng);
    }

    /** As {@link #sampleReference}, with every layer's state (and an LSTM's cell state) starting at zero. */
    private static int[] sampleStacked(
            LoadedModel model, int[] primeIx, int length, double temperature, boolean argmax, Rng rng) {
        StackedInference inference = new StackedInference(model.stacked());
        StackedState state;
        int seedIx;
        if (primeIx != null) {
            state = inference.prime(primeIx);
            seedIx = primeIx[primeIx.length - 1];
        } else {
            state = inference.zeroState();
            seedIx = rng.nextInt(model.vocabulary().size());
        }
        return inference.sample(state, seedIx, length, temperature, argmax, rng);
    }

    public EvaluationView evaluate(LoadedModel model, EvaluateRequest request) {
        String text = request.text();
        if (text == null) {
            throw ApiException.badRequest("text is required");
        }
        long max = properties.maxCorpusBytes().toBytes();
        // UTF-8 takes at most 3 bytes per UTF-16 unit: only a text that might be too large is encoded to measure it
        if ((long) text.length() * 3 > max) {
            int bytes = text.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > max) {
                throw new ApiException(
                        HttpStatus.CONTENT_TOO_LARGE,
                        "the text has " + bytes + " bytes; the limit (charrnn.max-corpus-bytes) is " + max);
            }
        }
        int characters = text.codePointCount(0, text.length());
        if (characters < 2) {
            throw ApiException.badRequest("the text has " + characters + " character" + (characters == 1 ? "" : "s")
                    + "; evaluation needs at least 2 (the first is only read, the others are predicted)");
        }
        int[] ix = encode(model, text, "text");
        Evaluation e = model.isStacked()
                ? new StackedInference(model.stacked()).evaluate(ix)
                : Evaluation.of(model.weights(), ix);
        return new EvaluationView(
                e.characters(),
                e.predictions(),
                e.loss(),
                e.lossPerChar(),
                e.bitsPerChar(),
                e.perplexity(),
                model.iteration());
    }

    private static int[] encode(LoadedModel model, String text, String field) {
        List<String> missing = model.vocabulary().missing(text);
        if (!missing.isEmpty()) {
            List<String> known = model.vocabulary().characters();
            throw ApiException.badRequest(field + " has characters the model does not know: "
                    + Quoted.characters(missing)
                    + (known.size() <= Quoted.SHOWN ? "; its vocabulary is " + Quoted.characters(known) : ""));
        }
        return model.vocabulary().encode(text);
    }
}
