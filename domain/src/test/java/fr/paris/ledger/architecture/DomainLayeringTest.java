package fr.paris.ledger.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The domain holds rules only: no Spring, no JDBC or SQL, no web, no JSON library. */
@AnalyzeClasses(packages = "fr.paris.ledger", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainLayeringTest {

    @ArchTest
    static final ArchRule no_spring_in_the_domain = noClasses()
            .that().resideInAPackage("fr.paris.ledger..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
            .because("domain rules must run without a container");

    @ArchTest
    static final ArchRule no_jdbc_in_the_domain = noClasses()
            .that().resideInAPackage("fr.paris.ledger..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.postgresql..", "org.flywaydb..")
            .because("persistence belongs to infra and projections");

    @ArchTest
    static final ArchRule no_web_in_the_domain = noClasses()
            .that().resideInAPackage("fr.paris.ledger..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "jakarta.ws..", "org.springframework.web..", "com.fasterxml.jackson..")
            .because("the HTTP contract and serialization live in application and infra");
}
