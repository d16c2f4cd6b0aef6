package dev.charrnn.nn;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reference's weights file: {@code {"Wxh": [[..]..], "Whh": .., "Why": .., "bh": [[b0],[b1],..], "by": ..}},
 * nested row-major lists with the biases as column vectors.
 */
public final class SeedWeights {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] KEYS = {"Wxh", "Whh", "Why", "bh", "by"};

    private SeedWeights() {}

    public static void write(CharRnn m, OutputStream out) {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            int[][] shapes = shapes(m.H, m.V);
            double[][] arrays = m.arrays();
            for (int k = 0; k < KEYS.length; k++) {
                g.writeName(KEYS[k]);
                int rows = shapes[k][0];
                int cols = shapes[k][1];
                g.writeStartArray();
                for (int r = 0; r < rows; r++) {
                    g.writeArray(arrays[k], r * cols, cols);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (JacksonException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
    }

    public static byte[] toBytes(CharRnn m) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        write(m, out);
        return out.toByteArray();
    }

    /** Reads weights of any consistent shape (H from Whh, V from Why). */
    public static CharRnn read(InputStream in) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("weights are not valid JSON: " + e.getOriginalMessage());
        }
        return fromTree(root);
    }

    public static CharRnn fromTree(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("weights must be a JSON object with keys Wxh, Whh, Why, bh, by");
        }
        for (String key : KEYS) {
            if (!root.has(key)) {
                throw new IllegalArgumentException("weights lack the key " + key);
            }
        }
        int H = rowCount(root, "Whh");
        int V = rowCount(root, "Why");
        if (H < 1 || V < 1) {
            throw new IllegalArgumentException("weights need at least one hidden unit and one character");
        }
        CharRnn m = new CharRnn(H, V);
        int[][] shapes = shapes(H, V);
        double[][] arrays = m.arrays();
        for (int k = 0; k < KEYS.length; k++) {
            fill(root.get(KEYS[k]), KEYS[k], shapes[k][0], shapes[k][1], arrays[k]);
        }
        return m;
    }

    /** Reads weights and checks them against a vocabulary of {@code vocabSize} characters. */
    public static CharRnn read(InputStream in, int vocabSize) {
        CharRnn m = read(in);
        if (m.V != vocabSize) {
            throw new IllegalArgumentException("weights are shaped for " + m.V + " characters (Why " + m.V + "x" + m.H
                    + ", Wxh " + m.H + "x" + m.V + ") but the vocabulary has " + vocabSize + " (expected Why "
                    + vocabSize + "x" + m.H + ", Wxh " + m.H + "x" + vocabSize + ")");
        }
        return m;
    }

    private static int[][] shapes(int H, int V) {
        return new int[][] {{H, V}, {H, H}, {V, H}, {H, 1}, {V, 1}};
    }

    private static int rowCount(JsonNode root, String key) {
        JsonNode n = root.get(key);
        if (!n.isArray()) {
            throw new IllegalArgumentException(key + " must be a list of rows");
        }
        return n.size();
    }

    private static void fill(JsonNode node, String key, int rows, int cols, double[] out) {
        if (!node.isArray() || node.size() != rows) {
            throw new IllegalArgumentException(
                    key + " has shape " + describe(node) + ", expected " + rows + "x" + cols);
        }
        for (int r = 0; r < rows; r++) {
            JsonNode row = node.get(r);
            if (!row.isArray() || row.size() != cols) {
                throw new IllegalArgumentException(
                        key + " has shape " + describe(node) + ", expected " + rows + "x" + cols);
            }
            for (int c = 0; c < cols; c++) {
                JsonNode v = row.get(c);
                if (!v.isNumber()) {
                    throw new IllegalArgumentException(key + "[" + r + "][" + c + "] is not a number");
                }
                double d = v.doubleValue();
                if (!Double.isFinite(d)) {
                    throw new IllegalArgumentException(key + "[" + r + "][" + c + "] is not finite");
                }
                out[r * cols + c] = d;
            }
        }
    }

    private static String describe(JsonNode node) {
        if (!node.isArray()) {
            return "(not a list)";
        }
        JsonNode first = node.size() > 0 ? node.get(0) : null;
        return node.size() + "x" + (first != null && first.isArray() ? String.valueOf(first.size()) : "?");
    }
}
