package fr.paris.ledger.infra.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default keeps its data in its data directory across a restart. */
class EmbeddedPostgresServerTest {

    @Test
    void data_written_before_a_restart_is_there_after_it(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("postgres");
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(data)) {
            first.server().createDatabaseIfMissing("ledger");
            try (var c = first.server().connect("ledger"); var s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v text)");
                s.execute("INSERT INTO kept VALUES ('before restart')");
            }
        }
        try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(data)) {
            second.server().createDatabaseIfMissing("ledger");
            try (var c = second.server().connect("ledger"); var s = c.createStatement();
                 var rs = s.executeQuery("SELECT v FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("before restart");
            }
        }
    }
}
