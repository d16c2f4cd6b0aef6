package dev.charrnn.model;

import dev.charrnn.system.BodyLimit;
import dev.charrnn.system.CharrnnProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The import's body limit follows from charrnn.max-parameters, so that every model a run may train can be
 * imported back (a run at the limit exports about 21 bytes a parameter). A JSON number as the reference or this
 * service writes it takes at most about 25 characters with its separator; 32 per parameter plus 1 MiB leaves room
 * for whitespace and the vocabulary. The limit holds on the bytes read, chunked or not; the parameter count itself
 * is checked while the weights are read.
 */
@Configuration(proxyBeanMethods = false)
// Web test slices register this class without the properties scan; this brings its settings along.
@EnableConfigurationProperties(CharrnnProperties.class)
class ImportSizeLimit {
    static final long BYTES_PER_PARAMETER = 32;
    static final long SLACK_BYTES = 1 << 20;

    @Bean
    BodyLimit importBodyLimit(CharrnnProperties properties) {
        return new BodyLimit(
                "POST",
                "/api/models",
                properties.maxParameters() * BYTES_PER_PARAMETER + SLACK_BYTES,
                "charrnn.max-parameters = " + properties.maxParameters() + " at " + BYTES_PER_PARAMETER
                        + " bytes a parameter");
    }
}
