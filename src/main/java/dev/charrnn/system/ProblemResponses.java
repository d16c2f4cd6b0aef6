package dev.charrnn.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
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
        write(request.getRequestURI(), response, status, detail);
    }

    void write(String path, HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ProblemText.bounded(detail));
        try {
            if (path.length() <= ProblemText.QUOTE_LIMIT * 5) {
                problem.setInstance(URI.create(path));
            }
        } catch (IllegalArgumentException e) {
            // a path the container let through but that is not a URI reference: the problem goes without it
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
