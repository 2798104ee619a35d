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
}
