package fr.paris.ledger.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * Checks an NDJSON audit export against the signed checkpoints (see docs/audit.md), streaming: the
 * export is read one line at a time and the tree is kept as a {@link CompactRange}, so memory does not
 * grow with the number of leaves beyond O(log n) hashes (the checkpoints list is held whole).
 */
public final class ExportVerifier {

    /** The outcome: {@code ok} and the one line to print. */
    public record Outcome(boolean ok, String message) {
    }

    /** One entry of the checkpoints file: {@code {"treeSize":n,"note":"..."}}. */
    public record CheckpointEntry(long treeSize, String note) {
    }

    /** The fields of an export object, each exactly once. */
    public static final Set<String> FIELDS = Set.of("leafIndex", "globalIndex", "eventId", "aggregateType", "aggregateId",
            "sequenceNumber", "timestamp", "payloadType", "payloadRevision", "payload", "metadata");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExportVerifier() {
    }

    /** Reads the checkpoints file: a JSON array of {"treeSize":n,"note":"..."}. */
    public static List<CheckpointEntry> readCheckpoints(InputStream in) throws IOException {
        JsonNode root = JSON.readTree(in);
        if (root == null || !root.isArray()) {
            throw new IOException("the checkpoints file is not a JSON array");
        }
        List<CheckpointEntry> entries = new ArrayList<>();
        int i = 0;
        for (JsonNode e : root) {
            JsonNode size = e.get("treeSize");
            JsonNode note = e.get("note");
            if (size == null || !size.isIntegralNumber() || !size.canConvertToLong() || note == null || !note.isTextual()) {
                throw new IOException("checkpoint " + i + " in the checkpoints file is not {\"treeSize\":<integer>,\"note\":<string>}");
            }
            entries.add(new CheckpointEntry(size.longValue(), note.textValue()));
            i++;
        }
        return entries;
    }

    public static Outcome verify(InputStream export, List<CheckpointEntry> entries, NoteVerifierKey key) throws IOException {
        // 1. every checkpoint on its own: signature, body, origin, size, order.
        List<Checkpoint> checkpoints = new ArrayList<>();
        long previous = -1;
        for (int k = 0; k < entries.size(); k++) {
            CheckpointEntry entry = entries.get(k);
            SignedNote note;
            try {
                note = SignedNote.parse(entry.note());
            } catch (IllegalArgumentException e) {
                return fail("FAIL checkpoint " + k + ": " + e.getMessage());
            }
            if (note.signatureBy(key).isEmpty()) {
                return fail("FAIL checkpoint " + k + ": not signed by key " + key.name() + "+" + key.keyHashHex());
            }
            if (!note.verifiedBy(key)) {
                return fail("FAIL checkpoint " + k + ": bad signature");
            }
            Checkpoint c;
            try {
                c = Checkpoint.parse(note.text());
            } catch (IllegalArgumentException e) {
                return fail("FAIL checkpoint " + k + ": " + e.getMessage());
            }
            if (!c.origin().equals(key.name())) {
                return fail("FAIL checkpoint " + k + ": origin \"" + c.origin() + "\" is not the key's name \"" + key.name() + "\"");
            }
            if (c.treeSize() != entry.treeSize()) {
                return fail("FAIL checkpoint " + k + ": treeSize " + entry.treeSize() + " in the file but " + c.treeSize() + " in the signed note");
            }
            if (c.treeSize() <= previous) {
                return fail("FAIL checkpoint " + k + " (size " + c.treeSize() + "): tree sizes do not increase (previous checkpoint has size " + previous + ")");
            }
            previous = c.treeSize();
            checkpoints.add(c);
        }

        // 2. the export, leaf by leaf, with the root at each checkpoint's size.
        CompactRange tree = new CompactRange();
        int next = 0;
        long lastGood = 0;
        byte[] lastRoot = null;
        while (next < checkpoints.size() && checkpoints.get(next).treeSize() == 0) {
            if (!Arrays.equals(checkpoints.get(next).rootHash(), Merkle.emptyRoot())) {
                return fail("FAIL checkpoint " + next + " (size 0): root is not the empty tree's");
            }
            lastRoot = Merkle.emptyRoot();
            next++;
        }
        LineReader lines = new LineReader(export);
        byte[] line;
        long leaf = 0;
        while ((line = lines.next()) != null) {
            String problem = checkLine(leaf, line);
            if (problem != null) {
                return fail("FAIL leaf " + leaf + ": " + problem);
            }
            tree.append(Merkle.leafHash(line));
            leaf++;
            while (next < checkpoints.size() && checkpoints.get(next).treeSize() == tree.size()) {
                byte[] root = tree.root();
                if (!Arrays.equals(root, checkpoints.get(next).rootHash())) {
                    return fail("FAIL checkpoint " + next + " (size " + tree.size() + "): root differs from the export's; "
                            + "first difference is among leaves [" + lastGood + ", " + tree.size() + ")");
                }
                lastGood = tree.size();
                lastRoot = root;
                next++;
            }
        }
        if (next < checkpoints.size()) {
            Checkpoint c = checkpoints.get(next);
            return fail("FAIL checkpoint " + next + " (size " + c.treeSize() + "): beyond the export's " + tree.size() + " leaves");
        }
        if (checkpoints.isEmpty()) {
            if (tree.size() == 0) {
                return new Outcome(true, "OK: 0 leaves, 0 checkpoints");
            }
            return fail("FAIL: no checkpoint; leaves [0, " + tree.size() + ") are not covered by any signed checkpoint");
        }
        String message = "OK: " + tree.size() + " leaves, " + checkpoints.size() + " checkpoints, root "
                + Base64.getEncoder().encodeToString(lastRoot) + " at " + lastGood;
        if (lastGood < tree.size()) {
            message += "; leaves [" + lastGood + ", " + tree.size() + ") come after the last checkpoint and are not covered by a signature yet";
        }
        return new Outcome(true, message);
    }

