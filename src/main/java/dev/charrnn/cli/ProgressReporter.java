package dev.charrnn.cli;

import dev.charrnn.nn.Trainer.Step;
import dev.charrnn.nn.Trainer.TrainingSample;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Training progress on stderr. On a terminal: one line redrawn in place (at most ten times a second) with the
 * iteration, smooth loss and speed. Otherwise: a plain line every 10% of the run. Either way each training sample is
 * printed as min-char-rnn does ({@code ----\n sample \n----} then {@code iter n, loss x}).
 */
final class ProgressReporter {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR = 30;

    private final PrintStream err;
    private final boolean interactive;
    private final int total;
    private final int seqLength;
    private final LongSupplier clock;
    private final int every;
    private long startNanos;
    private long lastDraw = Long.MIN_VALUE;
    private int lineLength;

    ProgressReporter(PrintStream err, boolean interactive, int total, int seqLength, LongSupplier clock) {
        this.err = err;
        this.interactive = interactive;
        this.total = total;
        this.seqLength = seqLength;
        this.clock = clock;
        this.every = Math.max(1, total / 10);
    }

    void start() {
        startNanos = clock.getAsLong();
    }

    void step(Step step) {
        for (TrainingSample s : step.samples()) {
            clearLine();
            err.print("----\n " + s.text() + " \n----\n");
            err.printf(Locale.ROOT, "iter %d, loss %f%n", s.iteration(), s.loss());
        }
        int done = step.iteration() + 1;
        long now = clock.getAsLong();
        if (interactive) {
            if (done == total
                    || now - lastDraw >= REDRAW_NANOS
                    || !step.samples().isEmpty()) {
                String line = line(done, step.smoothLoss(), now);
                int pad = Math.max(0, lineLength - line.length());
                err.print("\r" + line + " ".repeat(pad));
                err.flush();
                lineLength = line.length();
                lastDraw = now;
            }
        } else if (done % every == 0 || done == total) {
            err.println(line(done, step.smoothLoss(), now));
        }
    }

    void finish() {
        if (interactive && lineLength > 0) {
            err.println();
            lineLength = 0;
        }
        err.flush();
    }

    private void clearLine() {
        if (interactive && lineLength > 0) {
            err.print("\r" + " ".repeat(lineLength) + "\r");
            lineLength = 0;
        }
    }

    private String line(int done, double smoothLoss, long now) {
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        double charsPerSecond = (double) done * seqLength / seconds;
        int pct = (int) (100L * done / total);
        StringBuilder sb = new StringBuilder();
        if (interactive) {
            int filled = (int) ((long) BAR * done / total);
            sb.append('[')
                    .append("#".repeat(filled))
                    .append(".".repeat(BAR - filled))
                    .append("] ");
        }
        sb.append(String.format(
                Locale.ROOT,
                "iter %d/%d (%d%%)  smooth loss %.4f  %,.0f chars/s  %.1fs",
                done,
                total,
                pct,
                smoothLoss,
                charsPerSecond,
                seconds));
        return sb.toString();
    }
}
