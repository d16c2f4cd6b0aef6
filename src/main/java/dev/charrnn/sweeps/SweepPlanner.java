package dev.charrnn.sweeps;

import dev.charrnn.corpus.CorpusService;
import dev.charrnn.runs.RunRequest;
import dev.charrnn.system.ApiException;
import dev.charrnn.system.ProblemText;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a sweep request into its plan, refusing what cannot run: the base and every value are read into a
 * {@link RunRequest} by the application's JSON mapper and bean validation, exactly as POST /api/runs reads its
 * body, so run request fields added later can be swept without change here.
 */
@Component
class SweepPlanner {
    /** Fields a sweep sets itself or that make no sense to vary. */
    private static final Set<String> NOT_SWEPT = Set.of("name", "corpus");

    private final RunRequestReader reader;
    private final CorpusService corpora;

    SweepPlanner(RunRequestReader reader, CorpusService corpora) {
        this.reader = reader;
        this.corpora = corpora;
    }

    /** An accepted sweep: the request with defaults filled in (what is stored) and its trials. */
    record Accepted(SweepRequest request, List<Map<String, JsonNode>> trials) {}

    Accepted accept(SweepRequest request) {
        ObjectNode base = base(request.base());
        reader.checked(base, "base");
        Map<String, SweepPlan.Domain> domains = new LinkedHashMap<>();
        request.parameters().forEach((field, p) -> domains.put(field, domain(base, field, p, request.method())));
        Long seed = request.seed();
        List<Map<String, JsonNode>> trials;
        if (request.method() == SweepRequest.Method.GRID) {
            long size = SweepPlan.gridSize(domains, SweepPlan.MAX_TRIALS);
            if (size < 0 && request.maxRuns() == null) {
                throw ApiException.badRequest("the grid has more than " + SweepPlan.MAX_TRIALS
                        + " combinations; give maxRuns (at most " + SweepPlan.MAX_TRIALS + ") to run the first ones");
            }
            trials = SweepPlan.grid(domains, request.maxRuns() == null ? SweepPlan.MAX_TRIALS : request.maxRuns());
        } else {
            if (request.maxRuns() == null) {
                throw ApiException.badRequest("maxRuns is required with method random: the number of draws");
            }
            seed = seed == null ? ThreadLocalRandom.current().nextLong(1L << 53) : seed;
            trials = SweepPlan.random(domains, seed, request.maxRuns());
        }
        List<RunRequest> runs =
                trials.stream().map(t -> reader.trial(base, t, "check")).toList();
        for (int i = 0; i < runs.size(); i++) {
            reader.checkModel(runs.get(i), "trial " + i + " " + trials.get(i));
        }
        SweepRequest.EarlyTermination rule = earlyTermination(request.earlyTermination(), runs);
        requireCorpora(runs);
        storeCorpus(base);
        SweepRequest accepted = new SweepRequest(
                request.name(),
                base,
                request.parameters(),
                request.method(),
                seed,
                trials.size(),
                request.maxConcurrent() == null ? SweepRequest.DEFAULT_MAX_CONCURRENT : request.maxConcurrent(),
                rule);
        return new Accepted(accepted, trials);
    }

    private static ObjectNode base(JsonNode base) {
        if (base == null || base.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!(base instanceof ObjectNode object)) {
            throw ApiException.badRequest("base must be a run request (a JSON object), got " + base.getNodeType());
        }
        if (object.has("name")) {
            throw ApiException.badRequest(
                    "base.name: the runs of a sweep are named after the sweep (\"name #k\"); give the sweep a name");
        }
        return object.deepCopy();
    }

    /** A text corpus is stored once, so that the stored sweep and every trial refer to it by id. */
    private void storeCorpus(ObjectNode base) {
        JsonNode text = base.get("corpus");
        if (text != null && text.isString()) {
            long id = corpora.store(text.asString()).id();
            base.remove("corpus");
            base.put("corpusId", id);
        }
    }

