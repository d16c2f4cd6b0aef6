package dev.charrnn.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.support.ApiClient;
import dev.charrnn.support.RawHttp;
import dev.charrnn.support.ServiceTest;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A catalogue of bad requests: each gets a 4xx problem detail with a useful detail, none a 5xx, and a normal run
 * still trains afterwards.
 */
@ServiceTest
@TestPropertySource(
        properties = {"charrnn.max-corpus-bytes=64KB", "charrnn.max-request-bytes=1MB", "charrnn.max-parameters=2000000"
        })
class BadInputCatalogueTest {
    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    record Bad(String what, int expectedStatus, Supplier<ApiClient.Response> request) {}

    @Test
    void everyBadRequestIsAProblemDetailAndNothingBreaks() {
        List<Bad> catalogue = catalogue();
        assertThat(catalogue).hasSizeGreaterThanOrEqualTo(40);
        List<String> failures = new ArrayList<>();
        for (Bad bad : catalogue) {
            ApiClient.Response r;
            try {
                r = bad.request().get();
            } catch (UncheckedIOException e) {
                failures.add(bad.what() + ": no answer: " + e.getMessage());
                continue;
            }
            String type = Objects.requireNonNullElse(r.header("Content-Type"), "");
            String detail = type.startsWith("application/problem+json")
                    ? r.json().path("detail").asString("")
                    : "";
            if (r.status() != bad.expectedStatus() || detail.isBlank()) {
                failures.add(bad.what() + ": " + r.status() + " " + type + " " + cut(r.text()));
            } else if (r.text().length() > ProblemText.DETAIL_LIMIT + 500 || leaksInternals(r.text())) {
                failures.add(bad.what() + ": echoes its input or leaks internals: " + cut(r.text()));
            }
        }
        assertThat(failures).isEmpty();

        long id = api.submit("{\"numIterations\":50,\"sampleEvery\":10}");
        assertThat(api.awaitFinished(id, Duration.ofSeconds(30)).get("status").asString())
                .isEqualTo("SUCCEEDED");
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
        String sweeps = "/api/sweeps";
        String values = ", \"parameters\": {\"seed\": {\"values\": [1]}}";
        c.add(new Bad(
                "sweep: string for a number in the base",
                400,
                json("POST", sweeps, "{\"method\": \"grid\", \"base\": {\"hiddenSize\": \"64\"}" + values + "}")));
        c.add(new Bad(
                "sweep: fraction for an integer value",
                400,
                json("POST", sweeps, "{\"method\": \"grid\", \"parameters\": {\"hiddenSize\": {\"values\": [1.5]}}}")));
        c.add(new Bad(
                "sweep: a parameter that is not an object",
                400,
                json("POST", sweeps, "{\"method\": \"grid\", \"parameters\": {\"seed\": 5}}")));
        c.add(new Bad(
                "sweep: unknown field",
                400,
                json("POST", sweeps, "{\"method\": \"grid\", \"maxRun\": 3" + values + "}")));
        c.add(new Bad("sweep: unknown method", 400, json("POST", sweeps, "{\"method\": \"bayes\"" + values + "}")));
        c.add(new Bad(
                "sweep: unknown rule",
                400,
                json(
                        "POST",
                        sweeps,
                        "{\"method\": \"grid\", \"earlyTermination\": {\"rule\": \"hyperband\"}" + values + "}")));
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
        c.add(new Bad(
                "several bad fields",
                400,
                json("POST", runs, "{\"hiddenSize\":0,\"seqLength\":5000,\"learningRate\":-1}")));
        c.add(new Bad("empty corpus", 400, json("POST", runs, "{\"corpus\":\"\"}")));
        c.add(new Bad(
                "single-character corpus",
                400,
                json("POST", runs, "{\"corpus\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}")));
        c.add(new Bad("corpus shorter than seqLength + 1", 400, json("POST", runs, "{\"corpus\":\"abcab\"}")));
        c.add(new Bad(
                "both corpus and corpusId", 400, json("POST", runs, "{\"corpus\":\"abcabcabc\",\"corpusId\":1}")));
        c.add(new Bad("unknown corpusId", 400, json("POST", runs, "{\"corpusId\":987654}")));
        c.add(new Bad("negative corpusId", 400, json("POST", runs, "{\"corpusId\":-1}")));
        c.add(new Bad(
                "corpus over the size limit", 413, json("POST", runs, "{\"corpus\":\"" + "ab".repeat(40_000) + "\"}")));
        c.add(new Bad(
                "model too large for memory",
                400,
                json(
                        "POST",
                        runs,
                        "{\"hiddenSize\":1024,\"corpus\":\"" + alphabet(1500).repeat(2) + "\"}")));
        c.add(new Bad("zero sample temperature", 400, json("POST", runs, "{\"sampleTemperatures\":[0]}")));
        c.add(new Bad("empty sample temperatures", 400, json("POST", runs, "{\"sampleTemperatures\":[]}")));
        c.add(new Bad("non-UTF-8 JSON body", 400, bytes("POST", runs, "application/json", new byte[] {
            '{', '"', 'c', 'o', 'r', 'p', 'u', 's', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'
        })));
        c.add(new Bad("non-UTF-8 upload", 400, multipart(runs, new byte[] {(byte) 0xc3, (byte) 0x28, 'a', 'b'})));
        c.add(new Bad("non-UTF-8 corpus upload", 400, multipart("/api/corpora", new byte[] {(byte) 0xff, 'a'})));
        c.add(new Bad(
                "oversized upload",
                413,
                multipart("/api/corpora", "xy".repeat(40_000).getBytes(StandardCharsets.UTF_8))));
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
        c.add(new Bad("wrong method on a run", 405, request("PUT", "/api/runs/1")));
        c.add(new Bad("run patch without a body type", 415, request("PATCH", "/api/runs/1")));
        c.add(new Bad("run patch as plain JSON", 415, json("PATCH", "/api/runs/1", "{\"name\": \"x\"}")));
        c.add(new Bad(
                "run patch of another field",
                400,
                bytes(
                        "PATCH",
                        "/api/runs/1",
                        "application/merge-patch+json",
                        "{\"status\": \"QUEUED\"}".getBytes(StandardCharsets.UTF_8))));
        c.add(new Bad("unknown list filter", 400, request("GET", "/api/runs?colour=red")));
        c.add(new Bad("unknown sort field", 400, request("GET", "/api/runs?sort=loss,asc")));
        c.add(new Bad("compare without ids", 400, request("GET", "/api/runs/compare")));
        c.add(new Bad("compare with a bad axis", 400, request("GET", "/api/runs/compare?ids=1&x=time")));
        c.add(new Bad("bad checkpoint choice", 400, request("GET", "/api/runs/1/weights?checkpoint=latest")));
        c.add(new Bad("zero topK", 400, json("POST", "/api/runs/1/generate", "{\"topK\": 0}")));
        c.add(new Bad(
                "early stopping without a split", 400, json("POST", runs, "{\"earlyStopping\": {\"patience\": 1}}")));
        c.add(new Bad("wrong method on cancel", 405, request("GET", "/api/runs/1/cancel")));
        c.add(new Bad("negative page", 400, request("GET", "/api/runs?page=-1")));
        c.add(new Bad("zero page size", 400, request("GET", "/api/runs?size=0")));
        c.add(new Bad("huge page size", 400, request("GET", "/api/runs?size=100000")));
        c.add(new Bad("non-numeric page", 400, request("GET", "/api/runs?page=first")));
        c.add(new Bad("unknown status filter", 400, request("GET", "/api/runs?status=DONE")));
        c.add(new Bad("unknown path", 404, request("GET", "/api/nothing-here")));

        // multipart is as strict as JSON (the file under another name would train on the built-in corpus)
        c.add(new Bad("upload under another part name", 400, form(runs, "other@c.txt=" + "abcdefgh".repeat(20))));
        c.add(new Bad("unknown form field", 400, form(runs, "hiddenSise=8", "file@c.txt=" + "abcdefgh".repeat(20))));
        c.add(new Bad("a second file part", 400, form("/api/corpora", "file@a.txt=abcabc", "file@b.txt=xyzxyz")));
        c.add(new Bad("a form field sent as a file", 400, form(runs, "hiddenSize@h.txt=8")));
        c.add(new Bad("a form field given twice", 400, form(runs, "hiddenSize=8", "hiddenSize=9")));
        c.add(new Bad("form field of the wrong type", 400, form(runs, "initFrom.runId=abc")));
        // ids and integers are decimal
        c.add(new Bad("hexadecimal run id", 400, request("GET", "/api/runs/0x10")));
        c.add(new Bad("delete by hexadecimal id", 400, request("DELETE", "/api/runs/0x10")));
        c.add(new Bad("run id in Arabic-Indic digits", 400, request("GET", "/api/runs/%D9%A1%D9%A6")));
        c.add(new Bad("run id with a plus sign", 400, request("GET", "/api/runs/+16")));
        c.add(new Bad("hexadecimal corpus id", 400, request("GET", "/api/corpora/0x1")));
        c.add(new Bad("hexadecimal page", 400, request("GET", "/api/runs?page=0x1")));
        c.add(new Bad("hash-hexadecimal form field", 400, form(runs, "hiddenSize=#10")));
        // paging stays within the database's int row offset
        c.add(new Bad("page past 2^31 rows", 400, request("GET", "/api/runs?page=2147483647")));
        c.add(new Bad("page just past 2^31 rows", 400, request("GET", "/api/runs?page=21474836&size=100")));
        // errors quote a short prefix of what they reject and speak the API's language
        c.add(new Bad("900 KB name", 400, json("POST", runs, "{\"name\":\"" + "n".repeat(900_000) + "\"}")));
        c.add(new Bad(
                "100,000 sample temperatures",
                400,
                json("POST", runs, "{\"sampleTemperatures\":[" + "1.0,".repeat(99_999) + "1.0]}")));
        c.add(new Bad("900 KB unknown field name", 400, json("POST", runs, "{\"" + "f".repeat(900_000) + "\":1}")));
        c.add(new Bad("900 KB token", 400, json("POST", runs, "{\"seed\":" + "t".repeat(900_000) + "}")));
        c.add(new Bad("2,000-digit number", 400, json("POST", runs, "{\"seed\":" + "1".repeat(2_000) + "}")));
        c.add(new Bad("2,000-deep nesting", 400, json("POST", runs, "{\"seed\":" + "[".repeat(2_000) + "}")));
        c.add(new Bad("6,000-digit run id", 400, request("GET", "/api/runs/" + "9".repeat(6_000))));
        c.add(new Bad("6,000-character status filter", 400, request("GET", "/api/runs?status=" + "D".repeat(6_000))));
        c.addAll(userTextCatalogue());
        return c;
    }

