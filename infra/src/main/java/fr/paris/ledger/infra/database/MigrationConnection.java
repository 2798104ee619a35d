package fr.paris.ledger.infra.database;

import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Flyway migrates over a connection of its own (same URL, user and password as the service), not
 * one of the pool: the pool's connections carry the request timeouts ({@code statement_timeout}
 * 30 s, {@code socketTimeout} 60 s, see docs/operations.md), and a migration on a large table may
 * rightly take minutes.
 */
@Configuration(proxyBeanMethods = false)
public class MigrationConnection {

    @Bean
    public FlywayConfigurationCustomizer migrationsWithoutRequestTimeouts(DataSourceProperties dataSource) {
        return flyway -> flyway.dataSource(dataSource.determineUrl(), dataSource.determineUsername(),
                dataSource.determinePassword());
    }
}
