package dev.charrnn.model;

import dev.charrnn.system.ApiException;
import dev.charrnn.system.ProblemText;
import dev.charrnn.system.UnicodeText;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an import request ({@link ImportRequest}) as it streams in: the numbers go straight into flat arrays, so a
 * model at charrnn.max-parameters needs its weights in memory about twice (the arrays as read, then the model),
 * not the body and a tree of it; and reading stops at the first number past the limit. As strict as any JSON body
 * (unknown fields, duplicates and trailing content are refused), with the shape checks of the weights format.
 */
final class ImportReader {
    static final String[] KEYS = {"Wxh", "Whh", "Why", "bh", "by"};
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * One matrix as sent: {@code rows} lists, the first of {@code firstRow} numbers; {@code ragged} if they differ.
     * A PyTorch bias is a flat list: {@code vector}, with {@code rows} numbers.
     */
    record Matrix(int rows, int firstRow, boolean ragged, double[] values, boolean vector) {
        String shape() {
            return vector ? String.valueOf(rows) : rows + "x" + (rows > 0 ? String.valueOf(firstRow) : "?");
        }
    }

    /** A PyTorch state_dict name of the stacked models (see nn.StackedRnn). */
    static final Pattern TORCH_NAME = Pattern.compile(
            "embedding\\.weight|out\\.weight|out\\.bias|rnn\\.(weight_ih|weight_hh|bias_ih|bias_hh)_l[0-9]");

    /** The request as read; weights by key. */
    record Parsed(String name, List<String> vocabulary, Map<String, Matrix> weights) {}

    private final long maxNumbers;
    private long numbers;

    private ImportReader(long maxNumbers) {
        this.maxNumbers = maxNumbers;
    }

    static Parsed read(InputStream in, long maxParameters) {
        try (JsonParser p = JSON.createParser(in)) {
            return new ImportReader(maxParameters).request(p);
        } catch (JacksonException e) {
            throw ApiException.badRequest(
                    "the body is not valid JSON: " + ProblemText.withoutInternals(e.getOriginalMessage()));
        }
    }

    private Parsed request(JsonParser p) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw ApiException.badRequest("the body must be a JSON object with weights and vocabulary");
        }
        String name = null;
        List<String> vocabulary = null;
        Map<String, Matrix> weights = null;
        for (String field = p.nextName(); field != null; field = p.nextName()) {
            p.nextToken();
            switch (field) {
                case "name" -> name = p.currentToken() == JsonToken.VALUE_NULL ? null : string(p, "name");
                case "vocabulary" -> vocabulary = strings(p);
                case "weights" -> weights = weights(p);
                default -> throw ApiException.badRequest("unknown field " + ProblemText.quote(field));
            }
        }
        if (p.nextToken() != null) {
            throw ApiException.badRequest("the body has content after its JSON object");
        }
        if (vocabulary == null) {
            throw ApiException.badRequest("invalid fields: vocabulary must not be null");
        }
        if (weights == null) {
            throw ApiException.badRequest("invalid fields: weights must not be null");
        }
        if (name != null && name.codePointCount(0, name.length()) > 200) {
            throw ApiException.badRequest(
                    "invalid fields: name must have at most 200 characters (got " + ProblemText.quote(name) + ")");
        }
        return new Parsed(name, vocabulary, weights);
    }

    private static String string(JsonParser p, String field) {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw ApiException.badRequest("field '" + field + "': expected a string");
        }
        String text = p.getString();
        String problem = UnicodeText.problem(text);
        if (problem != null) {
            throw ApiException.badRequest("field '" + field + "': " + problem);
        }
        return text;
    }

    private static List<String> strings(JsonParser p) {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw ApiException.badRequest("field 'vocabulary': expected an array of strings");
        }
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(string(p, "vocabulary[" + out.size() + "]"));
        }
        return out;
    }

    /**
     * The reference's five keys, or a PyTorch state_dict of a stacked model (checked against its shape by the
     * service); not a mix of the two.
     */
    private Map<String, Matrix> weights(JsonParser p) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw ApiException.badRequest("weights must be a JSON object with keys Wxh, Whh, Why, bh, by (the "
                    + "reference's) or a PyTorch state_dict (rnn.weight_ih_l0, ..., out.weight, out.bias)");
        }
        Map<String, Matrix> out = new HashMap<>();
        Boolean torch = null;
        for (String key = p.nextName(); key != null; key = p.nextName()) {
            boolean reference = Arrays.asList(KEYS).contains(key);
            boolean torchName = TORCH_NAME.matcher(key).matches();
            if ((!reference && !torchName) || (torch != null && torch != torchName)) {
                throw ApiException.badRequest("weights have an unknown key " + ProblemText.quote(key)
                        + "; the keys are Wxh, Whh, Why, bh, by (the reference's) or a PyTorch state_dict's "
                        + "(embedding.weight, rnn.weight_ih_l0, rnn.weight_hh_l0, rnn.bias_ih_l0, rnn.bias_hh_l0, "
                        + "..., out.weight, out.bias)");
            }
            torch = torchName;
            p.nextToken();
            out.put(key, matrix(p, key, torchName));
        }
        if (!Boolean.TRUE.equals(torch)) {
            for (String key : KEYS) {
                if (!out.containsKey(key)) {
                    throw ApiException.badRequest("weights lack the key " + key);
                }
            }
        }
        return out;
    }

    private Matrix matrix(JsonParser p, String key, boolean torch) {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw ApiException.badRequest(key + " must be a list of rows");
        }
        double[] values = new double[1024];
        int n = 0;
        int rows = 0;
        int firstRow = -1;
        boolean ragged = false;
        boolean vector = false;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (torch && (vector || (rows == 0 && p.currentToken().isNumeric()))) {
                // a PyTorch bias: a flat list of numbers
                vector = true;
                if (n == values.length) {
                    values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8, 2L * n));
                }
                values[n++] = number(p, key + "[" + rows + "]");
                rows++;
                continue;
            }
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw ApiException.badRequest(key + " must be a list of rows (" + key + "[" + rows + "] is not)");
            }
            int c = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                double d = number(p, key + "[" + rows + "][" + c + "]");
                if (n == values.length) {
                    values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8, 2L * n));
                }
                values[n++] = d;
                c++;
            }
            ragged |= firstRow >= 0 && c != firstRow;
            firstRow = firstRow < 0 ? c : firstRow;
            rows++;
        }
        return new Matrix(rows, vector ? 1 : Math.max(firstRow, 0), ragged, Arrays.copyOf(values, n), vector);
    }

    /** The current token as a finite number, counted against the limit. */
    private double number(JsonParser p, String where) {
        if (!p.currentToken().isNumeric()) {
            throw ApiException.badRequest(where + " is not a number");
        }
        double d = p.getDoubleValue();
        if (!Double.isFinite(d)) {
            throw ApiException.badRequest(where + " is not finite");
        }
        if (++numbers > maxNumbers) {
            throw ApiException.badRequest("the weights hold more than " + maxNumbers + " numbers; the limit "
                    + "(charrnn.max-parameters) is " + maxNumbers);
        }
        return d;
    }
}
