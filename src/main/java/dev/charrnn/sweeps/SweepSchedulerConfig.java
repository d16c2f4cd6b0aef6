package dev.charrnn.sweeps;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.charrnn.system.CharrnnProperties;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sweeps' recurring task on a db-scheduler of its own (table {@code sweep_scheduled_tasks}, one thread): on the
 * runs' scheduler it would wait for a worker thread, and those train runs for minutes. db-scheduler executes a
 * recurring task on one instance at a time and revives it elsewhere when that instance stops heartbeating.
 */
@Configuration(proxyBeanMethods = false)
class SweepSchedulerConfig {
    static final String TABLE = "sweep_scheduled_tasks";
    static final Duration TICK = Duration.ofSeconds(1);
    private static final int MISSED_HEARTBEATS = 4;

    @Bean
    SweepScheduler sweepScheduler(
            DataSource dataSource,
            SweepDriver driver,
            CharrnnProperties properties,
            @Value("${server.port:8080}") int port) {
        RecurringTask<Void> task =
                Tasks.recurring("sweeps", FixedDelay.of(TICK)).execute((instance, context) -> driver.tick());
        String name = instanceName(properties, port);
        return new SweepScheduler(
                () -> Scheduler.create(dataSource)
                        .startTasks(task)
                        .tableName(TABLE)
                        .schedulerName(new SchedulerName.Fixed(name))
                        .threads(1)
                        .pollingInterval(properties.pollingInterval())
                        .heartbeatInterval(properties.leaseTimeout().dividedBy(MISSED_HEARTBEATS))
                        .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                        .shutdownMaxWait(Duration.ofSeconds(5))
                        .build(),
                dataSource,
                name);
    }

    /** The name the runs' scheduler uses too (charrnn.instance-name, or host name and port). */
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
