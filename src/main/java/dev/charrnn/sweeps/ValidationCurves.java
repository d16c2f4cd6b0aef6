package dev.charrnn.sweeps;

import dev.charrnn.records.ValidationPoint;
import dev.charrnn.records.ValidationPointRepository;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The validation curves of a sweep's runs, read in one query. */
@Component
class ValidationCurves {
    private final ValidationPointRepository points;

    ValidationCurves(ValidationPointRepository points) {
        this.points = points;
    }

    /** Run id -> its curve (runs without points: an empty one). */
    @Transactional(readOnly = true)
    Map<Long, Curve> of(Collection<Long> runIds) {
        Map<Long, List<Curve.Point>> byRun = new HashMap<>();
        runIds.forEach(id -> byRun.put(id, new ArrayList<>()));
        if (!runIds.isEmpty()) {
            for (ValidationPoint p : points.findByRuns(runIds)) {
                byRun.get(p.getRunId()).add(new Curve.Point(p.getIteration() + 1, p.getLossPerChar()));
            }
        }
        Map<Long, Curve> curves = new HashMap<>();
        byRun.forEach((id, list) -> curves.put(id, new Curve(list)));
        return curves;
    }
}
