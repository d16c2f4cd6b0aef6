package dev.charrnn.records;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Packs loss series as little-endian float64. Smooth losses are not stored: {@link dev.charrnn.nn.SmoothLoss#series}
 * rebuilds them exactly as training computed them.
 */
public final class LossCodec {
    private LossCodec() {}

    public static byte[] pack(double[] values, int count) {
        ByteBuffer b = ByteBuffer.allocate(8 * count).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values, 0, count);
        return b.array();
    }

    public static double[] unpack(byte[] bytes) {
        double[] out = new double[bytes.length / 8];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
        return out;
    }
}
