package dev.charrnn.nn;

import dev.charrnn.nn.ModelConfig.Cell;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stacked models' weights file: PyTorch's {@code state_dict} as JSON, tensor name to nested lists
 * ({@code rnn.weight_ih_l0}: G*H x in rows, biases flat lists, {@code out.weight} V x H, {@code out.bias} V,
 * {@code embedding.weight} V x E when the model has one). What {@code torch_charlm.py --dump-weights} writes and what
 * {@code model.load_state_dict({k: torch.tensor(v) ...})} reads. The cell follows from the gate rows: 4H an LSTM,
 * 3H a GRU, H a tanh RNN.
 */
public final class TorchStateDict {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TorchStateDict() {}

    public static void write(StackedRnn m, OutputStream out) {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            double[][] arrays = m.arrays();
            for (int k = 0; k < arrays.length; k++) {
                g.writeName(m.names().get(k));
                int[] shape = m.shape(k);
                if (shape.length == 1) {
                    g.writeArray(arrays[k], 0, arrays[k].length);
                    continue;
                }
                g.writeStartArray();
                for (int r = 0; r < shape[0]; r++) {
                    g.writeArray(arrays[k], r * shape[1], shape[1]);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (JacksonException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
    }

    public static byte[] toBytes(StackedRnn m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(m, out);
        return out.toByteArray();
    }

    /** Reads a state_dict of any consistent shape; every tensor must be present, finite and shaped as PyTorch's. */
    public static StackedRnn read(InputStream in) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("weights are not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("weights must be a JSON object of PyTorch state_dict names");
        }
        JsonNode out = require(root, "out.weight");
        JsonNode hh = require(root, "rnn.weight_hh_l0");
        int V = out.size();
        int H = hh.size() > 0 && hh.get(0).isArray() ? hh.get(0).size() : 0;
        if (V < 1 || H < 1 || hh.size() % H != 0) {
            throw new IllegalArgumentException("rnn.weight_hh_l0 of shape " + describe(hh) + " and out.weight of shape "
                    + describe(out) + " do not describe a model (expected G*H x H and V x H)");
        }
        Cell cell = switch (hh.size() / H) {
            case 1 -> Cell.RNN;
            case 3 -> Cell.GRU;
            case 4 -> Cell.LSTM;
            default ->
                throw new IllegalArgumentException("rnn.weight_hh_l0 has " + hh.size() + " rows for H=" + H
                        + ": not an RNN (H), GRU (3H) or LSTM (4H)");
        };
        int layers = 0;
        while (root.has("rnn.weight_ih_l" + layers)) {
            layers++;
        }
        if (layers < 1 || layers > ModelConfig.MAX_LAYERS) {
            throw new IllegalArgumentException("weights have " + layers + " layers (rnn.weight_ih_l0 ..); 1.."
                    + ModelConfig.MAX_LAYERS + " are supported");
        }
        JsonNode emb = root.get("embedding.weight");
        int E = emb == null
                ? 0
                : (emb.size() > 0 && emb.get(0).isArray() ? emb.get(0).size() : -1);
        if (E < 0 || (emb != null && E == 0)) {
            throw new IllegalArgumentException("embedding.weight has shape " + describe(emb) + ", expected V x E");
        }
        StackedRnn m = new StackedRnn(cell, layers, H, V, E);
        List<String> unknown = new ArrayList<>();
        root.propertyNames().forEach(name -> {
            if (!m.names().contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unexpected tensors " + unknown + " for a " + m.describe() + " model");
        }
        for (int k = 0; k < m.arrays().length; k++) {
            String name = m.names().get(k);
            fill(require(root, name), name, m.shape(k), m.arrays()[k]);
        }
        return m;
    }

    private static JsonNode require(JsonNode root, String name) {
        JsonNode n = root.get(name);
        if (n == null) {
            throw new IllegalArgumentException("weights lack the tensor " + name);
        }
        if (!n.isArray()) {
            throw new IllegalArgumentException(name + " must be a list");
        }
        return n;
    }

    private static void fill(JsonNode node, String name, int[] shape, double[] out) {
        int rows = shape[0];
        int cols = shape.length == 2 ? shape[1] : 1;
        String expected = shape.length == 2 ? rows + "x" + cols : String.valueOf(rows);
        if (node.size() != rows) {
            throw new IllegalArgumentException(name + " has shape " + describe(node) + ", expected " + expected);
        }
        for (int r = 0; r < rows; r++) {
            JsonNode row = node.get(r);
            if (shape.length == 1) {
                out[r] = number(row, name + "[" + r + "]");
                continue;
            }
            if (!row.isArray() || row.size() != cols) {
                throw new IllegalArgumentException(name + " has shape " + describe(node) + ", expected " + expected);
            }
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = number(row.get(c), name + "[" + r + "][" + c + "]");
            }
        }
    }

    private static double number(JsonNode v, String where) {
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException(where + " is not a number");
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(where + " is not finite");
        }
        return d;
    }

    private static String describe(JsonNode node) {
        if (node == null || !node.isArray()) {
            return "(not a list)";
        }
        JsonNode first = node.size() > 0 ? node.get(0) : null;
        return node.size() + (first != null && first.isArray() ? "x" + first.size() : "");
    }
}
