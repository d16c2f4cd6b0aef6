package dev.charrnn.training;

import dev.charrnn.support.PostgresDatabases;
import dev.charrnn.support.ServiceTest;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Best checkpoints, early stopping, divergence and stop reasons on PostgreSQL (skipped, saying so, without a server: see PostgresDatabases). */
@ServiceTest
class BestCheckpointAndStopRulesPostgresTest extends BestCheckpointAndStopRulesTest {
    private static String url;

    @BeforeAll
    static void database() throws Exception {
        url = PostgresDatabases.fresh("stop_rules");
    }

    @DynamicPropertySource
    static void datasource(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> url);
    }
}
