package dev.charrnn.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.support.ApiClient;
import dev.charrnn.support.ServiceTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Cancelling, deleting and listing runs through the whole service (one worker: a long run holds the queue). */
@ServiceTest
class RunLifecycleEndToEndTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String LONG_RUN = "{\"numIterations\":10000000}";

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    /** Leaves the worker free for the next test. */
    @AfterEach
    void cancelUnfinishedRuns() {
        for (String status : List.of("QUEUED", "RUNNING")) {
            for (JsonNode r :
                    api.get("/api/runs?size=100&status=" + status).json().get("content")) {
                api.post("/api/runs/" + r.get("id").asLong() + "/cancel");
                api.awaitFinished(r.get("id").asLong(), TIMEOUT);
            }
        }
    }

    @Test
    void cancellingARunningRunKeepsWhatItRecorded() {
        long id = api.submit(LONG_RUN);
        api.awaitStatus(id, TIMEOUT, "RUNNING");
        api.awaitProgress(id, 50, TIMEOUT);

        ApiClient.Response cancel = api.post("/api/runs/" + id + "/cancel");
        assertThat(cancel.status()).as(cancel.text()).isEqualTo(200);
        JsonNode run = api.awaitFinished(id, Duration.ofSeconds(30));

        assertThat(run.get("status").asString()).isEqualTo("CANCELLED");
        int iterations = run.get("progress").get("iteration").asInt();
        assertThat(iterations).isGreaterThanOrEqualTo(50).isLessThan(10_000_000);
        JsonNode losses = api.get("/api/runs/" + id + "/losses").json();
        assertThat(losses.get("iterations").size()).isEqualTo(iterations);
        assertThat(losses.get("iterations").get(iterations - 1).asInt()).isEqualTo(iterations - 1);
        assertThat(run.get("summary").get("numSteps").asInt()).isEqualTo(iterations);
        assertThat(api.get("/api/runs/" + id + "/samples")
                        .json()
                        .get(0)
                        .get("iteration")
                        .asInt())
                .isZero();
        assertThat(api.get("/api/runs/" + id + "/weights").status()).isEqualTo(200);
        assertThat(api.get("/api/runs/" + id + "/generated").json().size()).isZero();
        assertThat(api.post("/api/runs/" + id + "/cancel").status()).isEqualTo(409);
    }

    @Test
    void cancellingAQueuedRunIsImmediate() {
        long running = api.submit(LONG_RUN);
        api.awaitStatus(running, TIMEOUT, "RUNNING");
        long queued = api.submit("{}");
        assertThat(api.run(queued).get("queuePosition").asInt()).isEqualTo(1);

        ApiClient.Response cancel = api.post("/api/runs/" + queued + "/cancel");
        assertThat(cancel.status()).as(cancel.text()).isEqualTo(200);
        assertThat(cancel.json().get("status").asString()).isEqualTo("CANCELLED");
        JsonNode run = api.run(queued);
        assertThat(run.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(run.get("startedAt").isNull()).isTrue();
        assertThat(api.get("/api/runs/" + queued + "/losses")
                        .json()
                        .get("iterations")
                        .size())
                .isZero();
        assertThat(api.status(running)).isEqualTo("RUNNING");
    }

    @Test
    void deletingAFinishedRunRemovesIt() {
        long id = api.submit("{\"numIterations\":20}");
        api.awaitStatus(id, TIMEOUT, "SUCCEEDED");

        assertThat(api.delete("/api/runs/" + id).status()).isEqualTo(204);
        for (String path : List.of("", "/losses", "/samples", "/summary", "/weights", "/charts/loss.png")) {
            ApiClient.Response gone = api.get("/api/runs/" + id + path);
            assertThat(gone.status()).as(path).isEqualTo(404);
            assertThat(gone.header("Content-Type")).as(path).isEqualTo("application/problem+json");
        }
        assertThat(api.delete("/api/runs/" + id).status()).isEqualTo(404);
    }

    @Test
    void aRunningRunCannotBeDeleted() {
        long id = api.submit(LONG_RUN);
        api.awaitStatus(id, TIMEOUT, "RUNNING");

        ApiClient.Response delete = api.delete("/api/runs/" + id);
        assertThat(delete.status()).isEqualTo(409);
        assertThat(delete.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(delete.json().get("detail").asString()).contains("cancel it first");
        assertThat(api.status(id)).isEqualTo("RUNNING");
    }

    @Test
    void listingIsPagedNewestFirstAndFiltersByStatus() {
        long blocker = api.submit(LONG_RUN);
        api.awaitStatus(blocker, TIMEOUT, "RUNNING");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(api.submit("{\"numIterations\":10}"));
        }

        JsonNode page = api.get("/api/runs?page=0&size=2").json();
        assertThat(page.get("page").asInt()).isZero();
        assertThat(page.get("size").asInt()).isEqualTo(2);
        assertThat(page.get("totalElements").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(page.get("content").size()).isEqualTo(2);
        assertThat(page.get("content").get(0).get("id").asLong()).isEqualTo(ids.get(2));
        assertThat(page.get("content").get(1).get("id").asLong()).isEqualTo(ids.get(1));
        JsonNode next = api.get("/api/runs?page=1&size=2").json();
        assertThat(next.get("content").get(0).get("id").asLong()).isEqualTo(ids.get(0));

        JsonNode queued = api.get("/api/runs?status=QUEUED").json();
        assertThat(queued.get("totalElements").asLong()).isEqualTo(3);
        List<Long> queuedIds = new ArrayList<>();
        for (JsonNode r : queued.get("content")) {
            assertThat(r.get("status").asString()).isEqualTo("QUEUED");
            queuedIds.add(r.get("id").asLong());
        }
        assertThat(queuedIds).containsExactly(ids.get(2), ids.get(1), ids.get(0));
        JsonNode running = api.get("/api/runs?status=RUNNING").json();
        assertThat(running.get("content").get(0).get("id").asLong()).isEqualTo(blocker);

        ApiClient.Response bad = api.get("/api/runs?size=0");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("Content-Type")).isEqualTo("application/problem+json");
    }
}
