package dev.charrnn.system;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An H2 file database closes itself from its own JVM shutdown hook unless told not to; that hook runs alongside
 * Spring's, so on SIGTERM the database could be gone before the runs wrote their shutdown checkpoint. Every H2 URL
 * therefore gets {@code DB_CLOSE_ON_EXIT=FALSE} (unless it says otherwise), whatever URL the user configured: the
 * database then closes with the connection pool, the last thing Spring stops, after the scheduler has stopped the
 * runs and they have checkpointed.
 */
@Configuration(proxyBeanMethods = false)
class H2ShutdownOrder {

    @Bean
    static BeanPostProcessor h2ClosesWithThePool() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null) {
                    pool.setJdbcUrl(withCloseOnExitOff(pool.getJdbcUrl()));
                }
                return bean;
            }
        };
    }

    static String withCloseOnExitOff(String url) {
        if (!url.startsWith("jdbc:h2:") || url.toUpperCase(Locale.ROOT).contains("DB_CLOSE_ON_EXIT=")) {
            return url;
        }
        return url + ";DB_CLOSE_ON_EXIT=FALSE";
    }
}
