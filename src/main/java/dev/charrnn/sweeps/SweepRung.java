package dev.charrnn.sweeps;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** What a trial recorded at an ASHA rung, and whether that stopped it. */
@Entity
@Table(name = "sweep_rung")
@IdClass(SweepRung.Key.class)
class SweepRung {

    @Id
    @Column(name = "sweep_id")
    private long sweepId;

    @Id
    @Column(name = "trial_index")
    private int trialIndex;

    @Id
    private int rung;

    @Column(nullable = false)
    private double milestone;

    @Column(name = "best_loss", nullable = false)
    private double bestLoss;

    @Column(nullable = false)
    private boolean pruned;

    protected SweepRung() {}

    SweepRung(long sweepId, int trialIndex, int rung, double milestone, double bestLoss, boolean pruned) {
        this.sweepId = sweepId;
        this.trialIndex = trialIndex;
        this.rung = rung;
        this.milestone = milestone;
        this.bestLoss = bestLoss;
        this.pruned = pruned;
    }

    int getTrialIndex() {
        return trialIndex;
    }

    int getRung() {
        return rung;
    }

    double getBestLoss() {
        return bestLoss;
    }

    record Key(long sweepId, int trialIndex, int rung) implements Serializable {}
}
