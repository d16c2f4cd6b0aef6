package dev.charrnn.nn;

import dev.charrnn.nn.ModelConfig.Cell;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of a stacked character model in PyTorch's layout, float64, flat row-major arrays:
 * <pre>
 *   x_t = E[ix_t] (embedding.weight: V x E), or one-hot (V) when E = 0
 *   layer l:  Wih: G*H x in_l   Whh: G*H x H   bih, bhh: G*H     (in_0 = E or V, in_l = H; G = cell.gates)
 *   y_t = Wout h_t + bout                   Wout (out.weight): V x H, bout (out.bias): V
 * </pre>
 * with the gate blocks along the rows in PyTorch's order (LSTM i, f, g, o; GRU r, z, n). The tensors are kept in
 * {@code state_dict} order (embedding.weight, then per layer weight_ih, weight_hh, bias_ih, bias_hh, then out.weight
 * and out.bias); the same shape holds gradients and optimizer moments ({@link #zerosLike()}).
 */
public final class StackedRnn {
    public final Cell cell;
    public final int layers;
    public final int H;
    public final int V;
    /** Embedding size; 0 for one-hot input. */
    public final int E;

    private final double[][] tensors;
    private final String[] names;
    private final int[][] shapes;

    public StackedRnn(Cell cell, int layers, int hiddenSize, int vocabSize, int embeddingSize) {
        if (cell == null || layers < 1 || hiddenSize < 1 || vocabSize < 1 || embeddingSize < 0) {
            throw new IllegalArgumentException("invalid model shape: cell " + cell + ", layers " + layers + ", H="
                    + hiddenSize + ", V=" + vocabSize + ", E=" + embeddingSize);
        }
        this.cell = cell;
        this.layers = layers;
        this.H = hiddenSize;
        this.V = vocabSize;
        this.E = embeddingSize;
        List<String> n = new ArrayList<>();
        List<int[]> s = new ArrayList<>();
        if (E > 0) {
            n.add("embedding.weight");
            s.add(new int[] {V, E});
        }
        int GH = cell.gates * H;
        for (int l = 0; l < layers; l++) {
            n.add("rnn.weight_ih_l" + l);
            s.add(new int[] {GH, inputSize(l)});
            n.add("rnn.weight_hh_l" + l);
            s.add(new int[] {GH, H});
            n.add("rnn.bias_ih_l" + l);
            s.add(new int[] {GH});
            n.add("rnn.bias_hh_l" + l);
            s.add(new int[] {GH});
        }
        n.add("out.weight");
        s.add(new int[] {V, H});
        n.add("out.bias");
        s.add(new int[] {V});
        this.names = n.toArray(String[]::new);
        this.shapes = s.toArray(int[][]::new);
        this.tensors = new double[names.length][];
        for (int k = 0; k < names.length; k++) {
            long size = 1;
            for (int d : shapes[k]) {
                size *= d;
            }
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(
                        names[k] + " of shape " + java.util.Arrays.toString(shapes[k]) + " is too large");
            }
            tensors[k] = new double[(int) size];
        }
    }

    /** The model {@code config} describes, zero-filled. */
    public static StackedRnn zeros(ModelConfig config, int hiddenSize, int vocabSize) {
        return new StackedRnn(config.cell(), config.layers(), hiddenSize, vocabSize, config.embeddingSize());
    }

    /**
     * PyTorch's default initialisation, drawn from {@code rng} in tensor order: every recurrent and output weight
     * and bias ~ U(-1/sqrt(H), 1/sqrt(H)); the embedding ~ N(0, 1).
     */
    public static StackedRnn randomInit(ModelConfig config, int hiddenSize, int vocabSize, Rng rng) {
        StackedRnn m = zeros(config, hiddenSize, vocabSize);
        double k = 1.0 / Math.sqrt(hiddenSize);
        for (int t = 0; t < m.tensors.length; t++) {
            double[] a = m.tensors[t];
            boolean embedding = m.E > 0 && t == 0;
            for (int i = 0; i < a.length; i++) {
                a[i] = embedding ? rng.nextGaussian() : (2.0 * rng.nextDouble() - 1.0) * k;
            }
        }
        return m;
    }

    /** Input width of layer l: E (or V for one-hot) for the first, H above. */
    public int inputSize(int l) {
        return l > 0 ? H : (E > 0 ? E : V);
    }

    private int layerBase(int l) {
        return (E > 0 ? 1 : 0) + 4 * l;
    }

    /** embedding.weight, V x E; null for one-hot input. */
    public double[] embedding() {
        return E > 0 ? tensors[0] : null;
    }

    /** rnn.weight_ih_l{l}, G*H x in_l. */
    public double[] Wih(int l) {
        return tensors[layerBase(l)];
    }

    /** rnn.weight_hh_l{l}, G*H x H. */
    public double[] Whh(int l) {
        return tensors[layerBase(l) + 1];
    }

    /** rnn.bias_ih_l{l}, G*H. */
    public double[] bih(int l) {
        return tensors[layerBase(l) + 2];
    }

    /** rnn.bias_hh_l{l}, G*H. */
    public double[] bhh(int l) {
        return tensors[layerBase(l) + 3];
    }

    /** out.weight, V x H. */
    public double[] Wout() {
        return tensors[tensors.length - 2];
    }

    /** out.bias, V. */
    public double[] bout() {
        return tensors[tensors.length - 1];
    }

    /** The tensors in state_dict order (live arrays). */
    public double[][] arrays() {
        return tensors;
    }

    /** PyTorch state_dict names, in the order of {@link #arrays()}. */
    public List<String> names() {
        return List.of(names);
    }

    /** The shape of tensor k (PyTorch's: rows x cols, or a length for a bias). */
    public int[] shape(int k) {
        return shapes[k].clone();
    }

    public long parameterCount() {
        long n = 0;
        for (double[] a : tensors) {
            n += a.length;
        }
        return n;
    }

    public StackedRnn zerosLike() {
        return new StackedRnn(cell, layers, H, V, E);
    }

    public StackedRnn copy() {
        StackedRnn c = zerosLike();
        copyInto(c);
        return c;
    }

    public void copyInto(StackedRnn target) {
        requireSameShape(target);
        for (int k = 0; k < tensors.length; k++) {
            System.arraycopy(tensors[k], 0, target.tensors[k], 0, tensors[k].length);
        }
    }

    public void fillZeroInPlace() {
        for (double[] a : tensors) {
            java.util.Arrays.fill(a, 0.0);
        }
    }

    public void requireSameShape(StackedRnn o) {
        if (o.cell != cell || o.layers != layers || o.H != H || o.V != V || o.E != E) {
            throw new IllegalArgumentException("shape mismatch: " + describe() + " vs " + o.describe());
        }
    }

    /** E.g. "lstm 2 x 128, V=65, one-hot". */
    public String describe() {
        return ModelConfig.name(cell) + " " + layers + " x " + H + ", V=" + V
                + (E > 0 ? ", embedding " + E : ", one-hot");
    }
}
