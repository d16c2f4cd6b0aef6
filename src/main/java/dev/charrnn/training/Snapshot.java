package dev.charrnn.training;

import dev.charrnn.nn.StackedTrainer;
import dev.charrnn.nn.Trainer;
import dev.charrnn.nn.TrainingLoop;
import java.util.function.Supplier;

/**
 * A checkpoint taken on the training thread (a copy of the state after iteration {@code iteration} - 1), serialised
 * later by the writer thread: the reference's TrainingState or a stacked model's StackedTrainingState.
 */
record Snapshot(int iteration, Supplier<byte[]> bytes) {

    static Snapshot of(TrainingLoop trainer) {
        if (trainer instanceof Trainer t) {
            var state = t.checkpoint();
            return new Snapshot(state.iteration(), state::toBytes);
        }
        var state = ((StackedTrainer) trainer).checkpoint();
        return new Snapshot(state.iteration(), state::toBytes);
    }

    byte[] toBytes() {
        return bytes.get();
    }
}
