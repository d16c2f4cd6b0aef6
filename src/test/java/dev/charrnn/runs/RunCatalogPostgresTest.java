package dev.charrnn.runs;

import dev.charrnn.support.PostgresDatabases;
import dev.charrnn.support.ServiceTest;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same patches, filters and sorts on PostgreSQL (skipped, saying so, without a server: see PostgresDatabases). */
@ServiceTest
class RunCatalogPostgresTest extends RunCatalogTest {
    private static String url;

    @BeforeAll
    static void database() throws Exception {
        url = PostgresDatabases.fresh("run_catalog");
    }

    @DynamicPropertySource
    static void datasource(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> url);
    }
}
