package fr.paris.ledger.infra.testing;

import fr.paris.ledger.infra.database.EmbeddedPostgresServer;
import fr.paris.ledger.infra.database.PostgresServer;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where the tests find PostgreSQL, by the same rule for every module: {@code LEDGER_TEST_JDBC_URL}
 * when set (any database of the server; {@code LEDGER_TEST_DB_USER} and
 * {@code LEDGER_TEST_DB_PASSWORD} give the credentials, default {@code postgres} with none), else a
 * server on {@code localhost:5432}, else an embedded server started for this JVM. Each caller of
 * {@link #freshDatabase()} gets a database of its own, dropped when the JVM ends.
 */
public final class TestDatabases {
    private static PostgresServer server;
    private static final List<String> CREATED = new CopyOnWriteArrayList<>();

    private TestDatabases() {
    }

    public static synchronized PostgresServer server() {
        if (server == null) {
            server = locate();
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropAll, "test-databases-drop"));
        }
        return server;
    }

    /** Creates an empty database and returns its name. */
    public static String freshDatabase() {
        String name = "ledger_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try {
            server().createDatabaseIfMissing(name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + server().description(), e);
        }
        CREATED.add(name);
        return name;
    }

    /** A connection pool of at most {@code poolSize} connections to a {@link #freshDatabase()}. */
    public static com.zaxxer.hikari.HikariDataSource freshDataSource(int poolSize) {
        com.zaxxer.hikari.HikariDataSource dataSource = new com.zaxxer.hikari.HikariDataSource();
        dataSource.setJdbcUrl(server().jdbcUrl(freshDatabase()));
        dataSource.setUsername(server().user());
        dataSource.setPassword(server().password());
        dataSource.setMaximumPoolSize(poolSize);
        return dataSource;
    }

    private static PostgresServer locate() {
        String user = env("LEDGER_TEST_DB_USER", "postgres");
        String password = System.getenv("LEDGER_TEST_DB_PASSWORD");
        String url = System.getenv("LEDGER_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            URI uri = URI.create(url.substring("jdbc:".length()));
            return new PostgresServer(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), user, password,
                    "the server of LEDGER_TEST_JDBC_URL");
        }
        PostgresServer local = new PostgresServer("localhost", 5432, user, password, "PostgreSQL on localhost:5432");
        if (local.isReachable()) {
            return local;
        }
        try {
            EmbeddedPostgresServer embedded = EmbeddedPostgresServer.start(null);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (Exception ignored) {
                    // stopping anyway
                }
            }));
            return embedded.server();
        } catch (Exception e) {
            throw new IllegalStateException("No PostgreSQL for the tests: set LEDGER_TEST_JDBC_URL, start one on "
                    + "localhost:5432, or let the embedded one start", e);
        }
    }

    private static void dropAll() {
        for (String name : CREATED) {
            try {
                server.dropDatabase(name);
            } catch (Exception ignored) {
                // best effort: a test database left behind is harmless
            }
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
