package dev.charrnn.sweeps;

import dev.charrnn.nn.ModelConfig;
import dev.charrnn.runs.RunRequest;
import dev.charrnn.system.ApiException;
import dev.charrnn.system.ProblemText;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Run requests from JSON, as POST /api/runs reads its body: the application's JSON mapper (strict about unknown
 * fields and types) and bean validation. Also the JSON of what sweeps store.
 */
@Component
class RunRequestReader {
    private final JsonMapper json;
    private final Validator validator;

    RunRequestReader(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /** The run request of one trial. */
    RunRequest trial(JsonNode base, Map<String, JsonNode> values, String runName) {
        ObjectNode node = ((ObjectNode) base).deepCopy();
        values.forEach(node::set);
        node.put("name", runName);
        return json.treeToValue(node, RunRequest.class);
    }

    String write(Object value) {
        return json.writeValueAsString(value);
    }

    <T> T read(String text, Class<T> type) {
        return json.readValue(text, type);
    }

    Map<String, JsonNode> readValues(String text) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        json.readTree(text).properties().forEach(e -> values.put(e.getKey(), e.getValue()));
        return values;
    }

    /** Reads and validates a run request; a 400 naming the field under {@code at} otherwise. */
    RunRequest checked(ObjectNode node, String at) {
        RunRequest request;
        try {
            request = json.treeToValue(node, RunRequest.class);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest(at + ": unknown field " + ProblemText.quote(e.getPropertyName()));
        } catch (DatabindException e) {
            String field = e.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String where = at.equals("base") && !field.isEmpty()
                    ? "base." + field
                    : at
                            + (field.isEmpty() || at.startsWith("parameters." + field + ".")
                                    ? ""
                                    : " (field '" + field + "')");
            throw ApiException.badRequest(where + ": "
                    + (e instanceof MismatchedInputException m && m.getTargetType() != null
                            ? "expected " + describe(m.getTargetType())
                            : ProblemText.withoutInternals(e.getOriginalMessage())));
        } catch (JacksonException e) {
            throw ApiException.badRequest(at + ": " + ProblemText.withoutInternals(e.getOriginalMessage()));
        }
        Set<ConstraintViolation<RunRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            List<String> errors = new ArrayList<>();
            for (ConstraintViolation<RunRequest> v : violations) {
                errors.add(v.getPropertyPath() + " " + v.getMessage() + " (got "
                        + ProblemText.quote(v.getInvalidValue()) + ")");
            }
            errors.sort(null);
            throw ApiException.badRequest(at + ": invalid fields: " + String.join("; ", errors));
        }
        checkModel(request, at);
        return request;
    }

    /**
     * The model fields' own rules (choices, ranges, combinations, threads only for the stacked models), which a
     * submission applies after bean validation; a continued run's are weighed against its source only when it is submitted.
     */
    void checkModel(RunRequest request, String at) {
        if (request.initFrom() != null) {
            return;
        }
        try {
            request.threads(request.modelConfig(ModelConfig.reference()));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(at + ": invalid fields: " + e.getMessage());
        }
    }

    /** What a value of this type looks like, in the words of the API (as the answers to POST /api/runs say it). */
    private static String describe(Class<?> type) {
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "a decimal integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        return java.util.Collection.class.isAssignableFrom(type) || type.isArray() ? "an array" : "an object";
    }
}
