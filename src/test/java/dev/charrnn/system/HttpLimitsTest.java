package dev.charrnn.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.support.ApiClient;
import dev.charrnn.support.RawHttp;
import dev.charrnn.support.ServiceTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Slow and refused bodies cannot hold the server, and the API key's finer points, against the real container.
 * Bounded: every socket has a read timeout, every loop a count.
 */
@ServiceTest
@TestPropertySource(
        properties = {
            "charrnn.security.api-key=k1",
            "charrnn.max-request-bytes=1MB",
            "charrnn.http.max-concurrent-bodies=2",
            "charrnn.http.min-body-rate=1KB",
            "charrnn.http.body-grace-period=5s"
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
    void aBodyRefusedForItsSizeIsReadAndDroppedSoTheClientSeesTheAnswerNotAReset() throws IOException {
        // 12 MiB, over the 1 MB limit: more than the socket buffers of both ends hold, so a server that closed
        // without reading on would reset the connection while the client is still writing
        byte[] body = new byte[12 * 1024 * 1024];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        String declared = "Content-Length: " + body.length + "\r\n";
        RawHttp.Answer declaredAnswer = sendWhole(declared, body);
        assertThat(declaredAnswer.status())
                .as("declared length over the limit: " + declaredAnswer)
                .isEqualTo(413);

        byte[] head = (Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] chunked = new byte[head.length + body.length + tail.length];
        System.arraycopy(head, 0, chunked, 0, head.length);
        System.arraycopy(body, 0, chunked, head.length, body.length);
        System.arraycopy(tail, 0, chunked, head.length + body.length, tail.length);
        assertThat(sendWhole("Transfer-Encoding: chunked\r\n", chunked).status())
                .as("chunked body cut off at the limit")
                .isEqualTo(413);
    }

    @Test
    void aRefusedSmallBodyIsReadSoTheConnectionCarriesTheNextRequest() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            // refused before its body is read (415), then a second request on the same connection
            out.write(("POST /api/runs HTTP/1.1\r\nHost: localhost\r\n" + KEY
                            + "Content-Type: application/xml\r\nContent-Length: 6\r\n\r\n<run/>")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            RawHttp.Answer refused = RawHttp.read(socket, 300);
            assertThat(refused.status()).isEqualTo(415);
            assertThat(refused.closed()).as("kept alive: " + refused).isFalse();
            socket.setSoTimeout(20_000);
            out.write(("GET /api/runs HTTP/1.1\r\nHost: localhost\r\n" + KEY + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(RawHttp.read(socket, 1_000).status()).isEqualTo(200);
        }
    }

    /** Writes the whole request, as a client that does not read while it sends, then reads the answer. */
    private RawHttp.Answer sendWhole(String framing, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/runs HTTP/1.1\r\nHost: localhost\r\n" + KEY + "Content-Type: application/json\r\n"
                            + framing + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            RawHttp.Answer answer = RawHttp.read(socket, 5_000);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.closed()).isTrue();
            return answer;
        }
    }

    @Test
    void slowBodiesAreLimitedInNumberAndCutOffWhileReadsGoOn() throws Exception {
        // the first request of a context initialises the dispatcher: not while the slow bodies' grace period runs
        assertThat(new ApiClient(port).get("/api/runs").status()).isEqualTo(200);
        List<Socket> slow = new ArrayList<>();
        try {
            long started = 0;
            int status = 0;
            String last = "";
            // Tomcat may dispatch a slow body's request after a third one has taken a place; then that slow body is
            // the one refused, and the scenario is set up again (at most three times).
            for (int scenario = 0; scenario < 3 && status != 503; scenario++) {
                for (Socket socket : slow) {
                    socket.close();
                }
                slow.clear();
                started = System.nanoTime();
                slow.add(slowBody(KEY));
                slow.add(slowBody(KEY));
                Thread.sleep(500);
                for (int attempt = 0; attempt < 25 && status != 503; attempt++) {
                    RawHttp.Answer third = RawHttp.exchange(
                            port,
                            "POST /api/corpora HTTP/1.1\r\nHost: localhost\r\n" + KEY
                                    + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close",
                            "{}".getBytes(StandardCharsets.US_ASCII));
                    status = third.status();
                    last = third.body();
                    Thread.sleep(100);
                }
                if (status != 503) {
                    for (Socket socket : slow) {
                        socket.setSoTimeout(200);
                        try {
                            RawHttp.Answer early = RawHttp.read(socket, 200);
                            last += " | slow body answered: " + early;
                            assertThat(early.status())
                                    .as("a slow body is answered early only when it lost its place")
                                    .isEqualTo(503);
                        } catch (SocketTimeoutException stillReceiving) {
                            last += " | slow body still being received";
                        }
                    }
                }
            }
            assertThat(status)
                    .as("a third body while two are being received: " + last)
                    .isEqualTo(503);
            assertThat(new ApiClient(port).get("/api/runs").status())
                    .as("reads go on")
                    .isEqualTo(200);

            long graceLeftMillis = 6_000 - (System.nanoTime() - started) / 1_000_000;
            Thread.sleep(Math.max(0, graceLeftMillis));
            for (Socket socket : slow) {
                socket.getOutputStream().write(' ');
                socket.getOutputStream().flush();
                RawHttp.Answer answer = RawHttp.read(socket, 5_000);
                assertThat(answer.status())
                        .as("2 bytes in over the 5 s grace period, the minimum is 1 KB/s")
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
