package dev.charrnn.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code charrnn.*}.
 *
 * @param workers training threads of this instance (default: number of CPUs)
 * @param checkpointInterval how often a running run saves its complete training state
 * @param lossFlushInterval how often recorded losses and samples are written (live polling sees them then)
 * @param pollingInterval how often the queue is polled for runs another instance submitted
 * @param leaseTimeout after this long without a heartbeat an instance's runs are taken over by another
 * @param instanceName this instance's name in the queue (default: host name and port); a restart under the same
 *        name reclaims its runs at once
 * @param maxCorpusBytes largest corpus accepted (UTF-8 bytes)
 * @param maxRequestBytes largest request body accepted (imported weights are the largest)
 * @param maxQueuedRuns runs allowed to wait; more submissions get 429
 * @param maxParameters largest model (parameter count) accepted
 */
@ConfigurationProperties("charrnn")
public record CharrnnProperties(Integer workers, Duration checkpointInterval, Duration lossFlushInterval,
        Duration pollingInterval, Duration leaseTimeout, String instanceName, DataSize maxCorpusBytes,
        DataSize maxRequestBytes, Integer maxQueuedRuns, Long maxParameters, Security security) {

    public CharrnnProperties {
        workers = workers == null || workers < 1 ? Runtime.getRuntime().availableProcessors() : workers;
        checkpointInterval = checkpointInterval == null ? Duration.ofSeconds(10) : checkpointInterval;
        lossFlushInterval = lossFlushInterval == null ? Duration.ofSeconds(1) : lossFlushInterval;
        pollingInterval = pollingInterval == null ? Duration.ofSeconds(1) : pollingInterval;
        leaseTimeout = leaseTimeout == null ? Duration.ofSeconds(40) : leaseTimeout;
        maxCorpusBytes = maxCorpusBytes == null ? DataSize.ofMegabytes(10) : maxCorpusBytes;
        maxRequestBytes = maxRequestBytes == null ? DataSize.ofMegabytes(64) : maxRequestBytes;
        maxQueuedRuns = maxQueuedRuns == null ? 100 : maxQueuedRuns;
        maxParameters = maxParameters == null ? 10_000_000L : maxParameters;
        security = security == null ? new Security(null, false) : security;
    }

    /**
     * @param apiKey when set, mutating requests need {@code Authorization: Bearer <key>}
     * @param protectReads when true, reads need the key too
     */
    public record Security(String apiKey, boolean protectReads) {
    }
}