    /** Null if the line is the canonical export object of leaf {@code leaf}, else why not. */
    static String checkLine(long leaf, byte[] line) {
        if (line.length == 0) {
            return "empty line";
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            return "line is not valid UTF-8";
        }
        String canonical;
        try {
            canonical = new JsonCanonicalizer(text).getEncodedString();
        } catch (IOException | RuntimeException e) {
            return "line is not JSON (" + e.getMessage() + ")";
        }
        if (!canonical.equals(text)) {
            return "line is not in canonical form (RFC 8785)";
        }
        JsonNode object;
        try {
            object = JSON.readTree(text);
        } catch (IOException e) {
            return "line is not JSON";
        }
        if (!object.isObject()) {
            return "line is not a JSON object";
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (!FIELDS.contains(name)) {
                return "unexpected field \"" + name + "\"";
            }
        }
        for (String name : FIELDS) {
            if (!object.has(name)) {
                return "missing field \"" + name + "\"";
            }
        }
        JsonNode index = object.get("leafIndex");
        if (!index.isIntegralNumber() || !index.canConvertToLong()) {
            return "leafIndex is not an integer";
        }
        if (index.longValue() != leaf) {
            return "leafIndex is " + index.longValue() + ", expected " + leaf + " (a line is missing, inserted or out of order)";
        }
        String typeProblem = checkTypes(object);
        if (typeProblem != null) {
            return typeProblem;
        }
        return null;
    }

    private static String checkTypes(JsonNode o) {
        for (String name : List.of("globalIndex", "sequenceNumber")) {
            if (!o.get(name).isIntegralNumber()) {
                return name + " is not an integer";
            }
        }
        for (String name : List.of("eventId", "aggregateId", "timestamp", "payloadType")) {
            if (!o.get(name).isTextual()) {
                return name + " is not a string";
            }
        }
        for (String name : List.of("aggregateType", "payloadRevision")) {
            if (!o.get(name).isTextual() && !o.get(name).isNull()) {
                return name + " is neither a string nor null";
            }
        }
        for (String name : List.of("payload", "metadata")) {
            if (!o.get(name).isObject()) {
                return name + " is not a JSON object";
            }
        }
        return null;
    }

    private static Outcome fail(String message) {
        return new Outcome(false, message);
    }

    /**
     * Splits a stream into lines on "\n" (0x0A) only, keeping every other byte ("\r" included, so a
     * CRLF line is not canonical). A missing newline after the last line is tolerated.
     */
    static final class LineReader {
        private final InputStream in;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
        private boolean eof;

        LineReader(InputStream in) {
            this.in = new BufferedInputStream(in, 1 << 16);
        }

        byte[] next() throws IOException {
            if (eof) {
                return null;
            }
            buffer.reset();
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    return buffer.toByteArray();
                }
                buffer.write(b);
            }
            eof = true;
            return buffer.size() == 0 ? null : buffer.toByteArray();
        }
    }
}
