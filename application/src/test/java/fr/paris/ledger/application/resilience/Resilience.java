package fr.paris.ledger.application.resilience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Switches and figures of the resilience tests. {@code -Dledger.resilience.long=true} runs the long
 * versions (more kills, a longer outage, more load); each test appends its figures to
 * {@code application/target/resilience/figures.txt} and prints them.
 */
final class Resilience {
    private Resilience() {
    }

    static boolean longRun() {
        return Boolean.getBoolean("ledger.resilience.long");
    }

    static Path workDir(String test) {
        Path dir = Path.of("target", "resilience", test + "-" + Long.toString(System.currentTimeMillis(), 36)).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    static void figures(String test, String line) {
        String text = Instant.now() + " " + test + (longRun() ? " (long)" : " (short)") + ": " + line + "\n";
        System.out.print(text);
        try {
            Path file = Path.of("target", "resilience", "figures.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
