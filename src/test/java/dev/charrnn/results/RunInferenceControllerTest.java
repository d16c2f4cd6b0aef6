package dev.charrnn.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasLength;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.charrnn.inference.InferenceService;
import dev.charrnn.inference.LoadedModel;
import dev.charrnn.nn.CharRnn;
import dev.charrnn.nn.Evaluation;
import dev.charrnn.nn.Rng;
import dev.charrnn.nn.Vocabulary;
import dev.charrnn.system.ApiException;
import dev.charrnn.system.CharrnnProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@WebMvcTest(RunInferenceController.class)
@Import({InferenceService.class, ActivationsService.class})
@EnableConfigurationProperties(CharrnnProperties.class)
class RunInferenceControllerTest {
    @Autowired
    MockMvc mvc;

    @MockitoBean
    RunResultsService results;

    @BeforeEach
    void models() {
        Vocabulary vocabulary = Vocabulary.of("helo wrd\n");
        given(results.model(1))
                .willReturn(new LoadedModel(CharRnn.randomInit(8, vocabulary.size(), new Rng(1)), vocabulary, 300));
        given(results.model(2)).willThrow(ApiException.notFound("run", 2));
        given(results.model(3)).willThrow(ApiException.conflict("run 3 is QUEUED and has no weights yet"));
    }

