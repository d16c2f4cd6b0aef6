package dev.charrnn.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.nn.ModelConfig.Cell;
import dev.charrnn.nn.ModelConfig.Optimizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seeded regression of the batched trainer with every option the golden tests leave out (embedding, dropout,
 * AdamW, warm-up and cosine, element-wise clipping, samples): values recorded from this implementation after it
 * matched PyTorch, so any change in the maths, the RNG's use or the loader shows here.
 */
class StackedTrainerRegressionTest {

    static StackedTrainer lstm() {
        ModelConfig model = ModelConfig.reference()
                .withCell(Cell.LSTM)
                .withLayers(2)
                .withEmbeddingSize(8)
                .withBatchSize(3)
                .withDropout(0.25)
                .withOptimizer(Optimizer.ADAM)
                .withWeightDecay(0.01)
                .withCosine(5, 1e-3)
                .withClipping(2.0, 0);
        TrainingConfig config = new TrainingConfig(12, 10, 40, 0.01, 20, 30, 9, List.of(1.0, 0.5));
        Vocabulary v = Vocabulary.of(DefaultCorpus.TEXT);
        return StackedTrainer.start(config, model, v, v.encode(DefaultCorpus.TEXT), null, null);
    }

    @Test
    void recordedLosses() {
        List<Trainer.Step> steps = NnFixtures.drain(lstm());
        assertThat(steps).hasSize(40);
        assertThat(steps.get(0).loss()).isEqualTo(32.09488788328229);
        assertThat(steps.get(39).loss()).isEqualTo(29.25113464133906);
        assertThat(steps.get(39).smoothLoss()).isEqualTo(31.708417237644536);
        assertThat(steps.get(20).samples())
                .extracting(Trainer.TrainingSample::temperature)
                .containsExactly(1.0, 0.5);
    }

    @Test
    void aTwinRunGivesTheSameLossesSamplesAndWeights() {
        StackedTrainer a = lstm();
        StackedTrainer b = lstm();
        List<Trainer.Step> sa = NnFixtures.drain(a);
        List<Trainer.Step> sb = NnFixtures.drain(b);
        for (int n = 0; n < sa.size(); n++) {
            assertThat(sa.get(n).loss()).isEqualTo(sb.get(n).loss());
            assertThat(sa.get(n).samples()).isEqualTo(sb.get(n).samples());
        }
        for (int k = 0; k < a.model().arrays().length; k++) {
            assertThat(a.model().arrays()[k]).isEqualTo(b.model().arrays()[k]);
        }
        assertThat(a.generateSamples(2, 30)).isEqualTo(b.generateSamples(2, 30));
    }
}
