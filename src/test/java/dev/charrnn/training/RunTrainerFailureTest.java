package dev.charrnn.training;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.charrnn.nn.DefaultCorpus;
import dev.charrnn.records.CheckpointSpace;
import dev.charrnn.support.RunFixtures;
import dev.charrnn.system.CharrnnProperties;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/** What a failure while training does to the run: only the database's failures are retried. */
class RunTrainerFailureTest {
    private static final long RUN = 7;

    private final RunStore store = mock(RunStore.class);
    private final RunWriter writer = new RunWriter();
    private RunTrainer trainer;

    @BeforeEach
    void storedRun() {
        when(store.prepare(RUN))
                .thenReturn(new RunStore.Prepared(
                        RunFixtures.aRun().hiddenSize(8).numIterations(200).build(), DefaultCorpus.TEXT, null, false));
        CancelSignals cancels = mock(CancelSignals.class);
        when(cancels.register(anyLong(), anyBoolean())).thenReturn(new AtomicBoolean());
        // Every iteration hands a batch to the writer, so a failed write surfaces within the run.
        CharrnnProperties properties = CharrnnProperties.of(Map.of("loss-flush-interval", "0s"));
        trainer = new RunTrainer(
                store,
                cancels,
                writer,
                properties,
                mock(TrainingMetrics.class),
                mock(InitialWeights.class),
                mock(CheckpointSpace.class));
    }

    @AfterEach
    void stopWriter() {
        writer.destroy();
    }

    @Test
    void aFailureThatIsNotTheDatabaseEndsTheRunFailedWithItsMessage() {
        doThrow(new IllegalStateException("a bug in the writer")).when(store).write(any());

        trainer.execute(RUN, () -> false);

        verify(store).fail(RUN, "training failed: a bug in the writer");
    }

    @Test
    void aDatabaseFailureGoesBackToTheSchedulerToBeRetriedAndTheRunStaysOpen() {
        doThrow(new DataAccessResourceFailureException("connection refused"))
                .when(store)
                .write(any());

        assertThatThrownBy(() -> trainer.execute(RUN, () -> false))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(DataAccessResourceFailureException.class);
        verify(store, never()).fail(anyLong(), anyString());
    }
}
