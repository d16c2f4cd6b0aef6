package dev.charrnn.system;

import dev.charrnn.support.ServiceTest;
import org.springframework.test.context.TestPropertySource;

@ServiceTest
@TestPropertySource(properties = "charrnn.workers=2")
class UserTextH2Test extends UserTextContract {}
