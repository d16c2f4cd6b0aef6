package dev.charrnn.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.support.ApiClient;
import dev.charrnn.support.RawHttp;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Slow and refused bodies cannot hold the server, and the API key's finer points, against the real container.
 * Bounded: every socket has a read timeout, every loop a count.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:http-limits;DB_CLOSE_DELAY=-1",
            "charrnn.security.api-key=k1",
            "charrnn.http.max-concurrent-bodies=2",
            "charrnn.http.min-body-rate=1KB",
            "charrnn.http.body-grace-period=1s"
        })
class HttpLimitsTest {
    private static final String KEY = "Authorization: Bearer k1\r\n";

    @LocalServerPort
    int port;

    private Socket slowBody(String auth) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        socket.getOutputStream()
                .write(("POST /api/runs HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json" + "\r\n" + auth
                                + "Content-Length: 100000\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    @Test
    void aRefusedRequestIsAnsweredAndClosedWithoutWaitingForItsBody() throws IOException {
        try (Socket socket = slowBody("")) {
            RawHttp.Answer answer = RawHttp.read(socket, 5_000);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.closed())
                    .as("closed instead of waiting for 99,999 more bytes")
                    .isTrue();
        }
    }

    @Test
    void slowBodiesAreLimitedInNumberAndCutOffWhileReadsGoOn() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            slow.add(slowBody(KEY));
            slow.add(slowBody(KEY));
            int status = 0;
            for (int attempt = 0; attempt < 50 && status != 503; attempt++) {
                status = RawHttp.exchange(
                                port,
                                "POST /api/corpora HTTP/1.1\r\nHost: localhost\r\n" + KEY
                                        + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close",
                                "{}".getBytes(StandardCharsets.US_ASCII))
                        .status();
                Thread.sleep(100);
            }
            assertThat(status).as("a third body while two are being received").isEqualTo(503);
            assertThat(new ApiClient(port).get("/api/runs").status())
                    .as("reads go on")
                    .isEqualTo(200);

            Thread.sleep(1_500);
            for (Socket socket : slow) {
                socket.getOutputStream().write(' ');
                socket.getOutputStream().flush();
                RawHttp.Answer answer = RawHttp.read(socket, 5_000);
                assertThat(answer.status())
                        .as("2 bytes in over a second, the minimum is 1 KB/s")
                        .isEqualTo(408);
                assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
                assertThat(answer.closed()).isTrue();
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void healthDetailsNeedTheKeyWhoseSchemeIsCaseInsensitive() {
        ApiClient api = new ApiClient(port);
        assertThat(api.get("/actuator/health").expect(200).has("components"))
                .as("anonymous: status only")
                .isFalse();
        assertThat(api.get("/actuator/health").text())
                .doesNotContain("diskSpace")
                .doesNotContain("H2");
        assertThat(api.get("/actuator/health", "Authorization", "bearer k1")
                        .expect(200)
                        .has("components"))
                .isTrue();
        api.post("/api/corpora", "{\"text\":\"abcabcabc\"}", "Authorization", "BEARER k1")
                .expect(201);
        api.post("/api/corpora", "{\"text\":\"abcabcabc\"}", "Authorization", "bearer k2")
                .expectProblem(401, "not valid");
    }
}
