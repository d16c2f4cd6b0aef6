package dev.charrnn.system;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A request that cannot be served as asked; rendered as a problem detail with this status and detail, and with its
 * own headers, so that the advice that renders it knows no feature.
 */
public class ApiException extends RuntimeException {
    private final HttpStatus status;

    public ApiException(HttpStatus status, String detail) {
        super(detail);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    /** Headers the answer carries besides the problem detail (none unless a subclass says). */
    public HttpHeaders headers() {
        return HttpHeaders.EMPTY;
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(HttpStatus.NOT_FOUND, what + " " + id + " does not exist");
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, detail);
    }
}
