package fr.paris.ledger.verifier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.erdtman.jcs.NumberToJSON;

/**
 * A single-pass check, on a line's UTF-8 bytes, that they are exactly the RFC 8785 (JCS) canonical
 * form of a JSON value, as {@code new JsonCanonicalizer(text).getEncodedString()} of the erdtman JCS
 * library writes it; and, for {@link #exportLeafIndex}, that the value is an export object as
 * {@link ExportVerifier#checkLine} wants it. Nothing is decoded into a String or a tree: the bytes are
 * checked against the rules the canonicalizer writes by, and where they break one the line is not
 * canonical:
 * <ul>
 *   <li>no whitespace outside strings; the root is an object or an array (as the library requires);</li>
 *   <li>object keys strictly increasing in UTF-16 code-unit order ({@link String#compareTo}, as the
 *       library's TreeMap sorts them), which also rules out duplicates;</li>
 *   <li>strings: every character written as itself in UTF-8 except {@code "} {@code \} and the controls
 *       below 0x20, which take the short escapes {@code \" \\ \b \f \n \r \t} or else <code>&#92;u00xx</code>
 *       in lowercase hex; so {@code \/}, <code>&#92;u00e9</code>, <code>&#92;u001F</code> or an escaped surrogate are not
 *       canonical. The UTF-8 is validated as strictly as the JDK's reporting decoder (no overlong
 *       forms, no encoded surrogates, nothing above U+10FFFF);</li>
 *   <li>numbers: an integer of at most 15 digits without a leading zero (and not {@code -0}) is written
 *       as itself; any other number token must equal {@link NumberToJSON#serializeNumber} of its
 *       double value, the library's own serializer;</li>
 *   <li>{@code true}, {@code false}, {@code null} as themselves.</li>
 * </ul>
 *
 * <p>This is only ever used to accept a line quickly: a line it does not accept is checked again by
 * the reference check ({@link ExportVerifier#checkLine}), which names the problem. So to be safe it
 * must never accept a line the reference check rejects: lines longer than {@link #MAX_LENGTH} bytes and
 * values nested deeper than {@link #MAX_DEPTH} are left to the reference check (Jackson, which it
 * uses after the canonicalizer, limits name lengths and nesting depth). CanonicalJsonTest compares it
 * with the library on hand-written and random inputs.
 */
final class CanonicalJson {

    /** Returned by {@link #exportLeafIndex} for a line it does not accept. */
    static final long NOT_ACCEPTED = Long.MIN_VALUE;

    /** Longer lines are left to the reference check (below Jackson's 50,000-character name limit). */
    static final int MAX_LENGTH = 48 * 1024;

    /** Deeper nesting is left to the reference check (below Jackson's default depth limit of 1000). */
    static final int MAX_DEPTH = 500;

    // the JSON type of the last value scanned
    private static final int STRING = 1;
    private static final int OBJECT = 2;
    private static final int ARRAY = 3;
    private static final int BOOLEAN = 4;
    private static final int NULL = 5;
    private static final int INTEGER = 6;
    private static final int FLOAT = 7;

    /** The export fields in canonical (sorted) order, so the top-level keys must be exactly these. */
    private static final byte[][] FIELD_NAMES;
    /** For each field of {@link #FIELD_NAMES}, the JSON types it may have (bit set of the types above). */
    private static final int[] FIELD_TYPES;
    private static final int LEAF_INDEX_FIELD;

