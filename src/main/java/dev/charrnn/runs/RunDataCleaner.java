package dev.charrnn.runs;

import dev.charrnn.records.BestCheckpointRepository;
import dev.charrnn.records.CheckpointRepository;
import dev.charrnn.records.GeneratedSampleRepository;
import dev.charrnn.records.LossChunkRepository;
import dev.charrnn.records.TrainingSampleRepository;
import org.springframework.stereotype.Component;

/** Removes everything a run recorded (its row goes last). */
@Component
class RunDataCleaner {
    private final LossChunkRepository losses;
    private final TrainingSampleRepository samples;
    private final GeneratedSampleRepository generated;
    private final CheckpointRepository checkpoints;
    private final BestCheckpointRepository bestCheckpoints;

    RunDataCleaner(
            LossChunkRepository losses,
            TrainingSampleRepository samples,
            GeneratedSampleRepository generated,
            CheckpointRepository checkpoints,
            BestCheckpointRepository bestCheckpoints) {
        this.bestCheckpoints = bestCheckpoints;
        this.losses = losses;
        this.samples = samples;
        this.generated = generated;
        this.checkpoints = checkpoints;
    }

    void deleteRunData(long runId) {
        losses.deleteByRun(runId);
        samples.deleteByRun(runId);
        generated.deleteByRun(runId);
        checkpoints.deleteById(runId);
        bestCheckpoints.deleteById(runId);
    }
}
