package fr.paris.ledger.application.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.Tokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole endpoint x role matrix: who may call what. The table below is the contract of
 * {@code api.md}; every cell is one request.
 */
@LedgerIntegrationTest
class RoleMatrixTest {

    /**
     * {@code ok}: the caller gets through to the endpoint (the answer then depends on the data:
     * 200, 201, 202, 404, 409 or 422, never 401 or 403). {@code 401}: a token is required
     * ({@code auth.unauthenticated}). {@code 403}: the caller's role is not allowed
     * ({@code auth.forbidden}).
     */
    static final String MATRIX = """
            endpoint                                           | none | CITIZEN | AGENT | CPDP | AUDITOR | ADMIN
            POST /api/v1/citizen-cards                         | 401  | ok      | ok    | 403  | 403     | 403
            GET  /api/v1/citizen-cards/me                      | 401  | ok      | 403   | 403  | 403     | 403
            POST /api/v1/citizen-cards/{cardNumber}/cancel     | 401  | ok      | ok    | 403  | 403     | 403
            POST /api/v1/citizen-cards/{cardNumber}/residence  | 401  | ok      | 403   | 403  | 403     | 403
            GET  /api/v1/stats/citizen-cards                   | ok   | ok      | ok    | ok   | ok      | ok
            GET  /api/v1/stats/ledger                          | ok   | ok      | ok    | ok   | ok      | ok
            GET  /api/v1/admin/projections                     | 401  | 403     | 403   | 403  | 403     | ok
            POST /api/v1/admin/projections/{name}/replay       | 401  | 403     | 403   | 403  | 403     | ok
            POST /api/v1/petitions                             | 401  | ok      | 403   | 403  | 403     | 403
            GET  /api/v1/petitions                             | ok   | ok      | ok    | ok   | ok      | ok
            GET  /api/v1/petitions/{id}                        | ok   | ok      | ok    | ok   | ok      | ok
            POST /api/v1/petitions/{id}/moderation             | 401  | 403     | ok    | 403  | 403     | 403
            POST /api/v1/petitions/{id}/signatures             | 401  | ok      | 403   | 403  | 403     | 403
            DELETE /api/v1/petitions/{id}/signatures/me        | 401  | ok      | 403   | 403  | 403     | 403
            POST /api/v1/petitions/{id}/withdraw               | 401  | ok      | 403   | 403  | 403     | 403
            POST /api/v1/petitions/{id}/comments               | 401  | ok      | 403   | 403  | 403     | 403
            GET  /api/v1/petitions/{id}/comments               | ok   | ok      | ok    | ok   | ok      | ok
            POST /api/v1/petitions/{id}/comments/{commentId}/hide | 401 | 403  | ok    | 403  | 403     | 403
            GET  /api/v1/petitions/{id}/history                | ok   | ok      | ok    | ok   | ok      | ok
            GET  /api/v1/petitions/{id}/signatures/count       | ok   | ok      | ok    | ok   | ok      | ok
            GET  /api/v1/petitions/{id}/eligibility            | 401  | 403     | 403   | ok   | ok      | 403
            POST /api/v1/petitions/{id}/cpdp-decision          | 401  | 403     | 403   | ok   | 403     | 403
            POST /api/v1/budget/campaigns                      | 401  | 403     | 403   | 403  | 403     | ok
            GET  /api/v1/budget/campaigns                      | ok   | ok      | ok    | ok   | ok      | ok
            GET  /api/v1/budget/campaigns/{year}               | ok   | ok      | ok    | ok   | ok      | ok
            POST /api/v1/budget/campaigns/{year}/phase         | 401  | 403     | 403   | 403  | 403     | ok
            POST /api/v1/budget/campaigns/{year}/projects      | 401  | ok      | 403   | 403  | 403     | 403
            POST /api/v1/budget/projects/{projectId}/feasibility | 401 | 403    | ok    | 403  | 403     | 403
            GET  /api/v1/budget/campaigns/{year}/ballot-options | ok  | ok      | ok    | ok   | ok      | ok
            GET  /api/v1/budget/campaigns/{year}/projects      | ok   | ok      | ok    | ok   | ok      | ok
            PUT  /api/v1/budget/campaigns/{year}/ballots/me    | 401  | ok      | 403   | 403  | 403     | 403
            GET  /api/v1/budget/campaigns/{year}/ballots/me    | 401  | ok      | 403   | 403  | 403     | 403
            POST /api/v1/budget/campaigns/{year}/paper-batches | 401  | 403     | ok    | 403  | 403     | 403
            GET  /api/v1/budget/campaigns/{year}/paper-batches | 401  | 403     | 403   | 403  | ok      | ok
            POST /api/v1/budget/campaigns/{year}/paper-batches/{batchId}/ballots | 401 | 403 | ok | 403 | 403  | 403
            DELETE /api/v1/budget/campaigns/{year}/paper-batches/{batchId}/ballots/{ballotNumber} | 401 | 403 | ok | 403 | 403 | 403
            POST /api/v1/budget/campaigns/{year}/paper-batches/{batchId}/confirm | 401 | 403 | ok | 403 | 403  | 403
            POST /api/v1/budget/campaigns/{year}/paper-batches/{batchId}/abandon | 401 | 403 | ok | 403 | 403  | ok
            GET  /api/v1/budget/campaigns/{year}/results       | ok   | ok      | ok    | ok   | ok      | ok
            POST /api/v1/budget/projects/{projectId}/realization | 401 | 403    | ok    | 403  | 403     | 403
            GET  /api/v1/budget/projects/{projectId}           | ok   | ok      | ok    | ok   | ok      | ok
            GET  /api/v1/audit/checkpoint                      | ok   | ok      | ok    | ok   | ok      | ok
            GET  /api/v1/audit/verifier-key                    | ok   | ok      | ok    | ok   | ok      | ok
            GET  /api/v1/audit/proofs/inclusion                | ok   | ok      | ok    | ok   | ok      | ok
            GET  /api/v1/audit/proofs/consistency              | ok   | ok      | ok    | ok   | ok      | ok
            GET  /api/v1/audit/checkpoints                     | ok   | ok      | ok    | ok   | ok      | ok
            GET  /api/v1/audit/export                          | ok   | ok      | ok    | ok   | ok      | ok
            GET  /api/v1/audit/leaf-hashes                     | ok   | ok      | ok    | ok   | ok      | ok
            POST /api/v1/councils                              | 401  | 403     | 403   | 403  | 403     | ok
            GET  /api/v1/councils                              | ok   | ok      | ok    | ok   | ok      | ok
            GET  /api/v1/councils/{councilId}                  | ok   | ok      | ok    | ok   | ok      | ok
            POST /api/v1/councils/{councilId}/calls            | 401  | 403     | 403   | 403  | 403     | ok
            POST /api/v1/councils/{councilId}/calls/{callId}/applications | 401 | ok | 403 | 403 | 403  | 403
            POST /api/v1/councils/{councilId}/calls/{callId}/close | 401 | 403   | 403   | 403  | 403     | ok
            POST /api/v1/councils/{councilId}/calls/{callId}/draw  | 401 | 403   | 403   | 403  | 403     | ok
            GET  /api/v1/councils/{councilId}/calls/{callId}/pool  | ok  | ok    | ok    | ok   | ok      | ok
            GET  /api/v1/councils/{councilId}/calls/{callId}/draw  | ok  | ok    | ok    | ok   | ok      | ok
            GET  /api/v1/councils/{councilId}/members          | ok   | ok      | ok    | ok   | ok      | ok
            POST /api/v1/councils/{councilId}/members/{applicationId}/resign | 401 | ok | 403 | 403 | 403 | ok
            GET  /api/v1/participants/me/references            | 401  | ok      | 403   | 403  | 403     | 403
            DELETE /api/v1/participants/me                     | 401  | ok      | 403   | 403  | 403     | 403
            POST /api/v1/admin/erasures                        | 401  | 403     | 403   | 403  | 403     | ok
            GET  /api/v1/admin/staff/{reference}               | 401  | 403     | 403   | 403  | ok      | ok
            POST /api/v1/card-events                           | 401  | 403     | ok    | 403  | 403     | ok
            GET  /api/v1/card-events                           | ok   | ok      | ok    | ok   | ok      | ok
            GET  /api/v1/card-events/{eventId}                 | ok   | ok      | ok    | ok   | ok      | ok
            POST /api/v1/card-events/{eventId}/seats           | 401  | 403     | ok    | 403  | 403     | ok
            POST /api/v1/card-events/{eventId}/cancel          | 401  | 403     | ok    | 403  | 403     | ok
            POST /api/v1/card-events/{eventId}/reservations    | 401  | ok      | 403   | 403  | 403     | 403
            GET  /api/v1/card-events/{eventId}/reservations/me | 401  | ok      | 403   | 403  | 403     | 403
            DELETE /api/v1/card-events/{eventId}/reservations/me | 401 | ok     | 403   | 403  | 403     | 403
            """;

