package dev.charrnn.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the end-to-end tests. */
final class ApiClient {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    ApiClient(int port) {
        this.base = "http://localhost:" + port;
    }

    record Response(int status, HttpResponse<byte[]> raw) {
        String text() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return JSON.readTree(raw.body());
        }

        byte[] bytes() {
            return raw.body();
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    Response get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    Response postJson(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)),
                "Content-Type", "application/json");
    }

    Response post(String path) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** multipart/form-data with the given form fields and, when not null, a {@code file} part. */
    Response postMultipart(String path, Map<String, String> fields, byte[] file) {
        String boundary = "----charrnn" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n"));
        if (file != null) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"corpus.txt\""
                    + "\r\nContent-Type: text/plain\r\n\r\n");
            body.writeBytes(file);
            write(body, "\r\n");
        }
        write(body, "--" + boundary + "--\r\n");
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())),
                "Content-Type", "multipart/form-data; boundary=" + boundary);
    }

    /** Submits a run as JSON and returns its id (asserting 202). */
    long submit(String body) {
        Response r = postJson("/api/runs", body);
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        return r.json().get("id").asLong();
    }

    JsonNode run(long id) {
        Response r = get("/api/runs/" + id);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    String status(long id) {
        return run(id).get("status").asString();
    }

    /** Polls the run until its status is one of {@code statuses}, failing after {@code timeout}. */
    JsonNode awaitStatus(long id, Duration timeout, String... statuses) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonNode run = run(id);
            for (String s : statuses) {
                if (s.equals(run.get("status").asString())) {
                    return run;
                }
            }
            assertThat(Instant.now()).as("run %d still %s after %s", id, run.get("status"), timeout)
                    .isBefore(deadline);
            sleep(100);
        }
    }

    /** Polls until the running run has recorded at least {@code iterations} iterations. */
    JsonNode awaitProgress(long id, int iterations, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonNode run = run(id);
            if (run.get("progress").get("iteration").asInt() >= iterations) {
                return run;
            }
            assertThat(Instant.now()).as("run %d progress", id).isBefore(deadline);
            sleep(100);
        }
    }

    private Response send(HttpRequest.Builder request, String... headers) {
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<byte[]> r = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
