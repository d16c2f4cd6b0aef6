package dev.charrnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON over HTTP against a RANDOM_PORT application, for tests that go through the whole stack. */
public final class ApiClient {
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Response(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** Asserts the status and returns the body as JSON. */
        public JsonNode expect(int expected) {
            assertThat(status).as(body).isEqualTo(expected);
            return json();
        }

        /** Asserts a problem detail with this status whose detail contains every part. */
        public void expectProblem(int expected, String... detailParts) {
            assertThat(status).as(body).isEqualTo(expected);
            assertThat(raw.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(json().path("detail").asString()).contains(detailParts);
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    public Response post(String path, Object body) {
        String json = body instanceof String s ? s : JSON.writeValueAsString(body);
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    /** Submits a run and returns its id. */
    public long submit(Object request) {
        return post("/api/runs", request).expect(202).get("id").longValue();
    }

    /** Polls until the run is finished and returns its view. */
    public JsonNode awaitFinished(long runId) {
        return awaitStatus(runId, status -> !status.equals("QUEUED") && !status.equals("RUNNING"));
    }

    /** Polls until the run's status satisfies {@code wanted} and returns its view. */
    public JsonNode awaitStatus(long runId, java.util.function.Predicate<String> wanted) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            JsonNode run = get("/api/runs/" + runId).expect(200);
            if (wanted.test(run.get("status").asString())) {
                return run;
            }
            sleep(100);
        }
        throw new AssertionError("run " + runId + " did not reach the expected status in time");
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
