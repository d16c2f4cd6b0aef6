package dev.charrnn.runs;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Starts the scheduler once the context is up and stops it first on shutdown, while the database is still there.
 * Before starting it reclaims executions this instance held when it died: they cannot be running anywhere, so
 * waiting for their lease to expire would only delay the resume. An embedded H2 database belongs to one process,
 * so there every held execution is reclaimed.
 */
class SchedulerLifecycle implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SchedulerLifecycle.class);

    private final Supplier<Scheduler> factory;
    private final DataSource dataSource;
    private final String instanceName;
    private volatile Scheduler scheduler;

    SchedulerLifecycle(Supplier<Scheduler> factory, DataSource dataSource, String instanceName) {
        this.factory = factory;
        this.dataSource = dataSource;
        this.instanceName = instanceName;
    }

    @Override
    public void start() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        int reclaimed = embedded()
                ? jdbc.update("update scheduled_tasks set picked = false, picked_by = null, last_heartbeat = null "
                        + "where picked = true")
                : jdbc.update(
                        "update scheduled_tasks set picked = false, picked_by = null, last_heartbeat = null "
                                + "where picked = true and picked_by = ?",
                        instanceName);
        if (reclaimed > 0) {
            log.info(
                    "Reclaimed {} run(s) this instance held before it stopped; they resume from their checkpoints",
                    reclaimed);
        }
        Scheduler started = factory.get();
        started.start();
        scheduler = started;
    }

    @Override
    public void stop() {
        Scheduler current = scheduler;
        if (current != null) {
            log.info("Stopping the run scheduler: running runs checkpoint and go back to the queue");
            scheduler = null;
            current.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** Makes the scheduler look for due runs now rather than at its next poll. */
    void wakeUp() {
        Scheduler current = scheduler;
        if (current != null) {
            current.triggerCheckForDueExecutions();
        }
    }

    @Override
    public int getPhase() {
        // Starts after the web server and stops before its graceful shutdown, long before the DataSource closes.
        return Integer.MAX_VALUE - 512;
    }

    private boolean embedded() {
        try (Connection c = dataSource.getConnection()) {
            return "H2".equals(c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            return false;
        }
    }
}
