package dev.charrnn.model;

import dev.charrnn.nn.ModelConfig;
import dev.charrnn.nn.StackedRnn;
import dev.charrnn.system.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A PyTorch state_dict as read by {@link ImportReader}, made into a stacked model: the cell follows from the gate
 * rows of rnn.weight_hh_l0 (H an RNN, 3H a GRU, 4H an LSTM), the layers from the rnn.weight_ih_l{l} present, the
 * embedding from embedding.weight; the vocabulary fixes V. As nn.TorchStateDict reads a file, with the service's
 * parameter limit checked before the model is allocated and every problem a 400 naming the tensor.
 */
final class TorchImport {
    private TorchImport() {}

    static StackedRnn model(Map<String, ImportReader.Matrix> sent, int V, long maxParameters) {
        ImportReader.Matrix hh = require(sent, "rnn.weight_hh_l0");
        int H = hh.firstRow();
        if (hh.vector() || H < 1 || hh.rows() % H != 0) {
            throw ApiException.badRequest(
                    "rnn.weight_hh_l0 has shape " + hh.shape() + "; expected G*H x H (H an RNN, 3H a GRU, 4H an LSTM)");
        }
        ModelConfig.Cell cell = switch (hh.rows() / H) {
            case 1 -> ModelConfig.Cell.RNN;
            case 3 -> ModelConfig.Cell.GRU;
            case 4 -> ModelConfig.Cell.LSTM;
            default ->
                throw ApiException.badRequest("rnn.weight_hh_l0 has " + hh.rows() + " rows for H=" + H
                        + ": not an RNN (H), GRU (3H) or LSTM (4H)");
        };
        int layers = 0;
        while (sent.containsKey("rnn.weight_ih_l" + layers)) {
            layers++;
        }
        if (layers < 1 || layers > ModelConfig.MAX_LAYERS) {
            throw ApiException.badRequest("weights have " + layers + " layers (rnn.weight_ih_l0 ..); 1.."
                    + ModelConfig.MAX_LAYERS + " are supported");
        }
        ImportReader.Matrix embedding = sent.get("embedding.weight");
        int E = embedding == null ? 0 : embedding.firstRow();
        if (embedding != null && (embedding.vector() || E < 1 || E > ModelConfig.MAX_EMBEDDING_SIZE)) {
            throw ApiException.badRequest("embedding.weight has shape " + embedding.shape() + ", expected " + V
                    + "xE with 1 <= E <= " + ModelConfig.MAX_EMBEDDING_SIZE);
        }
        ModelConfig architecture =
                ModelConfig.reference().withCell(cell).withLayers(layers).withEmbeddingSize(E);
        long parameters = architecture.parameterCount(H, V);
        if (parameters > maxParameters) {
            throw ApiException.badRequest("a " + cell.name().toLowerCase(Locale.ROOT) + " of " + layers + " x " + H
                    + " with " + V + " characters makes " + parameters
                    + " parameters; the limit (charrnn.max-parameters) is " + maxParameters);
        }
        StackedRnn m = new StackedRnn(cell, layers, H, V, E);
        List<String> unknown = new ArrayList<>(new TreeSet<>(sent.keySet()));
        unknown.removeAll(m.names());
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("unexpected tensors " + unknown + " for a " + m.describe() + " model");
        }
        for (int k = 0; k < m.arrays().length; k++) {
            String name = m.names().get(k);
            ImportReader.Matrix a = require(sent, name);
            int[] shape = m.shape(k);
            boolean fits = shape.length == 1
                    ? a.vector() && a.rows() == shape[0]
                    : !a.vector() && !a.ragged() && a.rows() == shape[0] && a.firstRow() == shape[1];
            if (!fits) {
                throw ApiException.badRequest(name + " has shape " + a.shape()
                        + (a.ragged() ? " with rows of different lengths" : "") + ", expected "
                        + (shape.length == 1 ? String.valueOf(shape[0]) : shape[0] + "x" + shape[1]) + " for a "
                        + m.describe() + " model");
            }
            System.arraycopy(a.values(), 0, m.arrays()[k], 0, m.arrays()[k].length);
        }
        return m;
    }

    private static ImportReader.Matrix require(Map<String, ImportReader.Matrix> sent, String name) {
        ImportReader.Matrix m = sent.get(name);
        if (m == null) {
            throw ApiException.badRequest("weights lack the tensor " + name);
        }
        return m;
    }
}
