package dev.charrnn.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.support.ApiClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A catalogue of bad requests: each gets a 4xx problem detail with a useful detail, none a 5xx, and a normal run
 * still trains afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:bad-input;DB_CLOSE_DELAY=-1",
        "charrnn.max-corpus-bytes=64KB", "charrnn.max-request-bytes=1MB", "charrnn.max-parameters=2000000"})
class BadInputCatalogueTest {
    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    record Bad(String what, int expectedStatus, Supplier<ApiClient.Response> request) {
    }

    @Test
    void everyBadRequestIsAProblemDetailAndNothingBreaks() {
        List<Bad> catalogue = catalogue();
        assertThat(catalogue).hasSizeGreaterThanOrEqualTo(40);
        List<String> failures = new ArrayList<>();
        for (Bad bad : catalogue) {
            ApiClient.Response r = bad.request().get();
            String type = Objects.requireNonNullElse(r.header("Content-Type"), "");
            String detail = type.startsWith("application/problem+json") ? r.json().path("detail").asString("") : "";
            if (r.status() != bad.expectedStatus() || detail.isBlank()) {
                failures.add(bad.what() + ": " + r.status() + " " + type + " " + r.text());
            }
        }
        assertThat(failures).isEmpty();

        long id = api.submit("{\"numIterations\":50,\"sampleEvery\":10}");
        assertThat(api.awaitFinished(id, Duration.ofSeconds(30)).get("status").asString()).isEqualTo("SUCCEEDED");
    }