    // ---- User text and idempotency (issue 14, data): not valid Unicode, control characters in names, lengths in
    // code points, Idempotency-Key rules.
    private List<Bad> userTextCatalogue() {
        List<Bad> c = new ArrayList<>();
        String runs = "/api/runs";
        c.add(new Bad(
                "lone surrogate in a corpus",
                400,
                json("POST", runs, "{\"corpus\":\"abc\\ud800def abc def abc def abc def\"}")));
        c.add(new Bad(
                "lone low surrogate in a stored corpus",
                400,
                json("POST", "/api/corpora", "{\"text\":\"abc\\udc00def\"}")));
        c.add(new Bad("lone surrogate in a name", 400, json("POST", runs, "{\"name\":\"\\ud800\"}")));
        c.add(new Bad(
                "lone surrogate in a vocabulary",
                400,
                json("POST", "/api/models", "{\"weights\":{},\"vocabulary\":[\"\\ud800\"]}")));
        c.add(new Bad("NUL in a name", 400, json("POST", runs, "{\"name\":\"a\\u0000b\"}")));
        c.add(new Bad(
                "control character in a model name",
                400,
                json("POST", "/api/models", "{\"weights\":{},\"vocabulary\":[\"a\"],\"name\":\"x\\u001bx\"}")));
        c.add(new Bad(
                "name of 201 characters (emoji)",
                400,
                json("POST", runs, "{\"name\":\"" + "\ud83d\ude00".repeat(201) + "\"}")));
        c.add(new Bad(
                "Idempotency-Key over 200 characters",
                400,
                () -> api.send(
                        "POST",
                        runs,
                        "application/json",
                        "{}".getBytes(StandardCharsets.UTF_8),
                        "Idempotency-Key",
                        "k".repeat(201))));
        return c;
    }

