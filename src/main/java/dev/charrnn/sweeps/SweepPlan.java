package dev.charrnn.sweeps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A sweep's trials: the value each varied field takes in each run, worked out once when the sweep is accepted.
 * Fields are taken in the request's order; the draws of a random sweep come from {@code java.util.Random(seed)},
 * trial after trial and field after field, so a seed always gives the same plan.
 */
final class SweepPlan {
    static final int MAX_TRIALS = 1000;

    private SweepPlan() {}

    /** What one field ranges over. */
    sealed interface Domain permits Values, Range {}

    record Values(List<JsonNode> values) implements Domain {}

    /** [min, max]; integer fields draw integers, both ends included. */
    record Range(double min, double max, boolean log, boolean integer) implements Domain {}

    /** Every combination of the values (the last field varies fastest), the first {@code maxRuns} of them. */
    static List<Map<String, JsonNode>> grid(Map<String, Domain> fields, int maxRuns) {
        List<Map<String, JsonNode>> trials = new ArrayList<>();
        trials.add(new LinkedHashMap<>());
        for (Map.Entry<String, Domain> field : fields.entrySet()) {
            if (!(field.getValue() instanceof Values values)) {
                throw new IllegalArgumentException("a grid takes values only: " + field.getKey());
            }
            List<Map<String, JsonNode>> next = new ArrayList<>();
            for (Map<String, JsonNode> trial : trials) {
                for (JsonNode value : values.values()) {
                    Map<String, JsonNode> extended = new LinkedHashMap<>(trial);
                    extended.put(field.getKey(), value);
                    next.add(extended);
                }
            }
            trials = next;
        }
        return trials.size() > maxRuns ? List.copyOf(trials.subList(0, maxRuns)) : trials;
    }

    /** The number of combinations of a grid, or -1 past {@code limit}. */
    static long gridSize(Map<String, Domain> fields, long limit) {
        long size = 1;
        for (Domain d : fields.values()) {
            size *= d instanceof Values v ? v.values().size() : 1;
            if (size > limit) {
                return -1;
            }
        }
        return size;
    }

    /** {@code runs} independent draws. */
    static List<Map<String, JsonNode>> random(Map<String, Domain> fields, long seed, int runs) {
        Random random = new Random(seed);
        List<Map<String, JsonNode>> trials = new ArrayList<>(runs);
        for (int t = 0; t < runs; t++) {
            Map<String, JsonNode> trial = new LinkedHashMap<>();
            fields.forEach((name, domain) -> trial.put(name, draw(domain, random)));
            trials.add(trial);
        }
        return trials;
    }

    static JsonNode draw(Domain domain, Random random) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (domain instanceof Values v) {
            return v.values().get(random.nextInt(v.values().size()));
        }
        Range r = (Range) domain;
        if (r.integer()) {
            long min = (long) r.min();
            long max = (long) r.max();
            if (!r.log()) {
                return json.numberNode(random.nextLong(min, max + 1));
            }
            // log-uniform over [min, max + 1), floored: each integer gets the mass of its unit interval
            double x = Math.exp(uniform(Math.log(min), Math.log(max + 1.0), random));
            return json.numberNode(Math.max(min, Math.min(max, (long) Math.floor(x))));
        }
        double x = r.log()
                ? Math.exp(uniform(Math.log(r.min()), Math.log(r.max()), random))
                : uniform(r.min(), r.max(), random);
        return json.numberNode(Math.max(r.min(), Math.min(r.max(), x)));
    }

    private static double uniform(double low, double high, Random random) {
        return low + random.nextDouble() * (high - low);
    }
}
