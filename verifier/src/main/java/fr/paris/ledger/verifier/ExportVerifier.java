package fr.paris.ledger.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * export is read in chunks of a few MiB (a bounded number of them at a time, see {@link LeafBatches})
 * and the tree is kept as a {@link CompactRange}, so memory does not grow with the number of leaves
 * beyond O(log n) hashes (the checkpoints list is held whole).
 *
 * <p>The lines are checked and leaf-hashed on a pool of worker threads with the fast
 * {@link CanonicalJson} check; a line it does not accept goes through the reference
 * {@link #checkLine}. The lines are then taken in order on the calling thread, which appends them to
 * the tree and compares the roots, so the first failure in leaf order is the one reported.
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
        return verify(export, entries, key, null);
    }

    /**
     * As {@link #verify(InputStream, List, NoteVerifierKey)}; with {@code leafHashes} (the service's
     * stored leaf hashes, one base64 line per leaf, or null) a changed event is named exactly: the
     * stored hashes are checked against the same signed roots, so where they match a checkpoint that
     * the export does not, the first leaf whose export line hashes differently is the changed one.
     */
    public static Outcome verify(InputStream export, List<CheckpointEntry> entries, NoteVerifierKey key,
                                 InputStream leafHashes) throws IOException {
        return verify(export, entries, key, leafHashes, LeafBatches.CHUNK_SIZE);
    }

    /** As above, reading the export in chunks of {@code chunkSize} bytes (small in tests, to get many batches). */
    static Outcome verify(InputStream export, List<CheckpointEntry> entries, NoteVerifierKey key,
                          InputStream leafHashes, int chunkSize) throws IOException {
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
        SealedHashes sealed = leafHashes == null ? null : new SealedHashes(new LineReader(leafHashes));
        long leaf = 0;
        try (LeafBatches lines = new LeafBatches(export, Math.max(1, Runtime.getRuntime().availableProcessors()), chunkSize)) {
            while (lines.advance()) {
                if (lines.fastLeafIndex() != leaf) {
                    // not accepted by the fast check, or at another index: the reference check says why
                    String problem = checkLine(leaf, lines.line());
                    if (problem != null) {
                        return fail("FAIL leaf " + leaf + ": " + problem);
                    }
                }
                byte[] hash = lines.leafHash();
                tree.append(hash);
                if (sealed != null) {
                    sealed.next(leaf, hash);
                }
                leaf++;
                while (next < checkpoints.size() && checkpoints.get(next).treeSize() == tree.size()) {
                    byte[] root = tree.root();
                    byte[] signed = checkpoints.get(next).rootHash();
                    if (!Arrays.equals(root, signed)) {
                        if (sealed != null && sealed.firstDifference() >= 0 && sealed.matches(signed)) {
                            return fail("FAIL leaf " + sealed.firstDifference() + ": its export line hashes to "
                                    + b64(sealed.exportHash()) + " but the log sealed " + b64(sealed.sealedHash())
                                    + " (the sealed hashes match checkpoint " + next + "'s signed root): the event was changed after sealing");
                        }
                        return fail("FAIL checkpoint " + next + " (size " + tree.size() + "): root differs from the export's; "
                                + "first difference is among leaves [" + lastGood + ", " + tree.size() + ")"
                                + (sealed == null ? "" : "; the leaf hashes file does not match this checkpoint either"));
                    }
                    if (sealed != null && sealed.firstDifference() >= 0) {
                        return fail("FAIL leaf " + sealed.firstDifference() + ": the export matches checkpoint " + next
                                + " but the leaf hashes file holds " + b64(sealed.sealedHash()) + " for this leaf: the service's stored tree is damaged");
                    }
                    lastGood = tree.size();
                    lastRoot = root;
                    next++;
                }
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

    /**
     * Null if the line is the canonical export object of leaf {@code leaf}, else why not: the reference
     * check, which decodes the line, canonicalizes it with the JCS library and reads it with Jackson.
     * {@link #verify} runs it only on the lines that {@link CanonicalJson#exportLeafIndex} does not
     * accept for their index (that fast check never accepts a line this one rejects), so the message
     * of a failing line is always this one's.
     */
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
        if (index.isNull()) {
            return "event " + object.path("eventId").asText("?") + " (global index " + object.path("globalIndex").asText("?")
                    + ") is in the event store at an index the sealer had passed, but not in the tree: a row inserted "
                    + "into sealed history, or a commit later than the gap timeout (a stray, see docs/audit.md)";
        }
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

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The stored leaf hashes, read in step with the export, as a tree of their own. */
    private static final class SealedHashes {
        private final LineReader lines;
        private final CompactRange tree = new CompactRange();
        private boolean usable = true;
        private long firstDifference = -1;
        private byte[] exportHash;
        private byte[] sealedHash;

        SealedHashes(LineReader lines) {
            this.lines = lines;
        }

        void next(long leaf, byte[] fromExport) throws IOException {
            if (!usable) {
                return;
            }
            byte[] line = lines.next();
            byte[] stored;
            try {
                stored = line == null ? null : Base64.getDecoder().decode(line);
            } catch (IllegalArgumentException e) {
                stored = null;
            }
            if (stored == null || stored.length != 32) {
                usable = false; // a short or damaged file cannot name leaves: fall back to checkpoint ranges
                return;
            }
            tree.append(stored);
            if (firstDifference < 0 && !Arrays.equals(stored, fromExport)) {
                firstDifference = leaf;
                exportHash = fromExport;
                sealedHash = stored;
            }
        }

        long firstDifference() {
            return usable ? firstDifference : -1;
        }

        boolean matches(byte[] signedRoot) {
            return usable && Arrays.equals(tree.root(), signedRoot);
        }

        byte[] exportHash() {
            return exportHash;
        }

        byte[] sealedHash() {
            return sealedHash;
        }
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
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private int limit;
        private boolean eof;

        LineReader(InputStream in) {
            this.in = in;
        }

        byte[] next() throws IOException {
            byte[] line = null; // the part of the line in earlier buffer loads
            while (true) {
                if (position == limit) {
                    if (eof || !fill()) {
                        eof = true;
                        return line == null || line.length == 0 ? null : line;
                    }
                }
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                byte[] part = Arrays.copyOfRange(buffer, start, position);
                line = line == null ? part : concat(line, part);
                if (position < limit) {
                    position++; // the newline
                    return line;
                }
            }
        }

        private boolean fill() throws IOException {
            int n = in.read(buffer);
            while (n == 0) {
                n = in.read(buffer);
            }
            if (n < 0) {
                return false;
            }
            position = 0;
            limit = n;
            return true;
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] c = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, c, a.length, b.length);
            return c;
        }
    }
}
