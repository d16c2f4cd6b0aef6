package dev.charrnn.sweeps;

public enum SweepStatus {
    /** Trials are being submitted or are still training. */
    RUNNING,
    /** Every trial has finished (trained, failed, was pruned or cancelled, or could not be submitted). */
    SUCCEEDED,
    CANCELLED
}
