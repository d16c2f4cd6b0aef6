package dev.charrnn.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** HTTP against a running service (a RANDOM_PORT test or a {@link ServiceProcess}), for whole-stack tests. */
public final class ApiClient {
    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration FINISH_TIMEOUT = Duration.ofMinutes(2);
    private static final List<String> FINISHED = List.of("SUCCEEDED", "FAILED", "CANCELLED");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Response(int status, HttpResponse<byte[]> raw) {
        public String text() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        public byte[] bytes() {
            return raw.body();
        }

        /** The header's first value, or null. */
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** Asserts the status and returns the body as JSON. */
        public JsonNode expect(int expected) {
            assertThat(status).as(text()).isEqualTo(expected);
            return json();
        }

        /** Asserts a problem detail with this status whose detail contains every part. */
        public void expectProblem(int expected, String... detailParts) {
            assertThat(status).as(text()).isEqualTo(expected);
            assertThat(header("Content-Type")).as(text()).startsWith("application/problem+json");
            assertThat(json().path("detail").asString()).contains(detailParts);
        }
    }

    public Response get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }

    /** POSTs {@code body} as JSON: a String as it is, anything else serialized. */
    public Response post(String path, Object body, String... headers) {
        String json = body instanceof String s ? s : JSON.writeValueAsString(body);
        return send("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** POST without a body (cancel). */
    public Response post(String path) {
        return send("POST", path, null, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** multipart/form-data with the given form fields and, when not null, a {@code file} part. */
    public Response postMultipart(String path, Map<String, String> fields, byte[] file) {
        String boundary = "----charrnn" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(
                body,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                        + "\r\n"));
        if (file != null) {
            write(
                    body,
                    "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"corpus.txt\""
                            + "\r\nContent-Type: text/plain\r\n\r\n");
            body.writeBytes(file);
            write(body, "\r\n");
        }
        write(body, "--" + boundary + "--\r\n");
        return send("POST", path, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    /** Any method; {@code contentType} and {@code body} may be null for a request without a body. */
    public Response send(String method, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Submits a run (a JSON string or an object to serialize), asserts 202 and returns its id. */
    public long submit(Object request) {
        return post("/api/runs", request).expect(202).get("id").longValue();
    }

    /** The run's view, asserting 200. */
    public JsonNode run(long id) {
        return get("/api/runs/" + id).expect(200);
    }

    public String status(long id) {
        return run(id).get("status").asString();
    }

    /** Polls until the run has finished (succeeded, failed or cancelled) and returns its view. */
    public JsonNode awaitFinished(long id) {
        return awaitFinished(id, FINISH_TIMEOUT);
    }

    public JsonNode awaitFinished(long id, Duration timeout) {
        return awaitStatus(id, timeout, FINISHED.toArray(String[]::new));
    }

    /** Polls the run until its status is one of {@code statuses}, failing after {@code timeout}. */
    public JsonNode awaitStatus(long id, Duration timeout, String... statuses) {
        return await(
                id,
                timeout,
                run -> List.of(statuses).contains(run.get("status").asString()),
                "status " + List.of(statuses));
    }

    /** Polls until the run has recorded at least {@code iterations} iterations. */
    public JsonNode awaitProgress(long id, int iterations, Duration timeout) {
        return await(
                id,
                timeout,
                run -> run.get("progress").get("iteration").asInt() >= iterations,
                iterations + " iterations");
    }

    private JsonNode await(long id, Duration timeout, Predicate<JsonNode> done, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode run = run(id);
            if (done.test(run)) {
                return run;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("run " + id + " did not reach " + what + " within " + timeout + ": " + run);
            }
            sleep(100);
        }
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
