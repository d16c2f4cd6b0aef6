package dev.charrnn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SeedWeightsTest {

    @Test
    void writeThenReadIsExact() {
        CharRnn m = new CharRnn(7, 5);
        Rng rng = new Rng(3);
        for (double[] a : m.arrays()) {
            for (int i = 0; i < a.length; i++) {
                // random bit patterns cover every exponent and all 52 mantissa bits
                double d;
                do {
                    d = Double.longBitsToDouble(rng.nextLong());
                } while (!Double.isFinite(d));
                a[i] = d;
            }
        }
        m.Wxh[0] = Double.MIN_VALUE;
        m.Wxh[1] = -Double.MAX_VALUE;
        m.Wxh[2] = 0.1;
        m.Wxh[3] = 1.0 / 3.0;
        m.Wxh[4] = 2e-3;
        m.Wxh[5] = 0.0;

        CharRnn back = read(SeedWeights.toBytes(m));
        assertThat(back.H).isEqualTo(7);
        assertThat(back.V).isEqualTo(5);
        for (int k = 0; k < 5; k++) {
            assertThat(back.arrays()[k]).as("array %d", k).isEqualTo(m.arrays()[k]);
        }
    }

    @Test
    void writesTheReferenceLayout() {
        CharRnn m = new CharRnn(2, 3);
        for (double[] a : m.arrays()) {
            for (int i = 0; i < a.length; i++) {
                a[i] = i + 0.5;
            }
        }
        assertThat(new String(SeedWeights.toBytes(m), StandardCharsets.UTF_8).replace(" ", ""))
                .isEqualTo("{\"Wxh\":[[0.5,1.5,2.5],[3.5,4.5,5.5]],\"Whh\":[[0.5,1.5],[2.5,3.5]],"
                        + "\"Why\":[[0.5,1.5],[2.5,3.5],[4.5,5.5]],\"bh\":[[0.5],[1.5]],\"by\":[[0.5],[1.5],[2.5]]}");
    }

    @Test
    void readsTheReferenceFixture() {
        CharRnn init = NnFixtures.weights("/golden/init.json");
        assertThat(init.H).isEqualTo(16);
        assertThat(init.V).isEqualTo(29);
        assertThat(init.bh).containsOnly(0.0);
    }

    @Test
    void wrongShapeNamesFoundAndExpected() {
        String wrongColumns = "{\"Wxh\":[[1,2,3],[4,5,6]],\"Whh\":[[1,2],[3,4]],\"Why\":[[1,2],[3,4]],"
                + "\"bh\":[[1],[2]],\"by\":[[1],[2]]}";
        assertThatThrownBy(() -> read(wrongColumns))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Wxh has shape 2x3, expected 2x2");

        String flatBias = "{\"Wxh\":[[1,2],[4,5]],\"Whh\":[[1,2],[3,4]],\"Why\":[[1,2],[3,4]],"
                + "\"bh\":[1,2],\"by\":[[1],[2]]}";
        assertThatThrownBy(() -> read(flatBias))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bh has shape 2x?, expected 2x1");

        String shortWhy = "{\"Wxh\":[[1,2,3],[4,5,6]],\"Whh\":[[1,2],[3,4]],\"Why\":[[1,2],[3,4],[5,6]],"
                + "\"bh\":[[1],[2]],\"by\":[[1],[2]]}";
        assertThatThrownBy(() -> read(shortWhy))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("by has shape 2x1, expected 3x1");
    }

    @Test
    void wrongVocabularySizeNamesBothShapes() {
        byte[] json = SeedWeights.toBytes(new CharRnn(4, 3));
        assertThatThrownBy(() -> SeedWeights.read(new ByteArrayInputStream(json), 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Why 3x4, Wxh 4x3")
                .hasMessageContaining("expected Why 5x4, Wxh 4x5");
        assertThat(SeedWeights.read(new ByteArrayInputStream(json), 3).V).isEqualTo(3);
    }

    @Test
    void rejectsMissingKeysNonNumbersAndBadJson() {
        assertThatThrownBy(() -> read("{\"Wxh\":[[1]],\"Whh\":[[1]],\"Why\":[[1]],\"bh\":[[1]]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("weights lack the key by");
        assertThatThrownBy(() -> read("{\"Wxh\":[[1]],\"Whh\":[[\"x\"]],\"Why\":[[1]],\"bh\":[[1]],\"by\":[[1]]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Whh[0][0] is not a number");
        assertThatThrownBy(() -> read("{\"Wxh\": [[1]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("weights are not valid JSON");
        assertThatThrownBy(() -> read("[1, 2]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a JSON object");
    }

    private static CharRnn read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static CharRnn read(byte[] json) {
        return SeedWeights.read(new ByteArrayInputStream(json));
    }
}
