package dev.charrnn.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CharrnnPropertiesTest {
    private static final int CPUS = Runtime.getRuntime().availableProcessors();

    @Test
    void maxThreadsDefaultsToTheCoresLeftPerRun() {
        assertThat(CharrnnProperties.of(Map.of()).maxThreads())
                .as("the default workers (one run a core) leave one core a run")
                .isEqualTo(1);
        assertThat(CharrnnProperties.of(Map.of("workers", "1")).maxThreads()).isEqualTo(CPUS);
        assertThat(CharrnnProperties.of(Map.of("workers", String.valueOf(CPUS + 1)))
                        .maxThreads())
                .as("never below one")
                .isEqualTo(1);
        assertThat(CharrnnProperties.of(Map.of("workers", "1", "max-threads", "3"))
                        .maxThreads())
                .isEqualTo(3);
    }
}
