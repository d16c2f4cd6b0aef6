package dev.charrnn.sweeps;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Starts the sweeps' scheduler with the context and stops it first, while the database is there. Like the runs'
 * scheduler it first releases the task this instance held when it died (on embedded H2, whatever is held), so a
 * restart does not wait for the lease to expire.
 */
class SweepScheduler implements SmartLifecycle {
    private final Supplier<Scheduler> factory;
    private final DataSource dataSource;
    private final String instanceName;
    private volatile Scheduler scheduler;

    SweepScheduler(Supplier<Scheduler> factory, DataSource dataSource, String instanceName) {
        this.factory = factory;
        this.dataSource = dataSource;
        this.instanceName = instanceName;
    }

    @Override
    public void start() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String release = "update " + SweepSchedulerConfig.TABLE
                + " set picked = false, picked_by = null, last_heartbeat = null where picked = true";
        if (embedded()) {
            jdbc.update(release);
        } else {
            jdbc.update(release + " and picked_by = ?", instanceName);
        }
        Scheduler started = factory.get();
        started.start();
        scheduler = started;
    }

    @Override
    public void stop() {
        Scheduler current = scheduler;
        if (current != null) {
            scheduler = null;
            current.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    @Override
    public int getPhase() {
        // with the runs' scheduler: after the web server starts, before its graceful shutdown
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
