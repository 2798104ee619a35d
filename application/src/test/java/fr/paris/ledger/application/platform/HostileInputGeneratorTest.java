package fr.paris.ledger.application.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.paris.ledger.application.support.Hostile;
import fr.paris.ledger.application.support.Hostile.Kind;
import fr.paris.ledger.application.support.Hostile.Value;
import fr.paris.ledger.application.support.HostileGenerator;
import fr.paris.ledger.application.support.HostileGenerator.Generator;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generators of {@link HostileInputPropertiesTest} (no service needed): every kind of value
 * they are meant to make comes out, within its range and bounds included, as valid JSON, and the
 * same seed makes the same values.
 */
class HostileInputGeneratorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DRAWS = 3000;

    @Test
    void the_same_seed_name_and_try_make_the_same_values_and_another_try_others() {
        assertThat(draws(HostileGenerator.random(42, "any-value", 7))).isEqualTo(draws(HostileGenerator.random(42, "any-value", 7)));
        assertThat(draws(HostileGenerator.random(42, "any-value", 7))).isNotEqualTo(draws(HostileGenerator.random(42, "any-value", 8)));
        assertThat(draws(HostileGenerator.random(42, "any-value", 7))).isNotEqualTo(draws(HostileGenerator.random(43, "any-value", 7)));
        assertThat(draws(HostileGenerator.random(42, "any-value", 7))).isNotEqualTo(draws(HostileGenerator.random(42, "cut-body", 7)));
    }

    private static List<String> draws(Random r) {
        return IntStream.range(0, 20).mapToObj(i -> HostileGenerator.anyValue(r).json()).toList();
    }

    @Test
    void the_kinds_of_value_are_all_there() {
        assertThat(HostileGenerator.VALUES).map(Generator::name).containsExactly("a refused character", "too long",
                "a negative number", "a large integer", "beyond a long", "a fraction", "an object", "an array of integers",
                "the corpus");
    }

    @Test
    void a_refused_character_between_letters_takes_every_refused_character() {
        Set<Character> seen = new HashSet<>();
        Set<Integer> lengths = new TreeSet<>();
        each("a refused character", v -> {
            String s = text(v);
            List<Integer> refused = IntStream.range(0, s.length()).filter(i -> !Character.isLetter(s.charAt(i))).boxed().toList();
            assertThat(refused).as(v.json()).hasSize(1);
            assertThat(s.replaceAll("[^a-zA-Z]", "")).hasSize(s.length() - 1);
            seen.add(s.charAt(refused.get(0)));
            lengths.add(refused.get(0));
            assertThat(v.refusedBy()).containsExactlyInAnyOrder(Kind.values());
        });
        assertThat(seen).containsExactlyInAnyOrderElementsOf(HostileGenerator.REFUSED);
        assertThat(lengths).contains(0, 20);
    }

    @Test
    void too_long_strings_are_20001_to_40000_characters() {
        bounds("too long", v -> BigInteger.valueOf(text(v).length()), 20_001, 40_000);
    }

    @Test
    void negative_numbers_go_from_a_long_s_minimum_to_minus_one() {
        bounds("a negative number", v -> new BigInteger(v.json()), Long.MIN_VALUE, -1);
    }

    @Test
    void large_integers_go_from_100001_to_an_int_s_maximum() {
        bounds("a large integer", v -> new BigInteger(v.json()), 100_001, Integer.MAX_VALUE);
    }

    @Test
    void numbers_beyond_a_long_go_from_2_to_the_63_to_10_to_the_40() {
        bounds("beyond a long", v -> new BigInteger(v.json()), BigInteger.TWO.pow(63), BigInteger.TEN.pow(40));
    }

    @Test
    void fractions_are_halves_from_minus_1000_to_1000() {
        bounds("a fraction", v -> {
            assertThat(v.json()).endsWith(".5");
            return new BigInteger(v.json().substring(0, v.json().length() - 2));
        }, -1000, 1000);
    }

    @Test
    void objects_hold_0_to_100() {
        bounds("an object", v -> BigInteger.valueOf(parse(v).path("k").asInt()), 0, 100);
    }

    @Test
    void arrays_hold_1_to_5_integers_of_the_whole_range() {
        Set<Integer> sizes = new TreeSet<>();
        List<BigInteger> elements = new ArrayList<>();
        each("an array of integers", v -> {
            JsonNode a = parse(v);
            sizes.add(a.size());
            a.forEach(n -> {
                assertThat(n.isInt()).as(v.json()).isTrue();
                elements.add(n.bigIntegerValue());
            });
        });
        assertThat(sizes).containsExactly(1, 2, 3, 4, 5);
        assertThat(elements).contains(BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE), BigInteger.ZERO);
    }

    @Test
    void the_corpus_comes_out_whole() {
        Set<Value> seen = new HashSet<>();
        each("the corpus", seen::add);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(Hostile.corpus());
    }

    @Test
    void any_string_is_up_to_60_characters_of_every_sort() {
        Random r = new Random(1);
        int empty = 0;
        int lone = 0;
        int pairs = 0;
        int control = 0;
        int beyondAscii = 0;
        int clean = 0;
        Set<Integer> lengths = new TreeSet<>();
        for (int i = 0; i < DRAWS; i++) {
            Value v = HostileGenerator.ANY_STRING.next(r);
            String s = text(v);
            assertThat(HostileGenerator.quote(s)).isEqualTo(v.json());
            assertThat(s.length()).isLessThanOrEqualTo(60);
            lengths.add(s.length());
            empty += s.isEmpty() ? 1 : 0;
            lone += hasLoneSurrogate(s) ? 1 : 0;
            pairs += s.codePoints().anyMatch(Character::isSupplementaryCodePoint) ? 1 : 0;
            control += s.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r') ? 1 : 0;
            beyondAscii += s.chars().anyMatch(c -> c >= 0x3000 && !Character.isSurrogate((char) c)) ? 1 : 0;
            clean += !s.isEmpty() && v.refusedBy().isEmpty() ? 1 : 0;
            assertThat(v.refusedBy()).as(v.json()).isEqualTo(HostileGenerator.refusedBy(s));
        }
        assertThat(lengths).contains(0, 1, 60);
        assertThat(List.of(empty, lone, pairs, control, beyondAscii, clean)).allSatisfy(n -> assertThat(n).isGreaterThan(30));
    }

    @Test
    void any_value_is_a_hostile_value_or_any_string() {
        Random r = new Random(2);
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < DRAWS; i++) {
            Value v = HostileGenerator.anyValue(r);
            assertThatCode(() -> JSON.readTree(v.json())).as(v.json()).doesNotThrowAnyException();
            labels.add(v.label().replaceAll("^\\d+ characters$", "N characters"));
        }
        assertThat(labels).contains("any string", "a refused character", "N characters", "a negative number", "a large integer",
                "beyond a long", "a fraction", "an object", "an array of integers", "Long.MAX_VALUE", "1e400");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "\u0007", "\u007f", "x\u0085", "\u202e", "\u2069", "\uffff", "\ufffe", "a\ud800", "\udc00a",
            "\ude00\ud83d"})
    void a_string_with_a_refused_character_is_refused_by_every_kind(String s) {
        assertThat(HostileGenerator.refusedBy(s)).containsExactlyInAnyOrder(Kind.values());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "\t\n\r", "\ud83d\ude00", "\u00e9t\u00e9", "\u05e9\u05dc\u05d5\u05dd", "\u200b", "12"})
    void a_string_without_one_is_refused_by_no_kind_for_sure(String s) {
        assertThat(HostileGenerator.refusedBy(s)).isEmpty();
    }

    @Test
    void integral_values_stay_in_their_range_and_reach_both_bounds() {
        Random r = new Random(3);
        for (int[] range : new int[][] {{0, 0}, {0, 1}, {-1, 1}, {5, 7}, {0, 999}, {Integer.MIN_VALUE, Integer.MAX_VALUE}}) {
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < 500; i++) {
                int v = HostileGenerator.integral(r, range[0], range[1]);
                assertThat(v).isBetween(range[0], range[1]);
                seen.add(v);
            }
            assertThat(seen).contains(range[0], range[1]);
        }
    }

    private static void each(String generator, Consumer<Value> check) {
        Generator g = HostileGenerator.VALUES.stream().filter(x -> x.name().equals(generator)).findFirst().orElseThrow();
        Random r = new Random(generator.hashCode());
        for (int i = 0; i < DRAWS; i++) {
            Value v = g.next(r);
            assertThatCode(() -> JSON.readTree(v.json())).as(v.json()).doesNotThrowAnyException();
            check.accept(v);
        }
    }

    private static void bounds(String generator, java.util.function.Function<Value, BigInteger> number, long min, long max) {
        bounds(generator, number, BigInteger.valueOf(min), BigInteger.valueOf(max));
    }

    /** Every value within [min, max], both bounds and values off them reached. */
    private static void bounds(String generator, java.util.function.Function<Value, BigInteger> number, BigInteger min,
                               BigInteger max) {
        Set<BigInteger> seen = new HashSet<>();
        each(generator, v -> {
            BigInteger n = number.apply(v);
            assertThat(n).as(v.json()).isBetween(min, max);
            seen.add(n);
        });
        assertThat(seen).contains(min, max);
        assertThat(seen.size()).isGreaterThan(max.subtract(min).compareTo(BigInteger.valueOf(10_000)) < 0 ? 50 : 200);
    }

    private static JsonNode parse(Value v) {
        try {
            return JSON.readTree(v.json());
        } catch (java.io.IOException e) {
            throw new AssertionError(v.json(), e);
        }
    }

    private static String text(Value v) {
        JsonNode n = parse(v);
        assertThat(n.isTextual()).as(v.json()).isTrue();
        return n.textValue();
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
