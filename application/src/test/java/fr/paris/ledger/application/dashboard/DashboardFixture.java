package fr.paris.ledger.application.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * What the dashboard's tests show, made through the API as citizens, agents and admins would:
 * petitions with signatures from several arrondissements, a withdrawn one; a budget campaign
 * through its results to delivery and another one in its vote; a council with a SHA256-V1 draw.
 */
public final class DashboardFixture {
    static final String ADMIN = Tokens.withRoles("dashboard-admin", "ADMIN");
    static final String AGENT = Tokens.withRoles("dashboard-agent", "AGENT");
    static final int DONE_YEAR = 2031;
    static final int VOTING_YEAR = 2032;
    static final String COUNCIL = "jeunesse";
    static final String CALL = "2026";
    private static final AtomicInteger CITIZENS = new AtomicInteger();

    private final Api api;
    /** The petition most signed, in the 11th, with signatures from the 11th, the 20th and the 4th. */
    String trees;
    String cycling;
    String withdrawn;
    final List<String> receipts = new ArrayList<>();

    /** Run after each act: moves the test clock on, so that the acts do not all bear the same time. */
    private final Runnable tick;

    public DashboardFixture(Api api) {
        this(api, () -> { });
    }

    DashboardFixture(Api api, Runnable tick) {
        this.api = api;
        this.tick = tick;
    }

    /** A Parisian of that arrondissement, new each time. */
    static String citizen(int arrondissement) {
        return Tokens.citizen("dashboard-citizen-" + CITIZENS.incrementAndGet(), "1990-04-02",
                String.format("750%02d", arrondissement));
    }

    public DashboardFixture build() {
        petitions();
        budget();
        council();
        return this;
    }

