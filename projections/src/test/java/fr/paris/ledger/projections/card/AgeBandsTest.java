package fr.paris.ledger.projections.card;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgeBandsTest {

    @ParameterizedTest
    @CsvSource({"7,7-14", "14,7-14", "15,15-29", "29,15-29", "30,30-44", "44,30-44", "45,45-59", "59,45-59",
            "60,60-74", "74,60-74", "75,75+", "104,75+"})
    void each_age_falls_in_one_band(int age, String band) {
        assertThat(AgeBands.bandOf(age)).isEqualTo(band);
    }

    @org.junit.jupiter.api.Test
    void the_bands_are_the_six_of_the_api_in_order() {
        assertThat(AgeBands.emptyCounts()).containsOnlyKeys("7-14", "15-29", "30-44", "45-59", "60-74", "75+");
        assertThat(AgeBands.emptyCounts().keySet()).containsExactly("7-14", "15-29", "30-44", "45-59", "60-74", "75+");
    }
}
