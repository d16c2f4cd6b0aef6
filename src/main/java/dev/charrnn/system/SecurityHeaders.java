package dev.charrnn.system;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Headers on every response: browsers do not guess a content type other than the declared one (so a sample or a
 * corpus is never run as HTML or script), and no page of this service is shown inside another site's frame.
 */
final class SecurityHeaders {
    private SecurityHeaders() {}

    static void set(HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
    }
}
