package dev.charrnn.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import dev.charrnn.support.PostgresDatabases;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Rewriting a checkpoint row many times keeps the tables at a few checkpoints on PostgreSQL; H2 needs nothing. */
class CheckpointSpaceTest {
    private static final int STATE_BYTES = 2 << 20;
    private static final int REWRITES = 12;

    @Test
    void onPostgresRewrittenCheckpointsReuseTheirSpace() throws Exception {
        String url = PostgresDatabases.fresh("checkpoint_space");
        try {
            DriverManagerDataSource db = new DriverManagerDataSource(url);
            JdbcTemplate jdbc = new JdbcTemplate(db);
            jdbc.execute("create table checkpoint (run_id bigint primary key, state bytea not null)");
            jdbc.execute("create table best_checkpoint (run_id bigint primary key, state bytea not null)");
            // No autovacuum may run meanwhile, whatever the server's setting: only reclaim() frees space here.
            jdbc.execute("alter table checkpoint set (autovacuum_enabled = false, toast.autovacuum_enabled = false)");
            jdbc.update("insert into checkpoint values (1, ?)", (Object) incompressible(0));
            CheckpointSpace space = new CheckpointSpace(db);
            for (int i = 1; i <= REWRITES; i++) {
                jdbc.update("update checkpoint set state = ? where run_id = 1", (Object) incompressible(i));
                space.reclaim();
            }
            long bytes = jdbc.queryForObject("select pg_total_relation_size('checkpoint')", Long.class);
            // Without the vacuum the table holds all 13 values (26 MB); with it, the live one and the one freed.
            assertThat(bytes).isBetween((long) STATE_BYTES, 3L * STATE_BYTES);
        } finally {
            PostgresDatabases.drop(url);
        }
    }

    @Test
    void onH2ItDoesNothingAndFailsNothing() {
        DriverManagerDataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:checkpoint-space", "sa", "");
        assertThatNoException().isThrownBy(() -> new CheckpointSpace(h2).reclaim());
    }

    private static byte[] incompressible(int seed) {
        byte[] state = new byte[STATE_BYTES];
        new Random(seed).nextBytes(state);
        return state;
    }
}
