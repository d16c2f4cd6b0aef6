package dev.charrnn.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.corpus.CorpusRepository;
import dev.charrnn.support.ApiClient;
import dev.charrnn.support.PostgresDatabases;
import dev.charrnn.support.RunFixtures;
import dev.charrnn.support.ServiceTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The list query with 10,000 runs stored (docs/benchmarks.md): median time of GET /api/runs over HTTP for the
 * filters and sorts people use. Off by default; {@code ./mvnw -o test -Dtest=RunListBenchmark -Dcharrnn.bench=true}
 * (H2 in memory), plus {@code -Dcharrnn.bench.postgres=true} for PostgreSQL.
 */
@EnabledIfSystemProperty(named = "charrnn.bench", matches = "true")
@ServiceTest
class RunListBenchmark {
    static final int RUNS = 10_000;
    static final int REPEATS = 30;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CorpusRepository corpora;

    /** With -Dcharrnn.bench.postgres=true, on a fresh PostgreSQL database (see PostgresDatabases). */
    @DynamicPropertySource
    static void datasource(DynamicPropertyRegistry registry) throws Exception {
        if (Boolean.getBoolean("charrnn.bench.postgres")) {
            String url = PostgresDatabases.fresh("run_list_bench");
            registry.add("spring.datasource.url", () -> url);
        }
    }

    @Test
    void listTenThousandRuns() {
        long corpus = RunFixtures.corpus(corpora, "bench corpus text");
        Random random = new Random(1);
        List<Object[]> runs = new ArrayList<>();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        int[] hidden = {32, 64, 100, 128, 256};
        for (int i = 0; i < RUNS; i++) {
            boolean validation = random.nextBoolean();
            runs.add(new Object[] {
                "run " + i + (i % 7 == 0 ? " shakespeare" : ""),
                corpus,
                hidden[i % hidden.length],
                0.01 + random.nextDouble(),
                1000.0 + random.nextInt(100_000),
                (long) random.nextInt(1_000_000),
                20 + random.nextDouble() * 40,
                validation ? 1 + random.nextDouble() * 2 : null,
                Timestamp.from(start.plusSeconds(i))
            });
        }
        jdbc.batchUpdate(
                "insert into training_run (name, status, corpus_id, hidden_size, seq_length, num_iterations, "
                        + "learning_rate, sample_every, sample_length, seed, sample_temperatures, vocabulary_size, "
                        + "iteration, chars_per_second, training_millis, cancel_requested, final_loss, "
                        + "best_validation_loss_per_char, created_at, stop_reason, num_steps) values (?, 'SUCCEEDED', "
                        + "?, ?, 25, 2000, ?, 100, 200, 42, '1.0', 8, 2000, ?, ?, false, ?, ?, ?, 'COMPLETED', 2000)",
                runs);
        List<Long> ids = jdbc.queryForList("select id from training_run order by id", Long.class);
        List<Object[]> tags = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            tags.add(new Object[] {ids.get(i), 0, "sweep-" + (i % 100)});
            if (i % 10 == 0) {
                tags.add(new Object[] {ids.get(i), 1, "keep"});
            }
        }
        jdbc.batchUpdate("insert into run_tag (run_id, position, tag) values (?, ?, ?)", tags);

        ApiClient api = new ApiClient(port);
        String[] queries = {
            "",
            "?sort=bestValidationLossPerChar,asc",
            "?tag=keep&sort=bestValidationLossPerChar,asc",
            "?tag=sweep-7&sort=finalLoss",
            "?q=shakespeare&sort=charsPerSecond,desc",
            "?hiddenSize=128&status=SUCCEEDED&sort=trainingSeconds,asc",
            "?sort=createdAt,desc&page=200&size=20"
        };
        for (String query : queries) {
            for (int i = 0; i < 10; i++) { // warm-up
                api.get("/api/runs" + query).expect(200);
            }
            long[] nanos = new long[REPEATS];
            for (int i = 0; i < REPEATS; i++) {
                long t0 = System.nanoTime();
                assertThat(api.get("/api/runs" + query).status()).isEqualTo(200);
                nanos[i] = System.nanoTime() - t0;
            }
            Arrays.sort(nanos);
            System.out.printf(
                    "BENCH %-60s median %6.2f ms  p90 %6.2f ms%n",
                    "GET /api/runs" + query, nanos[REPEATS / 2] / 1e6, nanos[REPEATS * 9 / 10] / 1e6);
        }
    }
}
