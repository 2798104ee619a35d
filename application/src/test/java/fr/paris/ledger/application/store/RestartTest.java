package fr.paris.ledger.application.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.paris.ledger.application.LedgerApplication;
import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.Tokens;
import fr.paris.ledger.infra.testing.TestDatabases;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A restart keeps the ledger: events, read models, idempotency keys and aggregate state. */
class RestartTest {

    private static ConfigurableApplicationContext start(String database) {
        var server = TestDatabases.server();
        // command-line arguments: they take precedence over application.yml
        return new SpringApplicationBuilder(LedgerApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + server.jdbcUrl(database),
                "--spring.datasource.username=" + server.user(),
                "--spring.datasource.password=" + (server.password() == null ? "" : server.password()),
                "--ledger.jwt.hmac-secret=" + Tokens.SECRET,
                "--ledger.database.embedded-default=false");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }

    @Test
    void the_ledger_is_still_there_after_a_restart() {
        String database = TestDatabases.freshDatabase();
        String token = Tokens.citizen("restart-alice", "1990-01-01", "75011");
        String cardNumber;
        String firstBody;
        try (var first = start(database)) {
            Api api = new Api(port(first));
            Api.Response issued = api.post("/api/v1/citizen-cards", token, "{}", "restart-key");
            assertThat(issued.status()).isEqualTo(201);
            cardNumber = issued.json().path("cardNumber").asText();
            firstBody = issued.body();
            await().atMost(Duration.ofSeconds(15)).until(() -> api.get("/api/v1/citizen-cards/me", token).status() == 200);
        }
        try (var second = start(database)) {
            Api api = new Api(port(second));
            Api.Response mine = api.get("/api/v1/citizen-cards/me", token);
            assertThat(mine.status()).isEqualTo(200);
            assertThat(mine.json().path("cardNumber").asText()).isEqualTo(cardNumber);

            Api.Response replayed = api.post("/api/v1/citizen-cards", token, "{}", "restart-key");
            assertThat(replayed.status()).isEqualTo(201);
            assertThat(replayed.body()).isEqualTo(firstBody);
            assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");

            Api.Response again = api.post("/api/v1/citizen-cards", token, "{}");
            assertThat(again.code()).as("the aggregate is rebuilt from its events").isEqualTo("card.already-held");
            assertThat(api.get("/api/v1/stats/citizen-cards", null).json().path("active").asLong()).isEqualTo(1L);
        }
    }
}