    static {
        Map<String, Integer> types = Map.ofEntries(
                Map.entry("leafIndex", 1 << INTEGER),
                Map.entry("globalIndex", 1 << INTEGER),
                Map.entry("sequenceNumber", 1 << INTEGER),
                Map.entry("eventId", 1 << STRING),
                Map.entry("aggregateId", 1 << STRING),
                Map.entry("timestamp", 1 << STRING),
                Map.entry("payloadType", 1 << STRING),
                Map.entry("aggregateType", 1 << STRING | 1 << NULL),
                Map.entry("payloadRevision", 1 << STRING | 1 << NULL),
                Map.entry("payload", 1 << OBJECT),
                Map.entry("metadata", 1 << OBJECT));
        if (!types.keySet().equals(ExportVerifier.FIELDS)) {
            throw new IllegalStateException("CanonicalJson's field types do not match ExportVerifier.FIELDS");
        }
        String[] sorted = types.keySet().stream().sorted().toArray(String[]::new);
        FIELD_NAMES = new byte[sorted.length][];
        FIELD_TYPES = new int[sorted.length];
        int leafIndex = -1;
        for (int i = 0; i < sorted.length; i++) {
            FIELD_NAMES[i] = sorted[i].getBytes(StandardCharsets.US_ASCII);
            FIELD_TYPES[i] = types.get(sorted[i]);
            if (sorted[i].equals("leafIndex")) {
                leafIndex = i;
            }
        }
        LEAF_INDEX_FIELD = leafIndex;
    }

    /** The bytes a string holds as themselves and that need no more checking: ASCII but controls, " and \. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int c = 0x20; c < 0x80; c++) {
            PLAIN[c] = c != '"' && c != '\\';
        }
    }

    private final byte[] b;
    private final int end;
    private int pos;
    /** Whether to check the top-level object's fields as an export line's. */
    private final boolean exportLine;

    // set by each scanned value
    private int type;
    private int tokenStart;
    private boolean simpleString; // the last string was ASCII without escapes

    // set by the top-level object of an export line
    private long leafIndex = NOT_ACCEPTED;

    private CanonicalJson(byte[] b, int off, int len, boolean exportLine) {
        this.b = b;
        this.pos = off;
        this.end = off + len;
        this.exportLine = exportLine;
    }

    /**
     * Whether {@code b[off, off + len)} is exactly the canonical form of a JSON object or array, i.e.
     * (within {@link #MAX_LENGTH} and {@link #MAX_DEPTH}) whether the JCS library, given these bytes
     * decoded as UTF-8, writes them back unchanged.
     */
    static boolean isCanonical(byte[] b, int off, int len) {
        if (len > MAX_LENGTH || len == 0 || (b[off] != '{' && b[off] != '[')) {
            return false;
        }
        CanonicalJson c = new CanonicalJson(b, off, len, false);
        return c.value(0) && c.pos == c.end;
    }

    /**
     * The value of leafIndex if {@code b[off, off + len)} is a canonical export object that passes every
     * check of {@link ExportVerifier#checkLine} but the comparison of leafIndex with the line's position
     * (the exact set of {@link ExportVerifier#FIELDS}, each of its type, leafIndex an integer that fits a
     * long); {@link #NOT_ACCEPTED} otherwise, and for lines it leaves to the reference check.
     */
    static long exportLeafIndex(byte[] b, int off, int len) {
        if (len > MAX_LENGTH || len == 0 || b[off] != '{') {
            return NOT_ACCEPTED;
        }
        CanonicalJson c = new CanonicalJson(b, off, len, true);
        if (!c.value(0) || c.pos != c.end) {
            return NOT_ACCEPTED;
        }
        return c.leafIndex;
    }

