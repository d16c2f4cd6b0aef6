package dev.charrnn.events;

import dev.charrnn.records.TrainingSample;
import dev.charrnn.records.TrainingSampleRepository;
import dev.charrnn.runs.TrainingRun;
import dev.charrnn.runs.TrainingRunRepository;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The database reads behind live events: whichever instance trains a run, its rows tell where it stands. */
@Component
class RunEventSource {
    private final TrainingRunRepository runs;
    private final TrainingSampleRepository samples;

    RunEventSource(TrainingRunRepository runs, TrainingSampleRepository samples) {
        this.runs = runs;
        this.samples = samples;
    }

    /** A recorded sample with the id that orders it. */
    record SampleRow(long id, RunEvent.Sample event) {}

    @Transactional(readOnly = true)
    public Optional<RunSnapshot> run(long id) {
        return runs.findById(id).map(RunSnapshot::of);
    }

    /** The runs that still exist among {@code ids}. */
    @Transactional(readOnly = true)
    public Map<Long, RunSnapshot> runs(Collection<Long> ids) {
        Map<Long, RunSnapshot> out = new HashMap<>();
        for (TrainingRun r : runs.findAllById(ids)) {
            out.put(r.getId(), RunSnapshot.of(r));
        }
        return out;
    }

    /** The id of the run's latest sample, 0 when it has none: a new subscriber's starting point. */
    @Transactional(readOnly = true)
    public long lastSampleId(long runId) {
        return samples.lastId(runId);
    }

    @Transactional(readOnly = true)
    public List<SampleRow> samplesAfter(long runId, long afterId) {
        return samples.findByRunIdAndIdGreaterThanOrderByIdAsc(runId, afterId).stream()
                .map(RunEventSource::row)
                .toList();
    }

    private static SampleRow row(TrainingSample s) {
        return new SampleRow(
                s.getId(), new RunEvent.Sample(s.getIteration(), s.getLoss(), s.getTemperature(), s.getText()));
    }
}
