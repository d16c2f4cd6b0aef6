package dev.charrnn.records;

import dev.charrnn.system.Utf8Text;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** One of the closing samples of a finished run (from h = 0 and a uniformly drawn seed character). */
@Entity
@Table(name = "generated_sample")
@IdClass(GeneratedSample.Key.class)
public class GeneratedSample {

    @Id
    @Column(name = "run_id")
    private long runId;

    @Id
    @Column(name = "sample_id")
    private int sampleId;

    @Column(name = "seed_char", nullable = false)
    @Convert(converter = Utf8Text.class)
    private String seedChar;

    @Column(nullable = false)
    @Convert(converter = Utf8Text.class)
    private String text;

    protected GeneratedSample() {}

    public GeneratedSample(long runId, int sampleId, String seedChar, String text) {
        this.runId = runId;
        this.sampleId = sampleId;
        this.seedChar = seedChar;
        this.text = text;
    }

    public long getRunId() {
        return runId;
    }

    public int getSampleId() {
        return sampleId;
    }

    public String getSeedChar() {
        return seedChar;
    }

    public String getText() {
        return text;
    }

    public record Key(long runId, int sampleId) implements Serializable {}
}
