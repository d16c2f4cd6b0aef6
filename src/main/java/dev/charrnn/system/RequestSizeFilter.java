package dev.charrnn.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses bodies declared larger than {@code charrnn.max-request-bytes} before reading them (413). Bodies sent
 * without a length are bounded too: the services check the corpus size and the parameter count themselves.
 */
@Component
// Web test slices register this class without the properties scan; this brings its settings along.
@EnableConfigurationProperties(CharrnnProperties.class)
class RequestSizeFilter extends OncePerRequestFilter {
    private final long maxBytes;
    private final ProblemResponses problems;

    RequestSizeFilter(CharrnnProperties properties, JsonMapper json) {
        this.maxBytes = properties.maxRequestBytes().toBytes();
        this.problems = new ProblemResponses(json);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > maxBytes) {
            problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "the request body has " + length
                    + " bytes; the limit (charrnn.max-request-bytes) is " + maxBytes);
            return;
        }
        chain.doFilter(request, response);
    }
}
