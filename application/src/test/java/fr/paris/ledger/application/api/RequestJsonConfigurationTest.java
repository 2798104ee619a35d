package fr.paris.ledger.application.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.junit.jupiter.api.Test;

/** The request mapper's number and boolean reading: a blank string (a control character included) is refused. */
class RequestJsonConfigurationTest {
    record Body(Integer n, Boolean b) {
    }

    final ObjectMapper strict = RequestJsonConfiguration.strict(new ObjectMapper());

    @Test
    void a_blank_string_is_not_an_absent_number_or_boolean() {
        // found by HostileInputPropertiesTest: {"arrondissement":"\u0000"} filed a petition without one
        for (String blank : new String[] {"\\u0000", " ", "\\u001f\\t"}) {
            assertThatThrownBy(() -> strict.readValue("{\"n\":\"" + blank + "\"}", Body.class))
                    .as("n = \"%s\"", blank).isInstanceOf(MismatchedInputException.class);
            assertThatThrownBy(() -> strict.readValue("{\"b\":\"" + blank + "\"}", Body.class))
                    .as("b = \"%s\"", blank).isInstanceOf(MismatchedInputException.class);
        }
    }

    @Test
    void an_empty_string_is_still_absent_and_a_number_is_read() throws Exception {
        assertThat(strict.readValue("{\"n\":\"\"}", Body.class).n()).isNull();
        assertThat(strict.readValue("{\"n\":11,\"b\":true}", Body.class)).isEqualTo(new Body(11, true));
    }

    // ---- issue 14

    @Test
    void a_repeated_key_is_refused() {
        assertThatThrownBy(() -> strict.readValue("{\"n\":1,\"n\":2}", Body.class))
                .isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class)
                .hasMessageContaining("Duplicate field");
        assertThatThrownBy(() -> strict.readTree("{\"a\":{\"x\":1,\"x\":1}}"))
                .as("in a nested object too").isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
    }

    @Test
    void a_number_or_boolean_in_a_string_is_refused() {
        record Year(Integer year, Long cents, Boolean flag, Double ratio) {
        }
        for (String body : new String[] {"{\"year\":\"2031\"}", "{\"cents\":\"100\"}", "{\"flag\":\"true\"}",
                "{\"ratio\":\"0.5\"}"}) {
            assertThatThrownBy(() -> strict.readValue(body, Year.class)).as(body).isInstanceOf(MismatchedInputException.class);
        }
    }

    @Test
    void only_request_reading_is_strict_not_the_shared_mapper_nor_the_event_serializer() throws Exception {
        ObjectMapper shared = new ObjectMapper();
        RequestJsonConfiguration.strict(shared);
        ObjectMapper events = fr.paris.ledger.infra.axon.LedgerObjectMapper.create();
        for (ObjectMapper lenient : new ObjectMapper[] {shared, events}) {
            assertThat(lenient.readValue("{\"n\":1,\"n\":2}", Body.class).n()).isEqualTo(2);
            assertThat(lenient.readValue("{\"n\":\"2031\"}", Body.class).n()).isEqualTo(2031);
        }
    }
}
