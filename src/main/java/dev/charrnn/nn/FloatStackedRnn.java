package dev.charrnn.nn;

import dev.charrnn.nn.ModelConfig.Cell;

/**
 * A {@link StackedRnn}'s tensors in float32, same order and layout, for the float32 path
 * ({@link ModelConfig.Precision#FLOAT32}). Float to double and back is exact for every float, so a float model
 * travels in {@link StackedRnn} (checkpoints, exports, inference) without losing a bit.
 */
final class FloatStackedRnn {
    final Cell cell;
    final int layers;
    final int H;
    final int V;
    final int E;
    /** A model of the same shape, for its names, shapes and checks. */
    final StackedRnn shape;

    private final float[][] tensors;

    private FloatStackedRnn(StackedRnn shape) {
        this.shape = shape;
        this.cell = shape.cell;
        this.layers = shape.layers;
        this.H = shape.H;
        this.V = shape.V;
        this.E = shape.E;
        double[][] d = shape.arrays();
        tensors = new float[d.length][];
        for (int k = 0; k < d.length; k++) {
            tensors[k] = new float[d[k].length];
        }
    }

    /** m's values rounded to float. */
    static FloatStackedRnn of(StackedRnn m) {
        FloatStackedRnn f = new FloatStackedRnn(m);
        f.setFrom(m);
        return f;
    }

    FloatStackedRnn zerosLike() {
        return new FloatStackedRnn(shape);
    }

    /** Rounds every value of m to float. */
    void setFrom(StackedRnn m) {
        shape.requireSameShape(m);
        double[][] d = m.arrays();
        for (int k = 0; k < d.length; k++) {
            float[] t = tensors[k];
            double[] s = d[k];
            for (int i = 0; i < t.length; i++) {
                t[i] = (float) s[i];
            }
        }
    }

    /** Writes every value, exactly, into m. */
    void copyInto(StackedRnn m) {
        shape.requireSameShape(m);
        double[][] d = m.arrays();
        for (int k = 0; k < d.length; k++) {
            float[] s = tensors[k];
            double[] t = d[k];
            for (int i = 0; i < s.length; i++) {
                t[i] = s[i];
            }
        }
    }

    int inputSize(int l) {
        return shape.inputSize(l);
    }

    private int layerBase(int l) {
        return (E > 0 ? 1 : 0) + 4 * l;
    }

    float[] embedding() {
        return E > 0 ? tensors[0] : null;
    }

    float[] Wih(int l) {
        return tensors[layerBase(l)];
    }

    float[] Whh(int l) {
        return tensors[layerBase(l) + 1];
    }

    float[] bih(int l) {
        return tensors[layerBase(l) + 2];
    }

    float[] bhh(int l) {
        return tensors[layerBase(l) + 3];
    }

    float[] Wout() {
        return tensors[tensors.length - 2];
    }

    float[] bout() {
        return tensors[tensors.length - 1];
    }

    float[][] arrays() {
        return tensors;
    }

    void fillZeroInPlace() {
        for (float[] a : tensors) {
            java.util.Arrays.fill(a, 0f);
        }
    }

    void requireSameShape(FloatStackedRnn o) {
        shape.requireSameShape(o.shape);
    }

    String describe() {
        return shape.describe();
    }
}
