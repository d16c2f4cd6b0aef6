package dev.charrnn.nn;

import dev.charrnn.nn.ModelConfig.Cell;
import dev.charrnn.nn.ModelConfig.Optimizer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Everything needed to continue a {@link StackedTrainer} run bit for bit: parameters, the optimizer's step count
 * and moments, every stream's state, the loader's position, the next iteration, the smooth loss and the RNG state
 * (which draws the dropout masks and the samples). One compact little-endian blob:
 * <pre>
 *   "CRNS" | version | cell | layers | H | V | E | B | iteration | position | smoothLoss | rng[4]
 *   | optimizer | step (long) | moments | h[0..L) (c[0..L) for an LSTM) | tensors | moments x tensors
 * </pre>
 */
public record StackedTrainingState(
        int iteration,
        int position,
        double smoothLoss,
        long[] rngState,
        StackedState streams,
        StackedRnn model,
        OptimizerState optimizer) {

    public static final int FORMAT_VERSION = 1;
    private static final int MAGIC = 0x534E5243; // "CRNS" read little-endian
    /** Ten ints, the smooth loss, the RNG, the optimizer's kind, step and moment count. */
    private static final long HEADER_BYTES = 4L * 10 + 8 + 8L * 4 + 4 + 8 + 4;

    public StackedTrainingState {
        streams.requireFits(model, streams.B);
        if (rngState.length != 4) {
            throw new IllegalArgumentException("rng state has 4 longs, got " + rngState.length);
        }
        for (double[][] moment : optimizer.buffers()) {
            GradientDescent.requireSameShapes(model.arrays(), moment, null);
        }
    }

    public byte[] toBytes() {
        long doubles = 0;
        for (double[] a : streams.arrays()) {
            doubles += a.length;
        }
        doubles += model.parameterCount() * (1 + optimizer.buffers().length);
        long size = HEADER_BYTES + 8L * doubles;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("checkpoint of " + size + " bytes is too large");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC)
                .putInt(FORMAT_VERSION)
                .putInt(model.cell.ordinal())
                .putInt(model.layers)
                .putInt(model.H)
                .putInt(model.V)
                .putInt(model.E)
                .putInt(streams.B)
                .putInt(iteration)
                .putInt(position);
        b.putDouble(smoothLoss);
        for (long s : rngState) {
            b.putLong(s);
        }
        b.putInt(optimizer.kind().ordinal()).putLong(optimizer.step()).putInt(optimizer.buffers().length);
        put(b, streams.arrays());
        put(b, model.arrays());
        for (double[][] moment : optimizer.buffers()) {
            put(b, moment);
        }
        return b.array();
    }

    public static StackedTrainingState fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 4 * 10 || b.getInt() != MAGIC) {
            throw new IllegalArgumentException("not a charrnn stacked-model checkpoint");
        }
        int version = b.getInt();
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException(
                    "checkpoint format version " + version + ", this build reads " + FORMAT_VERSION);
        }
        int cell = b.getInt();
        int layers = b.getInt();
        int H = b.getInt();
        int V = b.getInt();
        int E = b.getInt();
        int B = b.getInt();
        if (cell < 0 || cell >= Cell.values().length || B < 1 || B > ModelConfig.MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("checkpoint header is corrupt (cell " + cell + ", batch " + B + ")");
        }
        StackedRnn model = new StackedRnn(Cell.values()[cell], layers, H, V, E);
        StackedState streams = StackedState.zeros(model, B);
        int iteration = b.getInt();
        int position = b.getInt();
        double smoothLoss = b.getDouble();
        long[] rng = {b.getLong(), b.getLong(), b.getLong(), b.getLong()};
        int kind = b.getInt();
        long step = b.getLong();
        int moments = b.getInt();
        if (kind < 0 || kind >= Optimizer.values().length) {
            throw new IllegalArgumentException("checkpoint names no optimizer (" + kind + ")");
        }
        OptimizerState zeros = OptimizerState.zeros(Optimizer.values()[kind], model.arrays());
        if (moments != zeros.buffers().length) {
            throw new IllegalArgumentException("checkpoint has " + moments + " optimizer moments, "
                    + ModelConfig.name(zeros.kind()) + " keeps " + zeros.buffers().length);
        }
        long expected =
                HEADER_BYTES + 8L * (streams.arrays().length * (long) B * H + model.parameterCount() * (1 + moments));
        if (bytes.length != expected) {
            throw new IllegalArgumentException("checkpoint of " + bytes.length + " bytes, expected " + expected
                    + " for " + model.describe() + ", batch " + B);
        }
        get(b, streams.arrays());
        get(b, model.arrays());
        for (double[][] moment : zeros.buffers()) {
            get(b, moment);
        }
        return new StackedTrainingState(
                iteration,
                position,
                smoothLoss,
                rng,
                streams,
                model,
                new OptimizerState(zeros.kind(), step, zeros.buffers()));
    }

    private static void put(ByteBuffer b, double[][] arrays) {
        for (double[] a : arrays) {
            b.asDoubleBuffer().put(a);
            b.position(b.position() + 8 * a.length);
        }
    }

    private static void get(ByteBuffer b, double[][] arrays) {
        for (double[] a : arrays) {
            b.asDoubleBuffer().get(a);
            b.position(b.position() + 8 * a.length);
        }
    }
}
