package dev.charrnn.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Headers on every response: browsers do not guess a content type other than the declared one (so a sample or a
 * corpus is never run as HTML or script), and no page of this service is shown inside another site's frame.
 *
 * <p>The Content-Security-Policy suits the dashboard and Swagger UI, both same-origin pages: scripts, styles,
 * fonts and data only from this origin, no inline script or {@code eval}, no plugins, no {@code <base>}; images
 * may also be {@code data:} (icons in stylesheets) and {@code blob:} (charts fetched with the API key). On API
 * answers it changes nothing (they are not documents) beyond refusing to be framed. Swagger UI's bundle adds a
 * {@code <style>} element of its own, so its pages (under {@value #SWAGGER_UI}) also allow inline styles; never
 * inline script.
 */
final class SecurityHeaders {
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; manifest-src 'self'; "
            + "form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'";

    static final String SWAGGER_UI = "/swagger-ui/";
    private static final String SWAGGER_UI_POLICY =
            CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

    private SecurityHeaders() {}

    static void set(HttpServletRequest request, HttpServletResponse response) {
        String uri = request.getRequestURI();
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader(
                "Content-Security-Policy",
                uri != null && uri.startsWith(SWAGGER_UI) ? SWAGGER_UI_POLICY : CONTENT_SECURITY_POLICY);
        response.setHeader("Referrer-Policy", "same-origin");
    }
}
