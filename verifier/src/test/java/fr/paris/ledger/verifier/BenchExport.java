package fr.paris.ledger.verifier;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a large valid export for timing {@code verify} by hand (not a test): export.ndjson,
 * checkpoints.json (a checkpoint every 100,000 leaves and one at the end), verifier.key and
 * leaf-hashes.txt, made with {@link ExportFixture#generate(int)}.
 *
 * <pre>
 * ./mvnw -q -B -pl verifier -am test-compile
 * java -cp verifier/target/ledger-verifier.jar:verifier/target/test-classes fr.paris.ledger.verifier.BenchExport 300000 /tmp/verify-bench
 * </pre>
 */
final class BenchExport {
    private BenchExport() {
    }

    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        Files.createDirectories(dir);
        ExportFixture fixture = ExportFixture.generate(n);
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("export.ndjson"), StandardCharsets.UTF_8)) {
            for (String line : fixture.lines) {
                w.write(line);
                w.write('\n');
            }
        }
        int count = (n + 99_999) / 100_000;
        long[] sizes = new long[count];
        for (int i = 0; i < count; i++) {
            sizes[i] = Math.min(n, (i + 1) * 100_000L);
        }
        Files.writeString(dir.resolve("checkpoints.json"), fixture.checkpoints(sizes), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("verifier.key"), fixture.keys.verifierKey() + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("leaf-hashes.txt"), fixture.leafHashesFile(), StandardCharsets.UTF_8);
        System.out.println("wrote " + n + " lines to " + dir);
    }
}
