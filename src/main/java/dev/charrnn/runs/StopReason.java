package dev.charrnn.runs;

/** Why a finished run ended; the status says how it ended. */
public enum StopReason {
    /** Ran every iteration asked for (SUCCEEDED). */
    COMPLETED,
    /** Its validation loss stopped improving (SUCCEEDED; earlyStopping). */
    EARLY_STOPPED,
    /** Cancelled by a user (CANCELLED). */
    CANCELLED,
    /** Its loss went non-finite or its smooth loss past divergenceFactor times its first loss (FAILED). */
    DIVERGED,
    /** Stopped by a sweep's early-termination rule: cancelled with this reason ({@code RunService.stop}). */
    PRUNED,
    /** Could not train (FAILED; see error). */
    FAILED;

    /** What a run stored without a reason ended for, from its status; null while it is not finished. */
    public static StopReason of(RunStatus status) {
        return switch (status) {
            case SUCCEEDED -> COMPLETED;
            case CANCELLED -> CANCELLED;
            case FAILED -> FAILED;
            default -> null;
        };
    }
}
