package dev.charrnn.nn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Everything needed to continue a run bit for bit: parameters, Adagrad memories, hprev, data position,
 * the next iteration, the smooth loss and the RNG state. Serialised as one compact little-endian blob:
 * <pre>
 *   "CRNN" | format version (int) | H | V | iteration | position | smoothLoss | rng[4] | hprev[H]
 *   | Wxh Whh Why bh by | mWxh mWhh mWhy mbh mby
 * </pre>
 */
public record TrainingState(
        int iteration,
        int position,
        double smoothLoss,
        long[] rngState,
        double[] hprev,
        CharRnn model,
        CharRnn memories) {

    public static final int FORMAT_VERSION = 1;
    private static final int MAGIC = 0x4E4E5243; // "CRNN" read little-endian

    public TrainingState {
        model.requireSameShape(memories);
        if (hprev.length != model.H) {
            throw new IllegalArgumentException("hprev has " + hprev.length + " entries, model H=" + model.H);
        }
        if (rngState.length != 4) {
            throw new IllegalArgumentException("rng state has 4 longs, got " + rngState.length);
        }
    }

    public byte[] toBytes() {
        int H = model.H;
        long doubles = 1 + H + 2 * CharRnn.parameterCount(H, model.V);
        long size = 4L * 6 + 8L * 4 + 8L * doubles;
        if (size > Integer.MAX_VALUE) {
            throw new IllegalStateException("checkpoint of " + size + " bytes is too large");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC)
                .putInt(FORMAT_VERSION)
                .putInt(H)
                .putInt(model.V)
                .putInt(iteration)
                .putInt(position);
        b.putDouble(smoothLoss);
        for (long s : rngState) {
            b.putLong(s);
        }
        b.asDoubleBuffer().put(hprev);
        b.position(b.position() + 8 * H);
        for (CharRnn m : new CharRnn[] {model, memories}) {
            for (double[] a : m.arrays()) {
                b.asDoubleBuffer().put(a);
                b.position(b.position() + 8 * a.length);
            }
        }
        return b.array();
    }

    public static TrainingState fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 24 || b.getInt() != MAGIC) {
            throw new IllegalArgumentException("not a charrnn checkpoint");
        }
        int version = b.getInt();
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException(
                    "checkpoint format version " + version + ", this build reads " + FORMAT_VERSION);
        }
        int H = b.getInt();
        int V = b.getInt();
        int iteration = b.getInt();
        int position = b.getInt();
        long expected = 4L * 6 + 8L * 4 + 8L * (1 + H + 2 * CharRnn.parameterCount(H, V));
        if (H < 1 || V < 1 || bytes.length != expected) {
            throw new IllegalArgumentException(
                    "checkpoint of " + bytes.length + " bytes, expected " + expected + " for H=" + H + ", V=" + V);
        }
        double smoothLoss = b.getDouble();
        long[] rng = {b.getLong(), b.getLong(), b.getLong(), b.getLong()};
        double[] hprev = new double[H];
        b.asDoubleBuffer().get(hprev);
        b.position(b.position() + 8 * H);
        CharRnn model = new CharRnn(H, V);
        CharRnn mem = new CharRnn(H, V);
        for (CharRnn m : new CharRnn[] {model, mem}) {
            for (double[] a : m.arrays()) {
                b.asDoubleBuffer().get(a);
                b.position(b.position() + 8 * a.length);
            }
        }
        return new TrainingState(iteration, position, smoothLoss, rng, hprev, model, mem);
    }
}
