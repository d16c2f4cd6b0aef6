package dev.charrnn.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link PairwiseSum} is bit-identical to numpy's {@code np.sum} over an (n, 1) float64 column: numpy sums all n
 * elements pairwise (not the first element plus the pairwise sum of the rest). Expected sums made by
 * {@code src/test/resources/golden/pairwise_sums.py} (see {@code make-golden.sh}).
 */
class PairwiseSumTest {

    @Test
    void equalsNumpySumBitForBit() {
        JsonNode fixture = JsonMapper.builder().build().readTree(NnFixtures.text("/golden/pairwise-sums.json"));
        JsonNode lengths = fixture.get("lengths");
        JsonNode sums = fixture.get("sums");
        int orderMatters = 0;
        for (int k = 0; k < lengths.size(); k++) {
            int n = lengths.get(k).intValue();
            double[] column = column(n);
            double expected = sums.get(k).doubleValue();
            assertThat(PairwiseSum.sum(column, 0, n)).as("n=%d", n).isEqualTo(expected);
            if (sequentialSum(column) != expected) {
                orderMatters++;
            }
        }
        // the fixture tells pairwise from sequential summation for many lengths
        assertThat(orderMatters).isGreaterThan(20);
    }

    @Test
    void honoursTheOffset() {
        double[] column = column(300);
        double[] padded = new double[310];
        padded[0] = 1e300;
        System.arraycopy(column, 0, padded, 7, 300);
        padded[309] = -1e300;
        assertThat(PairwiseSum.sum(padded, 7, 300)).isEqualTo(PairwiseSum.sum(column, 0, 300));
    }

    /** The fixture's values: see pairwise_sums.py. */
    private static double[] column(int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double u = ((7919L * i + 104729L * n) % 1000003L) / 1000003.0;
            switch (i % 4) {
                case 0 -> out[i] = u;
                case 1 -> out[i] = u * 1000.0;
                case 2 -> out[i] = u / 1000.0;
                default -> out[i] = -u;
            }
        }
        return out;
    }

    private static double sequentialSum(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x;
        }
        return s;
    }
}
