package dev.charrnn;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Data flows one way between feature packages (controller, service, repository; training task, nn, record store),
 * so no two packages depend on each other. The maths ({@code nn}), the charts ({@code chart}) and the command line
 * ({@code cli}) are plain Java: usable without a Spring context or a database, and {@code train} starts fast.
 * {@code system} holds cross-cutting configuration and knows no feature.
 */
@AnalyzeClasses(packages = "dev.charrnn", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles =
            slices().matching("dev.charrnn.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule systemKnowsNoFeature = noClasses()
            .that()
            .resideInAPackage("dev.charrnn.system..")
            .should()
            .dependOnClassesThat(resideInAPackage("dev.charrnn..").and(not(resideInAPackage("dev.charrnn.system.."))));

    @ArchTest
    static final ArchRule mathsAndChartsDoNotDependOnSpringOrPersistence = noClasses()
            .that()
            .resideInAnyPackage("dev.charrnn.nn..", "dev.charrnn.chart..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "jakarta.persistence..", "org.hibernate..");

    @ArchTest
    static final ArchRule commandLineDoesNotDependOnSpring = noClasses()
            .that()
            .resideInAPackage("dev.charrnn.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..");

    @ArchTest
    static final ArchRule mathsDependOnNoOtherProjectPackage = noClasses()
            .that()
            .resideInAPackage("dev.charrnn.nn..")
            .should()
            .dependOnClassesThat(resideInAPackage("dev.charrnn..").and(not(resideInAPackage("dev.charrnn.nn.."))));
}
