package dev.charrnn.system;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat as the API needs it: its error report is a problem detail (Boot's HTML valve is replaced, after Boot
 * has added it), and TRACE reaches the application, which answers it as a 405 with the path's real methods
 * ({@link TraceFilter}) instead of Tomcat's list of every method the servlet could serve. Timeouts and connection
 * limits are in application.yml (server.tomcat.*).
 */
@Configuration(proxyBeanMethods = false)
class TomcatConfig {

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(JsonMapper json) {
        return factory -> {
            factory.addContextCustomizers(context -> {
                StandardHost host = (StandardHost) context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
                host.getPipeline().addValve(new ProblemReportValve(json));
            });
            factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
        };
    }
}
