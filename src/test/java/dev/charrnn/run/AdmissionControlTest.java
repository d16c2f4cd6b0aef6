package dev.charrnn.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * A burst of concurrent submissions: past charrnn.max-queued-runs they get 429 with Retry-After, every accepted
 * run finishes, and an Idempotency-Key returns the same run instead of a second one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:admission;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "charrnn.max-queued-runs=5", "charrnn.workers=1"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the burst counts on an empty queue
class AdmissionControlTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String RUN = "{\"numIterations\":300,\"hiddenSize\":8,\"sampleEvery\":100}";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @Order(1)
    void burstGets429PastTheCapAndEveryAcceptedRunFinishes() throws Exception {
        // Fill the worker with a long run so that the burst only queues.
        HttpResponse<String> blocker = post("{\"numIterations\":10000000,\"hiddenSize\":8}", null);
        long blockerId = JSON.readTree(blocker.body()).get("id").asLong();
        assertThat(awaitStatus(blockerId, "RUNNING")).isEqualTo("RUNNING");

        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            burst.add(pool.submit(() -> post(RUN, null)));
        }
        List<Long> accepted = new ArrayList<>();
        int rejected = 0;
        for (Future<HttpResponse<String>> f : burst) {
            HttpResponse<String> r = f.get();
            if (r.statusCode() == 202) {
                accepted.add(JSON.readTree(r.body()).get("id").asLong());
            } else {
                assertThat(r.statusCode()).isEqualTo(429);
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
                assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                        t -> assertThat(t).startsWith("application/problem+json"));
                rejected++;
            }
        }
        pool.shutdown();
        assertThat(accepted).hasSize(5);
        assertThat(rejected).isEqualTo(35);

        send("POST", "/api/runs/" + blockerId + "/cancel");
        assertThat(awaitStatus(blockerId, "CANCELLED")).isEqualTo("CANCELLED");
        for (long id : accepted) {
            assertThat(awaitStatus(id, "SUCCEEDED")).isEqualTo("SUCCEEDED");
        }
    }

    @Test
    @Order(2)
    void sameIdempotencyKeySameRun() throws Exception {
        HttpResponse<String> first = post(RUN, "key-123");
        HttpResponse<String> again = post(RUN, "key-123");
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("id")).isEqualTo(JSON.readTree(first.body()).get("id"));
        assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
    }

    private HttpResponse<String> post(String body, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/runs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String awaitStatus(long id, String wanted) throws Exception {
        String status = "";
        for (int i = 0; i < 600 && !status.equals(wanted); i++) {
            status = JSON.readTree(send("GET", "/api/runs/" + id).body()).get("status").asString();
            if (!status.equals(wanted)) {
                Thread.sleep(100);
            }
        }
        return status;
    }
}
