package dev.charrnn.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Several runs' loss curves on one plot: each run's training loss per character as a solid line and, when it has a
 * validation split, its validation loss as a dashed line of the same colour. Per character so runs with different
 * seqLength compare; the caller has already put the curves on one x grid.
 */
public final class CompareChart {
    public static final int DEFAULT_WIDTH = 1000;
    public static final int DEFAULT_HEIGHT = 600;

    // matplotlib's tab10, the reference's own colours
    private static final Color[] COLORS = {
        new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0xD62728), new Color(0x9467BD),
        new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F), new Color(0xBCBD22), new Color(0x17BECF)
    };

    private CompareChart() {}

    /**
     * One run's curves.
     *
     * @param validationX null or empty without a validation split
     */
    public record Curve(String label, double[] x, double[] lossPerChar, double[] validationX, double[] validation) {}

    public static byte[] png(List<Curve> curves, String xLabel, int width, int height) {
        ChartPng.requireSize(width, height);
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setDrawSeriesLineAsPath(true);
        int k = 0;
        int[] colourOf = new int[2 * curves.size()];
        boolean[] dashed = new boolean[2 * curves.size()];
        for (int c = 0; c < curves.size(); c++) {
            Curve curve = curves.get(c);
            if (curve.x().length != curve.lossPerChar().length) {
                throw new IllegalArgumentException(curve.label() + ": x and lossPerChar differ in length");
            }
            data.addSeries(series(curve.label(), curve.x(), curve.lossPerChar()));
            colourOf[k] = c;
            k++;
            if (curve.validationX() != null && curve.validationX().length > 0) {
                data.addSeries(series(curve.label() + " (validation)", curve.validationX(), curve.validation()));
                colourOf[k] = c;
                dashed[k] = true;
                k++;
            }
        }
        NumberAxis xAxis = new NumberAxis(xLabel);
        xAxis.setAutoRangeIncludesZero(false);
        NumberAxis yAxis = new NumberAxis("Loss per character (nats)");
        yAxis.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        JFreeChart chart = new JFreeChart("Loss per character", ChartPng.TITLE_FONT, plot, true);
        ChartPng.applyTheme(chart); // before the series colours: the theme resets them
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Color.GRAY);
        for (int s = 0; s < k; s++) {
            renderer.setSeriesPaint(s, COLORS[colourOf[s] % COLORS.length]);
            renderer.setSeriesStroke(
                    s,
                    dashed[s]
                            ? new BasicStroke(
                                    2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f)
                            : new BasicStroke(2.0f));
        }
        return ChartPng.encode(chart, width, height);
    }

    private static XYSeries series(String name, double[] x, double[] y) {
        // labels may repeat (two runs with one name): a series key must not
        XYSeries s = new XYSeries(name, false, true);
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i])) {
                s.add(x[i], y[i], false);
            }
        }
        return s;
    }
}
