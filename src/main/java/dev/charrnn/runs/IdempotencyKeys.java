package dev.charrnn.runs;

import dev.charrnn.corpus.CorpusService;
import dev.charrnn.system.ApiException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import org.springframework.http.HttpStatus;

/**
 * The rules of the {@code Idempotency-Key} header (draft-ietf-httpapi-idempotency-key-header): a key is 1 to
 * {@link #MAX_LENGTH} visible ASCII characters (the column's size), and stands for one request - the same key with
 * another request is refused with 422 rather than answered with the run of the first.
 */
final class IdempotencyKeys {
    static final int MAX_LENGTH = 200;

    private IdempotencyKeys() {}

    /** @throws ApiException 400 for a key that is empty, too long or not visible ASCII */
    static void check(String key) {
        if (key == null) {
            return;
        }
        if (key.isEmpty() || key.length() > MAX_LENGTH) {
            throw ApiException.badRequest(
                    "the Idempotency-Key header must have 1 to " + MAX_LENGTH + " characters, got " + key.length());
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw ApiException.badRequest("the Idempotency-Key header must be visible ASCII; character " + i
                        + " is " + String.format("U+%04X", (int) c));
            }
        }
    }

    /**
     * The fields every request was fingerprinted with before the model fields came: they are always part of the
     * text, so that a key stored then still matches its request.
     */
    private static final int FIRST_FIELDS = 15;

    /**
     * The SHA-256 of the request as parsed (so formatting and field order do not matter) and its uploaded text. A
     * field added later counts only when it is given, so a request that does not use it keeps the fingerprint it
     * had (the record's own text: {@code RunRequest[hiddenSize=null, ...]}).
     */
    static String fingerprint(RunRequest request, String uploadedCorpus) {
        String text = uploadedCorpus == null ? canonical(request) : canonical(request) + "\u0000file:" + uploadedCorpus;
        return CorpusService.sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String canonical(RunRequest request) {
        RecordComponent[] components = RunRequest.class.getRecordComponents();
        StringJoiner fields = new StringJoiner(", ", "RunRequest[", "]");
        for (int i = 0; i < components.length; i++) {
            Object value;
            try {
                value = components[i].getAccessor().invoke(request);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (i < FIRST_FIELDS || value != null) {
                fields.add(components[i].getName() + "=" + value);
            }
        }
        return fields.toString();
    }

    /** Runs stored before requests were fingerprinted match any request. */
    static void requireSameRequest(TrainingRun existing, String requestSha256) {
        if (existing.getRequestSha256() != null && !existing.getRequestSha256().equals(requestSha256)) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "this Idempotency-Key was first used for "
                            + "another request (run " + existing.getId() + "); a key stands for one request: send the "
                            + "same request to get that run again, or a new key for a new run");
        }
    }
}
