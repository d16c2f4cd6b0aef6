package dev.charrnn.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.nn.SmoothLoss;
import dev.charrnn.records.LossChunk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecodedLossesTest {
    private static final long RUN = 1;

    /** Losses 0..n-1 as the writer stores them: chunks of the given sizes, each with its smooth start. */
    private static List<LossChunk> chunks(int... sizes) {
        List<LossChunk> out = new ArrayList<>();
        int first = 0;
        double smooth = 80.0;
        for (int size : sizes) {
            double[] raw = new double[size];
            for (int i = 0; i < size; i++) {
                raw[i] = 80.0 - Math.sqrt(first + i);
            }
            out.add(new LossChunk(RUN, first, smooth, raw, size));
            double[] s = SmoothLoss.series(smooth, raw);
            smooth = s[size - 1];
            first += size;
        }
        return out;
    }

    private static List<LossChunk> from(List<LossChunk> all, int iteration) {
        return all.stream()
                .filter(c -> c.getFirstIteration() + c.getPointCount() > iteration)
                .toList();
    }

    private static void assertSameSeries(DecodedLosses actual, DecodedLosses expected) {
        assertThat(actual.n).isEqualTo(expected.n);
        assertThat(Arrays.copyOf(actual.iterations, actual.n))
                .containsExactly(Arrays.copyOf(expected.iterations, expected.n));
        assertThat(Arrays.copyOf(actual.smooth, actual.n)).containsExactly(Arrays.copyOf(expected.smooth, expected.n));
        assertThat(Arrays.copyOf(actual.raw, actual.n)).containsExactly(Arrays.copyOf(expected.raw, expected.n));
    }

    @Test
    void decodesEveryPointWithTheSmoothLossRebuilt() {
        List<LossChunk> stored = chunks(3, 2);
        DecodedLosses d = DecodedLosses.of(stored);

        assertThat(d.n).isEqualTo(5);
        assertThat(Arrays.copyOf(d.iterations, 5)).containsExactly(0, 1, 2, 3, 4);
        assertThat(d.raw[3]).isEqualTo(80.0 - Math.sqrt(3));
        assertThat(d.smooth[0]).isEqualTo(80.0 * 0.999 + d.raw[0] * 0.001);
        assertThat(d.smooth[3]).isEqualTo(d.smooth[2] * 0.999 + d.raw[3] * 0.001);
        assertThat(d.indexOf(0)).isZero();
        assertThat(d.indexOf(4)).isEqualTo(4);
        assertThat(d.indexOf(9)).isEqualTo(5);
    }

    @Test
    void growsFromTheLastChunkAsTheWriterAppendsToItAndAddsMore() {
        List<LossChunk> early = chunks(700, 300);
        DecodedLosses before = DecodedLosses.of(early);
        // the writer grew the last chunk from 300 to 1,500 points, then started another of 2,000
        List<LossChunk> later = chunks(700, 1500, 2000);

        DecodedLosses after = before.extendedBy(from(later, before.resumeFrom()));

        assertThat(before.resumeFrom()).isEqualTo(999);
        assertSameSeries(after, DecodedLosses.of(later));
        assertThat(after.capacity()).isGreaterThanOrEqualTo(4200);
        assertSameSeries(before, DecodedLosses.of(early));
    }

    @Test
    void nothingNewLeavesTheSeriesAsItWas() {
        List<LossChunk> stored = chunks(10, 10);
        DecodedLosses d = DecodedLosses.of(stored);

        assertSameSeries(d.extendedBy(from(stored, d.resumeFrom())), d);
    }

    @Test
    void aRunRewoundUnderTheSeriesIsDecodedAfresh() {
        DecodedLosses d = DecodedLosses.of(chunks(100, 100));
        List<LossChunk> rewound = chunks(100, 50);

        assertThat(d.extendedBy(from(rewound, d.resumeFrom()))).isNull();
        assertThat(d.extendedBy(List.of())).isNull();
    }

    @Test
    void differentPointsWhereTheyOverlapAreNotTrusted() {
        DecodedLosses d = DecodedLosses.of(chunks(100));
        LossChunk other = new LossChunk(RUN, 0, 80.0, new double[120], 120);

        assertThat(d.extendedBy(List.of(other))).isNull();
    }

    @Test
    void overlappingChunksAreRefused() {
        List<LossChunk> overlapping = List.of(
                new LossChunk(RUN, 0, 80.0, new double[] {1, 2}, 2),
                new LossChunk(RUN, 1, 80.0, new double[] {7, 8}, 2));

        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(() -> DecodedLosses.of(overlapping));
    }
}
