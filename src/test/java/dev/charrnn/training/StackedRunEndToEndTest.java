package dev.charrnn.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.nn.DefaultCorpus;
import dev.charrnn.nn.ModelConfig;
import dev.charrnn.nn.OptimizerState;
import dev.charrnn.nn.StackedInference;
import dev.charrnn.nn.StackedRnn;
import dev.charrnn.nn.StackedTrainer;
import dev.charrnn.nn.StackedTrainingState;
import dev.charrnn.nn.TorchStateDict;
import dev.charrnn.nn.Trainer;
import dev.charrnn.nn.TrainingConfig;
import dev.charrnn.nn.Vocabulary;
import dev.charrnn.results.RunResultsService;
import dev.charrnn.runs.ValidationSplit;
import dev.charrnn.support.ApiClient;
import dev.charrnn.support.ServiceTest;
import dev.charrnn.support.Twin;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A 2 x 16 LSTM on 4 streams with Adam, gradient-norm clipping and a validation split, through the whole service:
 * it records exactly what the core trains in-process, samples, generates, evaluates, draws every layer's h and c,
 * exports a PyTorch state_dict that imports back to the same loss, and continues with Adam's state.
 */
@ServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StackedRunEndToEndTest {
    private static final int N = 300;
    private static final String PROBE = "hello deep learning";

    @LocalServerPort
    int port;

    @Autowired
    RunResultsService results;

    ApiClient api;
    long runId;
    JsonNode run;
    Vocabulary vocabulary;
    int[] training;
    TrainingConfig config;
    ModelConfig model;

    static Map<String, Object> lstmRequest(int iterations) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("cell", "lstm");
        r.put("layers", 2);
        r.put("hiddenSize", 16);
        r.put("batchSize", 4);
        r.put("seqLength", 16);
        r.put("optimizer", "adam");
        r.put("learningRate", 0.01);
        r.put("gradNormClip", 5.0);
        r.put("numIterations", iterations);
        r.put("sampleEvery", 100);
        r.put("sampleLength", 50);
        return r;
    }

    @BeforeAll
    void trainAnLstm() {
        api = new ApiClient(port);
        Map<String, Object> request = lstmRequest(N);
        request.put("validationFraction", 0.1);
        request.put("evalEvery", 100);
        runId = api.submit(request);
        run = api.awaitFinished(runId);
        vocabulary = Vocabulary.of(DefaultCorpus.TEXT);
        int[] all = vocabulary.encode(DefaultCorpus.TEXT);
        training = Arrays.copyOf(all, ValidationSplit.of(all.length, 0.1).trainLength());
        config = new TrainingConfig(16, 16, N, 0.01, 100, 50, 42, List.of(1.0));
        model = ModelConfig.reference()
                .withCell(ModelConfig.Cell.LSTM)
                .withLayers(2)
                .withBatchSize(4)
                .withOptimizer(ModelConfig.Optimizer.ADAM)
                .withClipping(0, 5.0);
    }

    @Test
    void theRunShowsItsWholeModelConfiguration() {
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("cell").asString()).isEqualTo("lstm");
        assertThat(run.get("layers").asInt()).isEqualTo(2);
        assertThat(run.get("batchSize").asInt()).isEqualTo(4);
        assertThat(run.get("optimizer").asString()).isEqualTo("adam");
        assertThat(run.get("gradClip").asDouble()).isZero();
        assertThat(run.get("gradNormClip").asDouble()).isEqualTo(5.0);
        assertThat(run.get("precision").asString()).isEqualTo("float64");
        assertThat(run.get("parameterCount").asLong()).isEqualTo(model.parameterCount(16, vocabulary.size()));
        JsonNode listed = api.get("/api/runs?size=100").expect(200).get("content");
        JsonNode mine = null;
        for (JsonNode r : listed) {
            mine = r.get("id").asLong() == runId ? r : mine;
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("cell").asString()).isEqualTo("lstm");
        assertThat(mine.get("parameterCount").asLong())
                .isEqualTo(run.get("parameterCount").asLong());
    }

    @Test
    void itRecordsExactlyWhatTheCoreTrains() {
        Twin.trainStacked(training, vocabulary, config, model).assertBitIdentical(api, runId);
        JsonNode losses = api.get("/api/runs/" + runId + "/losses").expect(200);
        assertThat(Twin.ints(losses.get("validationIterations"))).containsExactly(99, 199, 299);
        assertThat(api.get("/api/runs/" + runId + "/samples").expect(200)).hasSize(3);
        JsonNode closing = api.get("/api/runs/" + runId + "/generated").expect(200);
        assertThat(closing).hasSize(5);
        closing.forEach(g -> assertThat(g.get("text")
                        .asString()
                        .codePointCount(0, g.get("text").asString().length()))
                .isEqualTo(150));
        assertThat(run.get("summary").get("bestValidationLossPerChar").asDouble())
                .isPositive();
    }

    @Test
    void aFloat32RunRecordsExactlyWhatTheCoreTrainsInFloat32() {
        Map<String, Object> request = lstmRequest(60);
        request.put("precision", "float32");
        long id = api.submit(request);
        JsonNode done = api.awaitFinished(id);
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("precision").asString()).isEqualTo("float32");
        TrainingConfig c = new TrainingConfig(16, 16, 60, 0.01, 100, 50, 42, List.of(1.0));
        Twin.trainStacked(
                        vocabulary.encode(DefaultCorpus.TEXT),
                        vocabulary,
                        c,
                        model.withPrecision(ModelConfig.Precision.FLOAT32))
                .assertBitIdentical(api, id);
    }

    @Test
    void itGeneratesAndEvaluatesWithTheStackedModel() {
        StackedRnn weights = exported();
        JsonNode generated = api.post(
                        "/api/runs/" + runId + "/generate",
                        Map.of("length", 40, "prime", "hello ", "seed", 7, "temperature", 0.8))
                .expect(200);
        assertThat(generated.get("text").asString()).hasSize(40);
        assertThat(generated.get("iteration").asInt()).isEqualTo(N);
        JsonNode again = api.post(
                        "/api/runs/" + runId + "/generate",
                        Map.of("length", 40, "prime", "hello ", "seed", 7, "temperature", 0.8))
                .expect(200);
        assertThat(again.get("text").asString()).isEqualTo(generated.get("text").asString());

        JsonNode evaluated = api.post("/api/runs/" + runId + "/evaluate", Map.of("text", PROBE))
                .expect(200);
        double expected =
                new StackedInference(weights).evaluate(vocabulary.encode(PROBE)).loss();
        assertThat(evaluated.get("loss").asDouble()).isEqualTo(expected);
    }

    @Test
    void theHeatmapShowsAnyLayerAndAnLstmsCellState() throws IOException {
        for (String query : List.of("", "?layer=0", "?layer=1&state=cell", "?state=hidden")) {
            ApiClient.Response png = api.get("/api/runs/" + runId + "/charts/hidden-states.png" + query);
            assertThat(png.status()).as(query + ": " + png.text()).isEqualTo(200);
            assertThat(ImageIO.read(new ByteArrayInputStream(png.bytes()))).isNotNull();
        }
        api.get("/api/runs/" + runId + "/charts/hidden-states.png?layer=2").expectProblem(400, "layer must be 0..1");
        api.get("/api/runs/" + runId + "/charts/hidden-states.png?state=gate").expectProblem(400, "state must be");
        assertThat(api.get("/api/runs/" + runId + "/charts/loss.png").status()).isEqualTo(200);
    }

    @Test
    void theExportedStateDictImportsBackToTheSameLoss() {
        byte[] exported = api.get("/api/runs/" + runId + "/weights").bytes();
        JsonNode state = ApiClient.JSON.readTree(exported);
        assertThat(state.get("rnn.weight_ih_l0")).hasSize(4 * 16);
        assertThat(state.get("rnn.weight_ih_l0").get(0)).hasSize(vocabulary.size());
        assertThat(state.get("rnn.bias_hh_l1")).hasSize(4 * 16);
        assertThat(state.get("out.weight")).hasSize(vocabulary.size());

        JsonNode vocab = api.get("/api/runs/" + runId + "/vocabulary").expect(200);
        ApiClient.Response imported =
                api.post("/api/models", Map.of("name", "lstm", "vocabulary", vocab, "weights", state));
        JsonNode m = imported.expect(201);
        assertThat(m.get("format").asString()).isEqualTo("torch");
        assertThat(m.get("cell").asString()).isEqualTo("lstm");
        assertThat(m.get("layers").asInt()).isEqualTo(2);
        assertThat(m.get("parameterCount").asLong())
                .isEqualTo(run.get("parameterCount").asLong());
        long modelId = m.get("id").asLong();
        assertThat(ApiClient.JSON.readTree(
                        api.get("/api/models/" + modelId + "/weights").bytes()))
                .isEqualTo(state);
        double byRun = api.post("/api/runs/" + runId + "/evaluate", Map.of("text", DefaultCorpus.TEXT))
                .expect(200)
                .get("loss")
                .asDouble();
        double byModel = api.post("/api/models/" + modelId + "/evaluate", Map.of("text", DefaultCorpus.TEXT))
                .expect(200)
                .get("loss")
                .asDouble();
        assertThat(byModel).isEqualTo(byRun);
    }

    @Test
    void aContinuedRunResumesAdamsMomentsAndStepCount() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("initFrom", Map.of("runId", runId));
        request.put("resumeOptimizer", true);
        request.put("numIterations", 20);
        request.put("seqLength", 16);
        request.put("learningRate", 0.01);
        request.put("sampleEvery", 100);
        request.put("seed", 9);
        long id = api.submit(request);
        JsonNode continued = api.awaitFinished(id);
        assertThat(continued.get("status").asString()).as(continued.toString()).isEqualTo("SUCCEEDED");
        assertThat(continued.get("cell").asString()).as("the source's model").isEqualTo("lstm");
        assertThat(continued.get("optimizer").asString()).isEqualTo("adam");
        assertThat(continued.get("batchSize").asInt()).isEqualTo(4);

        StackedTrainingState source = results.latestStackedState(runId);
        assertThat(source.optimizer().step()).isEqualTo(N);
        int[] all = vocabulary.encode(DefaultCorpus.TEXT);
        TrainingConfig c = new TrainingConfig(16, 16, 20, 0.01, 100, 100, 9, List.of(1.0));
        StackedTrainer twin = StackedTrainer.start(c, model, vocabulary, all, source.model(), source.optimizer());
        double[] expected = new double[20];
        while (twin.hasNext()) {
            Trainer.Step step = twin.next();
            expected[step.iteration()] = step.loss();
        }
        assertThat(Twin.doubles(
                        api.get("/api/runs/" + id + "/losses").expect(200).get("loss")))
                .containsExactly(expected);
        OptimizerState after = results.latestStackedState(id).optimizer();
        assertThat(after.step()).isEqualTo(N + 20);
    }

    @Test
    void badCombinationsAre400NamingTheField() {
        String corpus = ",\"corpus\":\"" + "abcdefgh ".repeat(40) + "\"";
        api.post("/api/runs", "{\"cell\":\"transformer\"}").expectProblem(400, "cell must be one of rnn, lstm, gru");
        api.post("/api/runs", "{\"cell\":\"LSTM\"}").expectProblem(400, "cell must be one of");
        api.post("/api/runs", "{\"layers\":5}").expectProblem(400, "layers must be 1..4");
        api.post("/api/runs", "{\"optimizer\":\"sgd\",\"weightDecay\":0.1}")
                .expectProblem(400, "weightDecay applies to adam only");
        api.post("/api/runs", "{\"optimizer\":\"adam\",\"momentum\":0.9}")
                .expectProblem(400, "momentum applies to sgd only");
        api.post("/api/runs", "{\"dropout\":1.0}").expectProblem(400, "dropout must be 0 <= p < 1");
        api.post("/api/runs", "{\"gradClip\":1,\"gradNormClip\":1}").expectProblem(400, "gradNormClip and gradClip");
        api.post("/api/runs", "{\"warmupIterations\":10}").expectProblem(400, "warmupIterations needs minLearningRate");
        api.post("/api/runs", "{\"precision\":\"float16\"}").expectProblem(400, "precision must be one of");
        api.post("/api/runs", "{\"batchSize\":100" + corpus + "}").expectProblem(400, "batchSize 100");
        api.post("/api/runs", "{\"cell\":\"lstm\",\"layers\":4,\"hiddenSize\":1024}")
                .expectProblem(400, "charrnn.max-parameters", "lstm, 4 layers");
        api.post("/api/runs", "{\"initFrom\":{\"runId\":" + runId + "},\"resumeOptimizer\":true,\"optimizer\":\"sgd\"}")
                .expectProblem(400, "optimizer sgd conflicts with run " + runId + "'s adam");
        api.post("/api/runs", "{\"initFrom\":{\"runId\":" + runId + "},\"cell\":\"gru\"}")
                .expectProblem(400, "cell gru conflicts with run " + runId + "'s lstm");
    }

    @Test
    void formFieldsAskForAModelToo() {
        ApiClient.Response submitted = api.postMultipart(
                "/api/runs",
                Map.of(
                        "cell", "gru",
                        "batchSize", "2",
                        "optimizer", "rmsprop",
                        "learningRate", "0.01",
                        "hiddenSize", "8",
                        "numIterations", "30"),
                DefaultCorpus.TEXT.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        JsonNode view = submitted.expect(202);
        assertThat(view.get("cell").asString()).isEqualTo("gru");
        assertThat(view.get("optimizer").asString()).isEqualTo("rmsprop");
        assertThat(api.awaitFinished(view.get("id").asLong()).get("status").asString())
                .isEqualTo("SUCCEEDED");
        api.postMultipart(
                        "/api/runs",
                        Map.of("cell", "elman"),
                        "abcabcabc".repeat(10).getBytes())
                .expectProblem(400, "cell must be one of");
    }

    @Test
    void theOpenApiDescriptionDocumentsTheModelFields() {
        JsonNode schemas = api.get("/v3/api-docs").expect(200).get("components").get("schemas");
        JsonNode request = schemas.get("RunRequest").get("properties");
        assertThat(Twin.strings(request.get("cell").get("enum"))).containsExactly("rnn", "lstm", "gru");
        assertThat(Twin.strings(request.get("optimizer").get("enum")))
                .containsExactly("adagrad", "adam", "rmsprop", "sgd");
        assertThat(request.get("batchSize").get("description").asString()).contains("streams");
        for (String field : List.of(
                "layers",
                "embeddingSize",
                "dropout",
                "weightDecay",
                "momentum",
                "lrDecay",
                "lrDecayEvery",
                "warmupIterations",
                "minLearningRate",
                "gradClip",
                "gradNormClip",
                "precision")) {
            assertThat(request.has(field)).as(field).isTrue();
        }
        JsonNode view = schemas.get("Run").get("properties");
        assertThat(view.has("parameterCount")).isTrue();
        assertThat(view.has("cell")).isTrue();
        assertThat(api.get("/actuator/prometheus").text()).contains("charrnn_training_chars_per_second");
    }

    private StackedRnn exported() {
        return TorchStateDict.read(new ByteArrayInputStream(
                api.get("/api/runs/" + runId + "/weights").bytes()));
    }
}
