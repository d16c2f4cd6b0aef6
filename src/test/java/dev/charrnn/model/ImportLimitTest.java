package dev.charrnn.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.support.ApiClient;
import dev.charrnn.support.RawHttp;
import dev.charrnn.support.ServiceTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.node.ObjectNode;

/**
 * The request limit and the parameter limit agree: a run at the largest allowed size exports weights that its own
 * import accepts, however the body is framed, although they are larger than charrnn.max-request-bytes; and the
 * import's own limit holds on a body without a length.
 */
@ServiceTest
@TestPropertySource(properties = {"charrnn.max-parameters=20000", "charrnn.max-request-bytes=128KB"})
class ImportLimitTest {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz";

    @LocalServerPort
    int port;

    @Test
    void aRunAtTheParameterLimitImportsBackChunkedOrNot() {
        ApiClient api = new ApiClient(port);
        // V = 26, H = 117: 2*117*26 + 117^2 + 117 + 26 = 19,916 parameters, within 20,000 (H = 118 is not)
        long run = api.submit(Map.of(
                "hiddenSize", 117, "numIterations", 1, "sampleEvery", 1, "seqLength", 5, "corpus", ALPHABET.repeat(4)));
        assertThat(api.awaitFinished(run, Duration.ofSeconds(60)).get("status").asString())
                .isEqualTo("SUCCEEDED");
        ObjectNode request = ApiClient.JSON.createObjectNode();
        request.set("weights", api.get("/api/runs/" + run + "/weights").expect(200));
        request.set("vocabulary", api.get("/api/runs/" + run + "/vocabulary").expect(200));
        byte[] body = request.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).as("larger than charrnn.max-request-bytes").isGreaterThan(128 * 1024);

        api.send("POST", "/api/models", "application/json", body).expect(201);
        RawHttp.Answer chunked = RawHttp.chunked(port, "POST /api/models HTTP/1.1", "application/json", body);
        assertThat(chunked.status()).as(chunked.body()).isEqualTo(201);
    }

    @Test
    void theImportLimitHoldsOnBodiesWithoutALength() {
        RawHttp.Answer answer = RawHttp.chunked(
                port, "POST /api/models HTTP/1.1", "application/json", "{\"name\":\"", 2L * 1024 * 1024);
        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.body()).contains("charrnn.max-parameters");
    }
}