    /** A well-formed card number that nobody holds. */
    private static final String SOME_CARD = "CC-0000000000";
    private static final String SOME_PROJECTION = "citizen-cards";
    private static final AtomicInteger SUBJECTS = new AtomicInteger();

    /** A published petition the reads and acts of the matrix address (created once per class). */
    private static String petition;
    /** A campaign and one of its projects, created once per class, for the budget lines. */
    private static final int YEAR = 2040;
    private static String project;
    /** A well-formed batch id that names no paper batch (the campaign is not voting). */
    private static final String NO_BATCH = "matrix-batch";
    /** A well-formed petition id that names no petition: for the author's withdrawal, which is not the caller's. */
    private static final String NO_PETITION = "pet-000000000000";

    /** A council with one call, closed and drawn, that the council reads and acts of the matrix address. */
    private static final String COUNCIL = "matrix-council";
    private static final String CALL = "c1";
    /** A well-formed application id that names no member. */
    private static final String NO_MEMBER = "app-000000000000";

    /** An event for card holders, scheduled once per class, that the card-benefit lines address. */
    private static final String CARD_EVENT = "matrix-event";
    private static boolean cardEvent;

    record Endpoint(String method, String template) {
        String path() {
            String id = template.endsWith("/withdraw") ? NO_PETITION : petition;
            return template.replace("{cardNumber}", SOME_CARD).replace("{name}", SOME_PROJECTION).replace("{id}", id)
                    .replace("{year}", Integer.toString(YEAR)).replace("{projectId}", project)
                    .replace("{councilId}", COUNCIL).replace("{callId}", CALL).replace("{applicationId}", NO_MEMBER)
                    .replace("{reference}", "s-nobody").replace("{commentId}", "com-00000000-0000-0000-0000-000000000000").replace("{batchId}", NO_BATCH).replace("{ballotNumber}", "M-1")
                    .replace("{eventId}", CARD_EVENT)
                    + QUERIES.getOrDefault(template, "");
        }

