package dev.charrnn.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.charrnn.support.ApiClient;
import dev.charrnn.support.PostgresDatabases;
import dev.charrnn.support.ServiceProcess;
import dev.charrnn.support.Twin;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Two instances share one PostgreSQL database. Twenty identical runs are submitted to both; one instance is
 * killed (kill -9) while it trains. The other takes its runs over after the lease timeout: every run finishes
 * once, with the same losses, samples and weights as an uninterrupted run, and answers the same from any instance.
 */
class MultiInstancePostgresIT {
    private static final int RUNS = 20;
    private static final int N = 4000;
    private static final String CORPUS = "the cat sat on the mat. the dog sat on the log. ".repeat(40);

    @TempDir
    Path dir;

    @Test
    void twentyRunsFinishOnceEachDespiteAnInstanceDying() throws Exception {
        assumeTrue(ServiceProcess.jarBuilt(), "target/charrnn.jar is built by the package phase");
        String url = PostgresDatabases.fresh("charrnn_multi");
        Map<String, String> settings = Map.of(
                "spring.datasource.url", url,
                "charrnn.workers", "1",
                "charrnn.lease-timeout", "8s",
                "charrnn.polling-interval", "500ms",
                "charrnn.checkpoint-interval", "500ms",
                "charrnn.loss-flush-interval", "200ms");
        String request = "{\"hiddenSize\":32,\"numIterations\":" + N + ",\"sampleEvery\":1000,\"corpus\":"
                + ApiClient.JSON.writeValueAsString(CORPUS) + "}";
        List<Long> ids = new ArrayList<>();
        try {
            runAndKill(url, settings, request, ids);
        } finally {
            PostgresDatabases.drop(url);
        }
    }

    private void runAndKill(String url, Map<String, String> settings, String request, List<Long> ids) throws Exception {
        try (ServiceProcess a = ServiceProcess.start(dir, "a", settings);
                // b, which finishes every run, starts as the Docker image does: one plain and one AOT-prepared
                // context on the same database.
                ServiceProcess b = ServiceProcess.start(dir, "b", ServiceProcess.IMAGE_MODE, settings)) {
            for (int k = 0; k < RUNS; k++) {
                ids.add((k % 2 == 0 ? a : b).api().submit(request));
            }
            awaitRunningOn(url, "a");
            a.kill();
            Twin twin = Twin.train(CORPUS, 32, 25, N, 1000, 100, 42);
            for (long id : ids) {
                JsonNode run = b.awaitFinished(id);
                assertThat(run.get("status").asString()).as("run %d", id).isEqualTo("SUCCEEDED");
                twin.assertBitIdentical(b.api(), id);
            }
            try (Connection c = DriverManager.getConnection(url);
                    ResultSet r = c.createStatement().executeQuery("select count(*) from scheduled_tasks")) {
                r.next();
                assertThat(r.getInt(1)).as("no execution left behind").isZero();
            }
            try (ServiceProcess a2 = ServiceProcess.start(dir, "a2", settings)) {
                assertThat(a2.api().run(ids.get(0))).isEqualTo(b.api().run(ids.get(0)));
                String losses = "/api/runs/" + ids.get(0) + "/losses?maxPoints=50";
                assertThat(a2.api().get(losses).expect(200))
                        .isEqualTo(b.api().get(losses).expect(200));
                assertCancelFromTheOtherInstance(url, a2, b, request);
            }
        }
    }

    /** A run training on one instance is cancelled through the other, within a second or two. */
    private static void assertCancelFromTheOtherInstance(
            String url, ServiceProcess a2, ServiceProcess b, String request) throws Exception {
        long id = a2.api().submit(request.replace("\"numIterations\":" + N, "\"numIterations\":10000000"));
        String holder = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (holder == null && System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(url);
                    ResultSet r = c.createStatement()
                            .executeQuery("select picked_by from scheduled_tasks "
                                    + "where picked and task_instance = '" + id + "'")) {
                holder = r.next() ? r.getString(1) : null;
            }
            Thread.sleep(50);
        }
        assertThat(holder).as("run %d was picked by an instance", id).isIn("a2", "b");
        ServiceProcess other = holder.equals("a2") ? b : a2;
        other.api().awaitProgress(id, 1, Duration.ofSeconds(60));
        assertThat(other.api()
                        .post("/api/runs/" + id + "/cancel")
                        .expect(200)
                        .get("id")
                        .asLong())
                .isEqualTo(id);
        JsonNode run = other.awaitFinished(id);
        assertThat(run.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(run.get("progress").get("iteration").asInt())
                .as("what it recorded is kept")
                .isPositive();
        assertThat(other.api()
                        .get("/api/runs/" + id + "/losses")
                        .expect(200)
                        .get("iterations")
                        .size())
                .isPositive();
    }

    /** Waits until instance {@code name} holds a run that has checkpointed, so killing it interrupts real work. */
    private static void awaitRunningOn(String url, String name) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(url);
                    ResultSet r = c.createStatement()
                            .executeQuery("select count(*) from scheduled_tasks t "
                                    + "join checkpoint k on k.run_id = cast(t.task_instance as bigint) "
                                    + "where t.picked and t.picked_by = '" + name + "'")) {
                r.next();
                if (r.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("instance " + name + " never trained a run");
    }
}
