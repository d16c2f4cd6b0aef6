package dev.charrnn.system;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.Task;
import dev.charrnn.run.RunQueue;
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

    @Bean(destroyMethod = "")
    Scheduler scheduler(DataSource dataSource, List<Task<?>> tasks, CharrnnProperties properties,
            @Value("${server.port:8080}") int port) {
        Duration heartbeat = properties.leaseTimeout().dividedBy(MISSED_HEARTBEATS);
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
                .schedulerName(new SchedulerName.Fixed(instanceName(properties, port)))
                .threads(properties.workers())
                .pollingInterval(properties.pollingInterval())
                .heartbeatInterval(heartbeat)
                .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                .enableImmediateExecution()
                .shutdownMaxWait(Duration.ofSeconds(20))
                .build();
    }

    @Bean
    RunQueue.QueueWakeUp queueWakeUp(Scheduler scheduler) {
        return scheduler::triggerCheckForDueExecutions;
    }

    @Bean
    SchedulerLifecycle schedulerLifecycle(Scheduler scheduler, DataSource dataSource, CharrnnProperties properties,
            @Value("${server.port:8080}") int port) {
        return new SchedulerLifecycle(scheduler, dataSource, instanceName(properties, port));
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