    private List<Bad> catalogue() {
        List<Bad> c = new ArrayList<>();
        String runs = "/api/runs";
        c.add(new Bad("malformed JSON", 400, json("POST", runs, "{\"hiddenSize\": ")));
        c.add(new Bad("not JSON at all", 400, json("POST", runs, "hello")));
        c.add(new Bad("JSON array instead of object", 400, json("POST", runs, "[1,2]")));
        c.add(new Bad("trailing garbage", 400, json("POST", runs, "{} {}")));
        c.add(new Bad("string for a number", 400, json("POST", runs, "{\"hiddenSize\":\"64\"}")));
        c.add(new Bad("fraction for an integer", 400, json("POST", runs, "{\"hiddenSize\":1.5}")));
        c.add(new Bad("boolean for a number", 400, json("POST", runs, "{\"seqLength\":true}")));
        c.add(new Bad("object for a string", 400, json("POST", runs, "{\"corpus\":{\"a\":1}}")));
        c.add(new Bad("unknown field", 400, json("POST", runs, "{\"hiddenSise\":64}")));
        c.add(new Bad("duplicated field", 400, json("POST", runs, "{\"hiddenSize\":64,\"hiddenSize\":65}")));
        c.add(new Bad("zero hidden size", 400, json("POST", runs, "{\"hiddenSize\":0}")));
        c.add(new Bad("negative hidden size", 400, json("POST", runs, "{\"hiddenSize\":-3}")));
        c.add(new Bad("huge hidden size", 400, json("POST", runs, "{\"hiddenSize\":100000}")));
        c.add(new Bad("int overflow", 400, json("POST", runs, "{\"numIterations\":99999999999999}")));
        c.add(new Bad("zero iterations", 400, json("POST", runs, "{\"numIterations\":0}")));
        c.add(new Bad("too many iterations", 400, json("POST", runs, "{\"numIterations\":10000001}")));
        c.add(new Bad("NaN learning rate", 400, json("POST", runs, "{\"learningRate\":NaN}")));
        c.add(new Bad("Infinity learning rate", 400, json("POST", runs, "{\"learningRate\":Infinity}")));
        c.add(new Bad("overflowing learning rate", 400, json("POST", runs, "{\"learningRate\":1e999}")));
        c.add(new Bad("zero learning rate", 400, json("POST", runs, "{\"learningRate\":0}")));
        c.add(new Bad("negative learning rate", 400, json("POST", runs, "{\"learningRate\":-0.1}")));
        c.add(new Bad("zero sampleEvery", 400, json("POST", runs, "{\"sampleEvery\":0}")));
        c.add(new Bad("huge sampleLength", 400, json("POST", runs, "{\"sampleLength\":10001}")));
        c.add(new Bad("seqLength too long", 400, json("POST", runs, "{\"seqLength\":1001}")));
        c.add(new Bad("several bad fields", 400, json("POST", runs,
                "{\"hiddenSize\":0,\"seqLength\":5000,\"learningRate\":-1}")));
        c.add(new Bad("empty corpus", 400, json("POST", runs, "{\"corpus\":\"\"}")));
        c.add(new Bad("single-character corpus", 400, json("POST", runs, "{\"corpus\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}")));
        c.add(new Bad("corpus shorter than seqLength + 1", 400, json("POST", runs, "{\"corpus\":\"abcab\"}")));
        c.add(new Bad("both corpus and corpusId", 400, json("POST", runs, "{\"corpus\":\"abcabcabc\",\"corpusId\":1}")));
        c.add(new Bad("unknown corpusId", 400, json("POST", runs, "{\"corpusId\":987654}")));
        c.add(new Bad("negative corpusId", 400, json("POST", runs, "{\"corpusId\":-1}")));
        c.add(new Bad("corpus over the size limit", 413, json("POST", runs,
                "{\"corpus\":\"" + "ab".repeat(40_000) + "\"}")));
        c.add(new Bad("model too large for memory", 400, json("POST", runs, "{\"hiddenSize\":1024,\"corpus\":\""
                + alphabet(1500).repeat(2) + "\"}")));
        c.add(new Bad("zero sample temperature", 400, json("POST", runs, "{\"sampleTemperatures\":[0]}")));
        c.add(new Bad("empty sample temperatures", 400, json("POST", runs, "{\"sampleTemperatures\":[]}")));
        c.add(new Bad("non-UTF-8 JSON body", 400, bytes("POST", runs, "application/json",
                new byte[] {'{', '"', 'c', 'o', 'r', 'p', 'u', 's', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'})));
        c.add(new Bad("non-UTF-8 upload", 400, multipart(runs, new byte[] {(byte) 0xc3, (byte) 0x28, 'a', 'b'})));
        c.add(new Bad("non-UTF-8 corpus upload", 400, multipart("/api/corpora", new byte[] {(byte) 0xff, 'a'})));
        c.add(new Bad("oversized upload", 413, multipart("/api/corpora", "xy".repeat(40_000)
                .getBytes(StandardCharsets.UTF_8))));
        c.add(new Bad("oversized body", 413, bytes("POST", runs, "application/json", new byte[2 * 1024 * 1024])));
        c.add(new Bad("unsupported media type", 415, bytes("POST", runs, "text/plain", "{}".getBytes())));
        c.add(new Bad("XML body", 415, bytes("POST", runs, "application/xml", "<run/>".getBytes())));
        c.add(new Bad("missing body", 400, bytes("POST", runs, "application/json", new byte[0])));
        c.add(new Bad("empty corpus JSON", 400, json("POST", "/api/corpora", "{\"text\":\"\"}")));
        c.add(new Bad("corpus JSON without text", 400, json("POST", "/api/corpora", "{}")));
        c.add(new Bad("malformed run id", 400, request("GET", "/api/runs/abc")));
        c.add(new Bad("run id overflow", 400, request("GET", "/api/runs/99999999999999999999")));
        c.add(new Bad("unknown run", 404, request("GET", "/api/runs/987654")));
        c.add(new Bad("unknown run losses", 404, request("GET", "/api/runs/987654/losses")));
        c.add(new Bad("unknown run weights", 404, request("GET", "/api/runs/987654/weights")));
        c.add(new Bad("unknown run chart", 404, request("GET", "/api/runs/987654/charts/loss.png")));
        c.add(new Bad("cancel unknown run", 404, request("POST", "/api/runs/987654/cancel")));
        c.add(new Bad("delete unknown run", 404, request("DELETE", "/api/runs/987654")));
        c.add(new Bad("unknown corpus", 404, request("GET", "/api/corpora/987654")));
        c.add(new Bad("malformed corpus id", 400, request("GET", "/api/corpora/x1")));
        c.add(new Bad("wrong method on runs", 405, request("PUT", runs)));
        c.add(new Bad("wrong method on a run", 405, request("PATCH", "/api/runs/1")));
        c.add(new Bad("wrong method on cancel", 405, request("GET", "/api/runs/1/cancel")));
        c.add(new Bad("negative page", 400, request("GET", "/api/runs?page=-1")));
        c.add(new Bad("zero page size", 400, request("GET", "/api/runs?size=0")));
        c.add(new Bad("huge page size", 400, request("GET", "/api/runs?size=100000")));
        c.add(new Bad("non-numeric page", 400, request("GET", "/api/runs?page=first")));
        c.add(new Bad("unknown status filter", 400, request("GET", "/api/runs?status=DONE")));
        c.add(new Bad("unknown path", 404, request("GET", "/api/nothing-here")));
        c.addAll(userTextCatalogue());
        return c;
    }

    // ---- User text and idempotency (issue 14, data): not valid Unicode, control characters in names, lengths in
    // code points, Idempotency-Key rules.
    private List<Bad> userTextCatalogue() {
        List<Bad> c = new ArrayList<>();
        String runs = "/api/runs";
        c.add(new Bad("lone surrogate in a corpus", 400, json("POST", runs,
                "{\"corpus\":\"abc\\ud800def abc def abc def abc def\"}")));
        c.add(new Bad("lone low surrogate in a stored corpus", 400, json("POST", "/api/corpora",
                "{\"text\":\"abc\\udc00def\"}")));
        c.add(new Bad("lone surrogate in a name", 400, json("POST", runs, "{\"name\":\"\\ud800\"}")));
        c.add(new Bad("lone surrogate in a vocabulary", 400, json("POST", "/api/models",
                "{\"weights\":{},\"vocabulary\":[\"\\ud800\"]}")));
        c.add(new Bad("NUL in a name", 400, json("POST", runs, "{\"name\":\"a\\u0000b\"}")));
        c.add(new Bad("control character in a model name", 400, json("POST", "/api/models",
                "{\"weights\":{},\"vocabulary\":[\"a\"],\"name\":\"x\\u001bx\"}")));
        c.add(new Bad("name of 201 characters (emoji)", 400, json("POST", runs,
                "{\"name\":\"" + "\ud83d\ude00".repeat(201) + "\"}")));
        c.add(new Bad("Idempotency-Key over 200 characters", 400, () -> api.send("POST", runs, "application/json",
                "{}".getBytes(StandardCharsets.UTF_8), "Idempotency-Key", "k".repeat(201))));
        return c;
    }

    private static String alphabet(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.appendCodePoint(0x4E00 + i);
        }
        return sb.toString();
    }

    private Supplier<ApiClient.Response> json(String method, String path, String body) {
        return bytes(method, path, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private Supplier<ApiClient.Response> bytes(String method, String path, String contentType, byte[] body) {
        return () -> api.send(method, path, contentType, body);
    }

    private Supplier<ApiClient.Response> request(String method, String path) {
        return () -> api.send(method, path, null, null);
    }

    private Supplier<ApiClient.Response> multipart(String path, byte[] file) {
        return () -> api.postMultipart(path, Map.of(), file);
    }
}
