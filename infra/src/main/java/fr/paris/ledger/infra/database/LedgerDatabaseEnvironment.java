package fr.paris.ledger.infra.database;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The embedded default: when no {@code spring.datasource.url} is configured, the service starts an
 * embedded PostgreSQL with its data under {@code ledger.data-dir} (default {@code ./data}); if that
 * server cannot start, it uses a PostgreSQL on {@code localhost:5432}, creating the database if
 * needed; if neither works it stops with a message saying how to point it at a database.
 *
 * <p>Runs before the application context exists, so it must decide with the environment only.
 */
public class LedgerDatabaseEnvironment implements EnvironmentPostProcessor, Ordered {
    private static final String SOURCE = "ledgerDatabase";
    /** One embedded server per data directory for the life of the JVM (a test may start several contexts). */
    private static final Map<Path, EmbeddedPostgresServer> EMBEDDED = new HashMap<>();

    private final Log log;

    public LedgerDatabaseEnvironment(DeferredLogFactory logs) {
        this.log = logs.getLog(LedgerDatabaseEnvironment.class);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String configured = env.getProperty("spring.datasource.url");
        if (configured != null && !configured.isBlank()) {
            log.info("Ledger database: " + redact(configured) + " (from configuration)");
            return;
        }
        if (!env.getProperty("ledger.database.embedded-default", Boolean.class, true)) {
            return;
        }
        String database = env.getProperty("ledger.database.name", "ledger");
        Path dataDir = Path.of(env.getProperty("ledger.data-dir", "./data")).resolve("postgres");
        PostgresServer server = startEmbedded(dataDir);
        if (server == null) {
            server = localServer(env);
        }
        if (server == null) {
            throw new IllegalStateException("""
                    No database for the ledger. The embedded PostgreSQL could not start and no PostgreSQL \
                    answers on localhost:%d. Point the service at a database with SPRING_DATASOURCE_URL \
                    (and SPRING_DATASOURCE_USERNAME, SPRING_DATASOURCE_PASSWORD), for example \
                    SPRING_DATASOURCE_URL=jdbc:postgresql://db.example:5432/ledger."""
                    .formatted(env.getProperty("ledger.database.fallback-port", Integer.class, 5432)));
        }
        try {
            server.createDatabaseIfMissing(database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database '" + database + "' on " + server.description()
                    + ": " + e.getMessage(), e);
        }
        Map<String, Object> props = new HashMap<>();
        props.put("spring.datasource.url", server.jdbcUrl(database));
        props.put("spring.datasource.username", server.user());
        props.put("spring.datasource.password", server.password() == null ? "" : server.password());
        env.getPropertySources().addFirst(new MapPropertySource(SOURCE, props));
        log.info("Ledger database: '" + database + "' on " + server.description());
    }

    private PostgresServer startEmbedded(Path dataDir) {
        synchronized (EMBEDDED) {
            Path key = dataDir.toAbsolutePath().normalize();
            EmbeddedPostgresServer running = EMBEDDED.get(key);
            if (running == null) {
                try {
                    running = EmbeddedPostgresServer.start(key);
                } catch (Exception | LinkageError e) {
                    log.warn("The embedded PostgreSQL could not start (" + e + "); trying a PostgreSQL on localhost instead");
                    return null;
                }
                EMBEDDED.put(key, running);
                EmbeddedPostgresServer started = running;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(started), "embedded-postgres-stop"));
            }
            return running.server();
        }
    }

    private static PostgresServer localServer(ConfigurableEnvironment env) {
        int port = env.getProperty("ledger.database.fallback-port", Integer.class, 5432);
        PostgresServer local = new PostgresServer("localhost", port,
                env.getProperty("ledger.database.fallback-user", "postgres"),
                env.getProperty("ledger.database.fallback-password"),
                "the PostgreSQL server on localhost:" + port);
        return local.isReachable() ? local : null;
    }

    private static void closeQuietly(EmbeddedPostgresServer server) {
        try {
            server.close();
        } catch (Exception ignored) {
            // the JVM is stopping: nothing more to do
        }
    }

    static String redact(String url) {
        return url.replaceAll("password=[^&]*", "password=***");
    }
}
