package fr.paris.ledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.erdtman.jcs.JsonCanonicalizer;
import org.erdtman.jcs.NumberToJSON;
import org.junit.jupiter.api.Test;

/**
 * {@link CanonicalJson} against the reference it stands in for: a line is canonical exactly when it is
 * valid UTF-8 and the JCS library writes its text back unchanged; an export line is accepted for leaf n
 * exactly when {@link ExportVerifier#checkLine} finds nothing wrong with it at n. On hand-written
 * tricky cases, the fixture's lines and their mutations, and seeded random values, texts and bytes.
 */
class CanonicalJsonTest {

    /** The reference: strict UTF-8, then the library's canonical form equals the text. */
    static boolean reference(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return false;
        }
        try {
            return new JsonCanonicalizer(text).getEncodedString().equals(text);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static void assertAgrees(byte[] bytes) {
        boolean expected = reference(bytes);
        assertThat(CanonicalJson.isCanonical(bytes, 0, bytes.length))
                .as("canonical? %s (hex %s)", new String(bytes, StandardCharsets.UTF_8), HexFormat.of().formatHex(bytes))
                .isEqualTo(expected);
        // at an offset inside a larger array, as the batches hold lines
        byte[] padded = new byte[bytes.length + 7];
        System.arraycopy(bytes, 0, padded, 3, bytes.length);
        padded[2] = '{';
        padded[3 + bytes.length] = '}';
        assertThat(CanonicalJson.isCanonical(padded, 3, bytes.length)).isEqualTo(expected);
    }

    static void assertAgrees(String text) {
        assertAgrees(text.getBytes(StandardCharsets.UTF_8));
    }

    static String canonical(String text) {
        try {
            return new JsonCanonicalizer(text).getEncodedString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void handWrittenCases() {
        List<String> cases = List.of(
                "{}", "[]", "{\"a\":1}", "{\"b\":1,\"a\":2}", "{\"a\":1,\"a\":1}", "{\"a\":1,\"b\":2}", "{ \"a\":1}",
                "{\"a\": 1}", "{\"a\":1 }", " {}", "{} ", "{}\n", "{}\r", "{}{}", "{},", "[1,]", "[,1]", "{\"a\"}", "{\"a\":}",
                "{\"a\":1,}", "{,}", "{\"a\":1\"b\":2}", "[1 2]", "{'a':1}", "{a:1}", "\"a\"", "1", "true", "null", "",
                "[\"\\u00e9\"]", "[\"é\"]", "[\"\\/\"]", "[\"/\"]", "[\"\\u001f\"]", "[\"\\u001F\"]", "[\"\\u0000\"]",
                "[\"\\u0008\"]", "[\"\\b\"]", "[\"\\u0009\"]", "[\"\\t\"]", "[\"\\u000a\"]", "[\"\\n\"]", "[\"\\f\"]", "[\"\\r\"]",
                "[\"\\u000c\"]", "[\"\\u000d\"]", "[\"\\u000b\"]", "[\"\\u000B\"]", "[\"\\u0020\"]", "[\" \"]", "[\"\\u007f\"]",
                "[\"\u007f\"]", "[\"\\\"\"]", "[\"\\\\\"]", "[\"\\u0022\"]", "[\"\\u005c\"]", "[\"\\a\"]", "[\"\\x41\"]",
                "[\"\\u00\"]", "[\"\\u\"]", "[\"\\\"]", "[\"a]", "[\"\t\"]", "[\"\n\"]", "[\"\u0001\"]",
                "[\"\uD83D\uDE00\"]", "[\"\\ud83d\\ude00\"]", "[\"\\uD83D\\uDE00\"]", "[\"\\ud800\"]", "[\"\u2028\u2029\"]",
                "[\"\\u2028\"]", "[\"\uFEFF\"]", "\uFEFF{}", "[\"\uFFFF\"]",
                // key order is UTF-16 order: U+E000 sorts above a surrogate pair, below it by code point
                "{\"\uD83D\uDE00\":1,\"\uE000\":2}", "{\"\uE000\":1,\"\uD83D\uDE00\":2}", "{\"a\":1,\"\u00e9\":2}",
                "{\"\u00e9\":1,\"a\":2}", "{\"\\n\":1,\"a\":2}", "{\"a\":1,\"\\n\":2}", "{\"\":1,\"a\":2}", "{\"a\":1,\"\":2}",
                "{\"a\":1,\"ab\":2}", "{\"ab\":1,\"a\":2}", "{\"A\":1,\"a\":2}", "{\"\\u0001\":1,\"\\u001f\":2}",
                "{\"\\u001f\":1,\"\\u0001\":2}", "{\"\\\"\":1,\"\\\\\":2}", "{\"a\\\"\":1,\"a\\\\\":2}",
                // numbers
                "[0]", "[-0]", "[1]", "[-1]", "[01]", "[-01]", "[00]", "[1.0]", "[1.5]", "[1e2]", "[1E2]", "[1e+2]", "[1E+2]",
                "[100]", "[0.1]", "[.1]", "[1.]", "[+1]", "[1e]", "[--1]", "[1-2]", "[0x10]", "[Infinity]", "[NaN]", "[1e400]",
                "[-1e400]", "[1e-400]", "[123456789012345]", "[1234567890123456]", "[12345678901234567]", "[123456789012345678]",
                "[123456789012345680]", "[999999999999999]", "[-999999999999999]", "[9007199254740993]", "[1e21]", "[1e+21]",
                "[100000000000000000000]", "[1000000000000000000000]", "[1e-7]", "[1e-6]", "[0.000001]", "[0.0000001]",
                "[1.7976931348623157e+308]", "[5e-324]", "[4.9e-324]", "[2.2250738585072014e-308]", "[1.2345678901234567e+21]",
                "[0.30000000000000004]", "[1.00]", "[1.50]", "[1d]", "[1f]", "[1.0E10]", "[10000000000]", "[-5e-324]",
                "[123456789012345678901234567890]",
                // literals
                "[true]", "[false]", "[null]", "[True]", "[nul]", "[nulll]", "[truefalse]", "[true,false,null]",
                // nesting
                "[[[]]]", "[{}]", "{\"a\":[]}", "{\"a\":{}}", "{\"a\":{\"c\":1,\"b\":2}}", "{\"a\":{\"b\":2,\"c\":1}}",
                "[[1,[2,[3]]],{\"x\":[{}]}]", "[[1]", "[1]]", "{\"a\":[1}", "[{]");
        for (String c : cases) {
            assertAgrees(c);
        }
    }

    @Test
    void theLibrarySaysWhatTheTableSays() {
        // a few anchors, in case the library and this check were wrong together
        byte[] good = "{\"a\":1,\"b\":[true,null,\"\\u001f\"]}".getBytes(StandardCharsets.UTF_8);
        assertThat(reference(good)).isTrue();
        assertThat(CanonicalJson.isCanonical(good, 0, good.length)).isTrue();
        for (String notCanonical : List.of("[-0]", "[1.0]", "[1e2]", "[123456789012345678]", "[\"\\u001F\"]", "[\"\\/\"]",
                "{\"b\":1,\"a\":2}", "{\"a\":1,\"a\":1}", "[\"\\u00e9\"]")) {
            byte[] b = notCanonical.getBytes(StandardCharsets.UTF_8);
            assertThat(reference(b)).as(notCanonical).isFalse();
            assertThat(CanonicalJson.isCanonical(b, 0, b.length)).as(notCanonical).isFalse();
        }
    }

    @Test
    void invalidUtf8IsNeverCanonical() {
        int[][] sequences = {
                {0x80}, {0xbf}, {0xc0, 0x80}, {0xc1, 0xbf}, {0xc2}, {0xc2, 0x7f}, {0xc2, 0x80}, {0xdf, 0xbf}, {0xe0, 0x80, 0x80},
                {0xe0, 0x9f, 0xbf}, {0xe0, 0xa0, 0x80}, {0xed, 0x9f, 0xbf}, {0xed, 0xa0, 0x80}, {0xed, 0xbf, 0xbf},
                {0xee, 0x80, 0x80}, {0xef, 0xbf, 0xbf}, {0xef, 0xbf}, {0xf0, 0x8f, 0xbf, 0xbf}, {0xf0, 0x90, 0x80, 0x80},
                {0xf4, 0x8f, 0xbf, 0xbf}, {0xf4, 0x90, 0x80, 0x80}, {0xf5, 0x80, 0x80, 0x80}, {0xf8, 0x88, 0x80, 0x80, 0x80},
                {0xfe}, {0xff}, {0xe2, 0x82}, {0xf0, 0x9f, 0x98}};
        for (int[] seq : sequences) {
            for (String around : List.of("[\"%s\"]", "{\"%s\":1}", "[\"a%sb\"]", "[%s]")) {
                String[] parts = around.split("%s");
                byte[] pre = parts[0].getBytes(StandardCharsets.US_ASCII);
                byte[] post = parts[1].getBytes(StandardCharsets.US_ASCII);
                byte[] b = new byte[pre.length + seq.length + post.length];
                System.arraycopy(pre, 0, b, 0, pre.length);
                for (int i = 0; i < seq.length; i++) {
                    b[pre.length + i] = (byte) seq[i];
                }
                System.arraycopy(post, 0, b, pre.length + seq.length, post.length);
                assertAgrees(b);
            }
        }
    }

    @Test
    void randomBytesInAString() {
        Random random = new Random(8785);
        for (int n = 0; n < 200_000; n++) {
            int len = 1 + random.nextInt(5);
            byte[] b = new byte[len + 4];
            b[0] = '[';
            b[1] = '"';
            for (int i = 0; i < len; i++) {
                // mostly bytes that make or break UTF-8 sequences
                b[2 + i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : 0x80 + random.nextInt(0x78));
            }
            b[len + 2] = '"';
            b[len + 3] = ']';
            assertAgrees(b);
        }
    }

    @Test
    void theFixtureLinesAreCanonicalExportLines() {
        ExportFixture fixture = ExportFixture.generate(300);
        for (int i = 0; i < fixture.lines.size(); i++) {
            byte[] line = fixture.lines.get(i).getBytes(StandardCharsets.UTF_8);
            assertAgrees(line);
            assertThat(CanonicalJson.isCanonical(line, 0, line.length)).isTrue();
            assertThat(CanonicalJson.exportLeafIndex(line, 0, line.length)).isEqualTo(i);
        }
    }

    /** The fast check accepts an export line for leaf n exactly when the reference check passes it at n. */
    static void assertExportAgrees(String text, long leaf) {
        byte[] line = text.getBytes(StandardCharsets.UTF_8);
        String problem = ExportVerifier.checkLine(leaf, line);
        long read = CanonicalJson.exportLeafIndex(line, 0, line.length);
        assertThat(read == leaf).as("accepted at %d: %s (reference: %s)", leaf, text, problem).isEqualTo(problem == null);
        if (read != CanonicalJson.NOT_ACCEPTED) {
            assertThat(ExportVerifier.checkLine(read, line)).as("accepted as leaf %d: %s", read, text).isNull();
        }
    }

    @Test
    void exportLinesAndTheirMutations() {
        ExportFixture fixture = ExportFixture.generate(40);
        String line = fixture.lines.get(17);
        List<String> mutated = new ArrayList<>(List.of(line,
                line.replace("\"leafIndex\":17", "\"leafIndex\":18"),
                line.replace("\"leafIndex\":17", "\"leafIndex\":-17"),
                line.replace("\"leafIndex\":17", "\"leafIndex\":null"),
                line.replace("\"leafIndex\":17", "\"leafIndex\":\"17\""),
                line.replace("\"leafIndex\":17", "\"leafIndex\":17.5"),
                line.replace("\"leafIndex\":17", "\"leafIndex\":1.7e+21"),
                line.replace("\"leafIndex\":17", "\"leafIndex\":100000000000000000000"),
                line.replace("\"leafIndex\":17", "\"leafIndex\":9223372036854775807"),
                line.replace("\"leafIndex\":17", "\"leafIndex\":1234567890123456"),
                line.replace("\"globalIndex\":1034", "\"globalIndex\":1.5"),
                line.replace("\"globalIndex\":1034", "\"globalIndex\":100000000000000000000"),
                line.replace("\"globalIndex\":1034", "\"globalIndex\":\"1034\""),
                line.replace("\"sequenceNumber\":0", "\"sequenceNumber\":true"),
                line.replace("\"aggregateType\":\"PetitionSignature\"", "\"aggregateType\":null"),
                line.replace("\"aggregateType\":\"PetitionSignature\"", "\"aggregateType\":1"),
                line.replace("\"payloadRevision\":\"2\"", "\"payloadRevision\":null"),
                line.replace("\"payloadRevision\":\"2\"", "\"payloadRevision\":1"),
                line.replace("\"payloadType\":", "\"payloadType\":null,\"payloadTypf\":"),
                line.replace("\"metadata\":{", "\"metadata\":[{").replace("},\"payload\":", "}],\"payload\":"),
                line.replace("\"eventId\":\"", "\"eventId\":[\"").replace("\",\"globalIndex\"", "\"],\"globalIndex\""),
                line.replace("\"timestamp\":", "\"timestamp\":null,\"timestamq\":"),
                line.replace("{\"aggregateId\":", "{\"a\":1,\"aggregateId\":"),
                line.replace("{\"aggregateId\":", "{ \"aggregateId\":"),
                line.replace(",\"timestamp\":", ",\"timestamp\":\"x\",\"timestamp\":"),
                line + "\r", line + " ", line.substring(0, 40), "", "[]", "{}", "null"));
        for (String field : ExportVerifier.FIELDS) {
            // drop one field: its key and value
            String without = canonical(line.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[0-9]+|null|\\{[^}]*\\}),?", "")
                    .replace(",}", "}"));
            mutated.add(without);
        }
        for (String m : mutated) {
            assertExportAgrees(m, 17);
            assertExportAgrees(m, 18);
        }
    }

    @Test
    void exportLinesWithRandomEdits() {
        Random random = new Random(9162);
        ExportFixture fixture = ExportFixture.generate(30);
        String alphabet = "{}[]\":,\\ 0123456789.-+eEnulltruefalse\u00e9\uD83D\uDE00\u0001ab";
        for (int n = 0; n < 20_000; n++) {
            int leaf = random.nextInt(fixture.lines.size());
            StringBuilder s = new StringBuilder(fixture.lines.get(leaf));
            int edits = 1 + random.nextInt(2);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(s.length());
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> s.insert(at, c);
                    case 1 -> s.deleteCharAt(at);
                    default -> s.setCharAt(at, c);
                }
            }
            assertExportAgrees(s.toString(), leaf);
            assertAgrees(s.toString());
        }
    }

    // ---- random JSON values, written canonically and otherwise ----

    /** A number kept as the token it is written as. */
    record Num(String token) {
    }

    /** An object's members, in the order written, duplicates allowed. */
    record Obj(List<Map.Entry<String, Object>> members) {
    }

    static final String[] CHARS = {"a", "b", "z", "A", "Z", "0", " ", "/", "\"", "\\", "\u0000", "\u0001", "\b", "\t", "\n",
            "\u000b", "\f", "\r", "\u001f", "\u007f", "\u0080", "\u00e9", "\u00ff", "\u2028", "\u20ac", "\uD7FF", "\uE000",
            "\uFFFD", "\uFFFF", "\uD83D\uDE00", "\uD800\uDC00", "\uDBFF\uDFFF", "\u4e2d"};

    static String randomString(Random r, int max) {
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            s.append(CHARS[r.nextInt(CHARS.length)]);
        }
        return s.toString();
    }

    static Num randomNumber(Random r) {
        switch (r.nextInt(12)) {
            case 0:
                return new Num(Integer.toString(r.nextInt(1000) - 500));
            case 1:
                return new Num(Long.toString(r.nextLong() >> r.nextInt(64)));
            case 2: {
                double d;
                do {
                    d = Double.longBitsToDouble(r.nextLong());
                } while (Double.isNaN(d) || Double.isInfinite(d));
                return new Num(serialize(d));
            }
            case 3:
                return new Num(serialize(r.nextDouble() * Math.pow(10, r.nextInt(50) - 25)));
            case 4:
                return new Num(Double.toString(r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20)));
            case 5:
                return new Num(r.nextInt(100) + "." + r.nextInt(100));
            case 6:
                return new Num((r.nextBoolean() ? "-" : "") + (1 + r.nextInt(9)) + (r.nextBoolean() ? "e" : "E")
                        + (r.nextBoolean() ? "+" : r.nextBoolean() ? "-" : "") + r.nextInt(30));
            case 7:
                return new Num(List.of("0", "-0", "00", "01", "-01", "0.0", "1.0", "-0.0", "0e0", "1e0").get(r.nextInt(10)));
            case 8: {
                StringBuilder digits = new StringBuilder(r.nextBoolean() ? "-" : "");
                digits.append(1 + r.nextInt(9));
                int n = r.nextInt(22);
                for (int i = 0; i < n; i++) {
                    digits.append(r.nextInt(10));
                }
                return new Num(digits.toString());
            }
            case 9:
                return new Num(serialize(r.nextInt(1 << 20) / 1024.0));
            case 10:
                return new Num(serialize((double) (r.nextLong() >> r.nextInt(64))));
            default:
                return new Num(List.of("1.", ".5", "+1", "1e", "--1", "1-", "0x1", "1.5.2", "1e5e5").get(r.nextInt(9)));
        }
    }

    static String serialize(double d) {
        try {
            return NumberToJSON.serializeNumber(d);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Object randomValue(Random r, int depth) {
        int kind = r.nextInt(depth < 4 ? 8 : 5);
        switch (kind) {
            case 0:
                return randomString(r, 6);
            case 1:
                return randomNumber(r);
            case 2:
                return r.nextBoolean();
            case 3:
                return null;
            case 4:
                return randomString(r, 3);
            case 5: {
                List<Object> a = new ArrayList<>();
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    a.add(randomValue(r, depth + 1));
                }
                return a;
            }
            default: {
                List<Map.Entry<String, Object>> members = new ArrayList<>();
                int n = r.nextInt(6);
                for (int i = 0; i < n; i++) {
                    members.add(new java.util.AbstractMap.SimpleEntry<>(randomString(r, 3), randomValue(r, depth + 1)));
                }
                return new Obj(members);
            }
        }
    }

    /** How to write a value: canonically, or with random departures from it. */
    static final class Writer {
        final Random r;
        final boolean canonical;
        final StringBuilder out = new StringBuilder();

        Writer(Random r, boolean canonical) {
            this.r = r;
            this.canonical = canonical;
        }

        boolean depart() {
            return !canonical && r.nextInt(40) == 0;
        }

        void space() {
            if (depart()) {
                out.append(" \t\n\r".charAt(r.nextInt(4)));
            }
        }

        void write(Object v) {
            space();
            if (v instanceof Obj o) {
                List<Map.Entry<String, Object>> members = new ArrayList<>(o.members());
                if (canonical || r.nextInt(3) != 0) {
                    members.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
                }
                out.append('{');
                for (int i = 0; i < members.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    space();
                    string(members.get(i).getKey());
                    space();
                    out.append(':');
                    write(members.get(i).getValue());
                }
                space();
                out.append('}');
            } else if (v instanceof List<?> a) {
                out.append('[');
                for (int i = 0; i < a.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(a.get(i));
                }
                space();
                out.append(']');
            } else if (v instanceof String s) {
                string(s);
            } else if (v instanceof Num n) {
                out.append(n.token());
            } else {
                out.append(v); // Boolean or null
            }
            space();
        }

        void string(String s) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (depart()) {
                    out.append(String.format(r.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c));
                    continue;
                }
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '/' -> out.append(depart() ? "\\/" : "/");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }

    @Test
    void randomValuesWrittenCanonicallyAreAcceptedAndOtherwiseAgree() {
        Random random = new Random(20261126);
        int canonicalSeen = 0;
        for (int n = 0; n < 30_000; n++) {
            Object value = randomValue(random, 0);
            if (!(value instanceof Obj) && !(value instanceof List)) {
                value = java.util.Arrays.asList(value);
            }
            Writer canonical = new Writer(random, true);
            canonical.write(value);
            String text = canonical.out.toString();
            assertAgrees(text);
            if (reference(text.getBytes(StandardCharsets.UTF_8))) {
                canonicalSeen++;
                assertThat(canonical(text)).isEqualTo(text);
            }
            Writer loose = new Writer(random, false);
            loose.write(value);
            assertAgrees(loose.out.toString());
        }
        // most values hold no bad number or duplicate key, so most canonical writings are canonical
        assertThat(canonicalSeen).isGreaterThan(10_000);
    }

    @Test
    void deepNestingIsLeftToTheReferenceCheck() {
        String deep = "[".repeat(CanonicalJson.MAX_DEPTH) + "]".repeat(CanonicalJson.MAX_DEPTH);
        assertAgrees(deep);
        String deeper = "[".repeat(CanonicalJson.MAX_DEPTH + 1) + "]".repeat(CanonicalJson.MAX_DEPTH + 1);
        byte[] b = deeper.getBytes(StandardCharsets.US_ASCII);
        assertThat(CanonicalJson.isCanonical(b, 0, b.length)).isFalse();
        String longLine = "[\"" + "x".repeat(CanonicalJson.MAX_LENGTH) + "\"]";
        b = longLine.getBytes(StandardCharsets.US_ASCII);
        assertThat(CanonicalJson.isCanonical(b, 0, b.length)).isFalse();
    }
}
