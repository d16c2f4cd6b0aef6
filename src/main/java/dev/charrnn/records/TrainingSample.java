package dev.charrnn.records;

import dev.charrnn.system.Utf8Text;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A sample drawn during training, from the state before iteration {@code iteration}. */
@Entity
@Table(name = "training_sample")
public class TrainingSample {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "run_id", nullable = false)
    private long runId;

    private int iteration;
    private double temperature;
    private double loss;

    @Column(nullable = false)
    @Convert(converter = Utf8Text.class)
    private String text;

    protected TrainingSample() {}

    public TrainingSample(long runId, int iteration, double temperature, double loss, String text) {
        this.runId = runId;
        this.iteration = iteration;
        this.temperature = temperature;
        this.loss = loss;
        this.text = text;
    }

    public Long getId() {
        return id;
    }

    public long getRunId() {
        return runId;
    }

    public int getIteration() {
        return iteration;
    }

    public double getTemperature() {
        return temperature;
    }

    public double getLoss() {
        return loss;
    }

    public String getText() {
        return text;
    }
}
