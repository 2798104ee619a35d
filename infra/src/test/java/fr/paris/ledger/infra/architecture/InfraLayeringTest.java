package fr.paris.ledger.infra.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Infra is the service's plumbing: it knows the domain, never the read models nor the application
 * (the application wires them together). The Maven modules already keep them off infra's classpath;
 * this rule says so, and names the class that would cross the line.
 */
@AnalyzeClasses(packages = "fr.paris.ledger", importOptions = ImportOption.DoNotIncludeTests.class)
class InfraLayeringTest {

    @ArchTest
    static final ArchRule no_projections_or_application_in_infra = noClasses()
            .that().resideInAPackage("fr.paris.ledger.infra..")
            .should().dependOnClassesThat().resideInAnyPackage("fr.paris.ledger.projections..", "fr.paris.ledger.application..")
            .because("infra serves the application and the projections, not the other way round");
}
