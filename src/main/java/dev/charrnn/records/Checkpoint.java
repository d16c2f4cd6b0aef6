package dev.charrnn.records;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The latest complete training state of a run (the core's checkpoint blob); a finished run's final weights. */
@Entity
@Table(name = "checkpoint")
public class Checkpoint {

    @Id
    @Column(name = "run_id")
    private long runId;

    private int iteration;

    @Column(nullable = false)
    private byte[] state;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Checkpoint() {}

    public Checkpoint(long runId, int iteration, byte[] state, Instant createdAt) {
        this.runId = runId;
        this.iteration = iteration;
        this.state = state;
        this.createdAt = createdAt;
    }

    public long getRunId() {
        return runId;
    }

    public int getIteration() {
        return iteration;
    }

    public byte[] getState() {
        return state;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void replace(int iteration, byte[] state, Instant createdAt) {
        this.iteration = iteration;
        this.state = state;
        this.createdAt = createdAt;
    }
}
