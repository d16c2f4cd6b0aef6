package dev.charrnn.records;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Packs loss series as little-endian float64 and rebuilds smooth losses exactly as training computed them. */
public final class LossCodec {
    private LossCodec() {
    }

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

    /**
     * smooth_n = smooth_{n-1} * 0.999 + loss_n * 0.001, the trainer's own expression, so the result is
     * bit-identical to the smooth losses reported during training.
     */
    public static double[] smooth(double smoothStart, double[] raw) {
        double[] out = new double[raw.length];
        double s = smoothStart;
        for (int i = 0; i < raw.length; i++) {
            s = s * 0.999 + raw[i] * 0.001;
            out[i] = s;
        }
        return out;
    }
}
