package dev.charrnn.runs;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The single row submissions lock so that counting queued runs and adding one happen one at a time. */
@Entity
@Table(name = "admission_gate")
class AdmissionGate {
    static final int THE_GATE = 1;

    @Id
    private Integer id;

    protected AdmissionGate() {}
}
