package dev.charrnn.sweeps;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/**
 * One planned run of a sweep. Written by targeted updates ({@link SweepTrialRepository}); {@code finished} is set
 * once the run has ended and its last validation points have been weighed by the sweep's rule.
 */
@Entity
@Table(name = "sweep_trial")
@IdClass(SweepTrial.Key.class)
class SweepTrial {

    @Id
    @Column(name = "sweep_id")
    private long sweepId;

    @Id
    @Column(name = "trial_index")
    private int trialIndex;

    /** The varied fields' values, a JSON object. */
    @Column(nullable = false)
    private String parameters;

    @Column(name = "run_id")
    private Long runId;

    @Column(name = "run_name")
    private String runName;

    /** The run's status when last looked at, DELETED when the run is gone, REFUSED when it could not be submitted. */
    @Column(name = "run_status")
    private String runStatus;

    private boolean finished;

    @Column(name = "pruned_at_iteration")
    private Integer prunedAtIteration;

    @Column(name = "last_checked_iteration")
    private Integer lastCheckedIteration;

    private String error;

    protected SweepTrial() {}

    SweepTrial(long sweepId, int trialIndex, String parameters) {
        this.sweepId = sweepId;
        this.trialIndex = trialIndex;
        this.parameters = parameters;
    }

    long getSweepId() {
        return sweepId;
    }

    int getTrialIndex() {
        return trialIndex;
    }

    String getParameters() {
        return parameters;
    }

    Long getRunId() {
        return runId;
    }

    String getRunName() {
        return runName;
    }

    String getRunStatus() {
        return runStatus;
    }

    boolean isFinished() {
        return finished;
    }

    Integer getPrunedAtIteration() {
        return prunedAtIteration;
    }

    boolean isPruned() {
        return prunedAtIteration != null;
    }

    Integer getLastCheckedIteration() {
        return lastCheckedIteration;
    }

    String getError() {
        return error;
    }

    record Key(long sweepId, int trialIndex) implements Serializable {}
}
