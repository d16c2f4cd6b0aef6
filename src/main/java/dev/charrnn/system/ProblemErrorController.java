package dev.charrnn.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The container's error page ({@code /error}, where errors raised outside Spring MVC are forwarded) as a problem
 * detail, whatever the client accepts; in place of Boot's, which answers JSON of its own shape. Asked for
 * directly, there is nothing at {@code /error}: a 404.
 */
@Controller
class ProblemErrorController implements ErrorController {
    private final ProblemResponses problems;

    ProblemErrorController(tools.jackson.databind.json.JsonMapper json) {
        this.problems = new ProblemResponses(json);
    }

    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 ? i : HttpStatus.NOT_FOUND.value();
        HttpStatus known = HttpStatus.resolve(status);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        response.resetBuffer();
        problems.write(
                request,
                uri instanceof String s ? s : request.getRequestURI(),
                response,
                known != null ? known : HttpStatus.INTERNAL_SERVER_ERROR,
                ProblemReportValve.detail(status));
    }
}
