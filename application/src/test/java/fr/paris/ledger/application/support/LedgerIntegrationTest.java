package fr.paris.ledger.application.support;

import fr.paris.ledger.application.LedgerApplication;
import fr.paris.ledger.infra.testing.FreshDatabaseInitializer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service on a real PostgreSQL, over HTTP on a random port, with a database of its own
 * per test class (the context is closed after the class, so the next class gets a new one) and a
 * controllable clock ({@link TestClock}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ledger.jwt.hmac-secret=" + Tokens.SECRET,
            "ledger.database.embedded-default=false",
            "ledger.projections.segments=1",
            // the development audit key and token secret go to the build directory, not the checkout
            "ledger.data-dir=target/test-data",
            "spring.datasource.hikari.maximum-pool-size=30",
            // the wait before a CPDP decision's count (2 s in service): nothing commits late in these tests
            "ledger.petitions.decision-grace=PT0.2S",
            // a readable CI log: warnings and the ledger's own messages
            "logging.level.root=WARN",
            "logging.level.fr.paris.ledger=INFO",
        })
@ContextConfiguration(initializers = FreshDatabaseInitializer.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@AutoConfigureObservability
@Import(TestClock.Configuration.class)
public @interface LedgerIntegrationTest {
}
