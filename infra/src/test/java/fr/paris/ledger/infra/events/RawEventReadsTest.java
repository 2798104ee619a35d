package fr.paris.ledger.infra.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One class reads Axon's event table for everyone who must: {@link EventScanner}. ArchUnit cannot
 * see SQL in strings, so this test reads the main source trees of every module (under the project
 * root) and fails on any file that names {@code domain_event_entry}, except EventScanner, the DDL
 * (the Flyway migrations, and the table names Axon is given) and the bench's generators, which
 * write events with SQL in their own process.
 */
class RawEventReadsTest {
    private static final String TABLE = "domain_event_entry";

    /** The files allowed to name the table, relative to the project root. */
    private static final Set<String> ALLOWED = Set.of(
            "infra/src/main/java/fr/paris/ledger/infra/events/EventScanner.java",
            "infra/src/main/java/fr/paris/ledger/infra/axon/EventStoreSchemaConfiguration.java",
            "bench/src/main/java/fr/paris/ledger/bench/EventGenerator.java",
            "bench/src/main/java/fr/paris/ledger/bench/MajorityJudgmentBench.java");

    @Test
    void only_the_event_scanner_the_ddl_and_the_bench_generators_name_the_event_table() throws IOException {
        Path root = projectRoot();
        List<String> naming = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path main : modules.map(m -> m.resolve("src/main")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(main)) {
                    files.filter(Files::isRegularFile).filter(RawEventReadsTest::names)
                            .map(f -> root.relativize(f).toString().replace('\\', '/')).forEach(naming::add);
                }
            }
        }
        // the scan itself is checked: it must have seen the reader and the first migration
        assertThat(naming).as("files naming " + TABLE).contains(
                "infra/src/main/java/fr/paris/ledger/infra/events/EventScanner.java",
                "infra/src/main/resources/db/migration/V1__axon_event_store.sql");
        assertThat(naming.stream().filter(f -> !ALLOWED.contains(f) && !isMigration(f)).sorted())
                .as("main files that name " + TABLE + ": read the events through EventScanner (infra/events) instead")
                .isEmpty();
    }

    /** A Flyway migration, in either location ({@code db/migration} in infra, {@code db/projections} in projections). */
    static boolean isMigration(String path) {
        return path.matches("[a-z]+/src/main/resources/db/(migration|projections)/V[0-9_]+__[a-z0-9_]+\\.sql");
    }

    private static boolean names(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).contains(TABLE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory of the parent pom: the first one up from the module's that holds {@code infra} and {@code domain}. */
    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("infra/src/main"))
                    && Files.isDirectory(dir.resolve("domain/src/main"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no project root above " + Path.of("").toAbsolutePath());
    }
}
