package dev.charrnn.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.support.PostgresDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The start-up warning follows the server's own autovacuum setting, and H2 never gets it. */
class AutovacuumCheckTest {

    @Test
    void h2HasNoAutovacuumToMiss() {
        DriverManagerDataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:autovacuum-check", "sa", "");
        assertThat(new AutovacuumCheck(h2).autovacuumOff()).isFalse();
    }

    @Test
    void onPostgresItReadsTheServersSetting() throws Exception {
        String url = PostgresDatabases.fresh("autovacuum_check");
        try {
            String setting;
            try (Connection c = DriverManager.getConnection(url);
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("show autovacuum")) {
                r.next();
                setting = r.getString(1);
            }
            assertThat(new AutovacuumCheck(new DriverManagerDataSource(url)).autovacuumOff())
                    .isEqualTo(setting.equals("off"));
        } finally {
            PostgresDatabases.drop(url);
        }
    }
}
