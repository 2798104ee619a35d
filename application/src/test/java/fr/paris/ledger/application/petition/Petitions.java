package fr.paris.ledger.application.petition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.Tokens;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** Steps the petition tests share: file, publish, sign, and wait for the read models. */
final class Petitions {
    static final String AGENT = Tokens.withRoles("agent-moderator", "AGENT");
    static final String CPDP = Tokens.withRoles("cpdp-member", "CPDP");
    static final String AUDITOR = Tokens.withRoles("auditor", "AUDITOR");
    private static final AtomicInteger AUTHORS = new AtomicInteger();

    private final Api api;

    Petitions(Api api) {
        this.api = api;
    }

    static String citizen(String sub, String postalCode) {
        return Tokens.citizen(sub, "1980-01-01", postalCode);
    }

    /** Files a petition by a fresh Parisian author; returns [id, author token]. */
    String[] file() {
        String author = citizen("author-" + AUTHORS.incrementAndGet(), "75011");
        Api.Response r = api.post("/api/v1/petitions", author,
                "{\"title\":\"More trees on the boulevard\",\"text\":\"Plant trees.\",\"category\":\"environment\",\"arrondissement\":11}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new String[] {r.json().path("id").asText(), author};
    }

    String filedAndPublished() {
        String id = file()[0];
        Api.Response r = api.post("/api/v1/petitions/" + id + "/moderation", AGENT, "{\"decision\":\"PUBLISH\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return id;
    }

    Api.Response sign(String id, String token) {
        return api.post("/api/v1/petitions/" + id + "/signatures", token, "{}");
    }

    JsonNode petition(String id, String token) {
        return api.get("/api/v1/petitions/" + id, token).json();
    }

    JsonNode eventually(String id, Predicate<JsonNode> until) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> petition(id, AGENT), until::test);
    }
}
