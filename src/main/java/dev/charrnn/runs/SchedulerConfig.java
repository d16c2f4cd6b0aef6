package dev.charrnn.runs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.Task;
import dev.charrnn.system.CharrnnProperties;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * db-scheduler, the run queue and executor, as plain beans (its Spring Boot starter does not support Boot 4).
 * Several instances sharing one database share the queue: each execution is picked by one instance, which
 * heartbeats it; when the heartbeats stop for {@code charrnn.lease-timeout}, another instance revives it.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerConfig {
    private static final int MISSED_HEARTBEATS = 4;

    /** Submissions and cancels go through a client that joins the caller's transaction. */
    @Bean
    SchedulerClient schedulerClient(DataSource dataSource, List<Task<?>> tasks) {
        return SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
                .build();
    }

    /** Executes runs; a new scheduler each time the context starts, since a stopped one cannot start again. */
    @Bean
    SchedulerLifecycle schedulerLifecycle(
            DataSource dataSource,
            List<Task<?>> tasks,
            CharrnnProperties properties,
            @Value("${server.port:8080}") int port) {
        String name = instanceName(properties, port);
        Duration heartbeat = properties.leaseTimeout().dividedBy(MISSED_HEARTBEATS);
        return new SchedulerLifecycle(
                () -> Scheduler.create(dataSource, tasks)
                        .schedulerName(new SchedulerName.Fixed(name))
                        .threads(properties.workers())
                        .pollingInterval(properties.pollingInterval())
                        .heartbeatInterval(heartbeat)
                        .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                        .shutdownMaxWait(Duration.ofSeconds(20))
                        .build(),
                dataSource,
                name);
    }

    @Bean
    RunQueue.QueueWakeUp queueWakeUp(SchedulerLifecycle lifecycle) {
        return lifecycle::wakeUp;
    }

    static String instanceName(CharrnnProperties properties, int port) {
        if (properties.instanceName() != null && !properties.instanceName().isBlank()) {
            return properties.instanceName();
        }
        try {
            return InetAddress.getLocalHost().getHostName() + "-" + port;
        } catch (UnknownHostException e) {
            return "charrnn-" + port;
        }
    }
}
