package fr.paris.ledger.projections.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Projections only project: they read events and write their read tables, and answer queries on
 * them. They know neither infra nor the application nor the web, and they send no command: no
 * Axon command handling type (gateway, bus, handler) and no command of the domain.
 */
class ProjectionsLayeringTest {
    private static final String COMMAND_HANDLER = "org.axonframework.commandhandling.CommandHandler";

    /** The domain's and the projections' main classes. */
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("fr.paris.ledger");

    /**
     * The domain's commands: the types an aggregate's {@code @CommandHandler} (method or
     * constructor) takes first. Found from the handlers, so a new command needs no list here.
     */
    static final Set<String> COMMANDS = CLASSES.stream()
            .filter(c -> !c.getPackageName().startsWith("fr.paris.ledger.projections"))
            .flatMap(c -> c.getCodeUnits().stream())
            .filter(u -> u.isAnnotatedWith(COMMAND_HANDLER) && !u.getRawParameterTypes().isEmpty())
            .map(JavaCodeUnit::getRawParameterTypes)
            .map(types -> types.get(0).getName())
            .collect(Collectors.toUnmodifiableSet());

    private static final DescribedPredicate<JavaClass> A_DOMAIN_COMMAND =
            DescribedPredicate.describe("are a command of the domain (the first parameter of an aggregate's @CommandHandler)",
                    c -> COMMANDS.contains(c.getName()));

    static final ArchRule NO_INFRA_APPLICATION_OR_WEB = noClasses()
            .that().resideInAPackage("fr.paris.ledger.projections..")
            .should().dependOnClassesThat().resideInAnyPackage("fr.paris.ledger.infra..", "fr.paris.ledger.application..",
                    "org.springframework.web..", "org.springframework.http..", "jakarta.servlet..")
            .because("projections read events and their own tables; the service's plumbing and HTTP are elsewhere");

    static final ArchRule NO_COMMAND_SENT = noClasses()
            .that().resideInAPackage("fr.paris.ledger.projections..")
            .should().dependOnClassesThat().resideInAnyPackage("org.axonframework.commandhandling..")
            .orShould().dependOnClassesThat(A_DOMAIN_COMMAND)
            .because("a projection only projects: a process that acts on events sends its commands from the application");

    @Test
    void the_domain_commands_are_found() {
        // the aggregates had 41 command handlers when this test was written; far fewer means the search broke
        assertThat(COMMANDS).hasSizeGreaterThan(30)
                .contains("fr.paris.ledger.petition.FilePetition", "fr.paris.ledger.card.IssueCitizenCard");
    }

    @Test
    void projections_depend_on_no_infra_application_or_web_class() {
        NO_INFRA_APPLICATION_OR_WEB.check(CLASSES);
    }

    @Test
    void projections_send_no_command() {
        NO_COMMAND_SENT.check(CLASSES);
    }
}
