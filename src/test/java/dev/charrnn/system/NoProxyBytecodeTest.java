package dev.charrnn.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.bytecode.internal.none.BytecodeProviderImpl;
import org.hibernate.bytecode.spi.BytecodeProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.proxy.pojo.bytebuddy.ByteBuddyProxyFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Import;

@DataJpaTest
@Import(NoProxyBytecode.class)
class NoProxyBytecodeTest {

    @Autowired
    EntityManagerFactory emf;

    @Test
    void hibernateBuildsNoProxyClassForAnyEntity() {
        SessionFactoryImplementor sf = emf.unwrap(SessionFactoryImplementor.class);
        assertThat(sf.getServiceRegistry().getService(BytecodeProvider.class)).isInstanceOf(BytecodeProviderImpl.class);
        List<String> entities = new ArrayList<>();
        sf.getMappingMetamodel().forEachEntityDescriptor(entity -> {
            entities.add(entity.getEntityName());
            assertThat(entity.getRepresentationStrategy().getProxyFactory())
                    .as(entity.getEntityName())
                    .isNotNull()
                    .isNotInstanceOf(ByteBuddyProxyFactory.class);
        });
        assertThat(entities).contains("dev.charrnn.runs.TrainingRun");
    }

    @Test
    void theJpaBootstrapIsGivenTheSameProvider() {
        assertThat(emf.getProperties())
                .containsEntry("hibernate.enhancer.bytecodeprovider.instance", NoProxyBytecode.NONE);
    }
}
