package dev.charrnn.records;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The training state right after the run's best validation point (lowest loss per character, earliest of equals):
 * {@code iteration} iterations done, measured as validation point {@code validationIteration} (= iteration - 1).
 */
@Entity
@Table(name = "best_checkpoint")
public class BestCheckpoint {

    @Id
    @Column(name = "run_id")
    private long runId;

    private int iteration;

    @Column(name = "validation_iteration", nullable = false)
    private int validationIteration;

    @Column(name = "loss_per_char", nullable = false)
    private double lossPerChar;

    @Column(nullable = false)
    private byte[] state;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected BestCheckpoint() {}

    public BestCheckpoint(
            long runId, int iteration, int validationIteration, double lossPerChar, byte[] state, Instant createdAt) {
        this.runId = runId;
        replace(iteration, validationIteration, lossPerChar, state, createdAt);
    }

    public long getRunId() {
        return runId;
    }

    public int getIteration() {
        return iteration;
    }

    public int getValidationIteration() {
        return validationIteration;
    }

    public double getLossPerChar() {
        return lossPerChar;
    }

    public byte[] getState() {
        return state;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void replace(int iteration, int validationIteration, double lossPerChar, byte[] state, Instant createdAt) {
        this.iteration = iteration;
        this.validationIteration = validationIteration;
        this.lossPerChar = lossPerChar;
        this.state = state;
        this.createdAt = createdAt;
    }
}