    /** Problems name fields and rules in the API's words, never the libraries' classes or settings. */
    private static boolean leaksInternals(String text) {
        return text.contains("java.")
                || text.contains("CoercionConfig")
                || text.contains("StreamReadConstraints")
                || text.contains("tools.jackson")
                || text.contains("Exception");
    }

    private static String cut(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    /** A multipart form of parts {@code name=value} (fields) and {@code name@filename=content} (files). */
    private Supplier<ApiClient.Response> form(String path, String... parts) {
        String boundary = "----charrnn-catalogue";
        StringBuilder body = new StringBuilder();
        for (String part : parts) {
            int eq = part.indexOf('=');
            String name = part.substring(0, eq);
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"");
            if (name.contains("@")) {
                body.append(name, 0, name.indexOf('@'))
                        .append("\"; filename=\"")
                        .append(name.substring(name.indexOf('@') + 1))
                        .append("\"\r\nContent-Type: text/plain");
            } else {
                body.append(name).append('"');
            }
            body.append("\r\n\r\n").append(part.substring(eq + 1)).append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        return bytes(
                "POST",
                path,
                "multipart/form-data; boundary=" + boundary,
                body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What a client library will not send: malformed escapes, TRACE, bodies without a length, oversized headers.
     * Each is a problem detail with the same headers as any answer, whoever refuses it (the container or the API).
     */
    @Test
    void malformedHttpIsAProblemDetailToo() {
        record Raw(String what, int expectedStatus, Supplier<RawHttp.Answer> request) {}
        List<Raw> catalogue = new ArrayList<>();
        for (String query : List.of(
                "/api/runs?status=%FF",
                "/api/runs/1/losses?maxPoints=%FF",
                "/api/runs/1/charts/hidden-states.png?text=%ED%A0%80",
                "/api/runs?text=%ZZ",
                "/api/runs?text=%",
                "/api/runs?text=%4",
                "/api/runs?%E2%82=1",
                "/api/runs?page=%C0%AF",
                "/actuator/health?x=%FF",
                "/v3/api-docs?x=%FF",
                "/api/nothing?x=%FF")) {
            catalogue.add(new Raw("query " + query, 400, () -> raw("GET " + query)));
        }
        catalogue.add(new Raw("encoded slash in the path", 400, () -> raw("GET /api/runs/a%2Fb")));
        catalogue.add(new Raw("encoded NUL in the path", 400, () -> raw("GET /api/runs/x%00")));
        catalogue.add(new Raw("encoded backslash in the path", 400, () -> raw("GET /api/runs/a%5Cb")));
        catalogue.add(new Raw("headers over 8 KB", 400, () -> raw("GET /api/runs", "X-Big: " + "a".repeat(9_000))));
        catalogue.add(new Raw("TRACE", 405, () -> raw("TRACE /api/runs")));
        catalogue.add(new Raw("TRACE on an unknown path", 404, () -> raw("TRACE /api/nothing")));
        catalogue.add(new Raw("the error page asked directly", 404, () -> raw("GET /error")));
        catalogue.add(new Raw("the error page posted to", 404, () -> raw("POST /error", "Content-Length: 0")));
        catalogue.add(new Raw(
                "chunked body over max-request-bytes",
                413,
                () -> RawHttp.chunked(port, "POST /api/runs HTTP/1.1", "application/json", "{", 3L * 1024 * 1024)));
        catalogue.add(new Raw(
                "chunked corpus over max-request-bytes",
                413,
                () -> RawHttp.chunked(port, "POST /api/corpora HTTP/1.1", "application/json", "{", 3L * 1024 * 1024)));
        List<String> failures = new ArrayList<>();
        for (Raw bad : catalogue) {
            RawHttp.Answer a = bad.request().get();
            String type = Objects.requireNonNullElse(a.header("Content-Type"), "");
            if (a.status() != bad.expectedStatus()
                    || !type.startsWith("application/problem+json")
                    || !"nosniff".equals(a.header("X-Content-Type-Options"))
                    || a.header("X-Frame-Options") == null
                    || leaksInternals(a.body())
                    || !a.body().contains("\"detail\"")) {
                failures.add(bad.what() + ": " + a.status() + " " + a.headers() + " " + cut(a.body()));
            }
        }
        assertThat(failures).isEmpty();

        RawHttp.Answer trace = raw("TRACE /api/runs");
        assertThat(trace.header("Allow"))
                .as("TRACE lists what OPTIONS lists")
                .isEqualTo(api.send("OPTIONS", runs(), null, null).header("Allow"));
        assertThat(trace.body()).doesNotContain("X-Echo");
        assertThat(api.get(runs()).header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    private static String runs() {
        return "/api/runs";
    }

    private RawHttp.Answer raw(String requestLine, String... headers) {
        return RawHttp.exchange(
                port,
                requestLine + " HTTP/1.1\r\nHost: localhost\r\nX-Echo: secret\r\n" + "Connection: close"
                        + (headers.length > 0 ? "\r\n" + String.join("\r\n", headers) : ""),
                null);
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