    private ResultActions post(String path, String json) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json));
    }

    @Test
    void generatesWithTheLatestCheckpoint() throws Exception {
        post("/api/runs/1/generate", "{\"length\": 30, \"prime\": \"hel\", \"seed\": 4, \"temperature\": 0.5}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.text", hasLength(30)))
                .andExpect(jsonPath("$.length").value(30))
                .andExpect(jsonPath("$.prime").value("hel"))
                .andExpect(jsonPath("$.seed").value(4))
                .andExpect(jsonPath("$.temperature").value(0.5))
                .andExpect(jsonPath("$.argmax").value(false))
                .andExpect(jsonPath("$.iteration").value(300));
        post("/api/runs/1/generate", "{}").andExpect(status().isOk()).andExpect(jsonPath("$.text", hasLength(200)));
    }

    @Test
    void evaluates() throws Exception {
        post("/api/runs/1/evaluate", "{\"text\": \"hello world\\n\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.characters").value(12))
                .andExpect(jsonPath("$.predictions").value(11))
                .andExpect(jsonPath("$.iteration").value(300));
    }

    @Test
    void badRequestsAreProblemsNamingTheField() throws Exception {
        expectProblem(post("/api/runs/1/generate", "{\"length\": 0}"), 400, "length");
        expectProblem(post("/api/runs/1/generate", "{\"length\": 10001}"), 400, "length");
        expectProblem(post("/api/runs/1/generate", "{\"temperature\": 0}"), 400, "temperature");
        expectProblem(post("/api/runs/1/generate", "{\"temperature\": -2}"), 400, "temperature");
        expectProblem(post("/api/runs/1/generate", "{\"temperature\": 1e400}"), 400, "temperature");
        expectProblem(post("/api/runs/1/generate", "{\"temperature\": \"NaN\"}"), 400, "temperature");
        expectProblem(post("/api/runs/1/generate", "{\"prime\": \"hex\"}"), 400, "[\"x\"]");
        expectProblem(post("/api/runs/1/generate", "{\"lenght\": 3}"), 400, "lenght");
        expectProblem(post("/api/runs/1/evaluate", "{\"text\": \"h\"}"), 400, "at least 2");
        expectProblem(post("/api/runs/1/evaluate", "{\"text\": \"hello!?\"}"), 400, "[\"!\", \"?\"]");
        expectProblem(post("/api/runs/1/evaluate", "{}"), 400, "text");
    }

    @Test
    void missingRunsAndRunsWithoutCheckpoint() throws Exception {
        expectProblem(post("/api/runs/2/generate", "{}"), 404, "run 2 does not exist");
        expectProblem(post("/api/runs/2/evaluate", "{\"text\": \"he\"}"), 404, "run 2 does not exist");
        expectProblem(post("/api/runs/3/generate", "{}"), 409, "no weights yet");
        expectProblem(post("/api/runs/3/evaluate", "{\"text\": \"he\"}"), 409, "no weights yet");
    }

    @Test
    void activationsAreTheHiddenStatesAndTheMostLikelyNextCharacters() throws Exception {
        LoadedModel model = results.model(1);
        String text = "hello world\n";
        int[] ix = model.vocabulary().encode(text);
        double[][] hidden = Evaluation.hiddenStates(model.weights(), ix);
        String body = post("/api/runs/1/activations", "{\"text\": \"hello world\\n\", \"topK\": 3}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.characters.length()").value(12))
                .andExpect(jsonPath("$.characters[11]").value("\n"))
                .andExpect(jsonPath("$.layers.length()").value(1))
                .andExpect(jsonPath("$.layers[0].layer").value(0))
                .andExpect(jsonPath("$.layers[0].state").value("h"))
                .andExpect(jsonPath("$.layers[0].units").value(8))
                .andExpect(jsonPath("$.layers[0].activations.length()").value(12))
                .andExpect(jsonPath("$.predictions.length()").value(12))
                .andExpect(jsonPath("$.predictions[0].length()").value(3))
                .andExpect(jsonPath("$.iteration").value(300))
                .andReturn()
                .getResponse()
                .getContentAsString();
        JsonNode json = JsonMapper.builder().build().readTree(body);
        for (int t = 0; t < ix.length; t++) {
            for (int u = 0; u < 8; u++) {
                assertThat(json.at("/layers/0/activations/" + t + "/" + u).asDouble())
                        .isCloseTo(hidden[t][u], within(1e-6));
            }
            // the guesses are the model's own probabilities, most likely first, and no other character beats them
            double[] p = new double[model.weights().V];
            double[] h = hidden[t];
            model.weights().probabilities(h, 1.0, p);
            double third = json.at("/predictions/" + t + "/2/probability").asDouble();
            long above = java.util.Arrays.stream(p).filter(v -> v > third).count();
            assertThat(above).isLessThanOrEqualTo(2);
            for (int k = 0; k < 3; k++) {
                JsonNode guess = json.at("/predictions/" + t + "/" + k);
                int index = model.vocabulary().encode(guess.get("character").asString())[0];
                assertThat(guess.get("probability").asDouble()).isEqualTo(p[index]);
                if (k > 0) {
                    assertThat(guess.get("probability").asDouble())
                            .isLessThanOrEqualTo(json.at("/predictions/" + t + "/" + (k - 1) + "/probability")
                                    .asDouble());
                }
            }
        }
    }

    @Test
    void activationsRefuseWhatTheyCannotRead() throws Exception {
        expectProblem(post("/api/runs/1/activations", "{\"text\": \"hex\"}"), 400, "[\"x\"]");
        expectProblem(post("/api/runs/1/activations", "{\"text\": \"\"}"), 400, "text");
        expectProblem(post("/api/runs/1/activations", "{}"), 400, "text");
        expectProblem(post("/api/runs/1/activations", "{\"text\": \"he\", \"topK\": 0}"), 400, "topK");
        expectProblem(post("/api/runs/1/activations", "{\"text\": \"he\", \"topK\": 21}"), 400, "topK");
        expectProblem(post("/api/runs/1/activations", "{\"text\": \"" + "h".repeat(2001) + "\"}"), 400, "text");
        expectProblem(post("/api/runs/2/activations", "{\"text\": \"he\"}"), 404, "run 2 does not exist");
        expectProblem(post("/api/runs/3/activations", "{\"text\": \"he\"}"), 409, "no weights yet");
        // more guesses than characters: as many as there are
        post("/api/runs/1/activations", "{\"text\": \"he\", \"topK\": 20}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.predictions[0].length()").value(9));
    }

    private static void expectProblem(ResultActions result, int status, String detail) throws Exception {
        result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString(detail)));
    }
}
