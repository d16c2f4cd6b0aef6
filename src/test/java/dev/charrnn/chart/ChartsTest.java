package dev.charrnn.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChartsTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).isNotNull();
        return image;
    }

    private static double[] decaying(int n) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = 79.45 * Math.exp(-i / (n / 3.0)) + 5 + Math.sin(i * 0.05);
        }
        return y;
    }

    private static int[] range(int n) {
        int[] x = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    @Test
    void lossChartHasTheRequestedSize() throws IOException {
        byte[] png = LossChart.png(range(2000), decaying(2000), Math.log(24) * 25, 640, 400);
        BufferedImage image = decode(png);
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(400);
    }

    @Test
    void lossChartWithValidationSeriesAndDefaultSize() throws IOException {
        int[] vx = {0, 500, 1000, 1500, 1999};
        double[] vy = {80, 60, 40, 30, 28};
        BufferedImage image = decode(LossChart.png(
                range(2000),
                decaying(2000),
                vx,
                vy,
                Math.log(24) * 25,
                LossChart.DEFAULT_WIDTH,
                LossChart.DEFAULT_HEIGHT));
        assertThat(image.getWidth()).isEqualTo(LossChart.DEFAULT_WIDTH);
        assertThat(image.getHeight()).isEqualTo(LossChart.DEFAULT_HEIGHT);
    }

    @Test
    void emptyLossSeriesStillGivesAPng() throws IOException {
        BufferedImage image = decode(LossChart.png(new int[0], new double[0], Math.log(24) * 25, 300, 200));
        assertThat(image.getWidth()).isEqualTo(300);
        decode(LossChart.png(new int[0], new double[0], Double.NaN, 300, 200));
    }

    @Test
    void aMillionPointLossChartRenders() throws IOException {
        int n = 1_000_000;
        BufferedImage image = decode(LossChart.png(range(n), decaying(n), 80, 1000, 600));
        assertThat(image.getWidth()).isEqualTo(1000);
    }

    @Test
    void chartsAreDeterministic() {
        double[] y = decaying(3000);
        assertThat(LossChart.png(range(3000), y, 79.4, 500, 300))
                .isEqualTo(LossChart.png(range(3000), y, 79.4, 500, 300));
        List<String> chars = List.of("h", "i", " ", "\n");
        double[][] a = {{0.1, -0.2}, {0.5, 0.9}, {-0.99, 0}, {0.3, 0.3}};
        assertThat(HiddenStateHeatmap.png(chars, a, 400, 300)).isEqualTo(HiddenStateHeatmap.png(chars, a, 400, 300));
    }

    @Test
    void lossChartRejectsMismatchedSeries() {
        assertThatThrownBy(() -> LossChart.png(new int[3], new double[2], 1, 300, 200))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LossChart.png(new int[2], new double[2], new int[1], null, 1, 300, 200))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void heatmapHasTheRequestedSize() throws IOException {
        String probe = "hello deep learning";
        List<String> chars =
                probe.chars().mapToObj(c -> String.valueOf((char) c)).toList();
        double[][] a = new double[chars.size()][64];
        for (int t = 0; t < a.length; t++) {
            for (int u = 0; u < 64; u++) {
                a[t][u] = Math.tanh(Math.sin(t * 0.7 + u * 0.3) * 2);
            }
        }
        BufferedImage image = decode(
                HiddenStateHeatmap.png(chars, a, HiddenStateHeatmap.DEFAULT_WIDTH, HiddenStateHeatmap.DEFAULT_HEIGHT));
        assertThat(image.getWidth()).isEqualTo(HiddenStateHeatmap.DEFAULT_WIDTH);
        assertThat(image.getHeight()).isEqualTo(HiddenStateHeatmap.DEFAULT_HEIGHT);
    }

    @Test
    void heatmapHandlesNonBmpCharactersAndAllZeroActivations() throws IOException {
        List<String> chars = List.of("a", "\uD83D\uDE00", "\n", " ", "\u00e9", "\uD835\uDD6B");
        double[][] zeros = new double[chars.size()][8];
        BufferedImage image = decode(HiddenStateHeatmap.png(chars, zeros, 500, 300));
        assertThat(image.getHeight()).isEqualTo(300);
        decode(HiddenStateHeatmap.png(List.of(), new double[0][], 300, 200));
    }

    @Test
    void heatmapLabelsMakeWhitespaceVisible() {
        assertThat(HiddenStateHeatmap.visible("\n")).isEqualTo("\\n");
        assertThat(HiddenStateHeatmap.visible(" ")).isEqualTo("\u2423");
        assertThat(HiddenStateHeatmap.visible("\u0007")).isEqualTo("U+0007");
        assertThat(HiddenStateHeatmap.visible("a")).isEqualTo("a");
    }

    @Test
    void heatmapRejectsMismatchedInput() {
        assertThatThrownBy(() -> HiddenStateHeatmap.png(List.of("a"), new double[2][3], 300, 200))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HiddenStateHeatmap.png(List.of("a", "b"), new double[][] {{1, 2}, {3}}, 300, 200))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void divergingScaleIsWhiteAtZeroAndSaturatesAtTheEnds() {
        var scale = new HiddenStateHeatmap.DivergingScale(2.0);
        assertThat(scale.getPaint(0.0)).isEqualTo(new java.awt.Color(0xF7F7F7));
        assertThat(scale.getPaint(2.0)).isEqualTo(new java.awt.Color(0x67001F));
        assertThat(scale.getPaint(-5.0)).isEqualTo(new java.awt.Color(0x053061));
    }
}
