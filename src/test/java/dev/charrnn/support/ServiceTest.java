package dev.charrnn.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole service on a random port with a private in-memory database. One worker, so a long run keeps the next
 * one queued; short flush, checkpoint, polling and event intervals so tests see progress, live events and closed
 * clients quickly. Runs may ask for 2 threads whatever the machine.
 *
 * <p>The one way to start the whole service in a test. Classes with this annotation alone share one application
 * context. A class that needs other settings (limits, an API key, a PostgreSQL database) adds them with
 * {@code @TestPropertySource} (or {@code @DynamicPropertySource}), which take precedence over these; that gives it
 * a context of its own, and with it a database of its own (the name below is drawn once per context), and classes
 * that add the same settings share theirs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:${random.uuid};DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
            "charrnn.workers=1",
            "charrnn.max-threads=2",
            "charrnn.instance-name=service-test",
            "charrnn.polling-interval=200ms",
            "charrnn.loss-flush-interval=50ms",
            "charrnn.checkpoint-interval=200ms",
            "charrnn.events-poll-interval=50ms",
            "charrnn.events-heartbeat-interval=200ms"
        })
public @interface ServiceTest {}
