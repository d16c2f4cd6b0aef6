package dev.charrnn.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

class ApiKeyFilterTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ApiKeyFilter filter(String key, boolean protectReads) {
        Map<String, String> settings = new HashMap<>(Map.of("security.protect-reads", "" + protectReads));
        if (key != null) {
            settings.put("security.api-key", key);
        }
        CharrnnProperties properties = CharrnnProperties.of(settings);
        return new ApiKeyFilter(properties, JSON);
    }

    private static MockHttpServletResponse call(ApiKeyFilter filter, String method, String path, String auth)
            throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        if (auth != null) {
            request.addHeader("Authorization", auth);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    @Test
    void withoutAKeyEverythingIsOpen() throws Exception {
        assertThat(call(filter(null, false), "POST", "/api/runs", null).getStatus())
                .isEqualTo(200);
        assertThat(call(filter("", true), "DELETE", "/api/runs/1", null).getStatus())
                .isEqualTo(200);
    }

    @Test
    void mutatingRequestsNeedTheBearerKey() throws Exception {
        ApiKeyFilter filter = filter("s3cret", false);
        MockHttpServletResponse missing = call(filter, "POST", "/api/runs", null);
        assertThat(missing.getStatus()).isEqualTo(401);
        assertThat(missing.getContentType()).isEqualTo("application/problem+json");
        assertThat(missing.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(JSON.readTree(missing.getContentAsString()).get("detail").asString())
                .contains("Authorization");
        assertThat(call(filter, "POST", "/api/runs", "Bearer wrong").getStatus())
                .isEqualTo(401);
        assertThat(call(filter, "DELETE", "/api/runs/1", "Basic s3cret").getStatus())
                .isEqualTo(401);
        assertThat(call(filter, "POST", "/api/runs", "Bearer s3cret").getStatus())
                .isEqualTo(200);
        assertThat(call(filter, "POST", "/api/runs", "bearer s3cret").getStatus())
                .as("RFC 7235: any case")
                .isEqualTo(200);
        assertThat(call(filter, "POST", "/api/runs", "BEARER s3cret").getStatus())
                .isEqualTo(200);
        assertThat(call(filter, "GET", "/api/runs", null).getStatus())
                .as("reads stay open")
                .isEqualTo(200);
        assertThat(call(filter, "GET", "/actuator/health", null).getStatus()).isEqualTo(200);
    }

    @Test
    void protectedReadsNeedTheKeyToo() throws Exception {
        ApiKeyFilter filter = filter("s3cret", true);
        assertThat(call(filter, "GET", "/api/runs", null).getStatus()).isEqualTo(401);
        assertThat(call(filter, "GET", "/api/runs", "Bearer s3cret").getStatus())
                .isEqualTo(200);
    }
}
