package dev.charrnn.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A minimal server-sent-events reader for tests: one connection, events read on the caller's thread. */
final class SseClient implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Event(String name, JsonNode data) {}

    private final InputStream body;
    private final BufferedReader reader;
    final int status;

    private SseClient(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.body = response.body();
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    static SseClient open(HttpClient http, int port, long runId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/runs/" + runId + "/events"))
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30))
                .build();
        return new SseClient(http.send(request, HttpResponse.BodyHandlers.ofInputStream()));
    }

    /** The next event (comments such as heartbeats skipped), or null when the stream has ended. */
    Event next() {
        try {
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty()) {
                    if (name != null || data.length() > 0) {
                        return new Event(name, JSON.readTree(data.toString()));
                    }
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every event until the server closes the stream. */
    List<Event> rest() {
        List<Event> events = new ArrayList<>();
        for (Event e = next(); e != null; e = next()) {
            events.add(e);
        }
        return events;
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
