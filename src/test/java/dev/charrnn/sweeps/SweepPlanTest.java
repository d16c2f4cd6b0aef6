package dev.charrnn.sweeps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

class SweepPlanTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static SweepPlan.Values values(Object... values) {
        return new SweepPlan.Values(List.of(values).stream()
                .map(v -> v instanceof Integer i ? (JsonNode) JSON.numberNode(i) : JSON.numberNode((Double) v))
                .toList());
    }

    @Test
    void gridIsTheCartesianProductLastFieldFastest() {
        Map<String, SweepPlan.Domain> fields = new LinkedHashMap<>();
        fields.put("hiddenSize", values(16, 32));
        fields.put("learningRate", values(0.1, 0.05, 0.01));

        List<Map<String, JsonNode>> trials = SweepPlan.grid(fields, 1000);

        assertThat(trials).hasSize(6);
        assertThat(trials.stream()
                        .map(t -> t.get("hiddenSize").asInt() + "/"
                                + t.get("learningRate").asDouble())
                        .toList())
                .containsExactly("16/0.1", "16/0.05", "16/0.01", "32/0.1", "32/0.05", "32/0.01");
        assertThat(SweepPlan.grid(fields, 4)).hasSize(4).isEqualTo(trials.subList(0, 4));
        assertThat(SweepPlan.gridSize(fields, 1000)).isEqualTo(6);
        assertThat(SweepPlan.gridSize(fields, 5)).isEqualTo(-1);
    }

    @Test
    void randomDrawsAreFixedByTheSeed() {
        Map<String, SweepPlan.Domain> fields = new LinkedHashMap<>();
        fields.put("learningRate", new SweepPlan.Range(0.001, 0.5, true, false));
        fields.put("hiddenSize", values(16, 32, 64));

        List<Map<String, JsonNode>> first = SweepPlan.random(fields, 7, 20);

        assertThat(SweepPlan.random(fields, 7, 20)).isEqualTo(first);
        assertThat(SweepPlan.random(fields, 8, 20)).isNotEqualTo(first);
        assertThat(first).allSatisfy(t -> {
            assertThat(t.get("learningRate").asDouble()).isBetween(0.001, 0.5);
            assertThat(t.get("hiddenSize").asInt()).isIn(16, 32, 64);
        });
    }

    @Test
    void logScaleSpreadsDrawsEvenlyOverOrdersOfMagnitude() {
        Map<String, SweepPlan.Domain> log = Map.of("learningRate", new SweepPlan.Range(1e-4, 1e-1, true, false));
        Map<String, SweepPlan.Domain> linear = Map.of("learningRate", new SweepPlan.Range(1e-4, 1e-1, false, false));
        double geometricMiddle = Math.sqrt(1e-4 * 1e-1); // 0.00316: half of a log-uniform mass lies below

        double logBelow = fractionBelow(SweepPlan.random(log, 1, 4000), geometricMiddle);
        double linearBelow = fractionBelow(SweepPlan.random(linear, 1, 4000), geometricMiddle);

        assertThat(logBelow).isBetween(0.46, 0.54);
        assertThat(linearBelow).isBetween(0.015, 0.045); // (0.00316 - 0.0001) / 0.0999 = 3%
    }

    private static double fractionBelow(List<Map<String, JsonNode>> trials, double x) {
        return trials.stream().filter(t -> t.get("learningRate").asDouble() < x).count() / (double) trials.size();
    }

    @Test
    void integerFieldsDrawIntegersWithBothEndsIncluded() {
        Map<String, SweepPlan.Domain> fields = Map.of("hiddenSize", new SweepPlan.Range(8, 12, false, true));
        Set<Integer> seen = new TreeSet<>();
        for (Map<String, JsonNode> t : SweepPlan.random(fields, 3, 300)) {
            JsonNode h = t.get("hiddenSize");
            assertThat(h.isIntegralNumber()).as(h.toString()).isTrue();
            seen.add(h.asInt());
        }
        assertThat(seen).containsExactly(8, 9, 10, 11, 12);

        Map<String, SweepPlan.Domain> logInts = Map.of("hiddenSize", new SweepPlan.Range(1, 1000, true, true));
        List<Integer> drawn = SweepPlan.random(logInts, 3, 2000).stream()
                .map(t -> t.get("hiddenSize"))
                .peek(h -> assertThat(h.isIntegralNumber()).isTrue())
                .map(JsonNode::asInt)
                .toList();
        assertThat(drawn).allSatisfy(h -> assertThat(h).isBetween(1, 1000));
        // log-uniform over [1, 1001): about a third below 10, a third from 10 to 99, a third from 100
        assertThat(drawn.stream().filter(h -> h < 10).count() / 2000.0).isBetween(0.29, 0.38);
        assertThat(drawn.stream().filter(h -> h >= 100).count() / 2000.0).isBetween(0.29, 0.38);
    }
}