        /** Required query parameters, so that a 400 does not hide the outcome of the role check. */
        private static final Map<String, String> QUERIES = Map.of(
                "/api/v1/participants/me/references", "?scope=card",
                "/api/v1/audit/proofs/inclusion", "?eventId=no-such-event",
                "/api/v1/audit/proofs/consistency", "?from=0&to=0",
                "/api/v1/audit/export", "?limit=1",
                "/api/v1/audit/leaf-hashes", "?limit=1");

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    record Cell(Endpoint endpoint, String caller, String expected) {
    }

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        if (petition == null) {
            Api.Response filed = api.post("/api/v1/petitions", Tokens.citizen("matrix-author", "1980-01-01", "75011"),
                    "{\"title\":\"Role matrix\",\"text\":\"A petition for the matrix\"}");
            String id = filed.json().path("id").asText();
            api.post("/api/v1/petitions/" + id + "/moderation", Tokens.withRoles("matrix-agent", "AGENT"), "{\"decision\":\"PUBLISH\"}");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                    .until(() -> api.get("/api/v1/petitions/" + id, null).status() == 200);
            petition = id;
            String admin = Tokens.withRoles("matrix-admin", "ADMIN");
            api.post("/api/v1/councils", admin, "{\"councilId\":\"" + COUNCIL + "\",\"name\":\"Matrix\",\"seats\":1,"
                    + "\"residentsOnly\":false,\"quotas\":{\"ALL\":1},\"mandateMonths\":24,\"renewable\":false}");
            api.post("/api/v1/councils/" + COUNCIL + "/calls", admin, "{\"callId\":\"" + CALL + "\",\"seats\":{\"ALL\":1},"
                    + "\"alternatesPerGroup\":0}");
            api.post("/api/v1/councils/" + COUNCIL + "/calls/" + CALL + "/close", admin, "{}");
            api.post("/api/v1/councils/" + COUNCIL + "/calls/" + CALL + "/draw", admin, "{\"randomSources\":[[1,2,3]]}");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                    .until(() -> api.get("/api/v1/councils/" + COUNCIL + "/calls/" + CALL + "/draw", null).status() == 200);
        }
        if (!cardEvent) {
            api.post("/api/v1/card-events", Tokens.withRoles("matrix-agent", "AGENT"), cardEvent(CARD_EVENT));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                    .until(() -> api.get("/api/v1/card-events/" + CARD_EVENT, null).status() == 200);
            cardEvent = true;
        }
        if (project == null) {
            String admin = Tokens.withRoles("matrix-admin", "ADMIN");
            api.post("/api/v1/budget/campaigns", admin, campaign(YEAR));
            Api.Response submitted = api.post("/api/v1/budget/campaigns/" + YEAR + "/projects",
                    Tokens.citizen("matrix-proposer", "1980-01-01", "75011"), PROJECT);
            String id = submitted.json().path("projectId").asText();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                    .until(() -> api.get("/api/v1/budget/projects/" + id, null).status() == 200);
            project = id;
        }
    }

