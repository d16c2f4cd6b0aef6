package dev.charrnn.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class CompareChartTest {

    @Test
    void drawsEveryRunsCurveWithItsValidationDashed() throws Exception {
        double[] x = {0, 1, 2, 3};
        byte[] png = CompareChart.png(
                List.of(
                        new CompareChart.Curve("h64", x, new double[] {4.1, 3.5, 3.0, 2.8}, null, null),
                        new CompareChart.Curve(
                                "run 2", new double[] {0, 1}, new double[] {4.2, 3.9}, new double[] {1}, new double[] {
                                    3.95
                                })),
                "Iteration",
                CompareChart.DEFAULT_WIDTH,
                CompareChart.DEFAULT_HEIGHT);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(CompareChart.DEFAULT_WIDTH);
        assertThat(image.getHeight()).isEqualTo(CompareChart.DEFAULT_HEIGHT);
        // the first two tab10 colours are drawn
        boolean blue = false;
        boolean orange = false;
        for (int px = 0; px < image.getWidth(); px++) {
            for (int py = 0; py < image.getHeight(); py++) {
                int rgb = image.getRGB(px, py) & 0xFFFFFF;
                blue |= rgb == 0x1F77B4;
                orange |= rgb == 0xFF7F0E;
            }
        }
        assertThat(blue).isTrue();
        assertThat(orange).isTrue();
    }

    @Test
    void mismatchedSeriesAreRefused() {
        assertThatThrownBy(() -> CompareChart.png(
                        List.of(new CompareChart.Curve("a", new double[] {0, 1}, new double[] {1}, null, null)),
                        "Iteration",
                        400,
                        300))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a: x and lossPerChar differ");
    }
}
