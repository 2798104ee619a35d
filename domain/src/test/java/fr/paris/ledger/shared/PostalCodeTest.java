package fr.paris.ledger.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PostalCodeTest {

    @ParameterizedTest
    @CsvSource({"75001,1", "75009,9", "75010,10", "75016,16", "75116,16", "75020,20"})
    void a_paris_postal_code_gives_its_arrondissement(String code, int arrondissement) {
        assertThat(new PostalCode(code).arrondissement()).hasValue(arrondissement);
        assertThat(new PostalCode(code).isParisian()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"75000", "75021", "75100", "75117", "92100", "69001", "07500"})
    void other_postal_codes_are_not_parisian(String code) {
        assertThat(new PostalCode(code).isParisian()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "7501", "750011", "75O11", " 75011"})
    void rejects_malformed_postal_codes(String code) {
        assertThatThrownBy(() -> new PostalCode(code)).isInstanceOf(IllegalArgumentException.class);
        assertThat(PostalCode.isWellFormed(code)).isFalse();
    }

    @Test
    void age_is_counted_in_whole_years_reached_on_the_day() {
        LocalDate birth = LocalDate.of(2000, 2, 29);
        assertThat(ParisCalendar.ageOn(birth, LocalDate.of(2007, 2, 28))).isEqualTo(6);
        assertThat(ParisCalendar.ageOn(birth, LocalDate.of(2007, 3, 1))).isEqualTo(7);
        assertThat(ParisCalendar.ageOn(birth, LocalDate.of(1999, 1, 1))).isNegative();
    }
}