    private static final String PROJECT =
            "{\"title\":\"Matrix project\",\"description\":\"d\",\"scope\":\"PARIS\",\"estimatedCostCents\":1000}";

    private static String campaign(int year) {
        StringBuilder arr = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            arr.append(i == 1 ? "" : ",").append('"').append(i).append("\":1000");
        }
        return "{\"year\":" + year + ",\"parisWideEnvelopeCents\":10000,\"arrondissementEnvelopesCents\":{" + arr + "}}";
    }

    private static String cardEvent(String id) {
        return "{\"eventId\":\"" + id + "\",\"kind\":\"WORKSHOP\",\"title\":\"Matrix workshop\","
                + "\"startsAt\":\"2999-01-01T10:00:00Z\",\"seats\":5}";
    }

    @org.junit.jupiter.api.AfterAll
    static void forgetPetition() {
        petition = null;
        project = null;
        cardEvent = false;
    }

    static List<Cell> cells() {
        Iterator<String> lines = MATRIX.lines().iterator();
        List<String> callers = columns(lines.next()).subList(1, 7);
        List<Cell> cells = new ArrayList<>();
        while (lines.hasNext()) {
            List<String> row = columns(lines.next());
            String[] endpoint = row.get(0).split("\\s+");
            for (int i = 0; i < callers.size(); i++) {
                cells.add(new Cell(new Endpoint(endpoint[0], endpoint[1]), callers.get(i), row.get(i + 1)));
            }
        }
        return cells;
    }

    private static List<String> columns(String line) {
        return Arrays.stream(line.split("\\|")).map(String::trim).toList();
    }

    static Stream<Arguments> matrix() {
        return cells().stream().map(c -> Arguments.of(c.endpoint(), c.caller(), c.expected()));
    }

    @ParameterizedTest(name = "{0} as {1}: {2}")
    @MethodSource("matrix")
    void each_endpoint_lets_in_exactly_the_roles_of_the_contract(Endpoint endpoint, String caller, String expected) {
        String sub = "matrix-" + caller.toLowerCase() + "-" + SUBJECTS.incrementAndGet();
        Api.Response r = api.send(endpoint.method(), endpoint.path(), token(caller, sub), body(endpoint, caller, sub),
                body(endpoint, caller, sub) != null ? "application/json" : null, Map.of());
        String cell = endpoint + " as " + caller + " -> " + r;

        switch (expected) {
            case "401" -> {
                assertThat(r.status()).as(cell).isEqualTo(401);
                assertThat(r.contentType()).as(cell).startsWith("application/problem+json");
                assertThat(r.code()).as(cell).isEqualTo("auth.unauthenticated");
            }
            case "403" -> {
                assertThat(r.status()).as(cell).isEqualTo(403);
                assertThat(r.contentType()).as(cell).startsWith("application/problem+json");
                assertThat(r.code()).as(cell).isEqualTo("auth.forbidden");
            }
            case "ok" -> {
                assertThat(r.status()).as(cell).isNotIn(401, 403).isIn(200, 201, 202, 404, 409, 422);
                if (r.status() >= 400) {
                    // the request reached the endpoint: a refusal of the endpoint itself, not of the
                    // security layer nor of a request that did not even get there (no route, bad body)
                    assertThat(r.code()).as(cell).doesNotStartWith("auth.").doesNotStartWith("request.");
                }
            }
            default -> throw new IllegalArgumentException("unknown cell value " + expected);
        }
    }

    @Test
    void the_matrix_has_a_line_for_every_endpoint_the_api_documents() {
        JsonNode paths = api.get("/v3/api-docs", null).json().path("paths");
        Set<String> documented = new TreeSet<>();
        paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (path.getKey().startsWith("/api/")) {
                documented.add(method.toUpperCase() + " " + path.getKey());
            }
        }));
        Set<String> inMatrix = cells().stream().map(c -> c.endpoint().toString()).collect(Collectors.toCollection(TreeSet::new));

        assertThat(documented).as("documented endpoints").isNotEmpty();
        assertThat(inMatrix).isEqualTo(documented);
    }

    @Test
    void every_cell_of_the_matrix_is_filled() {
        List<Cell> cells = cells();
        assertThat(cells).hasSize((int) (MATRIX.lines().count() - 1) * 6);
        assertThat(cells).extracting(Cell::expected).allMatch(v -> Set.of("ok", "401", "403").contains(v));
        assertThat(cells).extracting(Cell::caller).containsOnly("none", "CITIZEN", "AGENT", "CPDP", "AUDITOR", "ADMIN");
    }

    @Test
    void a_token_without_any_ledger_role_gets_only_the_public_reads() {
        String noLedgerRole = Tokens.withRoles("matrix-stranger", "SUPERUSER", "ROLE_ADMIN");
        for (Cell cell : cells()) {
            if (!cell.caller().equals("none")) {
                continue;
            }
            Endpoint e = cell.endpoint();
            Api.Response r = api.send(e.method(), e.path(), noLedgerRole, body(e, "none", "matrix-stranger"),
                    body(e, "none", "matrix-stranger") != null ? "application/json" : null, Map.of());
            if (cell.expected().equals("ok")) {
                // a public read: the answer depends on the data (results before RESULTS are a 422), never on roles
                assertThat(r.status()).as(e + " -> " + r).isNotIn(401, 403).isIn(200, 404, 422);
            } else {
                assertThat(r.status()).as(e + " -> " + r).isEqualTo(403);
                assertThat(r.code()).as(e + " -> " + r).isEqualTo("auth.forbidden");
            }
        }
    }

    private static String token(String caller, String sub) {
        return switch (caller) {
            case "none" -> null;
            case "CITIZEN" -> Tokens.citizen(sub, "1980-05-17", "75011");
            default -> Tokens.withRoles(sub, caller);
        };
    }

    /** A body the endpoint accepts, so that a 400 cannot hide the outcome of the role check. */
    private static String body(Endpoint endpoint, String caller, String sub) {
        if (!"POST".equals(endpoint.method()) && !"PUT".equals(endpoint.method())) {
            return null;
        }
        String t = endpoint.template();
        if (t.equals("/api/v1/budget/campaigns")) {
            return campaign(YEAR + 1 + SUBJECTS.incrementAndGet());
        }
        if (t.endsWith("/phase")) {
            return "{\"phase\":\"FEASIBILITY\"}";
        }
        if (t.endsWith("/campaigns/{year}/projects")) {
            return PROJECT;
        }
        if (t.endsWith("/feasibility")) {
            return "{\"verdict\":\"NOT_FEASIBLE\",\"reason\":\"role matrix\"}";
        }
        if (t.endsWith("/ballots/me")) {
            // the fields of both ballot methods, empty: choices (approval) and grades (majority judgment)
            return "{\"parisWide\":[],\"arrondissementProjects\":[],\"grades\":{}}";
        }
        if (t.endsWith("/paper-batches")) {
            return "{\"batchId\":\"matrix-b\",\"urn\":\"matrix-urn\",\"declaredCount\":1}";
        }
        if (t.endsWith("/paper-batches/{batchId}/ballots")) {
            return "{\"ballotNumber\":\"M-1\",\"voterId\":\"matrix-voter\",\"parisWide\":[],\"grades\":{}}";
        }
        if (t.endsWith("/abandon")) {
            return "{\"reason\":\"role matrix\"}";
        }
        if (t.endsWith("/realization")) {
            return "{\"status\":\"STUDY\"}";
        }
        if (endpoint.template().equals("/api/v1/citizen-cards") && caller.equals("AGENT")) {
            return "{\"participantId\":\"" + sub + "-citizen\",\"birthdate\":\"1975-02-03\",\"postalCode\":\"75020\","
                    + "\"channel\":\"TOWN_HALL\"}";
        }
        if (t.equals("/api/v1/card-events")) {
            return cardEvent(sub.replaceAll("[^A-Za-z0-9-]", "-"));
        }
        if (t.endsWith("/seats")) {
            return "{\"seats\":6}";
        }
        if (endpoint.template().endsWith("/residence")) {
            return "{\"postalCode\":\"75001\"}";
        }
        if (endpoint.template().endsWith("/cancel")) {
            return "{\"reason\":\"role matrix\"}";
        }
        if (endpoint.template().equals("/api/v1/petitions")) {
            return "{\"title\":\"Matrix petition\",\"text\":\"Filed by the role matrix\"}";
        }
        if (endpoint.template().endsWith("/moderation")) {
            return "{\"decision\":\"PUBLISH\"}";
        }
        if (endpoint.template().endsWith("/comments")) {
            return "{\"text\":\"role matrix\"}";
        }
        if (endpoint.template().equals("/api/v1/councils")) {
            return "{\"councilId\":\"" + sub + "\",\"name\":\"Matrix council\",\"seats\":2,\"residentsOnly\":true,"
                    + "\"quotas\":{\"F\":1,\"M\":1},\"mandateMonths\":24,\"renewable\":false}";
        }
        if (endpoint.template().endsWith("/calls")) {
            return "{\"callId\":\"" + sub + "\",\"seats\":{\"ALL\":1},\"alternatesPerGroup\":1}";
        }
        if (endpoint.template().endsWith("/applications")) {
            return "{\"group\":\"ALL\"}";
        }
        if (endpoint.template().endsWith("/draw")) {
            return "{\"algorithm\":\"SHA256-V1\",\"randomSources\":[[4,5,6],\"beacon\"]}";
        }
        if (endpoint.template().equals("/api/v1/admin/erasures")) {
            return "{\"subject\":\"" + sub + "-nobody\"}";
        }
        if (endpoint.template().endsWith("/hide")) {
            return "{\"reason\":\"role matrix\"}";
        }
        if (endpoint.template().endsWith("/cpdp-decision")) {
            return "{\"decision\":\"DECLINE\",\"reason\":\"role matrix\"}";
        }
        return "{}";
    }
}
