package dev.charrnn.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem detail from a servlet filter, before Spring MVC (and its advice) sees the request. Not a bean:
 * filters are registered in web test slices too, where only web beans exist.
 */
class ProblemResponses {
    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        write(request, request.getRequestURI(), response, status, detail, true);
    }

    void write(HttpServletRequest request, String path, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        write(request, path, response, status, detail, true);
    }

    /**
     * As {@link #write(HttpServletRequest, HttpServletResponse, HttpStatus, String)}, for an answer after which the
     * request's body is still read (a lingering close): without a declared length, since Tomcat closes the request's
     * input as soon as a response's declared length has been written.
     */
    void writeThenRead(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        write(request, request.getRequestURI(), response, status, detail, false);
    }

    private void write(
            HttpServletRequest request,
            String path,
            HttpServletResponse response,
            HttpStatus status,
            String detail,
            boolean framedByLength)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ProblemText.bounded(detail));
        try {
            if (path.length() <= ProblemText.QUOTE_LIMIT * 5) {
                problem.setInstance(URI.create(path));
            }
        } catch (IllegalArgumentException e) {
            // a path the container let through but that is not a URI reference: the problem goes without it
        }
        response.setStatus(status.value());
        if (request != null && bodyUnread(request)) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        // framed by its length: a client that reads until the close would see a reset instead, when the
        // connection closes with the refused body's bytes still unread
        byte[] body = json.writeValueAsBytes(problem);
        if (framedByLength) {
            response.setContentLength(body.length);
        }
        response.getOutputStream().write(body);
    }

    /**
     * Whether a refused request still has body bytes on the way. Its answer then says {@code Connection: close}
     * (and {@link ProblemReportValve} closes it rather than reading the rest), so that a client does not send its
     * next request on a connection the server will close.
     */
    static boolean bodyUnread(HttpServletRequest request) {
        if (request.getContentLengthLong() <= 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null) {
            return false;
        }
        try {
            return !request.getInputStream().isFinished();
        } catch (IOException | IllegalStateException e) {
            return true;
        }
    }
}
