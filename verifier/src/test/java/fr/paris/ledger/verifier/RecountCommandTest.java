package fr.paris.ledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recount} on a generated petition history: a matching recorded count passes, a different one
 * fails; an export holding events of another format than revision 2 is not recounted.
 */
class RecountCommandTest {
    static final String P = "pet-0123456789ab";
    static final String PKG = "fr.paris.ledger.petition.";

    @TempDir
    Path dir;

    String out;

    List<String> history(long recorded) {
        List<String> lines = new ArrayList<>();
        int[] leaf = {0};
        java.util.Map<String, Long> sequences = new java.util.HashMap<>();
        java.util.function.BiConsumer<String, ObjectNode> add = (type, payload) -> {
            String agg = payload.has("participantId") ? "signature:" + P + ":" + payload.get("participantId").asText() : P;
            long seq = sequences.merge(agg, 0L, (a, b) -> a + 1);
            lines.add(ExportFixture.line(leaf[0], leaf[0], PKG + type, agg, seq, payload));
            leaf[0]++;
        };
        add.accept("PetitionPublished", obj().put("petitionId", P).put("moderator", ExportFixture.reference("s-", "agent-1"))
                .put("opensAt", "2026-01-01T00:00:00.000Z").put("closesAt", "2027-01-01T00:00:00.000Z"));
        add.accept("PetitionSigned", signed("a", 11, "2026-02-01T10:00:00.000Z"));
        add.accept("PetitionSigned", signed("b", 16, "2026-02-01T11:00:00.000Z"));
        add.accept("PetitionSigned", signed("c", 0, "2026-02-01T12:00:00.000Z")); // not resident: no arrondissement 1-20
        add.accept("PetitionSigned", signed("d", 20, "2026-02-02T12:00:00.000Z"));
        add.accept("PetitionSignatureWithdrawn", obj().put("petitionId", P).put("participantId", signer("d"))
                .put("withdrawnAt", "2026-02-03T12:00:00.000Z"));
        add.accept("PetitionDeclined", obj().put("petitionId", P).put("member", ExportFixture.reference("s-", "cpdp-1"))
                .put("reason", "not enough").put("validSignatures", recorded).put("decidedAt", "2026-03-01T00:00:00.000Z"));
        add.accept("PetitionSigned", signed("e", 1, "2026-03-02T00:00:00.000Z")); // after the decision
        return lines;
    }

    /** A signer's reference in the petition's scope. */
    static String signer(String name) {
        return ExportFixture.reference("r-", P + ":" + name);
    }

    static ObjectNode obj() {
        return ExportFixture.JSON.createObjectNode();
    }

    static ObjectNode signed(String who, int arrondissement, String at) {
        return ExportFixture.signature(P, signer(who), arrondissement, at);
    }

    int recount(List<String> lines) throws Exception {
        Path export = dir.resolve("export.ndjson");
        Files.writeString(export, ExportFixture.export(lines));
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int code = Verifier.run(new String[] {"recount", "--export", export.toString()},
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(o, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void aMatchingRecordedCountPasses() throws Exception {
        assertThat(recount(history(2))).as(out).isZero();
        assertThat(out).contains("OK   petition " + P + ": PetitionDeclined recorded 2 valid signatures, recount gives 2 "
                + "(withdrawn 1, outside window 0, not resident 1, duplicate 0)");
    }

    @Test
    void aDifferentRecordedCountFails() throws Exception {
        assertThat(recount(history(3))).as(out).isEqualTo(1);
        assertThat(out).contains("DIFF petition " + P + ": PetitionDeclined recorded 3 valid signatures, recount gives 2");
    }

    @Test
    void anExportOfTheFirstFormatIsNotRecounted() throws Exception {
        List<String> lines = history(2);
        // signer b's signature as the first format recorded it: the identity provider's sub and the postal code
        String first = ExportFixture.line(2, 2, PKG + "PetitionSigned", "signature:" + P + ":b", 0, obj().put("petitionId", P)
                .put("participantId", "b").put("postalCode", "75116").put("arrondissement", 16).put("signedAt", "2026-02-01T11:00:00.000Z"))
                .replace("\"payloadRevision\":\"2\"", "\"payloadRevision\":\"1\"");
        lines.set(2, first);
        assertThat(recount(lines)).as(out).isEqualTo(1);
        assertThat(out).isEqualTo("FAIL: leaf 2 (fr.paris.ledger.petition.PetitionSigned) is an event of the first format "
                + "(payloadRevision \"1\"), which named people; this verifier reads only the second format (revision 2), "
                + "so the export is not recounted" + System.lineSeparator());
    }

    @Test
    void anExportOfAnUnknownFormatIsNotRecounted() throws Exception {
        List<String> lines = history(2);
        lines.set(6, lines.get(6).replace("\"payloadRevision\":\"2\"", "\"payloadRevision\":\"3\""));
        assertThat(recount(lines)).as(out).isEqualTo(1);
        assertThat(out).startsWith("FAIL: leaf 6 (fr.paris.ledger.petition.PetitionDeclined) has payloadRevision \"3\", "
                + "a format this verifier does not read (it reads revision 2)").doesNotContain("OK   petition");
    }
}
