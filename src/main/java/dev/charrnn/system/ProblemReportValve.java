package dev.charrnn.system;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's own error report, for what it refuses before the application sees a request (an encoded '/' or NUL in
 * the path, headers over the limit, a malformed request line), written as a problem detail instead of an HTML
 * page. It also sets the headers every response carries, and ends the connection after a refused request whose
 * body was not read, rather than reading (and waiting for) a body nobody will use.
 */
class ProblemReportValve extends ErrorReportValve {
    private final JsonMapper json;

    ProblemReportValve(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        SecurityHeaders.set(request, response);
        try {
            super.invoke(request, response);
        } finally {
            if (response.getStatus() >= 400 && !bodyFullyRead(request)) {
                request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            }
        }
    }

    private static boolean bodyFullyRead(Request request) {
        AtomicBoolean read = new AtomicBoolean(true);
        request.getCoyoteRequest().action(ActionCode.REQUEST_BODY_FULLY_READ, read);
        return read.get();
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                known != null ? known : HttpStatus.INTERNAL_SERVER_ERROR, detail(status));
        try {
            response.reset();
            response.setStatus(status);
            SecurityHeaders.set(request, response);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response already started: nothing more can be said
        }
    }

    static String detail(int status) {
        return switch (status) {
            case 400 ->
                "the request breaks the rules of HTTP before it reaches the API: a malformed request line, "
                        + "an encoded '/', '\\' or NUL in the path, or headers larger than allowed (8 KB in all)";
            case 404 -> "there is nothing at this path";
            case 405 -> "this path does not accept this method";
            case 408 -> "the request was not received in time";
            case 413 -> "the request body is larger than allowed";
            case 414 -> "the request target (path and query) is longer than allowed";
            case 431 -> "the request headers are larger than allowed (8 KB in all)";
            case 505 -> "only HTTP/1.1 (and HTTP/1.0) are served";
            default -> status >= 500 ? "the server could not handle the request" : "the request was refused";
        };
    }
}
