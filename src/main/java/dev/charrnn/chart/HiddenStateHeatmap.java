package dev.charrnn.chart;

import java.awt.Color;
import java.awt.Paint;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The hidden-state heatmap of a probe text: one column per time step (labelled with the character read), one row
 * per hidden unit, coloured with a diverging red-blue map centred on 0 over the symmetric range +-max|a|.
 */
public final class HiddenStateHeatmap {
    public static final int DEFAULT_WIDTH = 1200;
    public static final int DEFAULT_HEIGHT = 700;
    public static final String TITLE = "RNN Hidden State Activations";

    private HiddenStateHeatmap() {}

    /**
     * @param characters the probe's characters, one per time step (each one code point, any plane)
     * @param activations T x H: row t is the hidden state after reading character t
     */
    public static byte[] png(List<String> characters, double[][] activations, int width, int height) {
        ChartPng.requireSize(width, height);
        int T = activations.length;
        if (characters.size() != T) {
            throw new IllegalArgumentException(characters.size() + " characters for " + T + " time steps");
        }
        int H = T == 0 ? 0 : activations[0].length;
        double maxAbs = 0.0;
        double[] xs = new double[T * H];
        double[] ys = new double[T * H];
        double[] zs = new double[T * H];
        for (int t = 0; t < T; t++) {
            if (activations[t].length != H) {
                throw new IllegalArgumentException(
                        "row " + t + " has " + activations[t].length + " units, row 0 has " + H);
            }
            for (int u = 0; u < H; u++) {
                int k = t * H + u;
                double a = activations[t][u];
                xs[k] = t;
                ys[k] = u;
                zs[k] = a;
                if (Double.isFinite(a)) {
                    maxAbs = Math.max(maxAbs, Math.abs(a));
                }
            }
        }
        double range = maxAbs > 0 ? maxAbs : 1.0;
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("activations", new double[][] {xs, ys, zs});

        String[] labels = new String[T];
        for (int t = 0; t < T; t++) {
            labels[t] = visible(characters.get(t));
        }
        SymbolAxis xAxis = new SymbolAxis("Time step (input character)", labels);
        xAxis.setGridBandsVisible(false);
        xAxis.setTickLabelFont(ChartPng.LABEL_FONT.deriveFont(java.awt.Font.BOLD));
        if (T > 0) {
            xAxis.setRange(-0.5, T - 0.5);
        }
        xAxis.setLowerMargin(0);
        xAxis.setUpperMargin(0);

        NumberAxis yAxis = new NumberAxis("Hidden unit");
        yAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        yAxis.setAutoRangeIncludesZero(false);
        if (H > 0) {
            yAxis.setRange(-0.5, H - 0.5);
        }
        yAxis.setInverted(true); // unit 0 at the top, like an image of the matrix

        DivergingScale scale = new DivergingScale(range);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setBlockWidth(1.0);
        renderer.setBlockHeight(1.0);
        renderer.setBlockAnchor(RectangleAnchor.CENTER);
        renderer.setPaintScale(scale);

        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);

        JFreeChart chart = new JFreeChart(TITLE, ChartPng.TITLE_FONT, plot, false);
        ChartPng.applyTheme(chart);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        xAxis.setTickLabelFont(ChartPng.LABEL_FONT.deriveFont(java.awt.Font.BOLD));

        NumberAxis scaleAxis = new NumberAxis("Activation");
        scaleAxis.setRange(-range, range);
        scaleAxis.setTickUnit(new NumberTickUnit(niceStep(range / 4)));
        scaleAxis.setLabelFont(ChartPng.LABEL_FONT);
        scaleAxis.setTickLabelFont(ChartPng.TICK_FONT);
        PaintScaleLegend legend = new PaintScaleLegend(scale, scaleAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        legend.setAxisOffset(4.0);
        legend.setStripWidth(18.0);
        legend.setSubdivisionCount(256);
        legend.setMargin(new RectangleInsets(30, 10, 40, 10));
        legend.setFrame(BlockBorder.NONE);
        legend.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(legend);
        return ChartPng.encode(chart, width, height);
    }

    /** The smallest of 1, 2, 5 x 10^k at least {@code raw}: about eight colour-bar ticks over +-range. */
    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5}) {
            if (m * magnitude >= raw * (1 - 1e-9)) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** A tick label that shows whitespace and control characters instead of drawing nothing. */
    static String visible(String c) {
        switch (c) {
            case "\n":
                return "\\n";
            case "\r":
                return "\\r";
            case "\t":
                return "\\t";
            case " ":
                return "\u2423"; // OPEN BOX
            default:
                break;
        }
        int cp = c.isEmpty() ? 0 : c.codePointAt(0);
        if (c.isEmpty()
                || Character.isISOControl(cp)
                || Character.isWhitespace(cp)
                || Character.getType(cp) == Character.FORMAT) {
            return String.format(Locale.ROOT, "U+%04X", cp);
        }
        // A glyph the label font cannot draw would come out as an empty box: name it instead.
        if (ChartPng.LABEL_FONT.canDisplayUpTo(c) != -1) {
            return String.format(Locale.ROOT, "U+%04X", cp);
        }
        return c;
    }

    /**
     * RdBu (reversed): blue for negative, white at 0, red for positive, interpolated through ColorBrewer's 11 stops.
     */
    static final class DivergingScale implements PaintScale, java.io.Serializable {
        private static final int[] STOPS = {
            0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7, 0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B, 0x67001F
        };
        private final double range;

        DivergingScale(double range) {
            this.range = range;
        }

        @Override
        public double getLowerBound() {
            return -range;
        }

        @Override
        public double getUpperBound() {
            return range;
        }

        @Override
        public Paint getPaint(double value) {
            if (Double.isNaN(value)) {
                return Color.LIGHT_GRAY;
            }
            double f = (Math.max(-range, Math.min(range, value)) + range) / (2 * range) * (STOPS.length - 1);
            int i = Math.min((int) Math.floor(f), STOPS.length - 2);
            double w = f - i;
            int a = STOPS[i];
            int b = STOPS[i + 1];
            return new Color(mix(a >> 16, b >> 16, w), mix(a >> 8, b >> 8, w), mix(a, b, w));
        }

        private static int mix(int a, int b, double w) {
            return (int) Math.round((a & 0xFF) * (1 - w) + (b & 0xFF) * w);
        }
    }
}
