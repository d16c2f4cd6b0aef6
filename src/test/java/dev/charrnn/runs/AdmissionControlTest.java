package dev.charrnn.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.support.ApiClient;
import dev.charrnn.support.ServiceTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A burst of concurrent submissions: past charrnn.max-queued-runs they get 429 with Retry-After, every accepted
 * run finishes, and an Idempotency-Key returns the same run instead of a second one.
 */
@ServiceTest
@TestPropertySource(properties = "charrnn.max-queued-runs=5")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the burst counts on an empty queue
class AdmissionControlTest {
    private static final String RUN = "{\"numIterations\":300,\"hiddenSize\":8,\"sampleEvery\":100}";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    @Order(1)
    void burstGets429PastTheCapAndEveryAcceptedRunFinishes() throws Exception {
        // Fill the worker with a long run so that the burst only queues.
        long blockerId = api.submit("{\"numIterations\":10000000,\"hiddenSize\":8}");
        api.awaitStatus(blockerId, TIMEOUT, "RUNNING");

        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<ApiClient.Response>> burst = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            burst.add(pool.submit(() -> api.post("/api/runs", RUN)));
        }
        List<Long> accepted = new ArrayList<>();
        int rejected = 0;
        for (Future<ApiClient.Response> f : burst) {
            ApiClient.Response r = f.get();
            if (r.status() == 202) {
                accepted.add(r.json().get("id").asLong());
            } else {
                assertThat(r.status()).isEqualTo(429);
                assertThat(r.header("Retry-After")).isNotNull();
                assertThat(r.header("Content-Type")).startsWith("application/problem+json");
                rejected++;
            }
        }
        pool.shutdown();
        assertThat(accepted).hasSize(5);
        assertThat(rejected).isEqualTo(35);

        api.post("/api/runs/" + blockerId + "/cancel");
        assertThat(api.awaitFinished(blockerId, TIMEOUT).get("status").asString())
                .isEqualTo("CANCELLED");
        for (long id : accepted) {
            assertThat(api.awaitFinished(id, TIMEOUT).get("status").asString()).isEqualTo("SUCCEEDED");
        }
    }

    @Test
    @Order(2)
    void sameIdempotencyKeySameRun() {
        ApiClient.Response first = api.post("/api/runs", RUN, "Idempotency-Key", "key-123");
        ApiClient.Response again = api.post("/api/runs", RUN, "Idempotency-Key", "key-123");
        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
    }
}
