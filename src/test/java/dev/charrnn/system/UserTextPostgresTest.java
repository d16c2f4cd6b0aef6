package dev.charrnn.system;

import dev.charrnn.support.PostgresDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same contract on PostgreSQL (skipped, saying so, without a server: see {@link PostgresDatabases}). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "charrnn.workers=2")
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
