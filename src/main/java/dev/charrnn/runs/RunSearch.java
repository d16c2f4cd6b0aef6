package dev.charrnn.runs;

import dev.charrnn.nn.ModelConfig;
import dev.charrnn.system.ApiException;
import dev.charrnn.system.ProblemText;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/**
 * {@code GET /api/runs}: the filters and sorts a list query may name, turned into one native query (the filters are
 * ANDed; a parameter given twice, such as two tags, asks for both). Unknown parameters, fields and values are 400s
 * that name them: a typo would otherwise silently list every run.
 */
@Component
class RunSearch {
    /** Sortable fields and their columns. */
    static final Map<String, String> SORTS = Map.of(
            "createdAt", "created_at",
            "bestValidationLossPerChar", "best_validation_loss_per_char",
            "finalLoss", "final_loss",
            "charsPerSecond", "chars_per_second",
            "trainingSeconds", "training_millis",
            "id", "id");

    /** Sortable columns that always hold a value. */
    private static final Set<String> NOT_NULL = Set.of("created_at", "training_millis", "id");

    /** Filters on a column by equality, with the type of their values. */
    private static final Map<String, Column> EQUALS = Map.ofEntries(
            Map.entry("hiddenSize", new Column("hidden_size", Integer.class)),
            Map.entry("seqLength", new Column("seq_length", Integer.class)),
            Map.entry("numIterations", new Column("num_iterations", Integer.class)),
            Map.entry("learningRate", new Column("learning_rate", Double.class)),
            Map.entry("corpusId", new Column("corpus_id", Long.class)),
            Map.entry("evalEvery", new Column("eval_every", Integer.class)),
            Map.entry("initRunId", new Column("init_run_id", Long.class)),
            Map.entry("sweepId", new Column("sweep_id", Long.class)),
            Map.entry("layers", new Column("layers", Integer.class)),
            Map.entry("batchSize", new Column("batch_size", Integer.class)),
            Map.entry("embeddingSize", new Column("embedding_size", Integer.class)));

    /** Filters on a model choice, stored as the enum's lowercase name (as requests give it). */
    private static final Map<String, Choice> CHOICES = Map.of(
            "cell", new Choice("cell", ModelConfig.Cell.class),
            "optimizer", new Choice("optimizer", ModelConfig.Optimizer.class),
            "precision", new Choice("precision", ModelConfig.Precision.class));

    static final Set<String> PARAMETERS;

    static {
        List<String> names = new ArrayList<>(List.of("page", "size", "sort", "status", "stopReason", "tag", "q"));
        names.addAll(EQUALS.keySet());
        names.addAll(CHOICES.keySet());
        PARAMETERS = Set.copyOf(names);
    }

    private record Column(String name, Class<?> type) {}

    private record Choice(String column, Class<? extends Enum<?>> type) {
        String stored(String parameter, String value) {
            for (Enum<?> e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(value)) {
                    return e.name().toLowerCase(Locale.ROOT);
                }
            }
            throw ApiException.badRequest(parameter + " " + ProblemText.quote(value) + " is not one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(e -> e.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", ")));
        }
    }

    private final EntityManager entities;

    RunSearch(EntityManager entities) {
        this.entities = entities;
    }

    record Found(List<TrainingRun> runs, long total) {}