    private SweepPlan.Domain domain(
            ObjectNode base, String field, SweepRequest.Parameter p, SweepRequest.Method method) {
        String at = "parameters." + field;
        RecordComponent component = component(field);
        if (NOT_SWEPT.contains(field)) {
            throw ApiException.badRequest(at + ": " + field + " cannot be varied"
                    + (field.equals("corpus") ? " (store the texts and vary corpusId)" : ""));
        }
        boolean range = p.min() != null || p.max() != null;
        if (p.values() != null && (range || p.scale() != null)) {
            throw ApiException.badRequest(at + ": give either values or a range (min, max, scale), not both");
        }
        if (p.values() != null) {
            for (int i = 0; i < p.values().size(); i++) {
                reader.checked(with(base, field, p.values().get(i)), at + ".values[" + i + "]");
            }
            return new SweepPlan.Values(List.copyOf(p.values()));
        }
        if (!range) {
            throw ApiException.badRequest(at + ": give values ([...]) or a range (min and max)");
        }
        if (method == SweepRequest.Method.GRID) {
            throw ApiException.badRequest(at + ": a grid takes values; ranges are drawn from by method random");
        }
        if (p.min() == null || p.max() == null) {
            throw ApiException.badRequest(at + ": a range needs both min and max");
        }
        Class<?> type = component.getType();
        boolean integer = type == Integer.class || type == Long.class || type == int.class || type == long.class;
        if (!integer && type != Double.class && type != double.class) {
            throw ApiException.badRequest(at + ": " + field + " is not a number; give its values instead of a range");
        }
        double min = p.min();
        double max = p.max();
        if (!(min < max) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw ApiException.badRequest(at + ": min must be below max (got min " + min + ", max " + max + ")");
        }
        if (integer
                && (min != Math.rint(min) || max != Math.rint(max) || Math.abs(min) > 1e15 || Math.abs(max) > 1e15)) {
            throw ApiException.badRequest(at + ": " + field + " is an integer; min and max must be whole numbers");
        }
        boolean log = p.scale() == SweepRequest.Scale.LOG;
        if (log && min <= 0) {
            throw ApiException.badRequest(at + ": a log scale needs min > 0 (got " + min + ")");
        }
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        reader.checked(with(base, field, integer ? nodes.numberNode((long) min) : nodes.numberNode(min)), at + ".min");
        reader.checked(with(base, field, integer ? nodes.numberNode((long) max) : nodes.numberNode(max)), at + ".max");
        return new SweepPlan.Range(min, max, log, integer);
    }

    private static RecordComponent component(String field) {
        for (RecordComponent c : RunRequest.class.getRecordComponents()) {
            if (c.getName().equals(field)) {
                return c;
            }
        }
        throw ApiException.badRequest("parameters: unknown field " + ProblemText.quote(field) + "; a run request has "
                + java.util.Arrays.stream(RunRequest.class.getRecordComponents())
                        .map(RecordComponent::getName)
                        .filter(n -> !NOT_SWEPT.contains(n))
                        .collect(Collectors.joining(", ")));
    }

    /** Stored corpora named by the runs exist (else every run would be refused, one by one). */
    private void requireCorpora(List<RunRequest> runs) {
        runs.stream()
                .map(RunRequest::corpusId)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .forEach(id -> {
                    try {
                        corpora.get(id);
                    } catch (ApiException e) {
                        throw ApiException.badRequest("corpusId " + id + " does not exist");
                    }
                });
    }

    private SweepRequest.EarlyTermination earlyTermination(SweepRequest.EarlyTermination rule, List<RunRequest> runs) {
        if (rule == null) {
            return null;
        }
        for (RunRequest r : runs) {
            if (r.validationFraction() == null || r.validationFraction() <= 0) {
                throw ApiException.badRequest("earlyTermination watches the validation loss: every run needs "
                        + "validationFraction > 0 (set base.validationFraction)");
            }
        }
        if (rule.rule() == SweepRequest.Rule.MEDIAN) {
            if (rule.reductionFactor() != null) {
                throw ApiException.badRequest("earlyTermination.reductionFactor applies to rule asha only");
            }
            return new SweepRequest.EarlyTermination(
                    rule.rule(),
                    rule.minIterations() == null ? 0 : rule.minIterations(),
                    rule.minRuns() == null ? 3 : rule.minRuns(),
                    null);
        }
        if (rule.minRuns() != null) {
            throw ApiException.badRequest("earlyTermination.minRuns applies to rule median only");
        }
        if (rule.minIterations() == null || rule.minIterations() < 1) {
            throw ApiException.badRequest(
                    "earlyTermination.minIterations (the first rung, >= 1) is required with rule asha");
        }
        return new SweepRequest.EarlyTermination(
                rule.rule(), rule.minIterations(), null, rule.reductionFactor() == null ? 4.0 : rule.reductionFactor());
    }

    private static ObjectNode with(ObjectNode base, String field, JsonNode value) {
        ObjectNode node = base.deepCopy();
        node.set(field, value);
        return node;
    }
}
