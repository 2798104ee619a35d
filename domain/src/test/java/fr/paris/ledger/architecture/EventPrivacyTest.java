package fr.paris.ledger.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import fr.paris.ledger.card.CardNumber;
import fr.paris.ledger.shared.PostalCode;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

/** The stored events, as docs/privacy.md wants them: revision 2, and nothing that names a citizen. */
class EventPrivacyTest {
    private static final List<Class<?>> EVENTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("fr.paris.ledger")
            .stream()
            .filter(c -> c.isAnnotatedWith(Revision.class))
            .<Class<?>>map(JavaClass::reflect)
            .toList();

    @Test
    void every_event_is_a_record_of_revision_2() {
        assertThat(EVENTS).hasSizeGreaterThan(30);
        assertThat(EVENTS).allSatisfy(e -> {
            assertThat(e.isRecord()).as(e.getSimpleName() + " is a record").isTrue();
            assertThat(e.getAnnotation(Revision.class).value()).as(e.getSimpleName()).isEqualTo("2");
        });
    }

    @Test
    void no_event_holds_a_postal_code_a_card_number_or_a_birth_date() {
        for (Class<?> e : EVENTS) {
            for (RecordComponent c : e.getRecordComponents()) {
                String where = e.getSimpleName() + "." + c.getName();
                assertThat(c.getType()).as(where).isNotIn(PostalCode.class, CardNumber.class);
                String name = c.getName().toLowerCase(Locale.ROOT);
                assertThat(name).as(where).doesNotContain("postal", "birth", "cardnumber", "agesout", "ageon");
                if (c.getType() == LocalDate.class) {
                    assertThat(name).as(where + ": the only date an event keeps is a council session").isEqualTo("councilsession");
                }
            }
        }
    }
}
