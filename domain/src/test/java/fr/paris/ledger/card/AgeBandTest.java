package fr.paris.ledger.card;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgeBandTest {

    @ParameterizedTest
    @CsvSource({"7,7-14", "14,7-14", "15,15-29", "29,15-29", "30,30-44", "44,30-44", "45,45-59", "59,45-59",
            "60,60-74", "74,60-74", "75,75+", "104,75+"})
    void an_age_falls_in_its_band(int age, String band) {
        assertThat(AgeBand.of(age)).isEqualTo(band);
    }

    @Test
    void the_bands_are_the_card_statistics_bands_in_order() {
        assertThat(AgeBand.labels()).containsExactly("7-14", "15-29", "30-44", "45-59", "60-74", "75+");
    }
}
