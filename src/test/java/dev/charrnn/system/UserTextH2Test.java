package dev.charrnn.system;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:user-text;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
            "charrnn.workers=2"
        })
class UserTextH2Test extends UserTextContract {}
