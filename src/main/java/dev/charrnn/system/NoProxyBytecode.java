package dev.charrnn.system;

import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.bytecode.internal.none.BytecodeProviderImpl;
import org.hibernate.bytecode.spi.BytecodeProvider;
import org.hibernate.service.spi.ServiceContributor;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Hibernate runs with its "none" bytecode provider instead of the byte-buddy one it finds on the class path.
 *
 * <p>Why: with byte-buddy, Hibernate generates a lazy-loading proxy class for every entity at start-up and builds
 * a class transformer for build-time enhancement that nothing here uses (Spring has no load-time weaver set up):
 * together about a second of a start on two cores and 900 byte-buddy classes (docs/benchmarks.md). No entity
 * has an association, so no proxy is ever asked for; reflection reads and writes the fields. Two doors, because
 * Hibernate looks for the provider in two places: the service registry (the proxies), filled from
 * {@code META-INF/services} through {@link Contributor}, and the JPA bootstrap's settings (the transformer).
 */
@Configuration(proxyBeanMethods = false)
public class NoProxyBytecode {

    static final BytecodeProvider NONE = new BytecodeProviderImpl();

    @Bean
    HibernatePropertiesCustomizer noEnhancingTransformer() {
        return settings -> settings.put("hibernate.enhancer.bytecodeprovider.instance", NONE);
    }

    /** Listed in {@code META-INF/services/org.hibernate.service.spi.ServiceContributor}. */
    public static final class Contributor implements ServiceContributor {

        @Override
        public void contribute(StandardServiceRegistryBuilder registry) {
            registry.addService(BytecodeProvider.class, NONE);
        }
    }
}
