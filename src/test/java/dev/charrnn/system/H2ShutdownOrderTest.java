package dev.charrnn.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

class H2ShutdownOrderTest {

    @Test
    void everyH2UrlClosesWithThePoolUnlessItSaysOtherwise() {
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl("jdbc:h2:file:./data/mine;LOCK_TIMEOUT=10000");
            H2ShutdownOrder.h2ClosesWithThePool().postProcessBeforeInitialization(pool, "dataSource");
            assertThat(pool.getJdbcUrl())
                    .isEqualTo("jdbc:h2:file:./data/mine;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE");
        }
        assertThat(H2ShutdownOrder.withCloseOnExitOff("jdbc:h2:file:x;db_close_on_exit=true"))
                .isEqualTo("jdbc:h2:file:x;db_close_on_exit=true");
        assertThat(H2ShutdownOrder.withCloseOnExitOff("jdbc:postgresql://h/db")).isEqualTo("jdbc:postgresql://h/db");
    }
}
