package fr.paris.ledger.verifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * Generates valid exports for tests: canonical export lines (as the contract in docs/audit.md says),
 * of events of the second format (revision 2: participants named by scoped references), their tree
 * and checkpoints signed with a generated key; and writes them as the verifier reads them.
 */
final class ExportFixture {
    static final String ORIGIN = "ledger.paris.fr/test";
    static final ObjectMapper JSON = new ObjectMapper();
    static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    final TestKeys keys;
    final List<String> lines = new ArrayList<>();

    ExportFixture(TestKeys keys) {
        this.keys = keys;
    }

    /** The format of the events this fixture writes. */
    static final String REVISION = "2";
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

    /**
     * A made-up reference shaped as the service's: {@code prefix} ({@code "r-"} a citizen's, scoped;
     * {@code "s-"} a staff member's), then 24 base32 letters, the same for the same name.
     */
    static String reference(String prefix, String name) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder(prefix);
            for (int i = 0; i < 24; i++) {
                b.append(BASE32.charAt(h[i] & 31));
            }
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The participant of line {@code i} of a generated export (the signer, or the petition's author). */
    static String participant(int i) {
        return reference("r-", "p-" + i);
    }

    /** {@code line} with participant {@code from}'s reference changed to participant {@code to}'s (a tampered line). */
    static String reassign(String line, int from, int to) {
        return line.replace("\"" + participant(from) + "\"", "\"" + participant(to) + "\"");
    }

    /** Even lines are signatures of three petitions, odd lines filed petitions (whose texts hold escapes, é, U+2028 and an emoji). */
    static ExportFixture generate(int n) {
        ExportFixture f = new ExportFixture(TestKeys.generate(ORIGIN));
        for (int i = 0; i < n; i++) {
            ObjectNode payload = JSON.createObjectNode();
            String at = MILLIS.format(Instant.parse("2026-11-26T10:15:30.123Z").plusSeconds(i));
            if (i % 2 == 0) {
                f.lines.add(signatureLine(i, 1000 + 2L * i, "pet-" + (i % 3), participant(i), 1 + i % 20, at));
            } else {
                payload.put("petitionId", "pet-f" + i);
                payload.put("author", participant(i));
                payload.put("title", "Pétition « vélo » n°" + i);
                payload.put("text", "Des pistes\n\"protégées\" \u00e9\u2028 \uD83D\uDE00");
                payload.put("category", "mobilité");
                payload.put("arrondissement", 1 + i % 20);
                payload.put("filedAt", at);
                f.lines.add(line(i, 1000 + 2L * i, "fr.paris.ledger.petition.PetitionFiled", "pet-f" + i, 0, payload));
            }
        }
        return f;
    }

    /** The payload of a PetitionSigned (revision 2): the signer's reference and the arrondissement judged on, no postal code. */
    static ObjectNode signature(String petitionId, String participantId, int arrondissement, String signedAt) {
        return JSON.createObjectNode().put("petitionId", petitionId).put("participantId", participantId)
                .put("arrondissement", arrondissement).put("signedAt", signedAt);
    }

    /** The canonical export line of a signature, first of its aggregate {@code signature:<petition>:<participant>}. */
    static String signatureLine(long leafIndex, long globalIndex, String petitionId, String participantId, int arrondissement,
                                String signedAt) {
        return line(leafIndex, globalIndex, "fr.paris.ledger.petition.PetitionSigned", "signature:" + petitionId + ":" + participantId,
                0, signature(petitionId, participantId, arrondissement, signedAt));
    }

    /** The canonical export line of one event. */
    static String line(long leafIndex, long globalIndex, String payloadType, String aggregateId, long sequenceNumber, ObjectNode payload) {
        ObjectNode o = JSON.createObjectNode();
        o.put("leafIndex", leafIndex);
        o.put("globalIndex", globalIndex);
        o.put("eventId", UUID.nameUUIDFromBytes(("e" + leafIndex + aggregateId).getBytes(StandardCharsets.UTF_8)).toString());
        o.put("aggregateType", "PetitionSignature");
        o.put("aggregateId", aggregateId);
        o.put("sequenceNumber", sequenceNumber);
        o.put("timestamp", MILLIS.format(Instant.parse("2026-11-26T10:15:30.123Z").plusSeconds(leafIndex)));
        o.put("payloadType", payloadType);
        o.put("payloadRevision", REVISION);
        o.set("payload", payload);
        o.set("metadata", JSON.createObjectNode().put("traceId", "t-" + leafIndex).put("correlationId", "c-" + leafIndex));
        return canonical(o.toString());
    }

    static String canonical(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    List<byte[]> leafHashes(List<String> ls) {
        List<byte[]> hashes = new ArrayList<>();
        for (String l : ls) {
            hashes.add(Merkle.leafHash(l.getBytes(StandardCharsets.UTF_8)));
        }
        return hashes;
    }

    /** The signed checkpoint of the first {@code size} lines of this (untampered) export. */
    String checkpoint(long size) {
        return checkpoint(size, Merkle.root(leafHashes(lines.subList(0, (int) size))), keys);
    }

    static String checkpoint(long size, byte[] root, TestKeys signer) {
        return signer.sign(signer.name() + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n");
    }

    /** The checkpoints file of the given sizes. */
    String checkpoints(long... sizes) {
        List<String> notes = new ArrayList<>();
        for (long s : sizes) {
            notes.add(checkpoint(s));
        }
        return checkpointsFile(sizes, notes);
    }

    static String checkpointsFile(long[] sizes, List<String> notes) {
        ArrayNode a = JSON.createArrayNode();
        for (int i = 0; i < sizes.length; i++) {
            a.addObject().put("treeSize", sizes[i]).put("note", notes.get(i));
        }
        return a.toString();
    }

    /** The leaf-hashes file of this (untampered) export: one base64 leaf hash per line. */
    String leafHashesFile() {
        StringBuilder b = new StringBuilder();
        for (byte[] h : leafHashes(lines)) {
            b.append(Base64.getEncoder().encodeToString(h)).append('\n');
        }
        return b.toString();
    }

    static String export(List<String> ls) {
        StringBuilder b = new StringBuilder();
        for (String l : ls) {
            b.append(l).append('\n');
        }
        return b.toString();
    }

    /** Writes export.ndjson, checkpoints.json and verifier.key to {@code dir}. */
    void write(Path dir, List<String> exportLines, String checkpointsJson) throws IOException {
        Files.writeString(dir.resolve("export.ndjson"), export(exportLines), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("checkpoints.json"), checkpointsJson, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("verifier.key"), keys.verifierKey() + "\n", StandardCharsets.UTF_8);
    }
}
