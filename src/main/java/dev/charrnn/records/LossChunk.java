package dev.charrnn.records;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/**
 * Consecutive iterations' raw losses, packed as little-endian float64 ({@link LossCodec}). The smooth losses are
 * rebuilt from {@code smoothStart} (the smooth loss before the first iteration) with the training recurrence.
 */
@Entity
@Table(name = "loss_chunk")
@IdClass(LossChunk.Key.class)
public class LossChunk {

    @Id
    @Column(name = "run_id")
    private long runId;

    @Id
    @Column(name = "first_iteration")
    private int firstIteration;

    @Column(name = "point_count", nullable = false)
    private int pointCount;

    @Column(name = "smooth_start", nullable = false)
    private double smoothStart;

    @Column(name = "raw_losses", nullable = false)
    private byte[] rawLosses;

    protected LossChunk() {}

    public LossChunk(long runId, int firstIteration, double smoothStart, double[] raw, int count) {
        this.runId = runId;
        this.firstIteration = firstIteration;
        this.pointCount = count;
        this.smoothStart = smoothStart;
        this.rawLosses = LossCodec.pack(raw, count);
    }

    public long getRunId() {
        return runId;
    }

    public int getFirstIteration() {
        return firstIteration;
    }

    public int getPointCount() {
        return pointCount;
    }

    public double getSmoothStart() {
        return smoothStart;
    }

    public byte[] getRawLosses() {
        return rawLosses;
    }

    /** Appends the {@code count} points that follow this chunk's last one. */
    public void append(double[] raw, int count) {
        double[] merged = java.util.Arrays.copyOf(LossCodec.unpack(rawLosses), pointCount + count);
        System.arraycopy(raw, 0, merged, pointCount, count);
        this.rawLosses = LossCodec.pack(merged, merged.length);
        this.pointCount = merged.length;
    }

    /** Keeps only the first {@code count} points (a resumed run rewrites what follows its checkpoint). */
    public void truncate(int count) {
        double[] raw = LossCodec.unpack(rawLosses);
        this.rawLosses = LossCodec.pack(raw, count);
        this.pointCount = count;
    }

    public record Key(long runId, int firstIteration) implements Serializable {}
}