    private JsonNode ok(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 201);
        tick.run();
        return r.json();
    }

    String petition(String title, String text, Integer arrondissement) {
        String author = citizen(11);
        String body = "{\"title\":\"" + title + "\",\"text\":\"" + text + "\",\"category\":\"environnement\""
                + (arrondissement == null ? "" : ",\"arrondissement\":" + arrondissement) + "}";
        String id = ok(api.post("/api/v1/petitions", author, body)).path("id").asText();
        ok(api.post("/api/v1/petitions/" + id + "/moderation", AGENT, "{\"decision\":\"PUBLISH\"}"));
        return id;
    }

    /** Signs as a new Parisian of that arrondissement; returns the receipt's event id. */
    String sign(String petition, int arrondissement) {
        String eventId = ok(api.post("/api/v1/petitions/" + petition + "/signatures", citizen(arrondissement), "{}"))
                .path("receipt").path("eventId").asText();
        receipts.add(eventId);
        return eventId;
    }

    private void petitions() {
        trees = petition("Des arbres sur le boulevard Voltaire",
                "Planter une rangée d’arbres le long du boulevard Voltaire, entre République et Nation.", 11);
        cycling = petition("Une piste cyclable protégée rue de Rivoli", "Séparer la piste cyclable de la circulation.", 1);
        petition("Un marché de nuit place de la République", "Un marché ouvert le soir.", null);
        for (int arrondissement : new int[] {11, 11, 11, 20, 20, 4}) {
            sign(trees, arrondissement);
        }
        sign(cycling, 1);
        sign(cycling, 18);
        // the author of the last one withdraws it: it stays public, as WITHDRAWN
        String author = citizen(11);
        String id = ok(api.post("/api/v1/petitions", author, "{\"title\":\"Un marché couvert rue Oberkampf\",\"text\":\"Texte.\"}"))
                .path("id").asText();
        ok(api.post("/api/v1/petitions/" + id + "/moderation", AGENT, "{\"decision\":\"PUBLISH\"}"));
        ok(api.post("/api/v1/petitions/" + id + "/withdraw", author, "{\"reason\":\"Le projet est déjà prévu.\"}"));
        withdrawn = id;
    }

    private static String campaign(int year) {
        StringBuilder envelopes = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            envelopes.append(i == 1 ? "" : ",").append('"').append(i).append("\":20000000");
        }
        return "{\"year\":" + year + ",\"parisWideEnvelopeCents\":3000000000,\"arrondissementEnvelopesCents\":{" + envelopes
                + "},\"maxParisWideChoices\":4,\"maxArrondissementChoices\":4}";
    }

    private String project(int year, String title, String scope, long cents) {
        return ok(api.post("/api/v1/budget/campaigns/" + year + "/projects", citizen(11), "{\"title\":\"" + title
                + "\",\"description\":\"" + title + ".\",\"scope\":\"" + scope + "\",\"estimatedCostCents\":" + cents + "}"))
                .path("projectId").asText();
    }

    private void phase(int year, String phase) {
        ok(api.post("/api/v1/budget/campaigns/" + year + "/phase", ADMIN, "{\"phase\":\"" + phase + "\"}"));
    }

    private void vote(int year, List<String> parisWide, List<String> local) {
        String body = "{\"parisWide\":" + json(parisWide) + ",\"arrondissement\":\"11\",\"arrondissementProjects\":" + json(local) + "}";
        ok(api.send("PUT", "/api/v1/budget/campaigns/" + year + "/ballots/me", citizen(11), body, "application/json", Map.of()));
    }

    private static String json(List<String> ids) {
        return ids.stream().map(id -> "\"" + id + "\"").reduce((a, b) -> a + "," + b).map(s -> "[" + s + "]").orElse("[]");
    }

    private void budget() {
        ok(api.post("/api/v1/budget/campaigns", ADMIN, campaign(DONE_YEAR)));
        String garden = project(DONE_YEAR, "Un jardin rue Oberkampf", "11", 15_000_000);
        String benches = project(DONE_YEAR, "Des bancs à l’ombre place Léon-Blum", "11", 4_000_000);
        String schools = project(DONE_YEAR, "Végétaliser les cours d’école", "PARIS", 1_200_000_000);
        phase(DONE_YEAR, "FEASIBILITY");
        for (String p : List.of(garden, benches, schools)) {
            ok(api.post("/api/v1/budget/projects/" + p + "/feasibility", AGENT, "{\"verdict\":\"FEASIBLE\",\"costCents\":"
                    + (p.equals(garden) ? 15_000_000 : p.equals(benches) ? 4_000_000 : 1_200_000_000) + "}"));
        }
        phase(DONE_YEAR, "VOTING");
        vote(DONE_YEAR, List.of(schools), List.of(garden, benches));
        vote(DONE_YEAR, List.of(schools), List.of(benches));
        vote(DONE_YEAR, List.of(), List.of(garden));
        phase(DONE_YEAR, "RESULTS");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/budget/campaigns/" + DONE_YEAR + "/results", null).status() == 200);
        phase(DONE_YEAR, "REALIZATION");
        ok(api.post("/api/v1/budget/projects/" + benches + "/realization", AGENT, "{\"status\":\"WORKS\"}"));

        ok(api.post("/api/v1/budget/campaigns", ADMIN, campaign(VOTING_YEAR)));
        String library = project(VOTING_YEAR, "Une ludothèque de quartier", "11", 8_000_000);
        phase(VOTING_YEAR, "FEASIBILITY");
        ok(api.post("/api/v1/budget/projects/" + library + "/feasibility", AGENT, "{\"verdict\":\"FEASIBLE\",\"costCents\":8000000}"));
        phase(VOTING_YEAR, "VOTING");
        vote(VOTING_YEAR, List.of(), List.of(library));
        vote(VOTING_YEAR, List.of(), List.of(library));
    }

    private void council() {
        ok(api.post("/api/v1/councils", ADMIN, "{\"councilId\":\"" + COUNCIL + "\",\"name\":\"Conseil Parisien de la Jeunesse\","
                + "\"seats\":4,\"residentsOnly\":true,\"quotas\":{\"F\":2,\"M\":2},\"mandateMonths\":24,\"renewable\":false}"));
        ok(api.post("/api/v1/councils/" + COUNCIL + "/calls", ADMIN, "{\"callId\":\"" + CALL + "\",\"seats\":{\"F\":2,\"M\":2},"
                + "\"alternatesPerGroup\":1}"));
        for (int i = 0; i < 8; i++) {
            ok(api.post("/api/v1/councils/" + COUNCIL + "/calls/" + CALL + "/applications", citizen(11 + i),
                    "{\"group\":\"" + (i % 2 == 0 ? "F" : "M") + "\"}"));
        }
        ok(api.post("/api/v1/councils/" + COUNCIL + "/calls/" + CALL + "/close", ADMIN, "{}"));
        ok(api.post("/api/v1/councils/" + COUNCIL + "/calls/" + CALL + "/draw", ADMIN,
                "{\"algorithm\":\"SHA256-V1\",\"randomSources\":[[9319],[2,5,12,8,10],\"7f3a9c\"]}"));
    }

    /** Waits until the read models show what was made (the pages read them). */
    void awaitReadModels() {
        eventually("/api/v1/petitions/" + trees, p -> p.path("signatureCount").asInt() == 6);
        eventually("/api/v1/petitions/" + withdrawn, p -> p.path("status").asText().equals("WITHDRAWN"));
        eventually("/api/v1/budget/campaigns/" + VOTING_YEAR, c -> c.path("votersSoFar").path("ONLINE").asInt() == 2);
        eventually("/api/v1/budget/campaigns/" + DONE_YEAR + "/projects",
                ps -> ps.findValues("realization").stream().anyMatch(r -> r.size() == 1));
        eventually("/api/v1/councils/" + COUNCIL + "/calls/" + CALL + "/draw", d -> d.path("algorithm").asText().equals("SHA256-V1"));
        eventually("/api/v1/councils/" + COUNCIL + "/members", m -> m.path("members").size() == 4);
    }

    JsonNode eventually(String path, Predicate<JsonNode> until) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Api.Response r = api.get(path, null);
            return r.status() == 200 ? r.json() : null;
        }, j -> j != null && until.test(j));
    }

    /** Waits until the event is covered by the latest signed checkpoint (its inclusion proof answers). */
    void awaitSigned(String eventId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/api/v1/audit/proofs/inclusion?eventId=" + eventId, null).status() == 200);
    }
}
