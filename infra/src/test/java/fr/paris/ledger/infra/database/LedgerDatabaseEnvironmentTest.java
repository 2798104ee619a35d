package fr.paris.ledger.infra.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.paris.ledger.infra.testing.TestDatabases;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The embedded default's rule: configured database, else embedded, else localhost, else a clear stop. */
class LedgerDatabaseEnvironmentTest {
    private static final DeferredLogFactory LOGS = destination -> destination.get();

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return env;
    }

    private static void process(StandardEnvironment env) {
        new LedgerDatabaseEnvironment(LOGS).postProcessEnvironment(env, new SpringApplication());
    }

    @Test
    void a_configured_database_is_used_as_it_is() {
        StandardEnvironment env = environment(Map.of("spring.datasource.url", "jdbc:postgresql://db.example:5432/ledger"));
        process(env);
        assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db.example:5432/ledger");
    }

    @Test
    void an_embedded_database_is_started_in_the_data_directory_when_none_is_configured(@TempDir Path dir) throws Exception {
        StandardEnvironment env = environment(Map.of("ledger.data-dir", dir.toString(), "ledger.database.name", "ledger_embedded"));
        process(env);
        String url = env.getProperty("spring.datasource.url");
        assertThat(url).startsWith("jdbc:postgresql://localhost:").endsWith("/ledger_embedded");
        assertThat(Files.exists(dir.resolve("postgres").resolve("PG_VERSION"))).isTrue();
        try (var c = java.sql.DriverManager.getConnection(url, "postgres", "")) {
            assertThat(c.isValid(2)).isTrue();
        }
    }

    @Test
    void when_the_embedded_database_cannot_start_a_local_server_is_used_and_the_database_created(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("a-file"), "x");
        var local = TestDatabases.server();
        String name = "ledger_fallback_" + System.nanoTime();
        StandardEnvironment env = environment(Map.of(
                "ledger.data-dir", notADirectory.resolve("data").toString(),
                "ledger.database.name", name,
                "ledger.database.fallback-port", local.port(),
                "ledger.database.fallback-user", local.user()));
        process(env);
        assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://localhost:" + local.port() + "/" + name);
        try (var c = local.connect(name)) {
            assertThat(c.isValid(2)).isTrue();
        } finally {
            local.dropDatabase(name);
        }
    }

    @Test
    void with_no_database_at_all_it_stops_saying_how_to_configure_one(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("a-file"), "x");
        int unusedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            unusedPort = s.getLocalPort();
        }
        StandardEnvironment env = environment(Map.of(
                "ledger.data-dir", notADirectory.resolve("data").toString(),
                "ledger.database.fallback-port", unusedPort));
        assertThatThrownBy(() -> process(env))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SPRING_DATASOURCE_URL")
                .hasMessageContaining("localhost:" + unusedPort);
    }
}
