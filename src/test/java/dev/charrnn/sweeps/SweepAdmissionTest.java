package dev.charrnn.sweeps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.support.ApiClient;
import dev.charrnn.support.ServiceTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A sweep larger than the queue's free capacity: with one run allowed to wait, five runs wanted at once are
 * submitted as room appears, and all of them train; none is refused or lost.
 */
@ServiceTest
@TestPropertySource(properties = "charrnn.max-queued-runs=1")
class SweepAdmissionTest {
    @LocalServerPort
    int port;

    @Test
    void aSweepLargerThanTheQueueIsSubmittedGradually() throws Exception {
        ApiClient api = new ApiClient(port);
        long id = api.post("/api/sweeps", """
                        {"name": "gradual", "method": "grid", "maxConcurrent": 5,
                         "base": {"hiddenSize": 8, "numIterations": 300, "sampleEvery": 100},
                         "parameters": {"learningRate": {"values": [0.1, 0.09, 0.08, 0.07, 0.06]}}}""").expect(201).get("id").asLong();

        JsonNode sweep = api.get("/api/sweeps/" + id).expect(200);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (sweep.get("status").asString().equals("RUNNING") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            sweep = api.get("/api/sweeps/" + id).expect(200);
        }

        assertThat(sweep.get("status").asString()).as(sweep.toString()).isEqualTo("SUCCEEDED");
        assertThat(sweep.get("counts").propertyNames()).containsExactly("SUCCEEDED");
        assertThat(sweep.get("counts").get("SUCCEEDED").asInt()).isEqualTo(5);
        assertThat(sweep.get("leaderboard").findValuesAsString("status")).containsOnly("SUCCEEDED");
    }
}
