package dev.charrnn.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.charrnn.corpus.CorpusService;
import dev.charrnn.nn.DefaultCorpus;
import dev.charrnn.results.RunResultsService;
import dev.charrnn.runs.RunQueue;
import dev.charrnn.runs.TrainingRunRepository;
import dev.charrnn.support.ApiClient;
import dev.charrnn.support.RunFixtures;
import dev.charrnn.support.ServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;

@ServiceTest
class RunEventsTest {
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry metrics;

    @Autowired
    TrainingRunRepository runs;

    @Autowired
    CorpusService corpora;

    @Autowired
    RunQueue queue;

    @Autowired
    RunResultsService results;

    @Autowired
    PlatformTransactionManager transactions;

    private final List<Long> stored = new ArrayList<>();

    private final ExecutorService clientThreads = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(clientThreads)
            .build();

    @AfterEach
    void stopClient() {
        clientThreads.shutdownNow();
        RunFixtures.cancelStored(runs, transactions, stored);
    }

    /** Open streams, as the instance reports them. */
    private int subscribers() {
        return (int) metrics.get("charrnn.events.subscribers").gauge().value();
    }

    /** A run stored but not queued: it waits until the test queues it, so a subscriber can be there first. */
    private long storedRun(int iterations, int sampleEvery, Double... temperatures) {
        long id = RunFixtures.aRun()
                .named("live")
                .on(corpora.store(DefaultCorpus.TEXT))
                .numIterations(iterations)
                .sampleEvery(sampleEvery)
                .sampleLength(30)
                .sampleTemperatures(temperatures)
                .saveIn(runs)
                .getId();
        stored.add(id);
        return id;
    }

    @Test
    void aSubscriberSeesProgressEverySampleAndTheFinalStatusThenALateOneTheFinalStatus() {
        assertTimeoutPreemptively(LIMIT, () -> {
            long id = storedRun(2000, 500, 0.5, 1.0, 1.5);
            List<SseClient.Event> events = new ArrayList<>();
            try (SseClient client = SseClient.open(http, port, id)) {
                assertThat(client.status).isEqualTo(200);
                SseClient.Event first = client.next();
                assertThat(first.name()).isEqualTo("status");
                assertThat(first.data().get("status").asString()).isEqualTo("QUEUED");
                queue.enqueue(id);
                events.addAll(client.rest());
            }

            SseClient.Event last = events.get(events.size() - 1);
            assertThat(last.name()).isEqualTo("status");
            assertThat(last.data().get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(last.data().get("summary").get("numSteps").asInt()).isEqualTo(2000);
            List<String> statuses = events.stream()
                    .filter(e -> e.name().equals("status"))
                    .map(e -> e.data().get("status").asString())
                    .toList();
            assertThat(statuses).doesNotHaveDuplicates().isSubsetOf("QUEUED", "RUNNING", "SUCCEEDED");

            List<Integer> progress = events.stream()
                    .filter(e -> e.name().equals("progress"))
                    .map(e -> e.data().get("iteration").asInt())
                    .toList();
            assertThat(progress).isSorted().isNotEmpty().last().isEqualTo(2000);
            SseClient.Event lastProgress = events.stream()
                    .filter(e -> e.name().equals("progress"))
                    .reduce((a, b) -> b)
                    .orElseThrow();
            assertThat(lastProgress.data().get("lossPerChar").asDouble())
                    .isEqualTo(lastProgress.data().get("smoothLoss").asDouble() / 25);

            List<String> samples = events.stream()
                    .filter(e -> e.name().equals("sample"))
                    .map(e -> e.data().get("iteration").asInt() + "@"
                            + e.data().get("temperature").asDouble() + ":"
                            + e.data().get("sample").asString())
                    .toList();
            List<String> recorded = results.samples(id).stream()
                    .map(s -> s.iteration() + "@" + s.temperature() + ":" + s.sample())
                    .toList();
            assertThat(recorded).hasSize(4 * 3);
            assertThat(samples).containsExactlyElementsOf(recorded);

            try (SseClient late = SseClient.open(http, port, id)) {
                List<SseClient.Event> finished = late.rest();
                assertThat(finished).extracting(SseClient.Event::name).containsExactly("progress", "status");
                assertThat(finished.get(1).data().get("status").asString()).isEqualTo("SUCCEEDED");
                assertThat(finished.get(0).data().get("iteration").asInt()).isEqualTo(2000);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> subscribers() == 0);
        });
    }

    @Test
    void aStreamWhoseRunIsDeletedEndsWithADeletedEvent() {
        assertTimeoutPreemptively(LIMIT, () -> {
            long id = storedRun(10, 5, 1.0);
            try (SseClient client = SseClient.open(http, port, id)) {
                assertThat(client.next().name()).isEqualTo("status");
                assertThat(client.next().name()).isEqualTo("progress");
                // as when a run is deleted right after finishing, before the poller saw its final status
                runs.deleteById(id);
                List<SseClient.Event> rest = client.rest();
                assertThat(rest).extracting(SseClient.Event::name).containsExactly("deleted");
                assertThat(rest.get(0).data().get("runId").asLong()).isEqualTo(id);
                assertThat(rest.get(0).data().get("detail").asString()).isEqualTo("run " + id + " was deleted");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> subscribers() == 0);
        });
    }

    @Test
    void anUnknownRunIsA404ProblemDetail() {
        new ApiClient(port)
                .get("/api/runs/987654/events", "Accept", "text/event-stream")
                .expectProblem(404, "run 987654 does not exist");
    }

    @Test
    void fiftyClientsComingAndGoingLeaveNoSubscriberAndNoThreadBehind() {
        assertTimeoutPreemptively(LIMIT, () -> {
            long id = storedRun(1000, 100, 1.0); // never queued: its streams stay open until the clients leave
            try (SseClient warmUp = SseClient.open(http, port, id)) {
                assertThat(warmUp.next().name()).isEqualTo("status");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> subscribers() == 0);
            int baseline = threads();
            int baselineOutside = threadsOutsideRequestPool();

            List<SseClient> clients = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                SseClient client = SseClient.open(http, port, id);
                assertThat(client.next().name()).isEqualTo("status");
                clients.add(client);
            }
            assertThat(subscribers()).isEqualTo(50);
            assertThat(threads()).as("threads while 50 streams are open").isLessThan(baseline + 25);

            for (SseClient client : clients) {
                client.close();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> subscribers() == 0);
            // Tomcat's request pool may have grown meanwhile (its idle threads end after a minute): not ours.
            await().atMost(Duration.ofSeconds(30)).until(() -> threadsOutsideRequestPool() <= baselineOutside + 2);
        });
    }

    private static int threadsOutsideRequestPool() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.getName().startsWith("http-nio-"))
                .count();
    }

    private static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }
}
