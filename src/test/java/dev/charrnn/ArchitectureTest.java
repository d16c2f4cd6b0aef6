package dev.charrnn;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The maths ({@code nn}) and the charts ({@code chart}) are plain Java: usable from the command line and from
 * tests without a Spring context or a database.
 */
@AnalyzeClasses(packages = "dev.charrnn", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule mathsAndChartsDoNotDependOnSpringOrPersistence = noClasses()
            .that().resideInAnyPackage("dev.charrnn.nn..", "dev.charrnn.chart..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                    "org.hibernate..");

    @ArchTest
    static final ArchRule mathsDependOnNoOtherProjectPackage = noClasses()
            .that().resideInAPackage("dev.charrnn.nn..")
            .should().dependOnClassesThat(resideInAPackage("dev.charrnn..")
                    .and(not(resideInAPackage("dev.charrnn.nn.."))));
}
