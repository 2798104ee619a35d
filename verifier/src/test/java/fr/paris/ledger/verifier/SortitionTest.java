package fr.paris.ledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.paris.ledger.sortition.ApplicationId;
import fr.paris.ledger.sortition.PoolEntry;
import fr.paris.ledger.sortition.RandomSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The verifier's own draw against expectations that come from outside the code: RFC 3797's fully worked example
 * (section 6: its key, its MD5 digests and the volunteers it selects), the worked examples and hashes of
 * docs/sortition.md, and a pool hash computed by hand from the documented formula.
 */
class SortitionTest {
    /** RFC 3797, section 6: lottery 9319, then 2 5 12 8 10, then 9 18 26 34 41 45. */
    static final List<RandomSource> RFC_SOURCES = List.of(RandomSource.numbers(9319L), RandomSource.numbers(2L, 5L, 12L, 8L, 10L),
            RandomSource.numbers(9L, 18L, 26L, 34L, 41L, 45L));
    static final String RFC_KEY = "9319./2.5.8.10.12./9.18.26.34.41.45./";

    static ApplicationId app(int n) {
        return new ApplicationId(String.format("app-%012d", n));
    }

    static String hex(byte[] digest) {
        return HexFormat.of().withUpperCase().formatHex(digest);
    }

    @Test
    void theKeyStringIsTheRfcs() {
        assertThat(Sortition.keyString(RFC_SOURCES)).isEqualTo(RFC_KEY);
        // docs/sortition.md, worked example 2: a string source as is
        assertThat(Sortition.keyString(List.of(RandomSource.text("7f3a9c"), RandomSource.numbers(5L, 3L, 1L))))
                .isEqualTo("7f3a9c/1.3.5./");
        assertThatThrownBy(() -> Sortition.keyString(List.of())).hasMessage("a draw needs at least one random source");
    }

    @Test
    void theRfcsWorkedExampleSelectsItsVolunteers() {
        // RFC 3797, section 6: the MD5 of each round (J key J) and the volunteer it selects among 25
        String[] digests = {"990DD0A5692A029A98B5E01AA28F3459", "3691E55CB63FCC37914430B2F70B5EC6",
                "FE814EDF564C190AC1D25753979990FA", "1863CCACEB568C31D7DDBDF1D4E91387", "F4AB33DF4889F0AF29C513905BE1D758",
                "13EAEB529F61ACFB9A29D0BA3A60DE4A", "992DB77C382CA2BDB9727001F3CDCCD9", "63AB4258ECA922976811C7F55C383CE7",
                "DFBC5AC97CED01B3A6E348E3CC63F40D", "31CB111C4A4EBE9287CEAE16FE51B909", "07FA46C122F164C215BBC72793B189A3"};
        for (int j = 0; j < digests.length; j++) {
            assertThat(hex(Sortition.round("MD5", RFC_KEY, j))).as("round " + j).isEqualTo(digests[j]);
        }
        List<Integer> volunteers = IntStream.rangeClosed(1, 25).boxed().toList();
        assertThat(Sortition.take("MD5", RFC_KEY, volunteers, 11)).containsExactly(17, 7, 2, 16, 25, 23, 8, 24, 19, 13, 22);

        // the same as a draw of the algorithm RFC3797: 25 applications in one group, ten seats, one alternate
        List<PoolEntry> pool = new ArrayList<>();
        volunteers.forEach(v -> pool.add(new PoolEntry(app(v), "ALL")));
        Sortition.Outcome o = Sortition.draw("RFC3797", pool, Map.of("ALL", 10), 1, RFC_SOURCES);
        assertThat(o.selected().get("ALL")).containsExactly(app(17), app(7), app(2), app(16), app(25), app(23), app(8), app(24),
                app(19), app(13));
        assertThat(o.alternates().get("ALL")).containsExactly(app(22));
    }

    /** docs/sortition.md, worked example 1: ten applicants, odd numbers in F, even in M. */
    static List<PoolEntry> example1() {
        List<PoolEntry> pool = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            pool.add(new PoolEntry(app(i), i % 2 == 1 ? "F" : "M"));
        }
        return pool;
    }

    @Test
    void thePoolHashIsTheDocumentedFormula() {
        assertThat(Sortition.poolHash(example1())).isEqualTo("vW2OkqxrTUWwDm02IEvg6HC5NR1Tbitl+fBcPBHdoRY=");
        assertThat(Sortition.poolHash(List.of())).isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
        // by hand: SHA-256 of the 21 bytes "app-000000000042:ALL\n" is 1b7a32c4...0ddde308 (sha256sum), in base64:
        assertThat(Sortition.poolHash(List.of(new PoolEntry(app(42), "ALL"))))
                .isEqualTo("G3oyxDeMSXZEcybna74o+GRCDAQwoy6FaHEL0w3d4wg=");
    }

    @Test
    void workedExampleOneDrawsEachGroupWithItsOwnKey() {
        String keyF = RFC_KEY + "F/";
        assertThat(HexFormat.of().formatHex(Sortition.round("SHA-256", keyF, 0)))
                .isEqualTo("760bcf3a9c280bd355b81c1f71adae759a0ab76990d8005ff7cc4268b07d209b");
        assertThat(HexFormat.of().formatHex(Sortition.round("SHA-256", RFC_KEY + "M/", 2)))
                .isEqualTo("27b8e666be514ed19851f229cf439a7ab49438889ccc82a95edf45987e8ab049");
        Sortition.Outcome o = Sortition.draw("SHA256-V1", example1(), Map.of("F", 2, "M", 2), 1, RFC_SOURCES);
        assertThat(o.selected()).isEqualTo(Map.of("F", List.of(app(7), app(3)), "M", List.of(app(10), app(4))));
        assertThat(o.alternates()).isEqualTo(Map.of("F", List.of(app(1)), "M", List.of(app(8))));
    }

    @Test
    void workedExampleTwoHasAStringSource() {
        List<PoolEntry> pool = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            pool.add(new PoolEntry(app(i), "ALL"));
        }
        assertThat(HexFormat.of().formatHex(Sortition.round("SHA-256", "7f3a9c/1.3.5./ALL/", 3)))
                .isEqualTo("554a932fb9ecb35e27e3392e03fab3e58d85e4975c2b8d21687e6076ab877481");
        Sortition.Outcome o = Sortition.draw("SHA256-V1", pool, Map.of("ALL", 2), 2,
                List.of(RandomSource.text("7f3a9c"), RandomSource.numbers(5L, 3L, 1L)));
        assertThat(o.selected().get("ALL")).containsExactly(app(4), app(2));
        assertThat(o.alternates().get("ALL")).containsExactly(app(3), app(6));
    }

    @Test
    void aDrawThatCannotBeMadeSaysWhy() {
        assertThat(Sortition.digestOf("SHA256-V2")).isNull();
        assertThatThrownBy(() -> Sortition.draw("RFC3797", example1(), Map.of("F", 2, "M", 2), 1, RFC_SOURCES))
                .hasMessage("RFC3797 draws exactly one quota group");
        assertThatThrownBy(() -> Sortition.draw("SHA256-V1", example1(), Map.of("F", 2), 1, List.of()))
                .hasMessage("a draw needs at least one random source");
        // fewer candidates than seats: all of them, in the order taken
        assertThat(Sortition.draw("SHA256-V1", example1(), Map.of("F", 9), 1, RFC_SOURCES).selected().get("F")).hasSize(5);
    }
}
