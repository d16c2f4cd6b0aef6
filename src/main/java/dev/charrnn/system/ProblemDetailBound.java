package dev.charrnn.system;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * The last word on every problem detail the application writes: its detail is cut to
 * {@link ProblemText#DETAIL_LIMIT} characters, whichever handler built it, and an overlong path is not repeated
 * as its instance, so an error never grows with the input it rejects. A refused request whose body is still
 * arriving, for its size or its pace, is answered with {@code Connection: close} (see
 * {@link ProblemResponses#bodyUnread}).
 */
@RestControllerAdvice
class ProblemDetailBound implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem) {
            // Only a body refused for its size or its pace is left unread on a closing connection. Any other
            // refusal lets the container read the rest (up to its swallow limit), since this answer carries no
            // length: closing with unread bytes would reset the connection under the client's feet.
            boolean refusedBody = problem.getStatus() == 408 || problem.getStatus() == 413;
            if (refusedBody
                    && request instanceof ServletServerHttpRequest servlet
                    && ProblemResponses.bodyUnread(servlet.getServletRequest())) {
                response.getHeaders().set(HttpHeaders.CONNECTION, "close");
            }
            problem.setDetail(ProblemText.bounded(problem.getDetail()));
            if (problem.getInstance() != null
                    && problem.getInstance().toString().length() > ProblemText.QUOTE_LIMIT * 5) {
                // the client knows what it asked for; a path of kilobytes is not repeated back
                problem.setInstance(null);
            }
        }
        return body;
    }
}
