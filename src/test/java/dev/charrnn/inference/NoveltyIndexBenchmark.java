package dev.charrnn.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Building the novelty index of a 10 MB corpus and scoring samples against it (docs/benchmarks.md). Off by default:
 * {@code ./mvnw -o test -Dtest=NoveltyIndexBenchmark -Dcharrnn.bench.corpus=../shared/data/tinyshakespeare.txt}.
 * The corpus is repeated up to 10 MB: the worst case for prefix doubling (every suffix shares a long prefix).
 */
@EnabledIfSystemProperty(named = "charrnn.bench.corpus", matches = ".+")
class NoveltyIndexBenchmark {

    @Test
    void tenMegabytes() throws Exception {
        String one = Files.readString(Path.of(System.getProperty("charrnn.bench.corpus")), StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder();
        while (sb.length() + one.length() <= 10_000_000) {
            sb.append(one);
        }
        sb.append(one, 0, 10_000_000 - sb.length());
        String corpus = sb.toString();
        long t0 = System.nanoTime();
        NoveltyIndex index = NoveltyIndex.of(corpus);
        long built = System.nanoTime() - t0;
        String copied = corpus.substring(5_000_000, 5_010_000);
        String fresh = "qzx".repeat(3_333);
        long t1 = System.nanoTime();
        Novelty c = index.novelty(copied);
        long t2 = System.nanoTime();
        Novelty f = index.novelty(fresh);
        long t3 = System.nanoTime();
        assertThat(c.novelFraction()).isZero();
        assertThat(f.novelFraction()).isEqualTo(1.0);
        System.out.printf(
                "BENCH novelty index of %d characters: built in %.2f s; a copied 10,000-character sample scored in %.1f"
                        + " ms, a fresh one in %.1f ms%n",
                index.length(), built / 1e9, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
    }
}
