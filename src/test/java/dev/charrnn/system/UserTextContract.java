package dev.charrnn.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.support.ApiClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * What becomes of a user's text, the same on every database: kept exactly (U+0000 included) when it is valid
 * Unicode, refused with the field and position when it is not, lengths in code points, identical texts stored once
 * however many requests race to store them, and Idempotency-Key rules. Run against H2 and PostgreSQL.
 */
abstract class UserTextContract {
    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private ApiClient.Response postJson(String path, String json, String... headers) {
        return api.send("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
    }

    @Test
    void loneSurrogatesAreRefusedNamingTheFieldAndPosition() {
        postJson("/api/corpora", "{\"text\":\"abc\\ud800def abc def\"}")
                .expectProblem(400, "'text'", "lone surrogate U+D800 at character 3");
        postJson("/api/corpora", "{\"text\":\"\\ud83d\\ude00abc\\udc00def\"}")
                .expectProblem(400, "'text'", "U+DC00 at character 4");
        postJson("/api/runs", "{\"corpus\":\"abc\\ud800def abc def abc def abc def abc\"}")
                .expectProblem(400, "'corpus'", "lone surrogate");
        postJson("/api/runs", "{\"name\":\"\\ud800\"}").expectProblem(400, "'name'", "lone surrogate");
        postJson("/api/models", "{\"vocabulary\":[\"a\",\"\\udbff\"],\"weights\":{}}")
                .expectProblem(400, "vocabulary", "lone surrogate");
        postJson("/api/runs/1/generate", "{\"prime\":\"a\\ud800\"}").expectProblem(400, "'prime'", "lone surrogate");
        // a valid pair is one character, not two
        long id = postJson("/api/corpora", "{\"text\":\"\\ud83d\\ude00 abc \\ud83d\\ude00 abd\"}")
                .expect(201)
                .get("id")
                .longValue();
        assertThat(api.get("/api/corpora/" + id).expect(200).get("characters").intValue())
                .isEqualTo(11);
    }

    @Test
    void aCorpusWithNulCharactersIsKeptExactlyAndTrainsOn() {
        String text = "ab\u0000cd\u0000".repeat(10);
        JsonNode stored = api.post("/api/corpora", Map.of("text", text)).expect(201);
        assertThat(stored.get("characters").intValue()).isEqualTo(60);
        assertThat(api.post("/api/corpora", Map.of("text", text)).expect(201).get("id"))
                .isEqualTo(stored.get("id"));
        assertThat(api.post("/api/corpora", Map.of("text", text.replace('\u0000', '?')))
                        .expect(201)
                        .get("id"))
                .isNotEqualTo(stored.get("id"));
        long run = api.submit(Map.of(
                "corpusId",
                stored.get("id").longValue(),
                "hiddenSize",
                8,
                "numIterations",
                40,
                "sampleEvery",
                10,
                "sampleLength",
                60,
                "seqLength",
                10));
        assertThat(api.awaitFinished(run, Duration.ofMinutes(2)).get("status").asString())
                .isEqualTo("SUCCEEDED");
        assertThat(api.get("/api/runs/" + run + "/vocabulary").expect(200).values().stream()
                        .map(JsonNode::asString)
                        .toList())
                .containsExactly("\u0000", "a", "b", "c", "d");
        String samples = api.get("/api/runs/" + run + "/samples").text();
        assertThat(samples).contains("\\u0000");
    }

    @Test
    void namesWithControlCharactersAreRefusedAndLengthsCountCodePoints() {
        api.post("/api/runs", Map.of("name", "a\u0000b")).expectProblem(400, "name", "control characters", "U+0000");
        api.post("/api/runs", Map.of("name", "tab\there")).expectProblem(400, "name", "U+0009");
        String emoji = "\ud83d\ude00";
        api.post("/api/runs", Map.of("name", emoji.repeat(201))).expectProblem(400, "name", "at most 200 characters");
        long id = api.submit(Map.of("name", emoji.repeat(200), "numIterations", 1));
        assertThat(api.run(id).get("name").asString()).isEqualTo(emoji.repeat(200));
    }

    @Test
    void twentyConcurrentUploadsOfOneNewTextAllGetItsId() throws Exception {
        String text = "concurrent " + System.nanoTime() + " text to store once\n";
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<ApiClient.Response>> uploads = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                uploads.add(() -> api.post("/api/corpora", Map.of("text", text)));
            }
            Set<Long> ids = new HashSet<>();
            for (Future<ApiClient.Response> f : pool.invokeAll(uploads)) {
                ApiClient.Response r = f.get();
                assertThat(r.status()).as(r.text()).isEqualTo(201);
                ids.add(r.json().get("id").longValue());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anIdempotencyKeyStandsForOneRequestAndHasAMaximumLength() {
        String key = "key-" + System.nanoTime();
        String request = "{\"numIterations\":1,\"name\":\"first\"}";
        long id = postJson("/api/runs", request, "Idempotency-Key", key)
                .expect(202)
                .get("id")
                .longValue();
        assertThat(postJson("/api/runs", "{ \"name\":\"first\", \"numIterations\":1 }", "Idempotency-Key", key)
                        .expect(200)
                        .get("id")
                        .longValue())
                .isEqualTo(id);
        postJson("/api/runs", "{\"numIterations\":2,\"name\":\"first\"}", "Idempotency-Key", key)
                .expectProblem(422, "Idempotency-Key", "another request", "run " + id);
        postJson("/api/runs", request, "Idempotency-Key", "k".repeat(201))
                .expectProblem(400, "Idempotency-Key", "1 to 200 characters");
        assertThat(postJson("/api/runs", request, "Idempotency-Key", "k".repeat(200))
                        .status())
                .isEqualTo(202);
    }
}
