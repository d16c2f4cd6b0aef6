package dev.charrnn.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.corpus.CorpusRepository;
import dev.charrnn.nn.ModelConfig;
import dev.charrnn.support.RunFixtures;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.jdbc.core.JdbcTemplate;

/** The model configuration in training_run's columns (V8): lowercase names, and old rows read as the reference. */
@DataJpaTest
class ModelColumnsTest {
    @Autowired
    TrainingRunRepository runs;

    @Autowired
    CorpusRepository corpora;

    @Autowired
    TestEntityManager em;

    @Autowired
    DataSource dataSource;

    @Test
    void aRowWrittenWithoutTheModelColumnsIsTheReferenceConfiguration() {
        long corpusId = RunFixtures.corpus(corpora, "hello world");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // the columns a run had before V8
        jdbc.update(
                "insert into training_run (status, corpus_id, hidden_size, seq_length, num_iterations, "
                        + "learning_rate, sample_every, sample_length, seed, sample_temperatures, vocabulary_size, iteration, "
                        + "training_millis, cancel_requested, created_at) values ('SUCCEEDED', ?, 16, 25, 100, 0.1, 100, 100, "
                        + "42, '1.0', 8, 100, 0, false, current_timestamp)",
                corpusId);
        long id = jdbc.queryForObject("select max(id) from training_run", Long.class);
        em.clear();
        TrainingRun run = runs.findById(id).orElseThrow();
        assertThat(run.getModel()).isEqualTo(ModelConfig.reference());
        assertThat(run.getModel().isReference()).isTrue();
    }

    @Test
    void aStackedConfigurationRoundTripsWithLowercaseNames() {
        long corpusId = RunFixtures.corpus(corpora, "hello world");
        ModelConfig lstm = ModelConfig.reference()
                .withCell(ModelConfig.Cell.LSTM)
                .withLayers(3)
                .withEmbeddingSize(12)
                .withBatchSize(7)
                .withDropout(0.25)
                .withOptimizer(ModelConfig.Optimizer.ADAM)
                .withWeightDecay(0.01)
                .withCosine(10, 1e-4)
                .withClipping(0, 1.5);
        TrainingRun run = RunFixtures.aRun().on(corpusId, 8).build();
        run.trainModel(lstm);
        long id = runs.saveAndFlush(run).getId();
        em.clear();
        assertThat(runs.findById(id).orElseThrow().getModel()).isEqualTo(lstm);
        Map<String, Object> row = new JdbcTemplate(dataSource)
                .queryForMap("select cell, optimizer, precision from training_run where id = ?", id);
        assertThat(row.values()).containsExactly("lstm", "adam", "float64");
    }
}
