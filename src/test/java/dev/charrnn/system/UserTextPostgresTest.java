package dev.charrnn.system;

import dev.charrnn.support.PostgresDatabases;
import dev.charrnn.support.ServiceTest;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The same contract on PostgreSQL (skipped, saying so, without a server: see {@link PostgresDatabases}). */
@ServiceTest
@TestPropertySource(properties = "charrnn.workers=2")
class UserTextPostgresTest extends UserTextContract {
    private static String url;

    @BeforeAll
    static void database() throws Exception {
        url = PostgresDatabases.fresh("user_text");
    }

    @DynamicPropertySource
    static void datasource(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> url);
    }
}
