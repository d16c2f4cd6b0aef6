package dev.charrnn.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** `train` must start fast and without a Spring context: the command line and the charts stay plain Java. */
class NoSpringInCommandLineTest {

    @Test
    void cliAndChartDoNotDependOnSpring() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.charrnn.cli", "dev.charrnn.chart");
        noClasses().that().resideInAnyPackage("dev.charrnn.cli..", "dev.charrnn.chart..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .check(classes);
    }
}
