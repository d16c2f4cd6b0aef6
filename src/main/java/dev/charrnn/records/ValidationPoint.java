package dev.charrnn.records;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** The model's per-character loss on the run's held-out text, measured after iteration {@code iteration}. */
@Entity
@Table(name = "validation_point")
@IdClass(ValidationPoint.Key.class)
public class ValidationPoint {

    @Id
    @Column(name = "run_id")
    private long runId;

    @Id
    private int iteration;

    @Column(name = "loss_per_char", nullable = false)
    private double lossPerChar;

    protected ValidationPoint() {}

    public ValidationPoint(long runId, int iteration, double lossPerChar) {
        this.runId = runId;
        this.iteration = iteration;
        this.lossPerChar = lossPerChar;
    }

    public long getRunId() {
        return runId;
    }

    public int getIteration() {
        return iteration;
    }

    public double getLossPerChar() {
        return lossPerChar;
    }

    public record Key(long runId, int iteration) implements Serializable {}
}
