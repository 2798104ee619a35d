package fr.paris.ledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ExportVerifier#verify} with the export cut into many small batches checked in parallel: the
 * outcome is the same whatever the chunk size, and the first failure in leaf order is the one named
 * even when a later batch fails too (and may finish first).
 */
class ParallelVerifyTest {
    static final int[] CHUNKS = {1, 300, 1000, 2500, 64 * 1024, LeafBatches.CHUNK_SIZE};

    final ExportFixture fixture = ExportFixture.generate(120);
    final long[] sizes = {30, 60, 90, 120};

    ExportVerifier.Outcome verify(List<String> lines, String leafHashes, int chunk) throws IOException {
        InputStream export = new ByteArrayInputStream(ExportFixture.export(lines).getBytes(StandardCharsets.UTF_8));
        List<ExportVerifier.CheckpointEntry> checkpoints = ExportVerifier.readCheckpoints(
                new ByteArrayInputStream(fixture.checkpoints(sizes).getBytes(StandardCharsets.UTF_8)));
        InputStream hashes = leafHashes == null ? null : new ByteArrayInputStream(leafHashes.getBytes(StandardCharsets.UTF_8));
        return ExportVerifier.verify(export, checkpoints, fixture.keys.key(), hashes, chunk);
    }

    void assertEveryChunkSize(List<String> lines, String leafHashes, boolean ok, String message) throws IOException {
        for (int chunk : CHUNKS) {
            ExportVerifier.Outcome outcome = verify(lines, leafHashes, chunk);
            assertThat(outcome.message()).as("chunk size %d", chunk).isEqualTo(message);
            assertThat(outcome.ok()).isEqualTo(ok);
        }
    }

    @Test
    void aValidExportVerifiesWithAnyChunkSize() throws IOException {
        String root = Base64.getEncoder().encodeToString(Merkle.root(fixture.leafHashes(fixture.lines)));
        assertEveryChunkSize(fixture.lines, null, true, "OK: 120 leaves, 4 checkpoints, root " + root + " at 120");
        assertEveryChunkSize(fixture.lines, fixture.leafHashesFile(), true, "OK: 120 leaves, 4 checkpoints, root " + root + " at 120");
    }

    @Test
    void theFirstFailingLeafIsNamedThoughLaterOnesFailToo() throws IOException {
        List<String> lines = new ArrayList<>(fixture.lines);
        lines.set(100, "not json at all");
        lines.set(70, lines.get(70).replace("\"leafIndex\":70", "\"leafIndex\":7"));
        lines.set(13, lines.get(13).replace("{\"aggregateId\":", "{ \"aggregateId\":"));
        assertEveryChunkSize(lines, null, false, "FAIL leaf 13: line is not in canonical form (RFC 8785)");
        lines.set(13, fixture.lines.get(13));
        assertEveryChunkSize(lines, null, false, "FAIL leaf 70: leafIndex is 7, expected 70 (a line is missing, inserted or out of order)");
        lines.set(70, fixture.lines.get(70));
        assertEveryChunkSize(lines, null, false, "FAIL leaf 100: line is not JSON (Expected '{' but got 'n')");
    }

    @Test
    void aCheckpointFailureBeforeABadLineIsNamedFirst() throws IOException {
        List<String> lines = new ArrayList<>(fixture.lines);
        lines.set(40, ExportFixture.reassign(lines.get(40), 40, 44));
        lines.set(110, "");
        assertEveryChunkSize(lines, null, false,
                "FAIL checkpoint 1 (size 60): root differs from the export's; first difference is among leaves [30, 60)");
        String changed = Base64.getEncoder().encodeToString(Merkle.leafHash(lines.get(40).getBytes(StandardCharsets.UTF_8)));
        String sealed = Base64.getEncoder().encodeToString(fixture.leafHashes(fixture.lines).get(40));
        assertEveryChunkSize(lines, fixture.leafHashesFile(), false, "FAIL leaf 40: its export line hashes to " + changed
                + " but the log sealed " + sealed + " (the sealed hashes match checkpoint 1's signed root): the event was changed after sealing");
    }

    @Test
    void aLineWithoutItsLastNewlineAndAnEmptyLine() throws IOException {
        String export = ExportFixture.export(fixture.lines);
        String root = Base64.getEncoder().encodeToString(Merkle.root(fixture.leafHashes(fixture.lines)));
        List<ExportVerifier.CheckpointEntry> checkpoints = ExportVerifier.readCheckpoints(
                new ByteArrayInputStream(fixture.checkpoints(sizes).getBytes(StandardCharsets.UTF_8)));
        for (int chunk : CHUNKS) {
            byte[] noLastNewline = export.substring(0, export.length() - 1).getBytes(StandardCharsets.UTF_8);
            assertThat(ExportVerifier.verify(new ByteArrayInputStream(noLastNewline), checkpoints, fixture.keys.key(), null, chunk).message())
                    .isEqualTo("OK: 120 leaves, 4 checkpoints, root " + root + " at 120");
            byte[] extraNewline = (export + "\n").getBytes(StandardCharsets.UTF_8);
            assertThat(ExportVerifier.verify(new ByteArrayInputStream(extraNewline), checkpoints, fixture.keys.key(), null, chunk).message())
                    .isEqualTo("FAIL leaf 120: empty line");
        }
    }

    @Test
    void aReadErrorComesAfterTheFailuresOfTheLinesReadBeforeIt() throws IOException {
        List<String> lines = new ArrayList<>(fixture.lines);
        lines.set(50, lines.get(50).replace("{\"aggregateId\":", "{ \"aggregateId\":"));
        byte[] data = ExportFixture.export(lines).getBytes(StandardCharsets.UTF_8);
        int line52 = ExportFixture.export(lines.subList(0, 52)).getBytes(StandardCharsets.UTF_8).length;
        int line45 = ExportFixture.export(lines.subList(0, 45)).getBytes(StandardCharsets.UTF_8).length;
        List<ExportVerifier.CheckpointEntry> checkpoints = ExportVerifier.readCheckpoints(
                new ByteArrayInputStream(fixture.checkpoints(sizes).getBytes(StandardCharsets.UTF_8)));
        for (int chunk : CHUNKS) {
            // the error after the bad line (in the middle of line 52): the bad line is named
            assertThat(ExportVerifier.verify(new ErrorAfter(data, line52 + 10), checkpoints, fixture.keys.key(), null, chunk).message())
                    .isEqualTo("FAIL leaf 50: line is not in canonical form (RFC 8785)");
            // the error before it: the error
            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                    ExportVerifier.verify(new ErrorAfter(data, line45 + 10), checkpoints, fixture.keys.key(), null, chunk))
                    .isInstanceOf(IOException.class).hasMessage("disk error");
        }
    }

    /** The given bytes, then an IOException once {@code failAt} bytes have been read. */
    static final class ErrorAfter extends InputStream {
        final byte[] data;
        final int failAt;
        int pos;

        ErrorAfter(byte[] data, int failAt) {
            this.data = data;
            this.failAt = failAt;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= failAt) {
                throw new IOException("disk error");
            }
            int n = Math.min(Math.min(len, failAt - pos), 97);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
