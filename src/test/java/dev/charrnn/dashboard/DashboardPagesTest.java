package dev.charrnn.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.support.ApiClient;
import dev.charrnn.support.ServiceTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The dashboard's files as served: from the jar, under a policy that runs no inline script. */
@ServiceTest
class DashboardPagesTest {
    private static final Path STATIC = Path.of("src", "main", "resources", "static");

    @LocalServerPort
    int port;

    @Test
    void thePagesAndTheChartLibraryAreServedUnderAStrictPolicy() {
        ApiClient api = new ApiClient(port);
        ApiClient.Response index = api.get("/");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.header("Content-Type")).startsWith("text/html");
        String policy = index.header("Content-Security-Policy");
        assertThat(policy)
                .contains("default-src 'none'", "script-src 'self';", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
        assertThat(index.header("X-Content-Type-Options")).isEqualTo("nosniff");

        for (String path : List.of(
                "/js/app.js", "/js/api.js", "/css/app.css", "/webjars/uplot/dist/uPlot.esm.js", "/favicon.svg")) {
            assertThat(api.get(path).status()).as(path).isEqualTo(200);
        }
        // the API keeps its headers, with the same policy
        ApiClient.Response runs = api.get("/api/runs");
        assertThat(runs.header("Content-Security-Policy")).isEqualTo(policy);
        assertThat(runs.header("X-Frame-Options")).isEqualTo("DENY");
        // Swagger UI may add styles of its own, never scripts
        String swagger = api.get("/swagger-ui/index.html").header("Content-Security-Policy");
        assertThat(swagger).contains("style-src 'self' 'unsafe-inline'", "script-src 'self';");
    }

    @Test
    void noPageHasInlineScriptAndNoModuleWritesHtml() throws IOException {
        Pattern script = Pattern.compile("<script\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
        Pattern handler = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
        try (Stream<Path> files = Files.walk(STATIC)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                String name = file.getFileName().toString();
                if (name.endsWith(".html")) {
                    Matcher m = script.matcher(text);
                    while (m.find()) {
                        assertThat(m.group(1))
                                .as(file + ": every script is a file")
                                .contains("src=");
                    }
                    assertThat(handler.matcher(text).find())
                            .as(file + ": no inline handlers")
                            .isFalse();
                    assertThat(text).as(file.toString()).doesNotContain("style=");
                }
                if (name.endsWith(".js")) {
                    assertThat(text)
                            .as(file + ": user and model text goes in as text, never as HTML")
                            .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(")
                            .doesNotContain("new Function");
                }
            }
        }
    }
}
