package dev.charrnn.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.charrnn.support.ApiClient;
import dev.charrnn.support.ServiceProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM on an H2 file database configured without {@code DB_CLOSE_ON_EXIT=FALSE} (as a user's own URL would be):
 * the running run still writes its shutdown checkpoint (the only one: periodic checkpoints are an hour apart), waits
 * as QUEUED, and after the restart resumes before the runs queued after it.
 */
class ShutdownRequeueIT {
    @TempDir
    Path dir;

    @Test
    void sigtermCheckpointsAndTheStoppedRunKeepsItsPlace() throws Exception {
        assumeTrue(ServiceProcess.jarBuilt(), "target/charrnn.jar is built by the package phase");
        String db = dir.resolve("db").toAbsolutePath().toString();
        Map<String, String> settings = Map.of(
                "spring.datasource.url", "jdbc:h2:file:" + db,
                "charrnn.workers", "1",
                "charrnn.checkpoint-interval", "1h",
                "charrnn.loss-flush-interval", "200ms");
        Map<String, Object> longRun = Map.of("numIterations", 10_000_000, "hiddenSize", 32, "sampleEvery", 1_000_000);
        long first;
        List<Long> later;
        int checkpointed;
        try (ServiceProcess a = ServiceProcess.start(dir, "a", settings)) {
            first = a.api().submit(longRun);
            later = List.of(a.api().submit(longRun), a.api().submit(longRun));
            a.api().awaitProgress(first, 100, Duration.ofMinutes(2));
            assertThat(a.terminate(Duration.ofSeconds(60)))
                    .as("exits after SIGTERM")
                    .isTrue();
            String log = a.log();
            assertThat(log).doesNotContain("Database is already closed");
            Matcher m = Pattern.compile("Run " + first + " checkpointed at iteration (\\d+) for shutdown")
                    .matcher(log);
            assertThat(m.find()).as(log).isTrue();
            checkpointed = Integer.parseInt(m.group(1));
        }
        assertThat(statuses(db, first, later.get(0), later.get(1)))
                .as("waiting, not running")
                .containsExactly("QUEUED", "QUEUED", "QUEUED");
        try (ServiceProcess b = ServiceProcess.start(dir, "a", settings)) {
            ApiClient api = b.api();
            api.awaitStatus(first, Duration.ofMinutes(1), "RUNNING");
            assertThat(api.get("/api/runs/" + first + "/weights").status())
                    .as("the shutdown checkpoint")
                    .isEqualTo(200);
            assertThat(api.run(first).get("progress").get("iteration").asInt()).isGreaterThanOrEqualTo(checkpointed);
            for (long id : later) {
                assertThat(api.status(id))
                        .as("run %d, queued after the resumed one", id)
                        .isEqualTo("QUEUED");
            }
            for (long id : List.of(first, later.get(0), later.get(1))) {
                api.post("/api/runs/" + id + "/cancel");
            }
            api.awaitFinished(first);
        }
    }

    private static List<String> statuses(String db, long... ids) throws Exception {
        Map<Long, String> found = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db, "sa", "");
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select id, status from training_run order by id")) {
            while (rows.next()) {
                found.put(rows.getLong(1), rows.getString(2));
            }
        }
        return java.util.Arrays.stream(ids).mapToObj(found::get).toList();
    }
}
