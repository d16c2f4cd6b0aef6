package dev.charrnn.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.nn.CharRnn;
import dev.charrnn.nn.DefaultCorpus;
import dev.charrnn.nn.Evaluation;
import dev.charrnn.nn.SeedWeights;
import dev.charrnn.nn.Vocabulary;
import dev.charrnn.support.ApiClient;
import dev.charrnn.support.ServiceTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Generation, evaluation and model import through the whole stack, on a short trained run. */
// small limits: a low parameter limit, and checkpoints only when a run ends, so a long run stays without weights
@ServiceTest
@TestPropertySource(
        properties = {"charrnn.max-parameters=50000", "charrnn.checkpoint-interval=1h", "charrnn.workers=2"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelApiTest {
    private static final String TEXT = "hello deep learning\nneural networks learn patterns\n";

    @LocalServerPort
    int port;

    ApiClient api;
    long run;
    String weights;
    JsonNode vocabulary;

    @BeforeAll
    void trainASource() {
        api = new ApiClient(port);
        run = api.submit(Map.of("numIterations", 300, "hiddenSize", 32, "seed", 5, "name", "source"));
        assertThat(api.awaitFinished(run).get("status").asString()).isEqualTo("SUCCEEDED");
        weights = api.get("/api/runs/" + run + "/weights").text();
        vocabulary = api.get("/api/runs/" + run + "/vocabulary").expect(200);
    }

    private JsonNode generate(String owner, Map<String, Object> request) {
        return api.post(owner + "/generate", request).expect(200);
    }

    @Test
    void generationIsDeterministicPerSeedAndHonoursLengthAndPrime() {
        String path = "/api/runs/" + run;
        JsonNode a = generate(path, Map.of("length", 123, "seed", 11));
        assertThat(generate(path, Map.of("length", 123, "seed", 11))).isEqualTo(a);
        assertThat(generate(path, Map.of("length", 123, "seed", 12)).get("text"))
                .isNotEqualTo(a.get("text"));
        String text = a.get("text").asString();
        assertThat(text.codePointCount(0, text.length())).isEqualTo(123);
        assertThat(a.get("iteration").intValue()).isEqualTo(300);
        assertThat(a.get("temperature").doubleValue()).isEqualTo(1.0);
        assertThat(a.get("prime").isNull()).isTrue();

        JsonNode primed = generate(path, Map.of("prime", "hello ", "length", 40, "seed", 3));
        assertThat(primed.get("text").asString()).hasSize(40);
        assertThat(primed.get("prime").asString()).isEqualTo("hello ");

        JsonNode unseeded = generate(path, Map.of("length", 60));
        long seed = unseeded.get("seed").longValue();
        assertThat(generate(path, Map.of("length", 60, "seed", seed)).get("text"))
                .isEqualTo(unseeded.get("text"));
    }

    @Test
    void argmaxWithThePrimeIgnoresTheSeed() {
        String path = "/api/runs/" + run;
        JsonNode a = generate(path, Map.of("prime", "hello", "argmax", true, "seed", 1));
        JsonNode b = generate(path, Map.of("prime", "hello", "argmax", true, "seed", 2));
        assertThat(b.get("text")).isEqualTo(a.get("text"));
        assertThat(a.get("argmax").booleanValue()).isTrue();
        assertThat(generate(path, Map.of("prime", "hello", "temperature", 5.0, "seed", 1))
                        .get("text"))
                .isNotEqualTo(a.get("text"));
    }

    @Test
    void evaluationEqualsTheCoreOnTheExportedWeights() {
        JsonNode e =
                api.post("/api/runs/" + run + "/evaluate", Map.of("text", TEXT)).expect(200);
        CharRnn model = SeedWeights.read(new ByteArrayInputStream(weights.getBytes(StandardCharsets.UTF_8)));
        Evaluation expected =
                Evaluation.of(model, Vocabulary.of(DefaultCorpus.TEXT).encode(TEXT));
        assertThat(e.get("loss").doubleValue()).isEqualTo(expected.loss());
        assertThat(e.get("characters").intValue()).isEqualTo(TEXT.length());
        assertThat(e.get("predictions").intValue()).isEqualTo(TEXT.length() - 1);
        assertThat(e.get("lossPerChar").doubleValue()).isEqualTo(expected.lossPerChar());
        assertThat(e.get("bitsPerChar").doubleValue()).isEqualTo(expected.bitsPerChar());
        assertThat(e.get("perplexity").doubleValue()).isEqualTo(expected.perplexity());
        assertThat(e.get("iteration").intValue()).isEqualTo(300);
        // 300 iterations learn something: well below chance (ln 24 nats per character)
        assertThat(expected.lossPerChar()).isLessThan(0.7 * Math.log(24));
    }

    @Test
    void badGenerationAndEvaluationRequests() {
        String path = "/api/runs/" + run;
        api.post(path + "/generate", Map.of("temperature", 0)).expectProblem(400, "temperature");
        api.post(path + "/generate", "{\"temperature\": 1e999}").expectProblem(400, "temperature", "Infinity");
        api.post(path + "/generate", Map.of("length", 10_001)).expectProblem(400, "length");
        api.post(path + "/generate", Map.of("prime", "hello WORLD"))
                .expectProblem(400, "prime", "[\"W\", \"O\", \"R\", \"L\", \"D\"]");
        api.post(path + "/evaluate", Map.of("text", "h")).expectProblem(400, "at least 2");
        api.post(path + "/evaluate", Map.of("text", "hello?")).expectProblem(400, "[\"?\"]");
        api.post("/api/runs/99999/generate", Map.of()).expectProblem(404, "run 99999");
        api.post("/api/runs/99999/evaluate", Map.of("text", "he")).expectProblem(404, "run 99999");
    }

    @Test
    void aRunWithoutCheckpointCannotGenerateYet() {
        long running = api.submit(Map.of("numIterations", 10_000_000, "hiddenSize", 32, "sampleEvery", 1_000_000));
        try {
            api.post("/api/runs/" + running + "/generate", Map.of()).expectProblem(409, "no weights yet");
            api.post("/api/runs/" + running + "/evaluate", Map.of("text", "he")).expectProblem(409, "no weights yet");
        } finally {
            api.post("/api/runs/" + running + "/cancel", Map.of());
            api.awaitFinished(running);
        }
    }

    private ObjectNode importRequest() {
        ObjectNode request = ApiClient.JSON.createObjectNode();
        request.set("weights", ApiClient.JSON.readTree(weights));
        request.set("vocabulary", vocabulary.deepCopy());
        request.put("name", "re-imported");
        return request;
    }

    @Test
    void aRunsExportImportsBackUnchanged() {
        var created = api.post("/api/models", importRequest());
        JsonNode model = created.expect(201);
        long id = model.get("id").longValue();
        assertThat(created.header("Location")).isEqualTo("/api/models/" + id);
        assertThat(model.get("name").asString()).isEqualTo("re-imported");
        assertThat(model.get("hiddenSize").intValue()).isEqualTo(32);
        assertThat(model.get("vocabularySize").intValue()).isEqualTo(24);
        assertThat(model.get("vocabulary")).isEqualTo(vocabulary);
        assertThat(api.get("/api/models/" + id).expect(200)).isEqualTo(model);

        assertThat(api.get("/api/models/" + id + "/weights").text()).isEqualTo(weights);
        JsonNode fromRun =
                api.post("/api/runs/" + run + "/evaluate", Map.of("text", TEXT)).expect(200);
        JsonNode fromModel = api.post("/api/models/" + id + "/evaluate", Map.of("text", TEXT))
                .expect(200);
        assertThat(fromModel.get("loss")).isEqualTo(fromRun.get("loss"));
        assertThat(fromModel.get("iteration").isNull()).isTrue();
        Map<String, Object> request = Map.of("length", 80, "seed", 21, "temperature", 0.7);
        assertThat(generate("/api/models/" + id, request).get("text"))
                .isEqualTo(generate("/api/runs/" + run, request).get("text"));
    }

    @Test
    void importsThatDoNotFitAreRefusedNamingTheProblem() {
        ObjectNode narrowWxh = importRequest();
        for (JsonNode row : narrowWxh.get("weights").get("Wxh")) {
            ((ArrayNode) row).remove(0);
        }
        api.post("/api/models", narrowWxh).expectProblem(400, "Wxh has shape 32x23, expected 32x24");

        ObjectNode shortVocabulary = importRequest();
        ((ArrayNode) shortVocabulary.get("vocabulary")).remove(0);
        api.post("/api/models", shortVocabulary).expectProblem(400, "Why has shape 24x32, expected 23x32");

        ObjectNode twoLetters = importRequest();
        ((ArrayNode) twoLetters.get("vocabulary")).set(3, "ab");
        api.post("/api/models", twoLetters).expectProblem(400, "entry 3", "exactly one character");

        ObjectNode repeated = importRequest();
        ((ArrayNode) repeated.get("vocabulary")).set(3, vocabulary.get(4).asString());
        api.post("/api/models", repeated).expectProblem(400, "repeats");

        ObjectNode noBias = importRequest();
        ((ObjectNode) noBias.get("weights")).remove("by");
        api.post("/api/models", noBias).expectProblem(400, "by");

        ObjectNode notANumber = importRequest();
        ((ArrayNode) notANumber.get("weights").get("Whh").get(2)).set(5, "x");
        api.post("/api/models", notANumber).expectProblem(400, "Whh[2][5] is not a number");

        ObjectNode tooLarge = importRequest();
        ArrayNode whh = ((ObjectNode) tooLarge.get("weights")).putArray("Whh");
        for (int i = 0; i < 300; i++) {
            whh.addArray();
        }
        api.post("/api/models", tooLarge).expectProblem(400, "charrnn.max-parameters", "50000");

        ObjectNode noVocabulary = importRequest();
        noVocabulary.remove("vocabulary");
        api.post("/api/models", noVocabulary).expectProblem(400, "vocabulary");
    }

    @Test
    void bodiesTooLargeForTheParameterLimitAreRefusedBeforeParsing() {
        String padding = " ".repeat((int) (50_000 * ImportSizeLimit.BYTES_PER_PARAMETER + ImportSizeLimit.SLACK_BYTES));
        api.post("/api/models", importRequest().toString() + padding).expectProblem(413, "charrnn.max-parameters");
    }

    @Test
    void missingModels() {
        api.get("/api/models/99999").expectProblem(404, "model 99999 does not exist");
        api.get("/api/models/99999/weights").expectProblem(404, "model 99999");
        api.post("/api/models/99999/generate", Map.of()).expectProblem(404, "model 99999");
        api.post("/api/models/99999/evaluate", Map.of("text", "he")).expectProblem(404, "model 99999");
    }

    @Test
    void theEndpointsAreDocumented() {
        JsonNode paths = api.get("/v3/api-docs").expect(200).get("paths");
        for (String path : List.of(
                "/api/runs/{id}/generate",
                "/api/runs/{id}/evaluate",
                "/api/models",
                "/api/models/{id}",
                "/api/models/{id}/weights",
                "/api/models/{id}/generate",
                "/api/models/{id}/evaluate")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        assertThat(paths.get("/api/runs/{id}/generate").toString()).contains("drawn uniformly from the vocabulary");
    }
}
