package fr.paris.ledger.infra.privacy;

import fr.paris.ledger.infra.events.EventScanner;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/** Privacy by design: the service keys, the subject keys and the participants' references (docs/privacy.md). */
@Configuration(proxyBeanMethods = false)
public class PrivacyConfiguration {

    @Bean
    public PrivacyKeys privacyKeys(Environment env) throws java.io.IOException {
        return PrivacyKeys.from(env);
    }

    @Bean
    public SubjectKeys subjectKeys(JdbcTemplate jdbc, PrivacyKeys keys, Clock clock) {
        SubjectKeys subjects = new SubjectKeys(jdbc, keys, clock);
        subjects.checkKeysAndJournal();
        return subjects;
    }

    /**
     * Events of format revision 1 named people (a sub, postal codes, birth years): a database holding
     * any is refused, with a message, rather than served or silently upcast (ADR 013).
     */
    @Bean
    public LegacyEventFormatCheck legacyEventFormatCheck(EventScanner events) {
        if (events.holdsRevision("1")) {
            throw new IllegalStateException("This database holds events of the first format (revision 1), which named "
                    + "participants by their identity. This version records scoped, erasable references instead and "
                    + "cannot serve them: start it on a new database (docs/privacy.md, ADR 013).");
        }
        return new LegacyEventFormatCheck();
    }

    /** Marks that the event log holds no event of the first format. */
    public static final class LegacyEventFormatCheck {
    }

    @Bean
    public AggregateIndex aggregateIndex(EventScanner events) {
        return new AggregateIndex(events);
    }

    @Bean
    public Participants participants(SubjectKeys subjects, PrivacyKeys keys, JdbcTemplate jdbc) {
        return new Participants(subjects, keys, jdbc);
    }
}
