package fr.paris.ledger.sortition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The selection algorithms against published vectors: RFC 3797's own example (section 6) and the
 * SHA256-V1 vectors written down, with their intermediate values, in {@code docs/sortition.md}.
 */
class SortitionAlgorithmTest {
    private static final List<RandomSource> RFC_SOURCES = List.of(RandomSource.numbers(9319L),
            RandomSource.numbers(2L, 5L, 12L, 8L, 10L), RandomSource.numbers(9L, 18L, 26L, 34L, 41L, 45L));
    private static final String RFC_KEY = "9319./2.5.8.10.12./9.18.26.34.41.45./";

    private static ApplicationId app(int n) {
        return new ApplicationId(String.format("app-%012d", n));
    }

    @Test
    void the_key_string_is_built_as_in_rfc_3797_section_6() {
        assertThat(SortitionKey.of(RFC_SOURCES)).isEqualTo(RFC_KEY);
        assertThat(SortitionKey.of(List.of(RandomSource.text("7f3a9c"), RandomSource.numbers(5L, 3L, 1L))))
                .isEqualTo("7f3a9c/1.3.5./");
    }

    @Test
    void the_md5_digests_are_those_of_rfc_3797_section_6() {
        byte[] key = RFC_KEY.getBytes(StandardCharsets.US_ASCII);
        assertThat(HexFormat.of().withUpperCase().formatHex(Rfc3797Selection.digest("MD5", 0, key)))
                .isEqualTo("990DD0A5692A029A98B5E01AA28F3459");
        assertThat(HexFormat.of().withUpperCase().formatHex(Rfc3797Selection.digest("MD5", 1, key)))
                .isEqualTo("3691E55CB63FCC37914430B2F70B5EC6");
        assertThat(HexFormat.of().withUpperCase().formatHex(Rfc3797Selection.digest("MD5", 9, key)))
                .isEqualTo("31CB111C4A4EBE9287CEAE16FE51B909");
    }

    @Test
    void selects_the_ten_of_twenty_five_that_rfc_3797_section_6_selects() {
        List<Integer> places = Rfc3797Selection.select("MD5", RFC_KEY, 25, 10);
        // the RFC numbers candidates from 1: 17 (Lee), 7, 2, 16, 25, 23, 8, 24, 19, 13
        assertThat(places.stream().map(p -> p + 1).toList()).containsExactly(17, 7, 2, 16, 25, 23, 8, 24, 19, 13);
    }

    @Test
    void an_rfc3797_draw_of_one_group_gives_the_rfc_order_seats_then_alternates() {
        List<PoolEntry> pool = IntStream.rangeClosed(1, 25).mapToObj(i -> new PoolEntry(app(i), "ALL")).toList();
        SortitionDraw.Outcome outcome = SortitionDraw.draw(DrawAlgorithm.RFC3797, pool, Map.of("ALL", 8), 3, RFC_SOURCES);
        assertThat(outcome.key()).isEqualTo(RFC_KEY);
        assertThat(outcome.selected().get("ALL")).containsExactly(app(17), app(7), app(2), app(16), app(25), app(23),
                app(8), app(24));
        assertThat(outcome.alternates().get("ALL")).containsExactly(app(19), app(13), app(22));
    }

    @Test
    void an_rfc3797_draw_refuses_more_than_one_group() {
        assertThatThrownBy(() -> SortitionDraw.draw(DrawAlgorithm.RFC3797, List.of(), Map.of("F", 1, "M", 1), 0, RFC_SOURCES))
                .isInstanceOf(SortitionDraw.OneGroupOnly.class);
    }

    /** docs/sortition.md, worked example 1: ten applicants alternating F and M, two seats and one alternate per group. */
    @Test
    void sha256_v1_worked_example_with_two_groups() {
        List<PoolEntry> pool = IntStream.rangeClosed(1, 10)
                .mapToObj(i -> new PoolEntry(app(i), i % 2 == 1 ? "F" : "M")).toList();
        assertThat(PoolHash.of(pool)).isEqualTo("vW2OkqxrTUWwDm02IEvg6HC5NR1Tbitl+fBcPBHdoRY=");
        assertThat(new String(PoolHash.canonicalBytes(pool), StandardCharsets.UTF_8))
                .startsWith("app-000000000001:F\napp-000000000002:M\n");

        byte[] keyF = (RFC_KEY + "F/").getBytes(StandardCharsets.UTF_8);
        assertThat(HexFormat.of().formatHex(Rfc3797Selection.digest("SHA-256", 0, keyF)))
                .isEqualTo("760bcf3a9c280bd355b81c1f71adae759a0ab76990d8005ff7cc4268b07d209b");

        SortitionDraw.Outcome outcome = SortitionDraw.draw(DrawAlgorithm.SHA256_V1, pool, Map.of("F", 2, "M", 2), 1, RFC_SOURCES);
        assertThat(outcome.key()).isEqualTo(RFC_KEY);
        assertThat(outcome.selected()).containsExactly(Map.entry("F", List.of(app(7), app(3))),
                Map.entry("M", List.of(app(10), app(4))));
        assertThat(outcome.alternates()).containsExactly(Map.entry("F", List.of(app(1))), Map.entry("M", List.of(app(8))));
    }

    /** docs/sortition.md, worked example 2: a string source and a source of numbers, one group. */
    @Test
    void sha256_v1_worked_example_with_a_string_source() {
        List<PoolEntry> pool = IntStream.rangeClosed(1, 6).mapToObj(i -> new PoolEntry(app(i), "ALL")).toList();
        SortitionDraw.Outcome outcome = SortitionDraw.draw(DrawAlgorithm.SHA256_V1, pool, Map.of("ALL", 2), 2,
                List.of(RandomSource.text("7f3a9c"), RandomSource.numbers(5L, 3L, 1L)));
        assertThat(outcome.key()).isEqualTo("7f3a9c/1.3.5./");
        assertThat(outcome.selected().get("ALL")).containsExactly(app(4), app(2));
        assertThat(outcome.alternates().get("ALL")).containsExactly(app(3), app(6));
    }

    @Test
    void a_group_with_fewer_applicants_than_seats_seats_them_all_and_has_no_alternate() {
        List<PoolEntry> pool = List.of(new PoolEntry(app(1), "F"), new PoolEntry(app(2), "F"));
        SortitionDraw.Outcome outcome = SortitionDraw.draw(DrawAlgorithm.SHA256_V1, pool, Map.of("F", 3, "M", 1), 2, RFC_SOURCES);
        assertThat(outcome.selected().get("F")).containsExactlyInAnyOrder(app(1), app(2));
        assertThat(outcome.alternates().get("F")).isEmpty();
        assertThat(outcome.selected().get("M")).isEmpty();
    }

    @Test
    void the_empty_pool_hashes_the_empty_string() {
        assertThat(PoolHash.of(List.of())).isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }

    @Test
    void a_string_source_cannot_hold_a_slash_or_a_space() {
        assertThatThrownBy(() -> RandomSource.text("ab/cd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RandomSource.text("ab cd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RandomSource.numbers(-1L)).isInstanceOf(IllegalArgumentException.class);
    }
}
