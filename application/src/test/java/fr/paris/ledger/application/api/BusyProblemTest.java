package fr.paris.ledger.application.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** A recount refused for lack of capacity is a 503 problem with a stable code and Retry-After. */
class BusyProblemTest {
    @Test
    void busy_is_503_server_busy_with_retry_after() {
        var response = new ApiErrors(65_536).busy(new ApiErrors.Busy("Too many signature recounts are running."));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(response.getBody().getProperties()).containsEntry("code", "server.busy");
        assertThat(response.getBody().getDetail()).isEqualTo("Too many signature recounts are running.");
    }
}
