package dev.charrnn.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DownsampleTest {

    @Test
    void returnsEveryIndexWhenTheSeriesIsShortEnough() {
        double[] y = {3, 1, 4, 1, 5};
        assertThat(Downsample.lttbIndices(new double[] {0, 1, 2, 3, 4}, y, 5)).containsExactly(0, 1, 2, 3, 4);
        assertThat(Downsample.lttbIndices(new int[] {0, 1, 2, 3, 4}, y, 100)).containsExactly(0, 1, 2, 3, 4);
        assertThat(Downsample.lttbIndices(new double[0], new double[0], 10)).isEmpty();
    }

    @Test
    void keepsFirstAndLastAndAtMostMaxPointsInAscendingOrder() {
        int n = 100_003;
        double[] y = new double[n];
        int[] x = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = Math.sin(i / 1000.0) + 0.1 * Math.sin(i * 0.37);
        }
        for (int max : new int[] {2, 3, 10, 999, 2000}) {
            int[] kept = Downsample.lttbIndices(x, y, max);
            assertThat(kept).hasSizeLessThanOrEqualTo(max);
            assertThat(kept[0]).isZero();
            assertThat(kept[kept.length - 1]).isEqualTo(n - 1);
            for (int i = 1; i < kept.length; i++) {
                assertThat(kept[i]).isGreaterThan(kept[i - 1]);
            }
        }
    }

    @Test
    void keepsTheExtremeOfASpike() {
        int n = 1_000_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = 50.0 - i * 1e-5;
        }
        y[654_321] = 500.0;
        y[123_457] = -300.0;
        int[] kept = Downsample.lttbIndices(x, y, 2000);
        assertThat(kept).contains(654_321, 123_457);
        assertThat(Arrays.stream(kept).mapToDouble(i -> y[i]).max().orElseThrow())
                .isEqualTo(500.0);
    }

    @Test
    void longAndImplicitAbscissasAgreeWithDoubles() {
        int n = 5000;
        double[] xd = new double[n];
        long[] xl = new long[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            xd[i] = i;
            xl[i] = i;
            y[i] = Math.cos(i * 0.01) * (i % 7);
        }
        int[] expected = Downsample.lttbIndices(xd, y, 300);
        assertThat(Downsample.lttbIndices(xl, y, 300)).containsExactly(expected);
        assertThat(Downsample.lttbIndices(y, 300)).containsExactly(expected);
    }

    @Test
    void rejectsMismatchedLengthsAndTooFewPoints() {
        assertThatThrownBy(() -> Downsample.lttbIndices(new double[3], new double[4], 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Downsample.lttbIndices(new double[3], new double[3], 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
