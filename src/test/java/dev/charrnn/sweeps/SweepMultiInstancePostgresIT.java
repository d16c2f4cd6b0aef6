package dev.charrnn.sweeps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.charrnn.support.ApiClient;
import dev.charrnn.support.PostgresDatabases;
import dev.charrnn.support.ServiceProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A sweep submitted to one of two instances sharing PostgreSQL goes on after that instance is killed (kill -9)
 * while its runs train: the other takes over the sweeps' task and the runs, prunes and submits the rest, and the
 * sweep ends with every trial run once.
 */
class SweepMultiInstancePostgresIT {
    private static final String CORPUS = "the cat sat on the mat. the dog sat on the log. ".repeat(40);
    private static final int TRIALS = 6;

    @TempDir
    Path dir;

    @Test
    void aSweepGoesOnWhenTheInstanceThatTookItDies() throws Exception {
        assumeTrue(ServiceProcess.jarBuilt(), "target/charrnn.jar is built by the package phase");
        String url = PostgresDatabases.fresh("charrnn_sweep");
        Map<String, String> settings = Map.of(
                "spring.datasource.url", url,
                "charrnn.workers", "1",
                "charrnn.lease-timeout", "8s",
                "charrnn.polling-interval", "500ms",
                "charrnn.checkpoint-interval", "500ms",
                "charrnn.loss-flush-interval", "200ms");
        String sweep = "{\"name\": \"survivor\", \"method\": \"random\", \"seed\": 5, \"maxRuns\": " + TRIALS
                + ", \"maxConcurrent\": 2, \"base\": {\"hiddenSize\": 24, \"numIterations\": 3000, "
                + "\"sampleEvery\": 1000, \"validationFraction\": 0.2, \"evalEvery\": 100, \"corpus\": "
                + ApiClient.JSON.writeValueAsString(CORPUS) + "}, "
                + "\"parameters\": {\"learningRate\": {\"min\": 0.0003, \"max\": 0.3, \"scale\": \"log\"}}, "
                + "\"earlyTermination\": {\"rule\": \"asha\", \"minIterations\": 300, \"reductionFactor\": 3}}";
        try {
            try (ServiceProcess a = ServiceProcess.start(dir, "a", settings)) {
                long id =
                        a.api().post("/api/sweeps", sweep).expect(201).get("id").asLong();
                await(
                        a.api(),
                        id,
                        s -> s.get("leaderboard").size() >= 1
                                && s.get("counts").path("RUNNING").asInt() >= 1);
                try (ServiceProcess b = ServiceProcess.start(dir, "b", settings)) {
                    a.kill();
                    JsonNode done =
                            await(b.api(), id, s -> !s.get("status").asString().equals("RUNNING"));

                    assertThat(done.get("status").asString())
                            .as(done.toString())
                            .isEqualTo("SUCCEEDED");
                    JsonNode counts = done.get("counts");
                    assertThat(counts.path("SUCCEEDED").asInt()
                                    + counts.path("PRUNED").asInt())
                            .as(counts.toString())
                            .isEqualTo(TRIALS);
                    assertThat(done.get("leaderboard").findValuesAsString("status"))
                            .hasSize(TRIALS)
                            .allMatch(s -> s.equals("SUCCEEDED") || s.equals("CANCELLED"));
                    assertThat(count(url, "select count(*) from training_run where sweep_id = " + id))
                            .as("one run per trial")
                            .isEqualTo(TRIALS);
                    assertThat(count(url, "select count(*) from sweep_scheduled_tasks"))
                            .as("the sweeps' task, once")
                            .isEqualTo(1);
                }
            }
        } finally {
            PostgresDatabases.drop(url);
        }
    }

    private static JsonNode await(ApiClient api, long id, Predicate<JsonNode> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        while (true) {
            JsonNode sweep = api.get("/api/sweeps/" + id).expect(200);
            if (done.test(sweep)) {
                return sweep;
            }
            assertThat(System.nanoTime() - deadline)
                    .as("sweep %d: %s", id, sweep)
                    .isNegative();
            Thread.sleep(200);
        }
    }

    private static int count(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
                ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }
}
