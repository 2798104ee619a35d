package fr.paris.ledger.application.support;

import fr.paris.ledger.application.support.Hostile.Kind;
import fr.paris.ledger.application.support.Hostile.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Seeded generators of hostile JSON values, for {@code HostileInputPropertiesTest}: plain
 * {@link Random}, so that a seed and a try number give the same value again. Each generator keeps
 * the kinds of value the property-based tests generated before (jqwik, removed at its author's
 * request): any integral value of a range includes its bounds, values next to them and values near
 * zero, as jqwik's edge cases did, besides values spread over the whole range.
 */
public final class HostileGenerator {
    /** One way of making a hostile value; {@link #value} picks one of {@link #VALUES} with equal chances. */
    public record Generator(String name, Function<Random, Value> make) {
        public Value next(Random r) {
            return make.apply(r);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The characters no string field takes: C0 controls but tab and line breaks, DEL and C1, bidi controls, noncharacters, surrogates. */
    public static final List<Character> REFUSED;

    static {
        List<Character> r = new ArrayList<>();
        for (char c = 0; c < 0x20; c++) {
            if (c != '\t' && c != '\n' && c != '\r') {
                r.add(c);
            }
        }
        for (char c = 0x7F; c <= 0x9F; c++) {
            r.add(c);
        }
        for (char c : new char[] {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0xFFFE, 0xFFFF,
                0xD800, 0xDBFF, 0xDC00, 0xDFFF}) {
            r.add(c);
        }
        REFUSED = List.copyOf(r);
    }

    private static final Set<Kind> ALL = Set.of(Kind.values());
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final String ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String DIGITS = "0123456789-+.eE";

    /** Values with the kinds that must refuse them (see {@link Hostile#corpus()} for the reasoning per kind). */
    public static final List<Generator> VALUES = List.of(
            new Generator("a refused character", r -> new Value("a refused character",
                    "\"" + alpha(r, 20) + String.format("\\u%04x", (int) pick(r, REFUSED)) + alpha(r, 20) + "\"", ALL)),
            new Generator("too long", r -> {
                int n = integral(r, 20_001, 40_000);
                return new Value(n + " characters", "\"" + "y".repeat(n) + "\"", ALL);
            }),
            new Generator("a negative number", r -> new Value("a negative number",
                    integral(r, BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(-1)).toString(),
                    except(Kind.TEXT, Kind.ID))),
            // six digits and more: above every integer field's maximum, and no postal code (JSON numbers are read as strings)
            new Generator("a large integer", r -> new Value("a large integer",
                    Integer.toString(integral(r, 100_001, Integer.MAX_VALUE)), except(Kind.TEXT, Kind.ID, Kind.MONEY))),
            new Generator("beyond a long", r -> new Value("beyond a long",
                    integral(r, BigInteger.TWO.pow(63), BigInteger.TEN.pow(40)).toString(), except(Kind.TEXT, Kind.ID))),
            new Generator("a fraction", r -> new Value("a fraction", integral(r, -1000, 1000) + ".5", except(Kind.TEXT))),
            new Generator("an object", r -> new Value("an object", "{\"k\":" + integral(r, 0, 100) + "}", except(Kind.MAP))),
            new Generator("an array of integers", r -> {
                List<Integer> l = new ArrayList<>();
                for (int i = integral(r, 1, 5); i > 0; i--) {
                    l.add(integral(r, INT_MIN, INT_MAX).intValue());
                }
                return new Value("an array of integers", l.toString(), ALL);
            }),
            new Generator("the corpus", r -> pick(r, Hostile.corpus())));

    /** Any string at all, up to 60 characters, with the kinds that must refuse it. */
    public static final Generator ANY_STRING = new Generator("any string", r -> {
        String s = anyString(r, 60);
        return new Value("any string", quote(s), refusedBy(s));
    });

    private HostileGenerator() {
    }

    /** A hostile value, of one of {@link #VALUES}. */
    public static Value value(Random r) {
        return pick(r, VALUES).next(r);
    }

    /** Any JSON value: a hostile {@link #value} or {@link #ANY_STRING}, with equal chances. */
    public static Value anyValue(Random r) {
        return r.nextBoolean() ? value(r) : ANY_STRING.next(r);
    }

    public static <T> T pick(Random r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    /** A random generator for try {@code n} of the generated test {@code name}: a function of the seed, the name and {@code n} only. */
    public static Random random(long seed, String name, int n) {
        return new Random(mix(mix(seed ^ mix(name.hashCode())) + n));
    }

    /** SplitMix64's finalizer: neighbouring seeds and tries give unrelated generators. */
    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // ---- integral values

    public static int integral(Random r, int min, int max) {
        return integral(r, BigInteger.valueOf(min), BigInteger.valueOf(max)).intValue();
    }

    /**
     * An integer of [min, max]: one bound, a value next to one (within 100), a value near zero when
     * the range holds it, one of a random number of bits above min (small and large magnitudes
     * alike), or any value of the range.
     */
    public static BigInteger integral(Random r, BigInteger min, BigInteger max) {
        BigInteger span = max.subtract(min);
        BigInteger small = BigInteger.valueOf(r.nextInt(101));
        BigInteger v = switch (r.nextInt(8)) {
            case 0 -> min;
            case 1 -> max;
            case 2 -> min.add(small);
            case 3 -> max.subtract(small);
            case 4 -> min.signum() <= 0 && max.signum() >= 0 ? small.subtract(BigInteger.valueOf(50)) : uniform(r, span).add(min);
            case 5, 6 -> min.add(new BigInteger(r.nextInt(span.bitLength() + 1), r));
            default -> uniform(r, span).add(min);
        };
        return v.max(min).min(max);
    }

    /** Uniform in [0, span]. */
    private static BigInteger uniform(Random r, BigInteger span) {
        BigInteger v;
        do {
            v = new BigInteger(span.bitLength(), r);
        } while (v.compareTo(span) > 0);
        return v;
    }

    // ---- strings

    /** Letters a-z and A-Z, 0 to {@code maxLength} of them. */
    public static String alpha(Random r, int maxLength) {
        StringBuilder s = new StringBuilder();
        for (int i = integral(r, 0, maxLength); i > 0; i--) {
            s.append(ALPHA.charAt(r.nextInt(ALPHA.length())));
        }
        return s.toString();
    }

    /**
     * 0 to {@code maxLength} characters (UTF-16 units): half the strings are any characters at all
     * (every one of U+0000 to U+FFFF alike, lone surrogates included); a quarter mixes printable
     * ASCII, tab and line breaks, paired surrogates, refused characters and any characters; a quarter
     * is printable ASCII or number-like text only, which a field may take.
     */
    public static String anyString(Random r, int maxLength) {
        int length = integral(r, 0, maxLength);
        int mode = r.nextInt(4);
        StringBuilder s = new StringBuilder();
        while (s.length() < length) {
            if (mode <= 1) {
                s.append((char) r.nextInt(0x10000));
            } else if (mode == 2) {
                switch (r.nextInt(5)) {
                    case 0 -> s.append((char) r.nextInt(0x10000));
                    case 1 -> s.append((char) (0x20 + r.nextInt(0x5F)));
                    case 2 -> s.append("\t\n\r".charAt(r.nextInt(3)));
                    case 3 -> s.append(pick(r, REFUSED));
                    default -> {
                        if (s.length() + 2 <= length) {
                            s.appendCodePoint(0x10000 + r.nextInt(0x100000));
                        }
                    }
                }
            } else if (r.nextBoolean()) {
                s.append((char) (0x20 + r.nextInt(0x5F)));
            } else {
                s.append(DIGITS.charAt(r.nextInt(DIGITS.length())));
            }
        }
        return s.toString();
    }

    /** A JSON string literal, every character outside printable ASCII escaped (so that lone surrogates go through). */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.append('"').toString();
    }

    /**
     * The kinds that must refuse {@code s}: all of them when it holds a refused character (an
     * unpaired surrogate included), else none we can tell for sure (a random string may be a
     * valid id, enum value or text, a number Jackson reads from a string, or an empty string read as absent).
     */
    public static Set<Kind> refusedBy(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (REFUSED.contains(c) || Character.isSurrogate(c)) {
                return ALL;
            }
        }
        return Set.of();
    }

    private static Set<Kind> except(Kind... kinds) {
        Set<Kind> s = new HashSet<>(ALL);
        s.removeAll(List.of(kinds));
        return Set.copyOf(s);
    }
}
