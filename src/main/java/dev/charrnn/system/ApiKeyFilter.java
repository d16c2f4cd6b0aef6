package dev.charrnn.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Optional API key ({@code charrnn.security.api-key}): when set, every mutating request under /api needs
 * {@code Authorization: Bearer <key>}; reads stay open unless {@code charrnn.security.protect-reads}.
 * The comparison takes the same time wherever the keys differ. The scheme is case-insensitive (RFC 7235). A
 * request carrying the key is authenticated everywhere (its principal is {@code api-key}): that is what shows the
 * health details, which anonymous callers do not see.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
// Web test slices register this class without the properties scan; this brings its settings along.
@EnableConfigurationProperties(CharrnnProperties.class)
class ApiKeyFilter extends OncePerRequestFilter {
    private static final String BEARER = "Bearer ";
    private static final Principal API_KEY = () -> "api-key";

    private final byte[] key;
    private final boolean protectReads;
    private final ProblemResponses problems;

    ApiKeyFilter(CharrnnProperties properties, JsonMapper json) {
        String configured = properties.security().apiKey();
        this.key = configured == null || configured.isBlank() ? null : configured.getBytes(StandardCharsets.UTF_8);
        this.protectReads = properties.security().protectReads();
        this.problems = new ProblemResponses(json);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return key == null;
    }

    private boolean needsKey(HttpServletRequest request) {
        if (!request.getRequestURI().startsWith("/api/")) {
            return false;
        }
        String method = request.getMethod();
        boolean read = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
        return !read || protectReads;
    }

    private boolean validKey(String header) {
        return header != null
                && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && MessageDigest.isEqual(key, header.substring(BEARER.length()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (validKey(header)) {
            chain.doFilter(
                    new HttpServletRequestWrapper(request) {
                        @Override
                        public Principal getUserPrincipal() {
                            return API_KEY;
                        }
                    },
                    response);
            return;
        }
        if (!needsKey(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        problems.write(
                request,
                response,
                HttpStatus.UNAUTHORIZED,
                header == null
                        ? "this request needs the header 'Authorization: Bearer <api key>'"
                        : "the API key is not valid");
    }
}
