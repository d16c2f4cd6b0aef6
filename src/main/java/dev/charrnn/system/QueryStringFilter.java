package dev.charrnn.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a query string that does not decode (a {@code %} not followed by two hex digits, or bytes that are not
 * UTF-8, such as an encoded surrogate) with a 400 naming the parameter, before anything reads a parameter: the
 * container's decoder would otherwise throw deep inside whichever component asked first (a controller, the
 * actuator), as a 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class QueryStringFilter extends OncePerRequestFilter {
    private final ProblemResponses problems;

    QueryStringFilter(JsonMapper json) {
        this.problems = new ProblemResponses(json);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String problem = malformed(request.getQueryString());
        if (problem != null) {
            problems.write(request, response, HttpStatus.BAD_REQUEST, "the query string is malformed: " + problem);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Why the raw query string cannot be decoded as UTF-8 form parameters, or null when it can. */
    static String malformed(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        int start = 0;
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name;
            try {
                name = decode(rawName);
            } catch (IllegalArgumentException e) {
                return "the name of the parameter at character " + (start + 1) + " " + e.getMessage();
            }
            if (eq >= 0) {
                try {
                    decode(pair.substring(eq + 1));
                } catch (IllegalArgumentException e) {
                    return "parameter " + ProblemText.quote(name) + " " + e.getMessage();
                }
            }
            start += pair.length() + 1;
        }
        return null;
    }

    private static String decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0 || raw.charAt(i + 1) > 'f' || raw.charAt(i + 2) > 'f') {
                    return fail("has a '%' not followed by two hexadecimal digits (percent-encoding, RFC 3986)");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] literal = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(literal, 0, literal.length);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return fail("is not percent-encoded UTF-8 (the bytes are not valid UTF-8 text)");
        }
    }

    private static String fail(String why) {
        throw new IllegalArgumentException(why);
    }
}
