package dev.charrnn.training;

import dev.charrnn.support.PostgresDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Best checkpoints, early stopping, divergence and stop reasons on PostgreSQL (skipped, saying so, without a server: see PostgresDatabases). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "charrnn.workers=1")
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
