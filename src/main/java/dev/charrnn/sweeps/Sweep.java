package dev.charrnn.sweeps;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A sweep as accepted; its status changes through conditional updates ({@link SweepRepository}). */
@Entity
@Table(name = "sweep")
class Sweep {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SweepStatus status;

    @Column(nullable = false)
    private String method;

    /** The accepted request (seed and defaults filled in) as JSON. */
    @Column(nullable = false)
    private String spec;

    @Column(name = "max_concurrent", nullable = false)
    private int maxConcurrent;

    @Column(name = "trial_count", nullable = false)
    private int trialCount;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected Sweep() {}

    Sweep(String name, String method, String spec, int maxConcurrent, int trialCount, Instant createdAt) {
        this.name = name;
        this.status = SweepStatus.RUNNING;
        this.method = method;
        this.spec = spec;
        this.maxConcurrent = maxConcurrent;
        this.trialCount = trialCount;
        this.createdAt = createdAt;
    }

    Long getId() {
        return id;
    }

    String getName() {
        return name;
    }

    SweepStatus getStatus() {
        return status;
    }

    String getSpec() {
        return spec;
    }

    int getMaxConcurrent() {
        return maxConcurrent;
    }

    int getTrialCount() {
        return trialCount;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getFinishedAt() {
        return finishedAt;
    }
}
