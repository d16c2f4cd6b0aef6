package dev.charrnn.model;

import dev.charrnn.system.ApiException;
import dev.charrnn.system.CharrnnProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses an import whose declared body could not hold a model within charrnn.max-parameters before the body
 * is parsed (an interceptor runs before the request body is read). A JSON number as the reference or this
 * service writes it takes at most about 25 characters with its separator; 32 per parameter plus 1 MiB leaves
 * room for whitespace and the vocabulary. The parameter count itself is checked after parsing.
 */
@Configuration(proxyBeanMethods = false)
// Web test slices register this class without the properties scan; this brings its settings along.
@EnableConfigurationProperties(CharrnnProperties.class)
class ImportSizeLimit implements WebMvcConfigurer, HandlerInterceptor {
    static final long BYTES_PER_PARAMETER = 32;
    static final long SLACK_BYTES = 1 << 20;

    private final CharrnnProperties properties;

    ImportSizeLimit(CharrnnProperties properties) {
        this.properties = properties;
    }

    long maxBytes() {
        return properties.maxParameters() * BYTES_PER_PARAMETER + SLACK_BYTES;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/models");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        long length = request.getContentLengthLong();
        if ("POST".equals(request.getMethod()) && length > maxBytes()) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "the body has " + length + " bytes; a model "
                    + "within the limit (charrnn.max-parameters = " + properties.maxParameters() + ") needs at most "
                    + maxBytes());
        }
        return true;
    }
}
