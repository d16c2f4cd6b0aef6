package dev.charrnn.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** Flyway builds the schema in the slice, and Hibernate validates every entity mapping against it. */
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=validate")
class SchemaMigrationTest {
    @Autowired
    DataSource dataSource;

    @Test
    void theMigrationRanAndCreatedEveryTable() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        List<Map<String, Object>> history = jdbc.queryForList(
                "select \"version\", \"success\" from \"flyway_schema_history\" where \"version\" is not null");
        assertThat(history).isNotEmpty();
        assertThat(history.get(0)).containsEntry("version", "1").containsEntry("success", true);
        for (String table : List.of(
                "corpus",
                "training_run",
                "loss_chunk",
                "training_sample",
                "generated_sample",
                "checkpoint",
                "scheduled_tasks",
                "sweep",
                "sweep_trial",
                "sweep_rung",
                "sweep_scheduled_tasks")) {
            assertThat(jdbc.queryForObject("select count(*) from " + table, Integer.class))
                    .as(table)
                    .isZero();
        }
    }
}
