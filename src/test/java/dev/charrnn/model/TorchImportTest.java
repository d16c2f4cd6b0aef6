package dev.charrnn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.charrnn.nn.Vocabulary;
import dev.charrnn.support.ApiClient;
import dev.charrnn.support.ServiceTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * PyTorch state_dicts written by {@code torch_charlm.py --dump-weights} (the torch-golden fixtures: a 2-layer LSTM
 * and a GRU, trained by PyTorch) import as models and evaluate to the loss PyTorch computes for them
 * ({@code torch-golden/evaluate.py}).
 */
@ServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TorchImportTest {
    @LocalServerPort
    int port;

    ApiClient api;
    String corpus;
    JsonNode vocabulary;
    JsonNode torchLosses;

    @BeforeAll
    void read() {
        api = new ApiClient(port);
        corpus = text("corpus.txt");
        vocabulary = ApiClient.JSON.valueToTree(Vocabulary.of(corpus).characters());
        torchLosses = ApiClient.JSON.readTree(text("evaluate.json"));
    }

    @Test
    void torchsDumpsEvaluateToPyTorchsLoss() {
        for (String name : new String[] {"lstm2-adam-final", "gru1-sgd-final"}) {
            JsonNode weights = ApiClient.JSON.readTree(text(name + ".json"));
            JsonNode model = api.post("/api/models", body(name, weights)).expect(201);
            assertThat(model.get("format").asString()).isEqualTo("torch");
            assertThat(model.get("cell").asString()).isEqualTo(name.startsWith("lstm") ? "lstm" : "gru");
            assertThat(model.get("layers").asInt()).isEqualTo(name.startsWith("lstm") ? 2 : 1);
            long id = model.get("id").asLong();
            String first400 = corpus.substring(0, corpus.offsetByCodePoints(0, 400));
            double loss = api.post("/api/models/" + id + "/evaluate", Map.of("text", first400))
                    .expect(200)
                    .get("loss")
                    .asDouble();
            double expected = torchLosses.get(name).asDouble();
            assertThat(loss).as(name).isCloseTo(expected, within(1e-9 * expected));
            assertThat(ApiClient.JSON.readTree(
                            api.get("/api/models/" + id + "/weights").bytes()))
                    .as("exported as imported")
                    .isEqualTo(weights);
            assertThat(api.post("/api/models/" + id + "/generate", Map.of("seed", 3, "length", 30))
                            .expect(200)
                            .get("text")
                            .asString())
                    .hasSize(30);
        }
    }

    @Test
    void anImportedLstmSeedsARunOfItsArchitecture() {
        JsonNode weights = ApiClient.JSON.readTree(text("lstm2-adam-final.json"));
        long modelId = api.post("/api/models", body("seed", weights))
                .expect(201)
                .get("id")
                .asLong();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("initFrom", Map.of("modelId", modelId));
        request.put("corpus", corpus);
        request.put("optimizer", "adam");
        request.put("learningRate", 0.001);
        request.put("seqLength", 16);
        request.put("numIterations", 5);
        long id = api.submit(request);
        JsonNode run = api.awaitFinished(id);
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("cell").asString()).isEqualTo("lstm");
        assertThat(run.get("layers").asInt()).isEqualTo(2);
        assertThat(run.get("hiddenSize").asInt())
                .isEqualTo(weights.get("out.weight").get(0).size());
        // iteration 0 scores the first 17 characters with the imported weights, before any update
        double first = api.get("/api/runs/" + id + "/losses")
                .expect(200)
                .get("loss")
                .get(0)
                .asDouble();
        double imported = api.post(
                        "/api/models/" + modelId + "/evaluate",
                        Map.of("text", corpus.substring(0, corpus.offsetByCodePoints(0, 17))))
                .expect(200)
                .get("loss")
                .asDouble();
        assertThat(first).isCloseTo(imported, within(1e-12 * imported));
        api.post("/api/runs", Map.of("initFrom", Map.of("modelId", modelId), "corpus", corpus, "cell", "gru"))
                .expectProblem(400, "cell gru conflicts with model " + modelId + "'s lstm");
        api.post("/api/runs", Map.of("initFrom", Map.of("modelId", modelId), "corpus", corpus, "layers", 1))
                .expectProblem(400, "layers 1 conflicts with model " + modelId + "'s 2");
    }

    @Test
    void badStateDictsAre400NamingTheTensor() {
        ObjectNode weights = (ObjectNode) ApiClient.JSON.readTree(text("gru1-sgd-final.json"));
        ObjectNode shortBias = weights.deepCopy();
        shortBias.set("rnn.bias_hh_l0", ApiClient.JSON.createArrayNode().add(0.5));
        api.post("/api/models", body("short", shortBias)).expectProblem(400, "rnn.bias_hh_l0 has shape 1, expected");
        ObjectNode missing = weights.deepCopy();
        missing.remove("out.bias");
        api.post("/api/models", body("missing", missing)).expectProblem(400, "weights lack the tensor out.bias");
        ObjectNode mixed = weights.deepCopy();
        mixed.set("Whh", ApiClient.JSON.createArrayNode());
        api.post("/api/models", body("mixed", mixed)).expectProblem(400, "unknown key 'Whh'");
        ObjectNode extra = weights.deepCopy();
        extra.set("rnn.weight_ih_l5", weights.get("rnn.weight_ih_l0"));
        api.post("/api/models", body("extra", extra)).expectProblem(400, "unexpected tensors [rnn.weight_ih_l5]");
    }

    private Map<String, Object> body(String name, JsonNode weights) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("vocabulary", vocabulary);
        body.put("weights", weights);
        return body;
    }

    private static String text(String name) {
        try (InputStream in = TorchImportTest.class.getResourceAsStream("/torch-golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
