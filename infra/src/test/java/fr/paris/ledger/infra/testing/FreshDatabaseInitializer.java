package fr.paris.ledger.infra.testing;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at a database of its own (see {@link TestDatabases}). Used with
 * {@code @DirtiesContext} after each class, every test class starts on an empty ledger.
 */
public class FreshDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    public static final String DATABASE_NAME_PROPERTY = "ledger.test.database-name";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var server = TestDatabases.server();
        String database = TestDatabases.freshDatabase();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("freshTestDatabase", Map.of(
                "spring.datasource.url", server.jdbcUrl(database),
                "spring.datasource.username", server.user(),
                "spring.datasource.password", server.password() == null ? "" : server.password(),
                DATABASE_NAME_PROPERTY, database)));
    }
}
