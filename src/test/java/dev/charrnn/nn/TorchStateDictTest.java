package dev.charrnn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.charrnn.nn.ModelConfig.Cell;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class TorchStateDictTest {

    @ParameterizedTest(name = "{0} x {1}, embedding {2}")
    @CsvSource({"LSTM, 2, 0", "GRU, 1, 6", "RNN, 3, 0"})
    void roundTripsEveryBit(Cell cell, int layers, int embedding) {
        ModelConfig config =
                ModelConfig.reference().withCell(cell).withLayers(layers).withEmbeddingSize(embedding);
        StackedRnn m = StackedRnn.randomInit(config, 9, 11, new Rng(4));
        StackedRnn back = TorchStateDict.read(new ByteArrayInputStream(TorchStateDict.toBytes(m)));
        back.requireSameShape(m);
        for (int k = 0; k < m.arrays().length; k++) {
            assertThat(back.arrays()[k]).isEqualTo(m.arrays()[k]);
        }
        String json = new String(TorchStateDict.toBytes(m), StandardCharsets.UTF_8);
        var tree = JsonMapper.builder().build().readTree(json);
        // PyTorch's names and layouts: G*H x in rows for weight_ih_l0, flat biases
        assertThat(tree.get("rnn.weight_ih_l0").size()).isEqualTo(cell.gates * 9);
        assertThat(tree.get("rnn.weight_ih_l0").get(0).size()).isEqualTo(embedding > 0 ? embedding : 11);
        assertThat(tree.get("rnn.bias_hh_l0").get(0).isNumber()).isTrue();
        assertThat(tree.get("out.weight").size()).isEqualTo(11);
        assertThat(tree.has("embedding.weight")).isEqualTo(embedding > 0);
    }

    /** torch_charlm.py's dumps import here and evaluate to the loss PyTorch gives them ({@code evaluate.py}). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"lstm2-adam-final, LSTM, 2", "gru1-sgd-final, GRU, 1"})
    void loadsATorchDumpThatEvaluatesToPyTorchsLoss(String name, Cell cell, int layers) {
        StackedRnn m = StackedTorchGoldenTest.stateDict("/torch-golden/" + name + ".json");
        assertThat(m.cell).isEqualTo(cell);
        assertThat(m.layers).isEqualTo(layers);
        assertThat(m.H).isEqualTo(16);
        String corpus = NnFixtures.text("/torch-golden/corpus.txt");
        Vocabulary vocabulary = Vocabulary.of(corpus);
        assertThat(m.V).isEqualTo(vocabulary.size());
        double expected = JsonMapper.builder()
                .build()
                .readTree(NnFixtures.text("/torch-golden/evaluate.json"))
                .get(name)
                .doubleValue();
        Evaluation e = new StackedInference(m).evaluate(vocabulary.encode(corpus.substring(0, 400)));
        assertThat(e.predictions()).isEqualTo(399);
        assertThat(Math.abs(e.loss() - expected) / expected).isLessThan(1e-12);
    }

    @Test
    void badFilesAreRefusedWithTheTensorNamed() {
        assertRefused("[]", "JSON object");
        assertRefused("{\"out.weight\": [[1.0]]}", "rnn.weight_hh_l0");
        assertRefused("{\"out.weight\": [[1.0]], \"rnn.weight_hh_l0\": [[1.0],[1.0]]}", "not an RNN (H), GRU");
        StackedRnn m = StackedRnn.zeros(ModelConfig.reference().withCell(Cell.GRU), 2, 3);
        String ok = new String(TorchStateDict.toBytes(m), StandardCharsets.UTF_8);
        assertRefused(ok.replace("\"out.bias\":[0.0,0.0,0.0]", "\"out.bias\":[0.0,0.0]"), "out.bias has shape 2");
        assertRefused(ok.replace("\"out.bias\":[0.0,0.0,0.0]", "\"out.bias\":[0.0,\"x\",0.0]"), "out.bias[1]");
        assertRefused(ok.replace("{", "{\"rnn.weight_xx\": [],"), "unexpected tensors [rnn.weight_xx]");
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> TorchStateDict.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
