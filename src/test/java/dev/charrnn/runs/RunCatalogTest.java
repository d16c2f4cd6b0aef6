package dev.charrnn.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.corpus.CorpusRepository;
import dev.charrnn.support.ApiClient;
import dev.charrnn.support.RunFixtures;
import dev.charrnn.support.ServiceTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** PATCH (name, tags, notes) and the list's filters and sorts, on runs stored on a corpus of this test's own. */
@ServiceTest
class RunCatalogTest {
    private static final String MERGE_PATCH = "application/merge-patch+json";

    @LocalServerPort
    int port;

    @Autowired
    TrainingRunRepository runs;

    @Autowired
    CorpusRepository corpora;

    @Autowired
    PlatformTransactionManager transactions;

    ApiClient api;
    long corpus;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        corpus = RunFixtures.corpus(corpora, "catalog " + UUID.randomUUID());
    }

    /** A finished run (nothing trains it) with the given results; null for none. */
    private long run(String name, int hiddenSize, RunStatus status, Double finalLoss, Double bestValidation) {
        long id = RunFixtures.aRun()
                .on(corpus, 8)
                .named(name)
                .hiddenSize(hiddenSize)
                .saveIn(runs)
                .getId();
        new TransactionTemplate(transactions).executeWithoutResult(t -> {
            runs.updateProgress(id, 10, 20.0, 1000.0 * hiddenSize, 100L * hiddenSize);
            runs.finish(id, status, Instant.now(), finalLoss, finalLoss, 10, null, RunStatus.QUEUED, RunStatus.RUNNING);
            if (bestValidation != null) {
                runs.recordBestValidation(id, bestValidation, 9);
            }
        });
        return id;
    }

    private ApiClient.Response patch(long id, String body) {
        return api.send("PATCH", "/api/runs/" + id, MERGE_PATCH, body.getBytes(StandardCharsets.UTF_8));
    }

    private List<Long> ids(String query) {
        JsonNode page = api.get("/api/runs?corpusId=" + corpus + query).expect(200);
        List<Long> ids = new ArrayList<>();
        for (JsonNode run : page.get("content")) {
            ids.add(run.get("id").asLong());
        }
        if (!query.contains("size=")) {
            assertThat(page.get("totalElements").asLong()).isEqualTo(ids.size());
        }
        return ids;
    }

    @Test
    void aPatchSetsNameTagsAndNotesAndLeavesWhatItOmits() {
        long id = run("first", 8, RunStatus.SUCCEEDED, 10.0, null);
        JsonNode patched = patch(id, "{\"tags\": [\"baseline\", \"h8\", \"baseline\"], \"notes\": \"line 1\\nline 2\"}")
                .expect(200);
        assertThat(patched.get("name").asString()).isEqualTo("first");
        assertThat(patched.get("tags").toString()).isEqualTo("[\"baseline\",\"h8\"]");
        assertThat(patched.get("notes").asString()).isEqualTo("line 1\nline 2");

        JsonNode renamed = patch(id, "{\"name\": \"kept 🌱\"}").expect(200);
        assertThat(renamed.get("name").asString()).isEqualTo("kept 🌱");
        assertThat(renamed.get("tags").size()).isEqualTo(2);
        assertThat(renamed.get("notes").asString()).isEqualTo("line 1\nline 2");

        JsonNode cleared = patch(id, "{\"tags\": null, \"notes\": null}").expect(200);
        assertThat(cleared.get("tags")).isEmpty();
        assertThat(cleared.get("notes").isNull()).isTrue();
        assertThat(api.run(id).get("name").asString()).isEqualTo("kept 🌱");
        // the results it recorded are untouched
        assertThat(api.run(id).get("summary").get("finalLoss").asDouble()).isEqualTo(10.0);
    }

    @Test
    void badPatchesAreNamed() {
        long id = run("bad", 8, RunStatus.SUCCEEDED, 10.0, null);
        patch(id, "{\"status\": \"QUEUED\"}").expectProblem(400, "unknown field 'status'");
        patch(id, "{\"tags\": \"one\"}").expectProblem(400, "tags must be an array");
        patch(id, "{\"tags\": [\"" + "x".repeat(51) + "\"]}").expectProblem(400, "tags[0] has 51 characters");
        patch(id, "{\"tags\": [\"ok\", \" \"]}").expectProblem(400, "tags[1] must not be blank");
        patch(id, "{\"tags\": [\"a\\tb\"]}").expectProblem(400, "tags[0] must not contain control characters");
        patch(id, "{\"tags\": [\"\\ud800\"]}").expectProblem(400, "tags[0]", "lone surrogate");
        patch(id, "{\"name\": \"a\\u0007\"}").expectProblem(400, "name must not contain control characters");
        patch(id, "{\"name\": \"" + "n".repeat(201) + "\"}").expectProblem(400, "name has 201 characters");
        patch(id, "{\"notes\": \"a\\u0000\"}").expectProblem(400, "notes must not contain control characters");
        patch(id, "{\"name\": 3}").expectProblem(400, "name must be a string");
        patch(id, "[1]").expectProblem(400, "JSON object");
        patch(99_999_999, "{\"name\": \"x\"}").expectProblem(404, "run 99999999");
        ApiClient.Response json =
                api.send("PATCH", "/api/runs/" + id, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(json.status()).isEqualTo(415);
        assertThat(api.run(id).get("name").asString()).isEqualTo("bad");
    }

    @Test
    void runsAreFoundByTagNameStatusAndHiddenSizeAndSortedByResults() {
        long a = run("Shakespeare small", 8, RunStatus.SUCCEEDED, 30.0, 2.1);
        long b = run("shakespeare big", 32, RunStatus.SUCCEEDED, 20.0, 1.9);
        long c = run("other", 32, RunStatus.SUCCEEDED, 25.0, null);
        long d = run("cancelled one", 16, RunStatus.CANCELLED, null, null);
        patch(a, "{\"tags\": [\"sweep-1\", \"keep\"]}").expect(200);
        patch(b, "{\"tags\": [\"sweep-1\"]}").expect(200);

        assertThat(ids("")).containsExactly(d, c, b, a);
        assertThat(ids("&tag=sweep-1")).containsExactly(b, a);
        assertThat(ids("&tag=sweep-1&tag=keep")).containsExactly(a);
        assertThat(ids("&q=SHAKESPEARE")).containsExactly(b, a);
        assertThat(ids("&q=%25")).isEmpty(); // a literal %, not a wildcard
        assertThat(ids("&hiddenSize=32")).containsExactly(c, b);
        assertThat(ids("&hiddenSize=8,16")).containsExactly(d, a);
        assertThat(ids("&status=CANCELLED")).containsExactly(d);
        assertThat(ids("&cell=RNN&layers=1&optimizer=adagrad&precision=float64"))
                .containsExactly(d, c, b, a);
        assertThat(ids("&cell=lstm,gru")).isEmpty();
        assertThat(ids("&batchSize=50")).isEmpty();
        assertThat(ids("&sweepId=1")).isEmpty();
        assertThat(ids("&stopReason=completed")).containsExactly(c, b, a);
        assertThat(ids("&sort=bestValidationLossPerChar,asc")).containsExactly(b, a, d, c);
        assertThat(ids("&sort=bestValidationLossPerChar,desc")).containsExactly(a, b, d, c);
        assertThat(ids("&sort=finalLoss")).containsExactly(b, c, a, d);
        assertThat(ids("&sort=charsPerSecond,desc&sort=createdAt")).containsExactly(b, c, d, a);
        assertThat(ids("&sort=trainingSeconds,asc&size=2")).containsExactly(a, d);
        JsonNode second = api.get("/api/runs?corpusId=" + corpus + "&sort=trainingSeconds,asc&size=2&page=1")
                .expect(200);
        assertThat(second.get("totalElements").asInt()).isEqualTo(4);
        assertThat(second.get("totalPages").asInt()).isEqualTo(2);
        assertThat(second.get("content").get(0).get("tags").size()).isZero();
    }

    @Test
    void badFiltersAndSortsAreNamed() {
        api.get("/api/runs?colour=red").expectProblem(400, "unknown parameter 'colour'");
        api.get("/api/runs?sort=loss,asc").expectProblem(400, "cannot sort by 'loss'", "finalLoss");
        api.get("/api/runs?sort=finalLoss,up").expectProblem(400, "sort direction 'up'");
        api.get("/api/runs?status=DONE").expectProblem(400, "status 'DONE' is not one of", "SUCCEEDED");
        api.get("/api/runs?stopReason=BORED").expectProblem(400, "stopReason 'BORED'");
        api.get("/api/runs?hiddenSize=big").expectProblem(400, "hiddenSize must be an integer");
        api.get("/api/runs?cell=transformer").expectProblem(400, "cell 'transformer' is not one of rnn, lstm, gru");
        api.get("/api/runs?sweepId=x").expectProblem(400, "sweepId must be an integer");
        api.get("/api/runs?learningRate=NaN").expectProblem(400, "learningRate must be a finite number");
        api.get("/api/runs?size=0").expectProblem(400, "size between 1 and 100");
    }
}
