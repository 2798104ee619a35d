package fr.paris.ledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify} on a generated export: valid, then each kind of tampering names the right leaf or checkpoint. */
class VerifyCommandTest {
    static final long[] SIZES = {10, 20, 30, 50};

    @TempDir
    Path dir;

    ExportFixture fixture;
    String out;
    String err;

    @BeforeEach
    void generate() {
        fixture = ExportFixture.generate(50);
    }

    int verify(List<String> lines, String checkpoints) throws Exception {
        fixture.write(dir, lines, checkpoints);
        return run("verify", "--export", dir.resolve("export.ndjson").toString(), "--checkpoints",
                dir.resolve("checkpoints.json").toString(), "--key", fixture.keys.verifierKey());
    }

    int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Verifier.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8).strip();
        err = e.toString(StandardCharsets.UTF_8).strip();
        return code;
    }

    List<String> lines() {
        return new ArrayList<>(fixture.lines);
    }

    @Test
    void aValidExportVerifies() throws Exception {
        assertThat(verify(lines(), fixture.checkpoints(SIZES))).isZero();
        String root = Base64.getEncoder().encodeToString(Merkle.root(fixture.leafHashes(fixture.lines)));
        assertThat(out).isEqualTo("OK: 50 leaves, 4 checkpoints, root " + root + " at 50");
    }

    @Test
    void theKeyMayBeGivenAsAFile() throws Exception {
        fixture.write(dir, lines(), fixture.checkpoints(SIZES));
        assertThat(run("verify", "--export", dir.resolve("export.ndjson").toString(), "--checkpoints",
                dir.resolve("checkpoints.json").toString(), "--key", dir.resolve("verifier.key").toString())).isZero();
    }

    @Test
    void leavesAfterTheLastCheckpointAreReportedAsNotYetSigned() throws Exception {
        assertThat(verify(lines(), fixture.checkpoints(0, 10, 20, 30))).isZero();
        assertThat(out).startsWith("OK: 50 leaves, 4 checkpoints, root ")
                .endsWith(" at 30; leaves [30, 50) come after the last checkpoint and are not covered by a signature yet");
    }

    @Test
    void anEmptyLedgerVerifies() throws Exception {
        assertThat(verify(List.of(), fixture.checkpoints(0))).isZero();
        assertThat(out).isEqualTo("OK: 0 leaves, 1 checkpoints, root " + Base64.getEncoder().encodeToString(Merkle.emptyRoot()) + " at 0");
        assertThat(verify(List.of(), "[]")).isZero();
    }

    @Test
    void anExportWithoutAnyCheckpointFails() throws Exception {
        assertThat(verify(lines(), "[]")).isEqualTo(1);
        assertThat(out).isEqualTo("FAIL: no checkpoint; leaves [0, 50) are not covered by any signed checkpoint");
    }

    @Test
    void aChangedLineIsCaughtAtTheFirstCheckpointCoveringIt() throws Exception {
        List<String> lines = lines();
        lines.set(23, ExportFixture.reassign(lines.get(23), 23, 99));
        assertThat(verify(lines, fixture.checkpoints(SIZES))).isEqualTo(1);
        assertThat(out).isEqualTo("FAIL checkpoint 2 (size 30): root differs from the export's; first difference is among leaves [20, 30)");
    }

    int verifyWithLeafHashes(List<String> lines, String checkpoints, String leafHashes) throws Exception {
        fixture.write(dir, lines, checkpoints);
        Files.writeString(dir.resolve("leaf-hashes.txt"), leafHashes, StandardCharsets.UTF_8);
        return run("verify", "--export", dir.resolve("export.ndjson").toString(), "--checkpoints",
                dir.resolve("checkpoints.json").toString(), "--key", fixture.keys.verifierKey(),
                "--leaf-hashes", dir.resolve("leaf-hashes.txt").toString());
    }

    @Test
    void withTheStoredLeafHashesAValidExportVerifies() throws Exception {
        assertThat(verifyWithLeafHashes(lines(), fixture.checkpoints(SIZES), fixture.leafHashesFile())).isZero();
        assertThat(out).startsWith("OK: 50 leaves, 4 checkpoints");
    }

    @Test
    void withTheStoredLeafHashesAChangedLineIsNamedExactly() throws Exception {
        List<String> lines = lines();
        lines.set(23, ExportFixture.reassign(lines.get(23), 23, 99));
        assertThat(verifyWithLeafHashes(lines, fixture.checkpoints(SIZES), fixture.leafHashesFile())).isEqualTo(1);
        String changed = Base64.getEncoder().encodeToString(Merkle.leafHash(lines.get(23).getBytes(StandardCharsets.UTF_8)));
        String sealed = Base64.getEncoder().encodeToString(fixture.leafHashes(fixture.lines).get(23));
        assertThat(out).isEqualTo("FAIL leaf 23: its export line hashes to " + changed + " but the log sealed " + sealed
                + " (the sealed hashes match checkpoint 2's signed root): the event was changed after sealing");
    }

    @Test
    void leafHashesThatDoNotMatchTheSignedRootsCannotNameALeaf() throws Exception {
        List<String> lines = lines();
        lines.set(23, ExportFixture.reassign(lines.get(23), 23, 99));
        // a damaged tree on the service's side too: the hash of leaf 23 replaced by that of the changed line
        List<String> hashes = new ArrayList<>(List.of(fixture.leafHashesFile().split("\n")));
        hashes.set(23, Base64.getEncoder().encodeToString(Merkle.leafHash(lines.get(23).getBytes(StandardCharsets.UTF_8))));
        assertThat(verifyWithLeafHashes(lines, fixture.checkpoints(SIZES), String.join("\n", hashes) + "\n")).isEqualTo(1);
        assertThat(out).isEqualTo("FAIL checkpoint 2 (size 30): root differs from the export's; first difference is among leaves [20, 30); "
                + "the leaf hashes file does not match this checkpoint either");
    }

    @Test
    void aDamagedLeafHashUnderAnIntactExportIsNamed() throws Exception {
        List<String> hashes = new ArrayList<>(List.of(fixture.leafHashesFile().split("\n")));
        hashes.set(7, hashes.get(8));
        assertThat(verifyWithLeafHashes(lines(), fixture.checkpoints(SIZES), String.join("\n", hashes) + "\n")).isEqualTo(1);
        assertThat(out).startsWith("FAIL leaf 7: the export matches checkpoint 0 but the leaf hashes file holds ")
                .endsWith("for this leaf: the service's stored tree is damaged");
    }

    @Test
    void aShortLeafHashesFileFallsBackToCheckpointRanges() throws Exception {
        List<String> lines = lines();
        lines.set(23, ExportFixture.reassign(lines.get(23), 23, 99));
        String firstTen = String.join("\n", List.of(fixture.leafHashesFile().split("\n")).subList(0, 10)) + "\n";
        assertThat(verifyWithLeafHashes(lines, fixture.checkpoints(SIZES), firstTen)).isEqualTo(1);
        assertThat(out).startsWith("FAIL checkpoint 2 (size 30): root differs from the export's; first difference is among leaves [20, 30)");
    }

    @Test
    void aStrayEventAtTheEndOfTheExportFails() throws Exception {
        List<String> lines = lines();
        String stray = ExportFixture.signatureLine(0, 1001, "pet-0", ExportFixture.reference("r-", "forged"), 11,
                "2026-11-26T11:00:00.000Z").replace("\"leafIndex\":0", "\"leafIndex\":null");
        lines.add(ExportFixture.canonical(stray));
        assertThat(verify(lines, fixture.checkpoints(SIZES))).isEqualTo(1);
        assertThat(out).startsWith("FAIL leaf 50: event ").contains("(global index 1001) is in the event store at an index the sealer had passed, but not in the tree");
    }

    @Test
    void aPayloadThatIsNotAnObjectIsNamed() throws Exception {
        List<String> lines = lines();
        String broken = lines.get(12).replaceFirst("\"payload\":\\{[^}]*\\}", "\"payload\":\"bm90IGpzb24=\"");
        lines.set(12, ExportFixture.canonical(broken));
        assertThat(verify(lines, fixture.checkpoints(SIZES))).isEqualTo(1);
        assertThat(out).isEqualTo("FAIL leaf 12: payload is not a JSON object");
    }

    @Test
    void aDeletedLineIsNamed() throws Exception {
        List<String> lines = lines();
        lines.remove(23);
        assertThat(verify(lines, fixture.checkpoints(SIZES))).isEqualTo(1);
        assertThat(out).isEqualTo("FAIL leaf 23: leafIndex is 24, expected 23 (a line is missing, inserted or out of order)");
    }

    @Test
    void anInsertedLineIsNamed() throws Exception {
        List<String> lines = lines();
        lines.add(23, ExportFixture.signatureLine(23, 1045, "pet-0", ExportFixture.reference("r-", "intruder"), 11,
                "2026-11-26T11:00:00.000Z"));
        assertThat(verify(lines, fixture.checkpoints(SIZES))).isEqualTo(1);
        assertThat(out).isEqualTo("FAIL leaf 24: leafIndex is 23, expected 24 (a line is missing, inserted or out of order)");
    }

    @Test
    void anInsertedLineWithRenumberedSuccessorsBreaksTheRoot() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 49; i++) {
            String original = fixture.lines.get(i);
            int at = i >= 23 ? i + 1 : i;
            lines.add(original.replace("\"leafIndex\":" + i + ",", "\"leafIndex\":" + at + ","));
        }
        lines.add(23, ExportFixture.signatureLine(23, 1045, "pet-0", ExportFixture.reference("r-", "intruder"), 11,
                "2026-11-26T11:00:00.000Z"));
        assertThat(verify(lines, fixture.checkpoints(SIZES))).isEqualTo(1);
        assertThat(out).isEqualTo("FAIL checkpoint 2 (size 30): root differs from the export's; first difference is among leaves [20, 30)");
    }

    @Test
    void twoSwappedLinesAreNamed() throws Exception {
        List<String> lines = lines();
        Collections.swap(lines, 23, 24);
        assertThat(verify(lines, fixture.checkpoints(SIZES))).isEqualTo(1);
        assertThat(out).isEqualTo("FAIL leaf 23: leafIndex is 24, expected 23 (a line is missing, inserted or out of order)");
    }

    @Test
    void aNonCanonicalLineIsNamed() throws Exception {
        List<String> lines = lines();
        lines.set(7, lines.get(7).replace("{\"aggregateId\":", "{ \"aggregateId\":"));
        assertThat(verify(lines, fixture.checkpoints(SIZES))).isEqualTo(1);
        assertThat(out).isEqualTo("FAIL leaf 7: line is not in canonical form (RFC 8785)");
    }

    @Test
    void aCrlfLineIsNotCanonical() throws Exception {
        List<String> lines = lines();
        lines.set(3, lines.get(3) + "\r");
        assertThat(verify(lines, fixture.checkpoints(SIZES))).isEqualTo(1);
        assertThat(out).isEqualTo("FAIL leaf 3: line is not in canonical form (RFC 8785)");
    }

    @Test
    void anEmptyOrBrokenLineIsNamed() throws Exception {
        List<String> lines = lines();
        lines.add(5, "");
        assertThat(verify(lines, fixture.checkpoints(SIZES))).isEqualTo(1);
        assertThat(out).isEqualTo("FAIL leaf 5: empty line");
        lines = lines();
        lines.set(5, lines.get(5).substring(0, 40));
        assertThat(verify(lines, fixture.checkpoints(SIZES))).isEqualTo(1);
        assertThat(out).startsWith("FAIL leaf 5: line is not JSON");
    }

    @Test
    void aCheckpointSignedByAnotherKeyFails() throws Exception {
        TestKeys other = TestKeys.generate(ExportFixture.ORIGIN);
        List<String> notes = new ArrayList<>();
        for (long s : SIZES) {
            notes.add(s == 20 ? ExportFixture.checkpoint(s, Merkle.root(fixture.leafHashes(fixture.lines.subList(0, 20))), other)
                    : fixture.checkpoint(s));
        }
        assertThat(verify(lines(), ExportFixture.checkpointsFile(SIZES, notes))).isEqualTo(1);
        assertThat(out).isEqualTo("FAIL checkpoint 1: not signed by key " + ExportFixture.ORIGIN + "+" + fixture.keys.key().keyHashHex());
    }

    @Test
    void aCheckpointWithAForgedSignatureFails() throws Exception {
        List<String> notes = new ArrayList<>();
        for (long s : SIZES) {
            String note = fixture.checkpoint(s);
            if (s == 20) {
                // the signed size changed after signing
                note = note.replace("\n20\n", "\n21\n");
            }
            notes.add(note);
        }
        assertThat(verify(lines(), ExportFixture.checkpointsFile(new long[] {10, 21, 30, 50}, notes))).isEqualTo(1);
        assertThat(out).isEqualTo("FAIL checkpoint 1: bad signature");
    }

    @Test
    void aCheckpointWhoseRootIsWrongFails() throws Exception {
        List<String> notes = new ArrayList<>();
        for (long s : SIZES) {
            notes.add(s == 20 ? ExportFixture.checkpoint(s, Merkle.root(fixture.leafHashes(fixture.lines.subList(0, 19))), fixture.keys)
                    : fixture.checkpoint(s));
        }
        assertThat(verify(lines(), ExportFixture.checkpointsFile(SIZES, notes))).isEqualTo(1);
        assertThat(out).isEqualTo("FAIL checkpoint 1 (size 20): root differs from the export's; first difference is among leaves [10, 20)");
    }

    @Test
    void aCheckpointInconsistentWithItsPredecessorFails() throws Exception {
        // a forked history: checkpoint 30 is signed over a tree whose leaf 5 differs, so it does not
        // extend checkpoints 10 and 20 (both of the real tree); each note's signature is good
        List<String> forked = lines();
        forked.set(5, ExportFixture.reassign(forked.get(5), 5, 55));
        List<String> notes = new ArrayList<>();
        for (long s : SIZES) {
            notes.add(s == 30 ? ExportFixture.checkpoint(s, Merkle.root(fixture.leafHashes(forked.subList(0, 30))), fixture.keys)
                    : fixture.checkpoint(s));
        }
        assertThat(verify(lines(), ExportFixture.checkpointsFile(SIZES, notes))).isEqualTo(1);
        assertThat(out).isEqualTo("FAIL checkpoint 2 (size 30): root differs from the export's; first difference is among leaves [20, 30)");
        // and against the forked export, the real checkpoints 10 and 20 fail first
        assertThat(verify(forked, ExportFixture.checkpointsFile(SIZES, notes))).isEqualTo(1);
        assertThat(out).isEqualTo("FAIL checkpoint 0 (size 10): root differs from the export's; first difference is among leaves [0, 10)");
    }

    @Test
    void aCheckpointBeyondTheExportFails() throws Exception {
        List<String> lines = lines().subList(0, 40);
        assertThat(verify(lines, fixture.checkpoints(SIZES))).isEqualTo(1);
        assertThat(out).isEqualTo("FAIL checkpoint 3 (size 50): beyond the export's 40 leaves");
    }

    @Test
    void checkpointSizesMustIncreaseAndMatchTheirNote() throws Exception {
        assertThat(verify(lines(), fixture.checkpoints(10, 30, 20))).isEqualTo(1);
        assertThat(out).isEqualTo("FAIL checkpoint 2 (size 20): tree sizes do not increase (previous checkpoint has size 30)");
        List<String> notes = List.of(fixture.checkpoint(10), fixture.checkpoint(20));
        assertThat(verify(lines(), ExportFixture.checkpointsFile(new long[] {10, 25}, notes))).isEqualTo(1);
        assertThat(out).isEqualTo("FAIL checkpoint 1: treeSize 25 in the file but 20 in the signed note");
    }

    @Test
    void aCheckpointOfAnotherOriginFails() throws Exception {
        String root = Base64.getEncoder().encodeToString(Merkle.root(fixture.leafHashes(fixture.lines.subList(0, 10))));
        String note = fixture.keys.sign("ledger.example/other\n10\n" + root + "\n");
        assertThat(verify(lines(), ExportFixture.checkpointsFile(new long[] {10}, List.of(note)))).isEqualTo(1);
        assertThat(out).isEqualTo("FAIL checkpoint 0: origin \"ledger.example/other\" is not the key's name \"" + ExportFixture.ORIGIN + "\"");
    }

    @Test
    void usageAndInputErrorsExitWithTwo() throws Exception {
        assertThat(run()).isEqualTo(2);
        assertThat(out).contains("usage:");
        assertThat(run("verify", "--export", "x")).isEqualTo(2);
        assertThat(err).contains("--checkpoints is required");
        assertThat(run("verify", "--export", "x", "--checkpoints", "y", "--key", "not+a+key")).isEqualTo(2);
        assertThat(err).startsWith("ERROR: --key:");
        Files.writeString(dir.resolve("c.json"), "{}");
        assertThat(run("verify", "--export", "x", "--checkpoints", dir.resolve("c.json").toString(), "--key",
                fixture.keys.verifierKey())).isEqualTo(2);
        assertThat(err).isEqualTo("ERROR: --checkpoints: the checkpoints file is not a JSON array");
    }
}
