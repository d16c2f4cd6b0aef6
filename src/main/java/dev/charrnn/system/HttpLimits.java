package dev.charrnn.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code charrnn.http.*}: how slow and how many request bodies may be (see {@link RequestSizeFilter}).
 *
 * @param minBodyRate a body must average at least this many bytes a second once the grace period is over
 * @param bodyGracePeriod how long a body may take before its rate is checked
 * @param maxConcurrentBodies request bodies received at once by this instance; more get 503
 */
@ConfigurationProperties("charrnn.http")
public record HttpLimits(DataSize minBodyRate, Duration bodyGracePeriod, Integer maxConcurrentBodies) {

    public HttpLimits {
        minBodyRate = minBodyRate == null ? DataSize.ofBytes(240) : minBodyRate;
        bodyGracePeriod = bodyGracePeriod == null ? Duration.ofSeconds(5) : bodyGracePeriod;
        maxConcurrentBodies = maxConcurrentBodies == null || maxConcurrentBodies < 1 ? 50 : maxConcurrentBodies;
    }
}
