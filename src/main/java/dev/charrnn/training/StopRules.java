package dev.charrnn.training;

import dev.charrnn.nn.SmoothLoss;
import dev.charrnn.runs.TrainingRun;
import java.util.List;
import java.util.function.Supplier;

/**
 * A run's rules on the training thread: which validation point is its best (and the state right after it), when it
 * stops improving (early stopping) and when its loss diverges. A resumed run replays the validation points it
 * recorded before its checkpoint, so it stops where an uninterrupted run would.
 */
final class StopRules {
    private final Integer patience;
    private final double minDelta;
    private final Double divergenceFactor;
    private final double chanceLevel;

    private double firstLoss = Double.NaN;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private double watchedLoss = Double.POSITIVE_INFINITY;
    private int sinceImprovement;
    private Integer earlyStopIteration;
    private Best pendingBest;
    private Snapshot lastGood;

    /** The state right after validation point {@code validationIteration}, which measured {@code lossPerChar}. */
    record Best(int validationIteration, double lossPerChar, Snapshot state) {}

    /** What a resumed run recorded before its checkpoint: its first loss (null: none) and validation points. */
    record History(Double firstLoss, List<Batch.Validation> validation) {
        static final History NONE = new History(null, List.of());
    }

    private StopRules(Integer patience, double minDelta, Double divergenceFactor, double chanceLevel) {
        this.chanceLevel = chanceLevel;
        this.patience = patience;
        this.minDelta = minDelta;
        this.divergenceFactor = divergenceFactor;
    }

    static StopRules of(TrainingRun run, History history) {
        StopRules rules = new StopRules(
                run.getEarlyStoppingPatience(),
                run.getEarlyStoppingMinDelta() == null ? 0 : run.getEarlyStoppingMinDelta(),
                run.getDivergenceFactor(),
                SmoothLoss.chanceLevel(run.getVocabularySize(), run.getConfig().seqLength()));
        if (history.firstLoss() != null) {
            rules.firstLoss = history.firstLoss();
        }
        for (Batch.Validation v : history.validation()) {
            rules.validated(v.iteration(), v.lossPerChar(), null);
        }
        return rules;
    }

    /**
     * Null while iteration {@code iteration} is sound; else why the run diverged there: its loss is non-finite, or its
     * smooth loss (the reference's running average, which the run reports) is above {@code divergenceFactor} times
     * the first loss (char-rnn's rule, on the smoothed loss). The smoothed loss, not one iteration's: vanilla runs at
     * the reference's own settings (H = 100, learning rate 0.1) often spike to four times their first loss in the
     * first few iterations of Adagrad and then train normally. The first loss is never taken below chance level: a
     * run continued from trained weights starts far below it, and three times one easy first sequence would be an
     * ordinary loss.
     */
    String divergence(int iteration, double loss, double smoothLoss) {
        if (divergenceFactor == null) {
            return null;
        }
        if (!Double.isFinite(loss) || !Double.isFinite(smoothLoss)) {
            return "diverged at iteration " + iteration + ": the loss is " + loss;
        }
        if (Double.isNaN(firstLoss)) {
            firstLoss = loss;
        }
        double reference = Math.max(firstLoss, chanceLevel);
        if (smoothLoss > divergenceFactor * reference) {
            return "diverged at iteration " + iteration + ": the smooth loss " + smoothLoss + " is above "
                    + divergenceFactor + " x " + (firstLoss >= chanceLevel ? "the first loss " : "chance level ")
                    + reference + " (divergenceFactor)";
        }
        return null;
    }

    /**
     * After a validation point: a new lowest loss (the earliest of equals) becomes the best and its state is kept
     * until the next checkpoint; early stopping counts the points without an improvement above minDelta.
     *
     * @param state the training state right after the point; null while replaying recorded points
     */
    void validated(int validationIteration, double lossPerChar, Supplier<Snapshot> state) {
        if (lossPerChar < bestLoss) {
            bestLoss = lossPerChar;
            if (state != null) {
                pendingBest = new Best(validationIteration, lossPerChar, state.get());
            }
        }
        if (patience == null) {
            return;
        }
        if (lossPerChar < watchedLoss - minDelta) {
            watchedLoss = lossPerChar;
            sinceImprovement = 0;
        } else if (++sinceImprovement >= patience) {
            earlyStopIteration = validationIteration;
        }
    }

    /** The validation point after which early stopping ends the run; null while it trains on. */
    Integer earlyStopIteration() {
        return earlyStopIteration;
    }

    /** Whether a divergence needs the state of each flush to fall back on. */
    boolean keepsLastGood() {
        return divergenceFactor != null;
    }

    /** A state whose losses were all sound (taken at a flush or at the start). */
    void good(Snapshot state) {
        if (state != null && keepsLastGood()) {
            lastGood = state;
        }
    }

    /** The last sound state, kept as the checkpoint of a run that diverged; null when the rule is off. */
    Snapshot lastGood() {
        return lastGood;
    }

    /** The best state not yet written; the caller writes it with a checkpoint taken at or after it. */
    Best takeBest() {
        Best best = pendingBest;
        pendingBest = null;
        return best;
    }
}
