package dev.charrnn.records;

import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A run's checkpoint is one row rewritten every checkpoint interval; on PostgreSQL each rewrite leaves the previous
 * value's TOAST chunks dead until a vacuum frees them (a 2 x 512 LSTM with Adam: about 80 MB every 10 s). With
 * autovacuum on, PostgreSQL's default, that space is reused; with it off the database grows by a checkpoint at every
 * write (docs/benchmarks.md). So a start on such a server says so once.
 */
@Component
class AutovacuumCheck {
    private static final Logger log = LoggerFactory.getLogger(AutovacuumCheck.class);

    private final JdbcTemplate jdbc;

    AutovacuumCheck(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnWithoutAutovacuum() {
        if (autovacuumOff()) {
            log.warn("PostgreSQL runs with autovacuum off: every checkpoint rewrite (charrnn.checkpoint-interval)"
                    + " leaves the previous one's space unreclaimed, so the database grows by a checkpoint each"
                    + " time until a VACUUM of the checkpoint and best_checkpoint tables");
        }
    }

    /** True on a PostgreSQL server whose autovacuum is off; false on H2 or when the setting cannot be read. */
    boolean autovacuumOff() {
        try {
            String product =
                    jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName());
            if (!"PostgreSQL".equals(product)) {
                return false;
            }
            return "off".equals(jdbc.queryForObject("show autovacuum", String.class));
        } catch (RuntimeException e) {
            log.debug("could not read the autovacuum setting", e);
            return false;
        }
    }
}
