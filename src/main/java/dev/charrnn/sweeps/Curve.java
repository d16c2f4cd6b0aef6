package dev.charrnn.sweeps;

import java.util.List;

/**
 * A run's validation points in iteration order. An iteration here counts the iterations done, so the point
 * stored after 0-based iteration 99 is at 100: the unit of {@code minIterations} and of ASHA's rungs.
 */
record Curve(List<Point> points) {

    /** The loss measured after {@code done} iterations. */
    record Point(int done, double lossPerChar) {}

    boolean isEmpty() {
        return points.isEmpty();
    }

    /** Iterations done at the latest point (0 without points). */
    int latest() {
        return points.isEmpty() ? 0 : points.get(points.size() - 1).done();
    }

    /** Whether some point lies at or past {@code done} iterations. */
    boolean reaches(double done) {
        return latest() >= done;
    }

    /** The first point at or past {@code done} iterations, or null. */
    Point firstAtOrAfter(double done) {
        for (Point p : points) {
            if (p.done() >= done) {
                return p;
            }
        }
        return null;
    }

    /** The lowest loss of the points up to {@code done} iterations (NaN ones ignored; NaN if none). */
    double bestUpTo(int done) {
        double best = Double.NaN;
        for (Point p : points) {
            if (p.done() > done) {
                break;
            }
            if (!Double.isNaN(p.lossPerChar()) && (Double.isNaN(best) || p.lossPerChar() < best)) {
                best = p.lossPerChar();
            }
        }
        return best;
    }

    /** The lowest loss and the first point that reached it, or null without a number. */
    Point best() {
        Point best = null;
        for (Point p : points) {
            if (!Double.isNaN(p.lossPerChar()) && (best == null || p.lossPerChar() < best.lossPerChar())) {
                best = p;
            }
        }
        return best;
    }
}
