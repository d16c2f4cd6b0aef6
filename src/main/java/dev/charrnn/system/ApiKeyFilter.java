package dev.charrnn.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Optional API key ({@code charrnn.security.api-key}): when set, every mutating request under /api needs
 * {@code Authorization: Bearer <key>}; reads stay open unless {@code charrnn.security.protect-reads}.
 * The comparison takes the same time wherever the keys differ.
 */
@Component
// Web test slices register this class without the properties scan; this brings its settings along.
@EnableConfigurationProperties(CharrnnProperties.class)
class ApiKeyFilter extends OncePerRequestFilter {
    private static final String BEARER = "Bearer ";

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
        if (key == null || !request.getRequestURI().startsWith("/api/")) {
            return true;
        }
        String method = request.getMethod();
        boolean read = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
        return read && !protectReads;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.startsWith(BEARER)
                && MessageDigest.isEqual(key, header.substring(BEARER.length()).getBytes(StandardCharsets.UTF_8))) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        problems.write(request, response, HttpStatus.UNAUTHORIZED, header == null
                ? "this request needs the header 'Authorization: Bearer <api key>'"
                : "the API key is not valid");
    }
}
