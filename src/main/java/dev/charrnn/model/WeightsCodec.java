package dev.charrnn.model;

import dev.charrnn.nn.CharRnn;
import dev.charrnn.nn.StackedRnn;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Weights as stored: little-endian float64, Wxh, Whh, Why, bh, by, each row-major; the shape lives in its own
 * columns. Exact, and an eighth of the JSON's size or less.
 */
final class WeightsCodec {
    private WeightsCodec() {}

    static byte[] pack(CharRnn m) {
        return pack(m.arrays(), m.parameterCount());
    }

    /** A stacked model: its tensors in state_dict order. */
    static byte[] pack(StackedRnn m) {
        return pack(m.arrays(), m.parameterCount());
    }

    static StackedRnn unpack(byte[] bytes, StackedRnn m) {
        if (bytes.length != 8 * m.parameterCount()) {
            throw new IllegalStateException("stored weights have " + bytes.length + " bytes, expected "
                    + 8 * m.parameterCount() + " for " + m.describe());
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] a : m.arrays()) {
            b.asDoubleBuffer().get(a);
            b.position(b.position() + 8 * a.length);
        }
        return m;
    }

    private static byte[] pack(double[][] arrays, long parameters) {
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(8 * parameters)).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] a : arrays) {
            b.asDoubleBuffer().put(a);
            b.position(b.position() + 8 * a.length);
        }
        return b.array();
    }

    static CharRnn unpack(byte[] bytes, int hiddenSize, int vocabularySize) {
        CharRnn m = new CharRnn(hiddenSize, vocabularySize);
        if (bytes.length != 8 * m.parameterCount()) {
            throw new IllegalStateException("stored weights have " + bytes.length + " bytes, expected "
                    + 8 * m.parameterCount() + " for H=" + hiddenSize + ", V=" + vocabularySize);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] a : m.arrays()) {
            b.asDoubleBuffer().get(a);
            b.position(b.position() + 8 * a.length);
        }
        return m;
    }
}
