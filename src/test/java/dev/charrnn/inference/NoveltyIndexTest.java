package dev.charrnn.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NoveltyIndexTest {

    @Test
    void theSuffixArrayIsTheSortedSuffixes() {
        Random random = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            int[] s = random.ints(1 + random.nextInt(300), 0, 1 + random.nextInt(4))
                    .toArray();
            Integer[] expected = IntStream.range(0, s.length).boxed().toArray(Integer[]::new);
            Arrays.sort(expected, Comparator.comparing(i -> Arrays.copyOfRange(s, i, s.length), Arrays::compare));
            assertThat(NoveltyIndex.suffixArray(s, Integer.MAX_VALUE))
                    .containsExactly(Arrays.stream(expected).mapToInt(i -> i).toArray());
        }
    }

    @Test
    void aRepetitiveTrainingTextSortedOnlyToTheMatchDepthStillFindsEveryMatch() {
        String unit = "abcabcabd".repeat(40) + "xyz";
        String training = unit.repeat(5);
        NoveltyIndex index = NoveltyIndex.of(training);
        Novelty n = index.novelty(unit + "QQQQ" + "abcabd".repeat(3));
        assertThat(n.longestTrainingSubstringLength()).isEqualTo(NoveltyIndex.MAX_MATCH);
        int windows = n.windows();
        // the windows holding a Q are the only novel ones: those starting up to 19 before it and up to the
        // last start (the 18 characters after "QQQQ" leave windows starting at most 2 after the first Q)
        assertThat(n.novelFraction()).isEqualTo((NoveltyIndex.WINDOW + 2) / (double) windows);
    }

    @Test
    void aSampleCutFromTheTrainingTextIsNotNovelAndFreshTextIs() {
        String training = "the quick brown fox jumps over the lazy dog while the cat sleeps in the warm sun";
        NoveltyIndex index = NoveltyIndex.of(training);
        Novelty copied = index.novelty("fox jumps over the lazy dog");
        assertThat(copied.windows()).isEqualTo(8);
        assertThat(copied.novelFraction()).isZero();
        assertThat(copied.longestTrainingSubstring()).isEqualTo("fox jumps over the lazy dog");

        Novelty fresh = index.novelty("zebras quietly graze under violet skies");
        assertThat(fresh.novelFraction()).isEqualTo(1.0);
        assertThat(fresh.longestTrainingSubstringLength()).isLessThan(NoveltyIndex.WINDOW);

        // half copied, half new: the copied windows and the longest copied stretch are found
        Novelty mixed = index.novelty("the cat sleeps in the warm sun" + "XXXXXXXXXXXXXXXXXXXXXXXXXXXXX");
        assertThat(mixed.longestTrainingSubstring()).isEqualTo("the cat sleeps in the warm sun");
        assertThat(mixed.windows()).isEqualTo(40);
        assertThat(mixed.novelFraction()).isEqualTo(29 / 40.0);
    }

    @Test
    void shortSamplesHaveNoWindowsAndCharactersAreCodePoints() {
        NoveltyIndex index = NoveltyIndex.of("🌱🌱🌱 growing");
        Novelty n = index.novelty("🌱🌱 gro");
        assertThat(n.windows()).isZero();
        assertThat(n.novelFraction()).isNull();
        assertThat(n.longestTrainingSubstring()).isEqualTo("🌱🌱 gro");
        assertThat(n.longestTrainingSubstringLength()).isEqualTo(6);
        assertThat(NoveltyIndex.of("").novelty("abc").longestTrainingSubstringLength())
                .isZero();
    }

    @Test
    void aLargeCorpusIsIndexedOnce() {
        Random random = new Random(5);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 2_000_000) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        String training = sb.toString();
        NoveltyIndex index = NoveltyIndex.of(training);
        assertThat(index.length()).isEqualTo(2_000_000);
        String copied = training.substring(1_000_000, 1_000_500);
        Novelty n = index.novelty(copied);
        assertThat(n.novelFraction()).isZero();
        assertThat(n.longestTrainingSubstringLength()).isEqualTo(NoveltyIndex.MAX_MATCH);
    }
}
