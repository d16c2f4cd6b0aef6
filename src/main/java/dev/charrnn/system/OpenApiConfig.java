package dev.charrnn.system;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenAPI charrnnOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("charrnn")
                        .version("v1")
                        .description(
                                "Train character-level RNN language models (min-char-rnn) as a service: submit a run, "
                                        + "follow its losses and samples, read its weights and charts. Errors are RFC 9457 "
                                        + "problem details (application/problem+json).")
                        .license(new License().name("MIT")));
    }
}