    /** Scans one value at pos; false if it is not canonical. */
    private boolean value(int depth) {
        if (pos >= end) {
            return false;
        }
        switch (b[pos]) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                type = STRING;
                return string();
            case 't':
                type = BOOLEAN;
                return literal("true");
            case 'f':
                type = BOOLEAN;
                return literal("false");
            case 'n':
                type = NULL;
                return literal("null");
            default:
                return number();
        }
    }

    private boolean object(int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        boolean fields = exportLine && depth == 1;
        pos++; // {
        if (pos < end && b[pos] == '}') {
            pos++;
            type = OBJECT;
            return !fields; // an export line has fields
        }
        int previousStart = -1;
        int previousEnd = -1;
        boolean previousSimple = false;
        int field = 0;
        while (true) {
            if (pos >= end || b[pos] != '"') {
                return false;
            }
            int keyStart = pos + 1;
            if (!string()) {
                return false;
            }
            int keyEnd = pos - 1;
            boolean keySimple = simpleString;
            if (previousStart >= 0 && compareKeys(previousStart, previousEnd, previousSimple, keyStart, keyEnd, keySimple) >= 0) {
                return false;
            }
            if (fields && (field >= FIELD_NAMES.length || !bytesEqual(keyStart, keyEnd, FIELD_NAMES[field]))) {
                return false;
            }
            previousStart = keyStart;
            previousEnd = keyEnd;
            previousSimple = keySimple;
            if (pos >= end || b[pos] != ':') {
                return false;
            }
            pos++;
            if (!value(depth)) {
                return false;
            }
            if (fields) {
                if ((FIELD_TYPES[field] & (1 << type)) == 0) {
                    return false;
                }
                if (field == LEAF_INDEX_FIELD && !readLeafIndex()) {
                    return false;
                }
                field++;
            }
            if (pos >= end) {
                return false;
            }
            byte c = b[pos++];
            if (c == '}') {
                type = OBJECT;
                return !fields || field == FIELD_NAMES.length;
            }
            if (c != ',') {
                return false;
            }
        }
    }

    private boolean array(int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        pos++; // [
        if (pos < end && b[pos] == ']') {
            pos++;
            type = ARRAY;
            return true;
        }
        while (true) {
            if (!value(depth)) {
                return false;
            }
            if (pos >= end) {
                return false;
            }
            byte c = b[pos++];
            if (c == ']') {
                type = ARRAY;
                return true;
            }
            if (c != ',') {
                return false;
            }
        }
    }

    /** A string at pos (on its opening quote); pos ends after the closing quote. */
    private boolean string() {
        byte[] b = this.b;
        int end = this.end;
        int p = pos + 1;
        boolean simple = true;
        while (p < end) {
            int c = b[p] & 0xff;
            if (PLAIN[c]) { // the common case, kept to a tight loop
                p++;
                continue;
            }
            if (c == '"') {
                pos = p + 1;
                simpleString = simple;
                return true;
            }
            if (c < 0x20) {
                return false;
            }
            simple = false;
            pos = p;
            if (!(c == '\\' ? escape() : utf8(c))) {
                return false;
            }
            p = pos;
        }
        return false;
    }

    /** An escape at pos (on the backslash): only those the canonicalizer writes. */
    private boolean escape() {
        if (pos + 1 >= end) {
            return false;
        }
        switch (b[pos + 1]) {
            case '"', '\\', 'b', 'f', 'n', 'r', 't':
                pos += 2;
                return true;
            case 'u':
                if (pos + 5 >= end || b[pos + 2] != '0' || b[pos + 3] != '0') {
                    return false;
                }
                int high = b[pos + 4];
                int low = lowerHex(b[pos + 5]);
                if ((high != '0' && high != '1') || low < 0) {
                    return false;
                }
                int ch = (high - '0') << 4 | low;
                // these five have short escapes
                if (ch == '\b' || ch == '\t' || ch == '\n' || ch == '\f' || ch == '\r') {
                    return false;
                }
                pos += 6;
                return true;
            default:
                return false;
        }
    }

    private static int lowerHex(byte h) {
        if (h >= '0' && h <= '9') {
            return h - '0';
        }
        if (h >= 'a' && h <= 'f') {
            return h - 'a' + 10;
        }
        return -1;
    }

    /** A multi-byte UTF-8 sequence at pos whose first byte is {@code c}, checked as RFC 3629's table. */
    private boolean utf8(int c) {
        int n;
        int min = 0x80;
        int max = 0xbf;
        if (c >= 0xc2 && c <= 0xdf) {
            n = 2;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 3;
            if (c == 0xe0) {
                min = 0xa0; // no overlong form
            } else if (c == 0xed) {
                max = 0x9f; // no surrogate
            }
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 4;
            if (c == 0xf0) {
                min = 0x90; // no overlong form
            } else if (c == 0xf4) {
                max = 0x8f; // nothing above U+10FFFF
            }
        } else {
            return false;
        }
        if (pos + n >= end) { // the sequence, then at least the closing quote
            return false;
        }
        int second = b[pos + 1] & 0xff;
        if (second < min || second > max) {
            return false;
        }
        for (int i = 2; i < n; i++) {
            int next = b[pos + i] & 0xff;
            if (next < 0x80 || next > 0xbf) {
                return false;
            }
        }
        pos += n;
        return true;
    }

    private boolean literal(String word) {
        int n = word.length();
        if (pos + n > end) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (b[pos + i] != word.charAt(i)) {
                return false;
            }
        }
        pos += n;
        return true;
    }

    /** A number token at pos: its characters, up to the next byte that cannot be part of one. */
    private boolean number() {
        int start = pos;
        boolean integer = true;
        while (pos < end) {
            byte c = b[pos];
            if (c >= '0' && c <= '9' || c == '-') {
                pos++;
            } else if (c == '.' || c == 'e' || c == 'E' || c == '+') {
                integer = false;
                pos++;
            } else {
                break;
            }
        }
        int len = pos - start;
        if (len == 0) {
            return false;
        }
        tokenStart = start;
        type = integer ? INTEGER : FLOAT;
        if (integer && shortInteger(start, len)) {
            return true;
        }
        if (len > 32) { // longer than anything the serializer writes
            return false;
        }
        String token = new String(b, start, len, StandardCharsets.ISO_8859_1);
        try {
            return NumberToJSON.serializeNumber(Double.parseDouble(token)).equals(token);
        } catch (NumberFormatException | IOException e) {
            return false;
        }
    }

    /**
     * Whether the token is {@code -?[1-9][0-9]*} of at most 15 digits, or {@code 0}: exact as a double,
     * and written by the serializer as its decimal digits.
     */
    private boolean shortInteger(int start, int len) {
        int i = start;
        int stop = start + len;
        if (b[i] == '-') {
            i++;
        }
        int digits = stop - i;
        if (digits < 1 || digits > 15) {
            return false;
        }
        if (b[i] == '0') {
            return digits == 1 && i == start; // 0, but not -0 or 01
        }
        for (int k = i; k < stop; k++) {
            if (b[k] < '0' || b[k] > '9') {
                return false;
            }
        }
        return true;
    }

    /** leafIndex's value from the integer token just scanned, if it fits a long. */
    private boolean readLeafIndex() {
        int i = tokenStart;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        if (pos - i > 18) { // might not fit: left to the reference check
            return false;
        }
        long v = 0;
        for (; i < pos; i++) {
            v = v * 10 + (b[i] - '0');
        }
        leafIndex = negative ? -v : v;
        return true;
    }

    private boolean bytesEqual(int start, int stop, byte[] expected) {
        if (stop - start != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (b[start + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** Compares two keys (their bytes between the quotes) as {@link String#compareTo} compares them decoded. */
    private int compareKeys(int aStart, int aEnd, boolean aSimple, int bStart, int bEnd, boolean bSimple) {
        if (aSimple && bSimple) { // ASCII: byte order is UTF-16 order
            int n = Math.min(aEnd - aStart, bEnd - bStart);
            for (int i = 0; i < n; i++) {
                int d = b[aStart + i] - b[bStart + i];
                if (d != 0) {
                    return d;
                }
            }
            return (aEnd - aStart) - (bEnd - bStart);
        }
        return decode(aStart, aEnd).compareTo(decode(bStart, bEnd));
    }

    /** The text of a canonical string's content (already checked: only the canonical escapes occur). */
    private String decode(int start, int stop) {
        StringBuilder s = new StringBuilder(stop - start);
        int run = start;
        int i = start;
        while (i < stop) {
            if (b[i] != '\\') {
                i++;
                continue;
            }
            s.append(new String(b, run, i - run, StandardCharsets.UTF_8));
            byte e = b[i + 1];
            switch (e) {
                case 'b' -> s.append('\b');
                case 'f' -> s.append('\f');
                case 'n' -> s.append('\n');
                case 'r' -> s.append('\r');
                case 't' -> s.append('\t');
                case 'u' -> s.append((char) ((b[i + 4] - '0') << 4 | lowerHex(b[i + 5])));
                default -> s.append((char) e); // " or \
            }
            i += e == 'u' ? 6 : 2;
            run = i;
        }
        s.append(new String(b, run, stop - run, StandardCharsets.UTF_8));
        return s.toString();
    }
}
