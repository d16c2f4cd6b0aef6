package dev.charrnn.chart;

import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;

/** Shared look and PNG encoding of the charts. */
final class ChartPng {
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Color GRID = new Color(0xDDDDDD);

    private ChartPng() {}

    static void applyTheme(JFreeChart chart) {
        StandardChartTheme theme = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        theme.setExtraLargeFont(TITLE_FONT);
        theme.setLargeFont(LABEL_FONT);
        theme.setRegularFont(TICK_FONT);
        theme.setSmallFont(TICK_FONT);
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(GRID);
        theme.setRangeGridlinePaint(GRID);
        theme.apply(chart);
    }

    static void requireSize(int width, int height) {
        if (width < 100 || height < 100 || width > 10_000 || height > 10_000) {
            throw new IllegalArgumentException(
                    "chart size must be within 100..10000 pixels, got " + width + "x" + height);
        }
    }

    static byte[] encode(JFreeChart chart, int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
