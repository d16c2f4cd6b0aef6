package dev.charrnn.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.support.ApiClient;
import dev.charrnn.support.ServiceTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Top-k, top-p, several samples, streaming and novelty through the API. */
@ServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SamplingOptionsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    // repeated, so that text running on past the end ("door.\nthe cat") is in the training text too
    private static final String TINY = "the cat sat on the mat and the dog lay on the rug by the door.\n".repeat(3);

    @LocalServerPort
    int port;

    ApiClient api;
    long overfitted;
    long untrained;

    @BeforeAll
    void runs() {
        api = new ApiClient(port);
        overfitted = api.submit("{\"corpus\": \"" + TINY.replace("\n", "\\n") + "\", \"hiddenSize\": 48, "
                + "\"numIterations\": 3000, \"sampleEvery\": 1000, \"sampleLength\": 60}");
        untrained = api.submit("{\"corpus\": \"" + TINY.replace("\n", "\\n") + "\", \"hiddenSize\": 8, "
                + "\"numIterations\": 1, \"sampleEvery\": 1000}");
        api.awaitStatus(overfitted, TIMEOUT, "SUCCEEDED");
        api.awaitStatus(untrained, TIMEOUT, "SUCCEEDED");
    }

    private JsonNode generate(long id, String body) {
        return api.post("/api/runs/" + id + "/generate", body).expect(200);
    }

    @Test
    void topKOfOneAndATinyTopPTakeTheMostLikelyCharacter() {
        String argmax = generate(overfitted, "{\"prime\": \"th\", \"length\": 80, \"argmax\": true}")
                .get("text")
                .asString();
        assertThat(generate(overfitted, "{\"prime\": \"th\", \"length\": 80, \"seed\": 3, \"topK\": 1}")
                        .get("text")
                        .asString())
                .isEqualTo(argmax);
        assertThat(generate(overfitted, "{\"prime\": \"th\", \"length\": 80, \"seed\": 4, \"topP\": 0.000001}")
                        .get("text")
                        .asString())
                .isEqualTo(argmax);
        // no truncation draws what a request without the options draws
        JsonNode plain = generate(untrained, "{\"length\": 50, \"seed\": 11}");
        JsonNode full = generate(untrained, "{\"length\": 50, \"seed\": 11, \"topK\": 1000, \"topP\": 1.0}");
        assertThat(full.get("text").asString()).isEqualTo(plain.get("text").asString());
        assertThat(full.get("topK").asInt()).isEqualTo(1000);
        // a truncated draw never picks a character outside the k most likely: with an untrained model, text
        // drawn from 2 of the vocabulary's characters differs from the unrestricted one
        String topTwo = generate(untrained, "{\"length\": 200, \"seed\": 11, \"topK\": 2}")
                .get("text")
                .asString();
        assertThat(topTwo.chars().distinct().count())
                .isLessThanOrEqualTo(
                        plain.get("text").asString().chars().distinct().count());
    }

    @Test
    void severalSamplesAreEachTheSampleOfTheirOwnSeed() {
        JsonNode three = generate(untrained, "{\"length\": 40, \"seed\": 100, \"numSamples\": 3, \"topP\": 0.9}");
        JsonNode samples = three.get("samples");
        assertThat(samples.size()).isEqualTo(3);
        assertThat(three.get("text").asString())
                .isEqualTo(samples.get(0).get("text").asString());
        for (int i = 0; i < 3; i++) {
            assertThat(samples.get(i).get("seed").asLong()).isEqualTo(100 + i);
            assertThat(generate(untrained, "{\"length\": 40, \"topP\": 0.9, \"seed\": " + (100 + i) + "}")
                            .get("text")
                            .asString())
                    .isEqualTo(samples.get(i).get("text").asString());
        }
        assertThat(samples.get(0).get("text").asString())
                .isNotEqualTo(samples.get(1).get("text").asString());
    }

    @Test
    void streamingSendsTheTextAsItIsSampledThenTheWholeAnswer() {
        String body = "{\"length\": 100, \"seed\": 5, \"numSamples\": 2, \"novelty\": true}";
        ApiClient.Response stream =
                api.post("/api/runs/" + untrained + "/generate", body, "Accept", "text/event-stream");
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
        StringBuilder[] texts = {new StringBuilder(), new StringBuilder()};
        JsonNode done = null;
        int textEvents = 0;
        for (String event : stream.text().split("\n\n")) {
            String[] lines = event.split("\n", 2);
            JsonNode data = ApiClient.JSON.readTree(lines[1].substring("data: ".length()));
            if (lines[0].equals("event: text")) {
                texts[data.get("sample").asInt()].append(data.get("text").asString());
                textEvents++;
            } else {
                assertThat(lines[0]).isEqualTo("event: done");
                done = data;
            }
        }
        assertThat(textEvents).isGreaterThan(2);
        assertThat(done).isNotNull();
        JsonNode json = generate(untrained, body);
        for (int i = 0; i < 2; i++) {
            assertThat(texts[i].toString())
                    .isEqualTo(json.get("samples").get(i).get("text").asString());
            assertThat(done.get("samples").get(i).get("text").asString()).isEqualTo(texts[i].toString());
            assertThat(done.get("samples").get(i).get("novelty").get("windows").asInt())
                    .isEqualTo(81);
        }
        // without asking for a stream the answer is JSON
        assertThat(api.post("/api/runs/" + untrained + "/generate", body).header("Content-Type"))
                .startsWith("application/json");
    }

    @Test
    void noveltyIsNearZeroForAMemorisedCorpusAndHighForFreshText() {
        JsonNode memorised = generate(
                        overfitted,
                        "{\"prime\": \"the cat\", \"length\": 120, \"temperature\": 0.2, \"seed\": 1, "
                                + "\"novelty\": true}")
                .get("samples")
                .get(0)
                .get("novelty");
        assertThat(memorised.get("novelFraction").asDouble()).isLessThan(0.1);
        assertThat(memorised.get("longestTrainingSubstringLength").asInt()).isGreaterThanOrEqualTo(40);

        JsonNode fresh = generate(untrained, "{\"length\": 120, \"temperature\": 3, \"seed\": 1, \"novelty\": true}")
                .get("samples")
                .get(0)
                .get("novelty");
        assertThat(fresh.get("novelFraction").asDouble()).isGreaterThan(0.9);
        assertThat(generate(untrained, "{\"length\": 30}")
                        .get("samples")
                        .get(0)
                        .get("novelty")
                        .isNull())
                .isTrue();

        List<Double> recorded = new ArrayList<>();
        api.get("/api/runs/" + overfitted + "/samples?novelty=true")
                .expect(200)
                .forEach(s -> recorded.add(s.get("novelty").get("novelFraction").asDouble()));
        assertThat(recorded).hasSize(3);
        assertThat(recorded.get(2)).isLessThan(recorded.get(0)); // it memorises as it trains
        JsonNode closing =
                api.get("/api/runs/" + overfitted + "/generated?novelty=true").expect(200);
        assertThat(closing.size()).isEqualTo(5);
        assertThat(closing.get(0).get("novelty").get("windows").asInt()).isEqualTo(131);
        assertThat(api.get("/api/runs/" + overfitted + "/generated")
                        .expect(200)
                        .get(0)
                        .get("novelty")
                        .isNull())
                .isTrue();
    }

    @Test
    void badSamplingOptionsAreNamed() {
        String path = "/api/runs/" + untrained + "/generate";
        api.post(path, "{\"topK\": 0}").expectProblem(400, "topK");
        api.post(path, "{\"topP\": 1.5}").expectProblem(400, "topP");
        api.post(path, "{\"topP\": 0}").expectProblem(400, "topP");
        api.post(path, "{\"numSamples\": 0}").expectProblem(400, "numSamples");
        api.post(path, "{\"numSamples\": 21}").expectProblem(400, "numSamples");
        api.post(path, "{\"topK\": 0}", "Accept", "text/event-stream").expectProblem(400, "topK");
    }
}
