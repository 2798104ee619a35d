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

/** {@code recount} on a generated petition history: a matching recorded count passes, a different one fails. */
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
        add.accept("PetitionPublished", obj().put("petitionId", P).put("moderator", "agent-1")
                .put("opensAt", "2026-01-01T00:00:00.000Z").put("closesAt", "2027-01-01T00:00:00.000Z"));
        add.accept("PetitionSigned", signed("a", "75011", 11, "2026-02-01T10:00:00.000Z"));
        add.accept("PetitionSigned", signed("b", "75116", 16, "2026-02-01T11:00:00.000Z"));
        add.accept("PetitionSigned", signed("c", "92100", 0, "2026-02-01T12:00:00.000Z")); // not resident
        add.accept("PetitionSigned", signed("d", "75020", 20, "2026-02-02T12:00:00.000Z"));
        add.accept("PetitionSignatureWithdrawn", obj().put("petitionId", P).put("participantId", "d")
                .put("withdrawnAt", "2026-02-03T12:00:00.000Z"));
        add.accept("PetitionDeclined", obj().put("petitionId", P).put("member", "cpdp-1").put("reason", "not enough")
                .put("validSignatures", recorded).put("decidedAt", "2026-03-01T00:00:00.000Z"));
        add.accept("PetitionSigned", signed("e", "75001", 1, "2026-03-02T00:00:00.000Z")); // after the decision
        return lines;
    }

    static ObjectNode obj() {
        return ExportFixture.JSON.createObjectNode();
    }

    static ObjectNode signed(String who, String postalCode, int arrondissement, String at) {
        return obj().put("petitionId", P).put("participantId", who).put("postalCode", postalCode)
                .put("arrondissement", arrondissement).put("signedAt", at);
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
}
