package dev.charrnn.system;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code charrnn.*}; each default is here and only here (the README's table lists them).
 *
 * @param workers training threads of this instance (default: number of CPUs)
 * @param checkpointInterval how often a running run saves its complete training state
 * @param lossFlushInterval how often recorded losses and samples are written (live polling sees them then)
 * @param pollingInterval how often the queue is polled for runs another instance submitted
 * @param leaseTimeout after this long without a heartbeat an instance's runs are taken over by another
 * @param instanceName this instance's name in the queue (default: host name and port); a restart under the same
 *        name reclaims its runs at once
 * @param cancelPollInterval how often running runs look for cancel requests
 * @param maxCorpusBytes largest corpus accepted (UTF-8 bytes)
 * @param maxRequestBytes largest request body accepted (imported weights are the largest)
 * @param maxQueuedRuns runs allowed to wait; more submissions get 429
 * @param maxParameters largest model (parameter count) accepted
 * @param maxThreads most threads one run may ask for (default: the CPUs divided by {@code workers}, at least 1)
 * @param validationMaxChars held-out characters evaluated at each validation point
 * @param eventsPollInterval how often the event streams look for news in the database
 * @param eventsHeartbeatInterval heartbeat comments on idle event streams
 * @param eventsTimeout an event stream ends after this; clients reconnect
 * @param http how slow and how many request bodies may be (see {@code RequestSizeFilter})
 */
@ConfigurationProperties("charrnn")
public record CharrnnProperties(
        Integer workers,
        Duration checkpointInterval,
        Duration lossFlushInterval,
        Duration pollingInterval,
        Duration leaseTimeout,
        String instanceName,
        Duration cancelPollInterval,
        DataSize maxCorpusBytes,
        DataSize maxRequestBytes,
        Integer maxQueuedRuns,
        Long maxParameters,
        Integer maxThreads,
        Integer validationMaxChars,
        Duration eventsPollInterval,
        Duration eventsHeartbeatInterval,
        Duration eventsTimeout,
        Security security,
        Http http) {

    public CharrnnProperties {
        workers = workers == null || workers < 1 ? Runtime.getRuntime().availableProcessors() : workers;
        checkpointInterval = or(checkpointInterval, Duration.ofSeconds(10));
        lossFlushInterval = or(lossFlushInterval, Duration.ofSeconds(1));
        pollingInterval = or(pollingInterval, Duration.ofSeconds(1));
        leaseTimeout = or(leaseTimeout, Duration.ofSeconds(40));
        cancelPollInterval = or(cancelPollInterval, Duration.ofMillis(250));
        maxCorpusBytes = or(maxCorpusBytes, DataSize.ofMegabytes(10));
        maxRequestBytes = or(maxRequestBytes, DataSize.ofMegabytes(64));
        maxQueuedRuns = or(maxQueuedRuns, 100);
        maxParameters = or(maxParameters, 10_000_000L);
        // A run's threads meet at a barrier several times an iteration; a thread that finds its core taken waits a
        // time slice there. So the runs of a full instance (workers of them), each on its most threads, should fit
        // in the cores: CPUs / workers, which is 1 with the default workers (one run a core). An instance that
        // trains one run at a time (workers 1) lets it use every core. Measured on 2 busy cores: a 2 x 128 LSTM
        // trained at about half the speed on two threads as on one (docs/decisions.md).
        maxThreads = maxThreads == null || maxThreads < 1
                ? Math.max(1, Runtime.getRuntime().availableProcessors() / workers)
                : maxThreads;
        validationMaxChars = or(validationMaxChars, 1_000);
        eventsPollInterval = or(eventsPollInterval, Duration.ofMillis(250));
        eventsHeartbeatInterval = or(eventsHeartbeatInterval, Duration.ofSeconds(15));
        eventsTimeout = or(eventsTimeout, Duration.ofMinutes(30));
        security = or(security, new Security(null, false));
        http = or(http, new Http(null, null, null));
    }

    /**
     * The settings these properties (names as in application.yml, without {@code charrnn.}) make, defaults for
     * the rest: for code and tests that build beans without a context.
     */
    public static CharrnnProperties of(Map<String, String> properties) {
        Map<String, String> prefixed = new HashMap<>();
        properties.forEach((k, v) -> prefixed.put("charrnn." + k, v));
        return new Binder(new MapConfigurationPropertySource(prefixed))
                .bindOrCreate("charrnn", CharrnnProperties.class);
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    /**
     * @param apiKey when set, mutating requests need {@code Authorization: Bearer <key>}
     * @param protectReads when true, reads need the key too
     */
    public record Security(String apiKey, boolean protectReads) {}

    /**
     * @param minBodyRate a body must average at least this many bytes a second once the grace period is over
     * @param bodyGracePeriod how long a body may take before its rate is checked
     * @param maxConcurrentBodies request bodies received at once by this instance; more get 503
     */
    public record Http(DataSize minBodyRate, Duration bodyGracePeriod, Integer maxConcurrentBodies) {
        public Http {
            minBodyRate = or(minBodyRate, DataSize.ofBytes(240));
            bodyGracePeriod = or(bodyGracePeriod, Duration.ofSeconds(5));
            maxConcurrentBodies = maxConcurrentBodies == null || maxConcurrentBodies < 1 ? 50 : maxConcurrentBodies;
        }
    }
}
