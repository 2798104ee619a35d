package fr.paris.ledger.application.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The application module's layers (docs/architecture.md, ADR 019): controllers in each instrument's
 * {@code web} package only map HTTP to the use cases and back; the use cases (each instrument's
 * package) prepare, send and answer commands and know nothing of HTTP.
 */
class ApplicationLayeringTest {
    static final String WEB = "fr.paris.ledger.application.(*).web..";
    static final String[] USE_CASES = {"fr.paris.ledger.application.petition", "fr.paris.ledger.application.budget",
        "fr.paris.ledger.application.card", "fr.paris.ledger.application.benefit", "fr.paris.ledger.application.sortition",
        "fr.paris.ledger.application.participant", "fr.paris.ledger.application.audit"};

    static JavaClasses application;

    @BeforeAll
    static void importClasses() {
        application = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("fr.paris.ledger.application");
    }

    @Test
    void controllers_live_in_web_packages() {
        ArchRule rule = classes().that().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .and().resideOutsideOfPackages("fr.paris.ledger.application.api..", "fr.paris.ledger.application.admin..")
                .should().resideInAPackage("fr.paris.ledger.application.*.web..");
        rule.check(application);
    }

    @Test
    void controllers_use_no_jdbc_no_commands_no_sleep() {
        ArchRule rule = noClasses().that().resideInAPackage("fr.paris.ledger.application.*.web..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..",
                        "org.axonframework.commandhandling..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("fr.paris.ledger.infra.axon.LedgerCommands")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("fr.paris.ledger.infra.privacy.Participants")
                .orShould().callMethod(Thread.class, "sleep", long.class)
                .because("a controller maps HTTP to a use case and back; the use case sends the command");
        rule.check(application);
    }

    @Test
    void use_cases_know_nothing_of_http() {
        ArchRule rule = noClasses().that().resideInAnyPackage(USE_CASES)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "org.springframework.http..",
                        "jakarta.servlet..")
                .because("a use case is called by a controller, a job or a process alike");
        rule.check(application);
    }

    @Test
    void nothing_sleeps_on_a_request() {
        ArchRule rule = noClasses().that().resideInAnyPackage("fr.paris.ledger.application..")
                .and().doNotHaveFullyQualifiedName("fr.paris.ledger.application.budget.BudgetResultsProcess")
                .should().callMethod(Thread.class, "sleep", long.class)
                .because("no request waits by sleeping (issue 15); the budget results process waits out the close's grace on its own processor thread");
        rule.check(application);
    }
}
