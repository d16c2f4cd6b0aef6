package dev.charrnn.records;

import java.sql.Connection;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A run's checkpoint is one row rewritten every checkpoint interval. On PostgreSQL each rewrite leaves the previous
 * value's TOAST chunks dead until a vacuum marks them free (a 2 x 512 LSTM with Adam: about 80 MB every 10 s), and
 * autovacuum may be off or minutes behind; so after each checkpoint write the writer vacuums the two checkpoint
 * tables itself, which keeps the database at about two checkpoints a run (docs/benchmarks.md). H2 rewrites in
 * place and needs nothing.
 */
@Component
public class CheckpointSpace {
    private static final Logger log = LoggerFactory.getLogger(CheckpointSpace.class);
    // SKIP_LOCKED: a vacuum another instance is running already does the work; never wait for it.
    private static final String VACUUM = "vacuum (skip_locked) checkpoint, best_checkpoint";

    private final JdbcTemplate jdbc;
    private volatile Boolean postgres;

    public CheckpointSpace(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * Marks the space of rewritten checkpoints reusable. Must run outside a transaction (VACUUM cannot run in
     * one); a failure is logged and training goes on, as the space is only reclaimed later.
     */
    public void reclaim() {
        try {
            if (isPostgres()) {
                jdbc.execute(VACUUM);
            }
        } catch (RuntimeException e) {
            log.warn("could not vacuum the checkpoint tables: {}", e.getMessage());
        }
    }

    private boolean isPostgres() {
        Boolean p = postgres;
        if (p == null) {
            p = "PostgreSQL".equals(jdbc.execute((ConnectionCallback<String>)
                    (Connection c) -> c.getMetaData().getDatabaseProductName()));
            postgres = p;
        }
        return p;
    }
}