    Found find(MultiValueMap<String, String> parameters, int page, int size) {
        for (String name : parameters.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw ApiException.badRequest("unknown parameter " + ProblemText.quote(name) + "; runs are filtered by "
                        + String.join(", ", sorted(PARAMETERS)));
            }
        }
        List<String> where = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> statuses = values(parameters, "status");
        if (!statuses.isEmpty()) {
            where.add("r.status in (:status)");
            values.put(
                    "status",
                    statuses.stream()
                            .map(s -> enumName("status", s, RunStatus.class))
                            .toList());
        }
        List<String> reasons = values(parameters, "stopReason");
        if (!reasons.isEmpty()) {
            // a finished run without a recorded reason ended for what its status says (as its view shows)
            // (an unfinished run has none, even one asked to stop for a reason)
            where.add("r.status in ('SUCCEEDED', 'FAILED', 'CANCELLED') and coalesce(r.stop_reason, case r.status "
                    + "when 'SUCCEEDED' then 'COMPLETED' when 'CANCELLED' then 'CANCELLED' when 'FAILED' then 'FAILED' "
                    + "end) in (:stopReason)");
            values.put(
                    "stopReason",
                    reasons.stream()
                            .map(s -> enumName("stopReason", s, StopReason.class))
                            .toList());
        }
        List<String> tags = parameters.getOrDefault("tag", List.of());
        for (int i = 0; i < tags.size(); i++) {
            where.add("exists (select 1 from run_tag t where t.run_id = r.id and t.tag = :tag" + i + ")");
            values.put("tag" + i, tags.get(i));
        }
        String q = parameters.getFirst("q");
        if (q != null && !q.isEmpty()) {
            where.add("lower(r.name) like :q escape '\\'");
            values.put("q", "%" + q.toLowerCase(Locale.ROOT).replaceAll("([\\\\%_])", "\\\\$1") + "%");
        }
        EQUALS.forEach((name, column) -> {
            List<String> given = values(parameters, name);
            if (!given.isEmpty()) {
                where.add("r." + column.name() + " in (:" + name + ")");
                values.put(
                        name,
                        given.stream().map(v -> number(name, v, column.type())).toList());
            }
        });
        CHOICES.forEach((name, choice) -> {
            List<String> given = values(parameters, name);
            if (!given.isEmpty()) {
                where.add("r." + choice.column() + " in (:" + name + ")");
                values.put(name, given.stream().map(v -> choice.stored(name, v)).toList());
            }
        });
        String condition = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        String order = orderBy(parameters.getOrDefault("sort", List.of()));

        Query select =
                entities.createNativeQuery("select r.* from training_run r" + condition + order, TrainingRun.class);
        Query count = entities.createNativeQuery("select count(*) from training_run r" + condition);
        values.forEach((name, value) -> {
            select.setParameter(name, value);
            count.setParameter(name, value);
        });
        select.setFirstResult(page * size);
        select.setMaxResults(size);
        @SuppressWarnings("unchecked")
        List<TrainingRun> runs = select.getResultList();
        long total = ((Number) count.getSingleResult()).longValue();
        return new Found(runs, total);
    }

    /** Spring Data's {@code sort=field,asc}: repeatable; descending by default; ties and nulls last, newest first. */
    static String orderBy(List<String> sorts) {
        List<String> terms = new ArrayList<>();
        for (String sort : sorts) {
            String[] parts = sort.split(",", -1);
            if (parts.length > 2) {
                throw ApiException.badRequest(
                        "sort " + ProblemText.quote(sort) + " must be field or field,asc or field,desc");
            }
            String column = SORTS.get(parts[0].trim());
            if (column == null) {
                throw ApiException.badRequest("cannot sort by " + ProblemText.quote(parts[0]) + "; sortable fields: "
                        + String.join(", ", sorted(SORTS.keySet())));
            }
            String direction = parts.length == 1 ? "asc" : parts[1].trim().toLowerCase(Locale.ROOT);
            if (!direction.equals("asc") && !direction.equals("desc")) {
                throw ApiException.badRequest(
                        "sort direction " + ProblemText.quote(parts[1]) + " must be asc or desc (in " + sort + ")");
            }
            // runs without the value (unfinished, no validation split) come after those with one, either way; the
            // columns that always have one are sorted plainly, which their index serves page by page
            terms.add("r." + column + " " + direction + (NOT_NULL.contains(column) ? "" : " nulls last"));
        }
        terms.add("r.id desc");
        return " order by " + String.join(", ", terms);
    }

    /** The values of a parameter; a comma separates several in one ({@code status=QUEUED,RUNNING}). */
    private static List<String> values(MultiValueMap<String, String> parameters, String name) {
        return parameters.getOrDefault(name, List.of()).stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .toList();
    }

    private static <E extends Enum<E>> String enumName(String parameter, String value, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e.name();
            }
        }
        throw ApiException.badRequest(parameter + " " + ProblemText.quote(value) + " is not one of "
                + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
    }

    private static Object number(String parameter, String value, Class<?> type) {
        try {
            if (type == Integer.class) {
                return Integer.valueOf(value);
            }
            if (type == Long.class) {
                return Long.valueOf(value);
            }
            double d = Double.parseDouble(value);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(
                    parameter + " must be " + (type == Double.class ? "a finite number" : "an " + "integer") + ", got "
                            + ProblemText.quote(value));
        }
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
