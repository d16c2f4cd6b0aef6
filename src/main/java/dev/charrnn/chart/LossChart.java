package dev.charrnn.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The training-loss curve: smooth loss against iteration, an optional validation-loss series, and a dashed line at
 * chance level ({@code ln V * seq_length}, the smooth loss of a model that knows nothing). Each series is reduced with
 * {@link Downsample LTTB} to about two points per pixel column, so a million-iteration run renders quickly and keeps
 * its shape.
 */
public final class LossChart {
    public static final int DEFAULT_WIDTH = 1000;
    public static final int DEFAULT_HEIGHT = 600;
    public static final String TITLE = "RNN Training Loss (Character-Level Language Model)";

    private static final Color TRAIN_COLOR = new Color(0x1F77B4);
    private static final Color VALIDATION_COLOR = new Color(0xFF7F0E);
    private static final Color CHANCE_COLOR = new Color(0x7F7F7F);

    private LossChart() {}

    /** The smooth-loss curve alone. */
    public static byte[] png(int[] iterations, double[] smoothLoss, double chanceLevel, int width, int height) {
        return png(iterations, smoothLoss, null, null, chanceLevel, width, height);
    }

    /**
     * @param iterations ascending, same length as smoothLoss
     * @param validationIterations ascending, same length as validationLoss; both null for no validation series
     * @param validationLoss already in smooth-loss units (summed over seq_length characters)
     * @param chanceLevel where to draw the chance line; NaN or not positive for none
     */
    public static byte[] png(
            int[] iterations,
            double[] smoothLoss,
            int[] validationIterations,
            double[] validationLoss,
            double chanceLevel,
            int width,
            int height) {
        ChartPng.requireSize(width, height);
        requireSameLength("iterations", iterations, "smoothLoss", smoothLoss);
        boolean validation = validationIterations != null || validationLoss != null;
        if (validation) {
            if (validationIterations == null || validationLoss == null) {
                throw new IllegalArgumentException("validationIterations and validationLoss go together");
            }
            requireSameLength("validationIterations", validationIterations, "validationLoss", validationLoss);
        }
        int maxPoints = Math.max(2, 2 * width);

        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("Training (smooth loss)", iterations, smoothLoss, maxPoints));
        if (validation) {
            data.addSeries(series("Validation", validationIterations, validationLoss, maxPoints));
        }

        NumberAxis xAxis = new NumberAxis("Iteration");
        xAxis.setAutoRangeIncludesZero(false);
        xAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        NumberAxis yAxis = new NumberAxis("Smooth Loss");
        yAxis.setAutoRangeIncludesZero(false);

        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setDrawSeriesLineAsPath(true);

        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);

        JFreeChart chart = new JFreeChart(TITLE, ChartPng.TITLE_FONT, plot, validation);
        ChartPng.applyTheme(chart); // before the series colours: the theme resets them
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Color.GRAY);
        renderer.setSeriesPaint(0, TRAIN_COLOR);
        renderer.setSeriesStroke(0, new BasicStroke(2.0f));
        renderer.setSeriesPaint(1, VALIDATION_COLOR);
        renderer.setSeriesStroke(1, new BasicStroke(2.0f));

        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] ys : validation ? new double[][] {smoothLoss, validationLoss} : new double[][] {smoothLoss}) {
            for (double v : ys) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        boolean chance = Double.isFinite(chanceLevel) && chanceLevel > 0;
        if (chance) {
            ValueMarker marker = new ValueMarker(
                    chanceLevel,
                    CHANCE_COLOR,
                    new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
            marker.setLabel(String.format(Locale.ROOT, "chance (ln V \u00d7 seq_length = %.2f)", chanceLevel));
            marker.setLabelFont(ChartPng.TICK_FONT);
            marker.setLabelPaint(CHANCE_COLOR.darker());
            marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            marker.setLabelOffset(new RectangleInsets(2, 6, 2, 6));
            marker.setLabelBackgroundColor(new Color(255, 255, 255, 0));
            plot.addRangeMarker(marker);
            lo = Math.min(lo, chanceLevel);
            hi = Math.max(hi, chanceLevel);
        }
        if (lo <= hi) {
            double pad = Math.max((hi - lo) * 0.06, Math.max(Math.abs(hi) * 0.01, 1e-9));
            yAxis.setRange(lo - pad, hi + pad);
        }
        return ChartPng.encode(chart, width, height);
    }

    private static XYSeries series(String name, int[] x, double[] y, int maxPoints) {
        XYSeries s = new XYSeries(name, false, true);
        int[] keep = Downsample.lttbIndices(x, y, maxPoints);
        for (int i : keep) {
            s.add(x[i], y[i], false);
        }
        return s;
    }

    private static void requireSameLength(String xName, int[] x, String yName, double[] y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException(xName + " and " + yName + " must not be null");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                    xName + " has " + x.length + " entries but " + yName + " has " + y.length);
        }
    }
}
