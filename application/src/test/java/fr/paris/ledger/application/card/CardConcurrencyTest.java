package fr.paris.ledger.application.card;

import static org.assertj.core.api.Assertions.assertThat;

import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.AtOnce;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.References;
import fr.paris.ledger.application.support.Tokens;
import fr.paris.ledger.infra.privacy.Participants;
import fr.paris.ledger.infra.privacy.ReferenceScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** One active card per participant holds when the requests arrive all at once. */
@LedgerIntegrationTest
class CardConcurrencyTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Participants participants;

    private static List<Api.Response> simultaneously(int n, Callable<Api.Response> request) throws Exception {
        return AtOnce.run(n, java.util.Collections.nCopies(n, request));
    }

    @Test
    void twenty_simultaneous_requests_of_one_participant_give_exactly_one_card() throws Exception {
        Api api = new Api(port);
        String token = Tokens.citizen("concurrent-alice", "1990-01-01", "75011");

        List<Api.Response> responses = simultaneously(20, () -> api.post("/api/v1/citizen-cards", token, "{}"));

        Map<Integer, Long> byStatus = responses.stream().collect(Collectors.groupingBy(Api.Response::status, Collectors.counting()));
        assertThat(byStatus).as(responses.toString()).containsExactlyInAnyOrderEntriesOf(Map.of(201, 1L, 409, 19L));
        assertThat(responses.stream().filter(r -> r.status() == 409).map(Api.Response::code))
                .containsOnly("card.already-held");
        // the holder's aggregate is named by their reference in the scope card, never by their sub
        String holder = new References(participants).of("concurrent-alice", ReferenceScope.card());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, "card-holder:" + holder)).isEqualTo(1L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier LIKE ?",
                Long.class, "%concurrent-alice%")).isZero();
    }

    @Test
    void simultaneous_requests_of_different_participants_all_succeed() throws Exception {
        Api api = new Api(port);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tokens.add(Tokens.citizen("concurrent-many-" + i, "1985-06-01", "75004"));
        }
        var next = new java.util.concurrent.atomic.AtomicInteger();
        List<Api.Response> responses = simultaneously(20,
                () -> api.post("/api/v1/citizen-cards", tokens.get(next.getAndIncrement()), "{}"));
        assertThat(responses).extracting(Api.Response::status).containsOnly(201);
        assertThat(responses.stream().map(r -> r.json().path("cardNumber").asText()).distinct()).hasSize(20);
        assertThat(responses.stream().map(r -> r.json().path("receipt").path("globalIndex").asLong())
                .collect(Collectors.toSet())).hasSize(20);
    }
}
