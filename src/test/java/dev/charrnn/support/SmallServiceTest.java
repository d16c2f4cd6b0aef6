package dev.charrnn.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole service on a random port with an in-memory database and small limits (so that limit checks are cheap
 * to reach). Checkpoints come only at the end of a run, so a long run stays without weights while it trains.
 * Test classes with this annotation share one application context. Its own context rather than
 * {@link ServiceTest}'s: the tests that use it count on weights appearing only when a run ends and on a low
 * parameter limit.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:small-service-test;DB_CLOSE_DELAY=-1",
            "charrnn.max-parameters=50000",
            "charrnn.checkpoint-interval=1h",
            "charrnn.workers=2"
        })
public @interface SmallServiceTest {}
