package dev.charrnn.system;

import jakarta.validation.ConstraintViolationException;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.ClassUtils;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error as an RFC 9457 problem detail ({@code application/problem+json}) with a detail a person can act on.
 * Spring MVC's own exceptions (405, 415, 406, missing parameters...) come through the base class.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    /** SQLSTATE of a unique-constraint violation, in PostgreSQL and in H2. */
    private static final String UNIQUE_VIOLATION = "23505";

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        return ResponseEntity.status(e.status()).headers(e.headers()).body(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST,
                "'" + e.getName() + "' has an invalid value "
                        + ProblemText.quote(e.getValue())
                        + (e.getRequiredType() != null ? " (expected " + describe(e.getRequiredType()) + ")" : ""));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraint(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> v.getPropertyPath() + ": " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            MaxUploadSizeExceededException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.CONTENT_TOO_LARGE, "the upload is larger than allowed (charrnn.max-corpus-bytes)"));
    }

    /**
     * Only a unique key that a concurrent request took first is a conflict worth retrying; any other refusal of the
     * database (a value it cannot store) would fail the same way again, so it is not answered "retry".
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail conflict(DataIntegrityViolationException e) {
        if (e instanceof DuplicateKeyException || UNIQUE_VIOLATION.equals(sqlState(e))) {
            return ProblemDetail.forStatusAndDetail(
                    HttpStatus.CONFLICT, "a concurrent request changed the same data; retry the request");
        }
        log.warn(
                "The database refused a value of a request: {}",
                e.getMostSpecificCause().getMessage());
        return ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST,
                "a value of the request cannot be stored (the database refused it); retrying will not help");
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<?> unexpected(Exception e) {
        ApiException refused = refusal(e);
        if (refused != null) {
            return api(refused);
        }
        log.error("Unexpected error", e);
        return ResponseEntity.internalServerError()
                .body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.INTERNAL_SERVER_ERROR, "an unexpected error occurred; it has been logged"));
    }

    /** A refusal raised while the body was read (too large, too slow), under whatever wrapped it. */
    private static ApiException refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
        }
        return null;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<String> errors = e.getBindingResult().getFieldErrors().stream()
                .map(ProblemDetailsAdvice::describe)
                .sorted()
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, "invalid fields: " + String.join("; ", errors));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<String> errors = e.getAllErrors().stream()
                .map(err -> err.getDefaultMessage())
                .sorted()
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, "invalid parameters: " + String.join("; ", errors));
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ApiException refused = refusal(e);
        if (refused != null) {
            return ResponseEntity.status(refused.status()).body(api(refused).getBody());
        }
        return ResponseEntity.badRequest()
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, unreadable(e)));
    }

    static String unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException u) {
            return "unknown field " + ProblemText.quote(u.getPropertyName());
        }
        if (cause instanceof DatabindException d && !d.getPath().isEmpty()) {
            String field = d.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return "field '" + field + "': "
                    + (d instanceof MismatchedInputException m && m.getTargetType() != null
                            ? "expected " + describe(m.getTargetType())
                            : ProblemText.withoutInternals(d.getOriginalMessage()));
        }
        if (cause instanceof StreamConstraintsException c) {
            return "the body exceeds a limit of the JSON parser: "
                    + ProblemText.withoutInternals(c.getOriginalMessage());
        }
        if (cause instanceof JacksonException j) {
            return "the body is not valid JSON: " + ProblemText.withoutInternals(j.getOriginalMessage());
        }
        return "the request body is missing or unreadable";
    }

    private static String describe(FieldError f) {
        String rule = f.isBindingFailure() ? "must be " + expectedType(f) : f.getDefaultMessage();
        return f.getField() + " " + rule + " (got " + ProblemText.quote(f.getRejectedValue()) + ")";
    }

    /** A form field that could not be converted names its type by a code such as typeMismatch.java.lang.Long. */
    private static String expectedType(FieldError f) {
        for (String code : f.getCodes() == null ? new String[0] : f.getCodes()) {
            if (code.startsWith("typeMismatch.") && ClassUtils.isPresent(code.substring(13), null)) {
                return describe(ClassUtils.resolveClassName(code.substring(13), null));
            }
        }
        return "of another type";
    }

    /** What a value of this type looks like, in the words of the API rather than of Java. */
    static String describe(Class<?> type) {
        Class<?> t = ClassUtils.resolvePrimitiveIfNecessary(type);
        if (t.isEnum()) {
            return "one of " + List.of(t.getEnumConstants());
        }
        if (t == Integer.class
                || t == Long.class
                || t == Short.class
                || t == Byte.class
                || t == java.math.BigInteger.class) {
            return "a decimal integer";
        }
        if (Number.class.isAssignableFrom(t)) {
            return "a number";
        }
        if (t == Boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(t) || t == Character.class) {
            return "a string";
        }
        if (t.isArray() || Collection.class.isAssignableFrom(t)) {
            return "an array";
        }
        return "an object";
    }
}
