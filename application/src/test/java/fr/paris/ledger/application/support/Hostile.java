package fr.paris.ledger.application.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * Hostile requests to every write endpoint of the OpenAPI document, and the one rule they all
 * answer to: never a 5xx; a refusal is a 4xx {@code application/problem+json} with a stable code
 * and writes no event; a request that must be refused is.
 *
 * <p>The endpoints come from {@code /v3/api-docs}, so a new write endpoint gets the generic cases
 * (tokens, paths, content types, malformed and oversized bodies) at once; the field-level cases
 * need a {@link Target} (a body it accepts and the kind of each field), and
 * {@link #targets()} fails for an endpoint with a body and no target.
 */
public final class Hostile {
    public static final String ISSUER = "https://id.paris.example";
    public static final String AUDIENCE = "participation-ledger";
    /** The test contexts check issuer and audience, so that tokens of another issuer or audience can be tried. */
    public static final String ISSUER_PROPERTY = "ledger.jwt.issuer=" + ISSUER;
    public static final String AUDIENCE_PROPERTY = "ledger.jwt.audience=" + AUDIENCE;
    /** Many cases share a subject (the card holder, the author): the rate limit would answer them before the endpoint does. */
    public static final String NO_PARTICIPANT_LIMIT = "ledger.rate-limits.per-participant.enabled=false";
    /** A stable code: {@code <area>.<reason>}. */
    public static final Pattern CODE = Pattern.compile("[a-z]+(\\.[a-z0-9-]+)+");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARK = "__hostile__";
    private static final AtomicInteger SUBJECTS = new AtomicInteger();

    private Hostile() {
    }

    /** A write operation of the OpenAPI document. */
    public record Endpoint(String method, String template, boolean hasBody, boolean bodyRequired) {
        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    /** The kinds of field, each with the values it must refuse. */
    public enum Kind {
        /** Free text: any printable Unicode, up to a length. */
        TEXT,
        /** An identifier with a pattern (ids, group names, ballot numbers). */
        ID,
        /** One of a closed set of strings (decisions, phases, scopes, postal codes). */
        ENUM,
        /** A date, YYYY-MM-DD. */
        DATE,
        /** A small non-negative integer (years, seats, ages, months). */
        INT,
        /** Integer cents. */
        MONEY,
        BOOL,
        /** A list of ids. */
        LIST,
        /** An object of names to numbers. */
        MAP,
        /** Random sources: arrays of integers or strings. */
        SOURCES
    }

    public record Field(Kind kind, boolean required) {
    }

    /**
     * What an endpoint is called with: the role, whose token (a fixed subject when the caller's
     * identity matters, else a fresh one per request), a body it accepts and its fields.
     */
    public record Target(String role, String subject, String validBody, Map<String, Field> fields) {
    }

    /** A hostile JSON value, and the kinds of field that must refuse it. */
    public record Value(String label, String json, Set<Kind> refusedBy) {
    }

    /** One request and whether it must be refused; {@code code}, when set, is the code it must get. */
    public record Case(String label, String method, String path, String token, String body, String contentType,
                       Map<String, String> headers, boolean mustRefuse, String code) {
        @Override
        public String toString() {
            return label + (mustRefuse ? " (must be refused)" : " (may be accepted)");
        }
    }

    private static final Set<Kind> ALL = Set.of(Kind.values());
    private static final Set<Kind> NOT_TEXT = except(Kind.TEXT);
    private static final Set<Kind> NUMBERS_AND_SHAPES = Set.of(Kind.INT, Kind.MONEY, Kind.BOOL, Kind.LIST, Kind.MAP,
            Kind.SOURCES, Kind.ENUM, Kind.DATE);

    private static Set<Kind> except(Kind... kinds) {
        Set<Kind> s = new java.util.HashSet<>(ALL);
        s.removeAll(List.of(kinds));
        return Set.copyOf(s);
    }

    /** The corpus of values, from the wrong JSON type to the strings no field takes. */
    public static List<Value> corpus() {
        List<Value> v = new ArrayList<>();
        v.add(new Value("an object", "{\"a\":1}", except(Kind.MAP)));
        v.add(new Value("an array of numbers", "[1,2]", ALL));
        v.add(new Value("a word with a space", "\"ABC def\"", except(Kind.TEXT)));
        v.add(new Value("true", "true", except(Kind.TEXT, Kind.ID, Kind.BOOL)));
        v.add(new Value("a fraction", "1.5", except(Kind.TEXT)));
        v.add(new Value("a number in a string", "\"2031\"", Set.of(Kind.INT, Kind.MONEY, Kind.BOOL, Kind.LIST, Kind.MAP, Kind.DATE)));
        v.add(new Value("a negative number", "-1", except(Kind.TEXT, Kind.ID)));
        v.add(new Value("a negative long", "-9223372036854775808", except(Kind.TEXT, Kind.ID)));
        v.add(new Value("2^31", "2147483648", except(Kind.TEXT, Kind.ID, Kind.MONEY)));
        v.add(new Value("Long.MAX_VALUE", "9223372036854775807", NUMBERS_AND_SHAPES));
        v.add(new Value("2^63", "9223372036854775808", NUMBERS_AND_SHAPES));
        v.add(new Value("1e400", "1e400", NUMBERS_AND_SHAPES));
        v.add(new Value("a NUL", "\"a\\u0000b\"", ALL));
        v.add(new Value("a bell", "\"ab\\u0007c\"", ALL));
        v.add(new Value("a lone high surrogate", "\"ab\\ud800c\"", ALL));
        v.add(new Value("a lone low surrogate", "\"\\udc00abc\"", ALL));
        v.add(new Value("a right-to-left override", "\"abc\\u202etxt.exe\"", ALL));
        v.add(new Value("a C1 control", "\"ab\\u0085c\"", ALL));
        v.add(new Value("a noncharacter", "\"ab\\uffffc\"", ALL));
        v.add(new Value("20001 characters", "\"" + "x".repeat(20_001) + "\"", ALL));
        v.add(new Value("SQL injection", "\"x'); DROP TABLE domain_event_entry; --\"", NOT_TEXT));
        v.add(new Value("script injection", "\"<script>alert(1)</script>\"", NOT_TEXT));
        v.add(new Value("zero-width characters", "\"a\\u200bb\\u200dc\\ufeff\"", NOT_TEXT));
        v.add(new Value("right-to-left text with marks", "\"\\u05e9\\u05dc\\u05d5\\u05dd \\u200f!\"", NOT_TEXT));
        v.add(new Value("emoji and combining marks", "\"e\\u0301t\\u00e9 \\ud83d\\ude00\"", NOT_TEXT));
        return v;
    }

    /**
     * Whether a CI run sends every token and path case to every endpoint ({@code -Dhostile.full=true}),
     * or shares them out over the endpoints (each case still reaches several endpoints).
     */
    public static final boolean FULL = Boolean.getBoolean("hostile.full");

    /** The cases of {@code all} that endpoint number {@code n} gets: all of them in a full run, else a share of {@code size}. */
    public static <T> List<T> share(List<T> all, int n, int size) {
        if (FULL || all.size() <= size) {
            return all;
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            out.add(all.get((n * size + i) % all.size()));
        }
        return out;
    }

    /** Whether a field of this kind, given {@code value}, must refuse the request. */
    public static boolean refuses(Field field, Value value) {
        return value.refusedBy().contains(field.kind());
    }

    // ---- the OpenAPI document

    public static List<Endpoint> writeEndpoints(Api api) {
        JsonNode paths = api.get("/v3/api-docs", null).json().path("paths");
        List<Endpoint> endpoints = new ArrayList<>();
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String method = op.getKey().toUpperCase();
            if (path.getKey().startsWith("/api/") && Set.of("POST", "PUT", "PATCH", "DELETE").contains(method)) {
                JsonNode body = op.getValue().path("requestBody");
                endpoints.add(new Endpoint(method, path.getKey(), !body.isMissingNode(), body.path("required").asBoolean(false)));
            }
        }));
        assertThat(endpoints).as("write endpoints of /v3/api-docs").isNotEmpty();
        return endpoints;
    }

    // ---- the resources the paths name, created once per fixture

    /** Resources for the paths: a card, an open and a pending petition, a campaign and project, a council with an open call. */
    public static final class Fixture {
        public final String tag;
        public final String holder;
        public final String author;
        public String card;
        public String petition;
        public String pending;
        public final int year;
        public String project;
        public final String council;
        public final String call = "call-1";
        /** An event for card holders, far in the future. */
        public final String cardEvent;

        private Fixture(String tag, int year) {
            this.tag = tag;
            this.year = year;
            this.holder = "hostile-holder-" + tag;
            this.author = "hostile-author-" + tag;
            this.council = "hostile-" + tag;
            this.cardEvent = "hostile-event-" + tag;
        }

        public static Fixture create(Api api, String tag, int year) {
            Fixture f = new Fixture(tag, year);
            f.card = api.post("/api/v1/citizen-cards", token("CITIZEN", f.holder), "{}").json().path("cardNumber").asText();
            String agent = token("AGENT", "hostile-agent");
            String petition = "{\"title\":\"Hostile input\",\"text\":\"A petition the hostile tests address\"}";
            f.petition = api.post("/api/v1/petitions", token("CITIZEN", f.author), petition).json().path("id").asText();
            api.post("/api/v1/petitions/" + f.petition + "/moderation", agent, "{\"decision\":\"PUBLISH\"}");
            f.pending = api.post("/api/v1/petitions", token("CITIZEN", f.author), petition).json().path("id").asText();
            String admin = token("ADMIN", "hostile-admin");
            api.post("/api/v1/budget/campaigns", admin, campaign(year));
            f.project = api.post("/api/v1/budget/campaigns/" + year + "/projects", token("CITIZEN", f.author),
                    "{\"title\":\"Hostile project\",\"description\":\"d\",\"scope\":\"PARIS\",\"estimatedCostCents\":1000}")
                    .json().path("projectId").asText();
            api.post("/api/v1/councils", admin, "{\"councilId\":\"" + f.council + "\",\"name\":\"Hostile\",\"seats\":1,"
                    + "\"residentsOnly\":false,\"quotas\":{\"ALL\":1},\"mandateMonths\":24,\"renewable\":false}");
            api.post("/api/v1/councils/" + f.council + "/calls", admin, "{\"callId\":\"" + f.call + "\",\"seats\":{\"ALL\":1},"
                    + "\"alternatesPerGroup\":0}");
            api.post("/api/v1/card-events", agent, "{\"eventId\":\"" + f.cardEvent + "\",\"kind\":\"WORKSHOP\",\"title\":\"Hostile\","
                    + "\"startsAt\":\"2999-01-01T10:00:00Z\",\"seats\":5}");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                    api.get("/api/v1/petitions/" + f.petition, null).status() == 200
                            && api.get("/api/v1/budget/projects/" + f.project, null).status() == 200
                            && api.get("/api/v1/citizen-cards/me", token("CITIZEN", f.holder)).status() == 200);
            return f;
        }

        public String path(String template) {
            return template.replace("{cardNumber}", card).replace("{name}", "citizen-cards")
                    .replace("{id}", template.endsWith("/moderation") ? pending : petition)
                    .replace("{year}", Integer.toString(year)).replace("{projectId}", project)
                    .replace("{councilId}", council).replace("{callId}", call).replace("{applicationId}", "app-000000000000")
                    .replace("{batchId}", "hb-1").replace("{ballotNumber}", "P-1")
                    .replace("{commentId}", "com-00000000-0000-0000-0000-000000000000")
                    .replace("{eventId}", cardEvent);
        }

        /** The subject of a target: its fixed one (holder, author) or a fresh one. */
        public String subject(Target target) {
            if ("holder".equals(target.subject())) {
                return holder;
            }
            if ("author".equals(target.subject())) {
                return author;
            }
            return "hostile-" + tag + "-" + SUBJECTS.incrementAndGet();
        }

        public String tokenFor(Target target) {
            return Hostile.token(target.role(), subject(target));
        }
    }

    public static String campaign(int year) {
        StringBuilder arr = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            arr.append(i == 1 ? "" : ",").append('"').append(i).append("\":1000");
        }
        return "{\"year\":" + year + ",\"parisWideEnvelopeCents\":10000,\"arrondissementEnvelopesCents\":{" + arr + "}}";
    }

    // ---- the targets: a body each write endpoint accepts, and its fields

    private static Map<String, Field> fields(Object... nameKindRequired) {
        Map<String, Field> m = new LinkedHashMap<>();
        for (int i = 0; i < nameKindRequired.length; i += 3) {
            m.put((String) nameKindRequired[i], new Field((Kind) nameKindRequired[i + 1], (Boolean) nameKindRequired[i + 2]));
        }
        return m;
    }

    private static final Map<String, Target> TARGETS = new TreeMap<>();

    static {
        Kind T = Kind.TEXT;
        Kind I = Kind.ID;
        Kind E = Kind.ENUM;
        TARGETS.put("POST /api/v1/citizen-cards", new Target("AGENT", null,
                "{\"participantId\":\"someone\",\"birthdate\":\"1975-02-03\",\"postalCode\":\"75020\",\"channel\":\"TOWN_HALL\"}",
                fields("participantId", T, false, "birthdate", Kind.DATE, true, "postalCode", E, true, "channel", E, true)));
        TARGETS.put("POST /api/v1/citizen-cards/{cardNumber}/cancel", new Target("CITIZEN", "holder",
                "{\"reason\":\"moving away\"}", fields("reason", T, false)));
        TARGETS.put("POST /api/v1/citizen-cards/{cardNumber}/residence", new Target("CITIZEN", "holder",
                "{\"postalCode\":\"75001\"}", fields("postalCode", E, true)));
        TARGETS.put("POST /api/v1/petitions", new Target("CITIZEN", null,
                "{\"title\":\"A petition\",\"text\":\"Its text\",\"category\":\"parks\",\"arrondissement\":11}",
                fields("title", T, true, "text", T, true, "category", T, false, "arrondissement", Kind.INT, false)));
        TARGETS.put("POST /api/v1/petitions/{id}/moderation", new Target("AGENT", null,
                "{\"decision\":\"REJECT\",\"reason\":\"off topic\"}", fields("decision", E, true, "reason", T, true)));
        TARGETS.put("POST /api/v1/petitions/{id}/withdraw", new Target("CITIZEN", "author",
                "{\"reason\":\"done\"}", fields("reason", T, false)));
        TARGETS.put("POST /api/v1/petitions/{id}/comments", new Target("CITIZEN", null,
                "{\"text\":\"I agree\"}", fields("text", T, true)));
        TARGETS.put("POST /api/v1/petitions/{id}/comments/{commentId}/hide", new Target("AGENT", null,
                "{\"reason\":\"abusive\"}", fields("reason", T, true)));
        TARGETS.put("POST /api/v1/petitions/{id}/cpdp-decision", new Target("CPDP", null,
                "{\"decision\":\"DECLINE\",\"reason\":\"not yet\"}", fields("decision", E, true, "reason", T, true)));
        TARGETS.put("POST /api/v1/budget/campaigns", new Target("ADMIN", null,
                "{\"year\":2990,\"parisWideEnvelopeCents\":10000,\"arrondissementEnvelopesCents\":{\"1\":1,\"2\":1,\"3\":1,"
                        + "\"4\":1,\"5\":1,\"6\":1,\"7\":1,\"8\":1,\"9\":1,\"10\":1,\"11\":1,\"12\":1,\"13\":1,\"14\":1,\"15\":1,"
                        + "\"16\":1,\"17\":1,\"18\":1,\"19\":1,\"20\":1},\"maxParisWideChoices\":4,\"maxArrondissementChoices\":4,"
                        + "\"ballotMethod\":\"MAJORITY_JUDGMENT\"}",
                fields("year", Kind.INT, true, "parisWideEnvelopeCents", Kind.MONEY, true,
                        "arrondissementEnvelopesCents", Kind.MAP, true, "maxParisWideChoices", Kind.INT, false,
                        "maxArrondissementChoices", Kind.INT, false, "ballotMethod", E, false)));
        TARGETS.put("POST /api/v1/budget/campaigns/{year}/phase", new Target("ADMIN", null,
                "{\"phase\":\"FEASIBILITY\"}", fields("phase", E, true)));
        TARGETS.put("POST /api/v1/budget/campaigns/{year}/projects", new Target("CITIZEN", null,
                "{\"title\":\"A project\",\"description\":\"d\",\"scope\":\"11\",\"estimatedCostCents\":1000,\"category\":\"parks\"}",
                fields("title", T, true, "description", T, true, "scope", E, true, "estimatedCostCents", Kind.MONEY, true,
                        "category", T, false)));
        TARGETS.put("POST /api/v1/budget/projects/{projectId}/feasibility", new Target("AGENT", null,
                "{\"verdict\":\"NOT_FEASIBLE\",\"reason\":\"too dear\",\"costCents\":5000}",
                fields("verdict", E, true, "reason", T, true, "costCents", Kind.MONEY, false)));
        // one body for both ballot methods: choices (approval) or grades, project id to 0..3 (majority judgment); an
        // empty list or map is as good as none, and every field's shape is checked before the campaign's method
        TARGETS.put("PUT /api/v1/budget/campaigns/{year}/ballots/me", new Target("CITIZEN", null,
                "{\"parisWide\":[],\"arrondissement\":\"11\",\"arrondissementProjects\":[],\"grades\":{}}",
                fields("parisWide", Kind.LIST, false, "arrondissement", E, false, "arrondissementProjects", Kind.LIST, false,
                        "grades", Kind.MAP, false)));
        TARGETS.put("POST /api/v1/budget/campaigns/{year}/paper-batches", new Target("AGENT", null,
                "{\"batchId\":\"hb-1\",\"urn\":\"urn-11-a\",\"declaredCount\":10}",
                fields("batchId", I, true, "urn", I, true, "declaredCount", Kind.INT, true)));
        TARGETS.put("POST /api/v1/budget/campaigns/{year}/paper-batches/{batchId}/ballots", new Target("AGENT", null,
                "{\"ballotNumber\":\"P-1\",\"voterId\":\"voter-1\",\"parisWide\":[],\"arrondissement\":\"11\","
                        + "\"arrondissementProjects\":[],\"grades\":{}}",
                fields("ballotNumber", I, true, "voterId", T, true, "parisWide", Kind.LIST, false, "arrondissement", E, false,
                        "arrondissementProjects", Kind.LIST, false, "grades", Kind.MAP, false, "spoiled", Kind.BOOL, false)));
        TARGETS.put("POST /api/v1/budget/campaigns/{year}/paper-batches/{batchId}/abandon", new Target("AGENT", null,
                "{\"reason\":\"the urn's seal was broken\"}", fields("reason", T, true)));
        TARGETS.put("POST /api/v1/budget/projects/{projectId}/realization", new Target("AGENT", null,
                "{\"status\":\"STUDY\",\"note\":\"started\"}", fields("status", E, true, "note", T, false)));
        TARGETS.put("POST /api/v1/admin/erasures", new Target("ADMIN", null,
                "{\"subject\":\"someone-never-seen\"}", fields("subject", T, true)));
        TARGETS.put("POST /api/v1/councils", new Target("ADMIN", null,
                "{\"councilId\":\"c-new\",\"name\":\"Council\",\"seats\":2,\"minAge\":16,\"maxAge\":99,\"residentsOnly\":true,"
                        + "\"quotas\":{\"F\":1,\"M\":1},\"mandateMonths\":24,\"renewable\":false}",
                fields("councilId", I, true, "name", T, true, "seats", Kind.INT, true, "minAge", Kind.INT, false,
                        "maxAge", Kind.INT, false, "residentsOnly", Kind.BOOL, true, "quotas", Kind.MAP, true,
                        "mandateMonths", Kind.INT, true, "renewable", Kind.BOOL, true)));
        TARGETS.put("POST /api/v1/councils/{councilId}/calls", new Target("ADMIN", null,
                "{\"callId\":\"call-2\",\"seats\":{\"ALL\":1},\"alternatesPerGroup\":1}",
                fields("callId", I, true, "seats", Kind.MAP, true, "alternatesPerGroup", Kind.INT, true)));
        TARGETS.put("POST /api/v1/councils/{councilId}/calls/{callId}/applications", new Target("CITIZEN", null,
                "{\"group\":\"ALL\"}", fields("group", I, true)));
        TARGETS.put("POST /api/v1/card-events", new Target("AGENT", null,
                "{\"eventId\":\"atelier-hostile\",\"kind\":\"WORKSHOP\",\"title\":\"Atelier\","
                        + "\"startsAt\":\"2999-06-01T18:00:00Z\",\"seats\":10}",
                fields("eventId", I, true, "kind", E, true, "title", T, true, "startsAt", Kind.DATE, true,
                        "seats", Kind.INT, true)));
        TARGETS.put("POST /api/v1/card-events/{eventId}/seats", new Target("AGENT", null,
                "{\"seats\":20}", fields("seats", Kind.INT, true)));
        TARGETS.put("POST /api/v1/card-events/{eventId}/cancel", new Target("AGENT", null,
                "{\"reason\":\"the venue is closed\"}", fields("reason", T, true)));
        TARGETS.put("POST /api/v1/councils/{councilId}/calls/{callId}/draw", new Target("ADMIN", null,
                "{\"algorithm\":\"SHA256-V1\",\"randomSources\":[[1,2,3],\"beacon\"]}",
                fields("algorithm", E, false, "randomSources", Kind.SOURCES, true)));
    }

    /** The target of every write endpoint with a body; fails naming the endpoints that have none. */
    public static Map<Endpoint, Target> targets(List<Endpoint> endpoints) {
        Map<Endpoint, Target> out = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Endpoint e : endpoints) {
            Target t = TARGETS.get(e.toString());
            if (t != null) {
                out.put(e, t);
            } else if (e.hasBody()) {
                missing.add(e.toString());
            }
        }
        assertThat(missing).as("write endpoints with a body and no hostile-input target in Hostile.TARGETS").isEmpty();
        return out;
    }

    /** The role and subject of a write endpoint without a body. */
    public static String roleOf(Endpoint e) {
        Target t = TARGETS.get(e.toString());
        if (t != null) {
            return t.role();
        }
        return switch (e.template().replaceAll(".*/", "")) {
            case "replay", "close" -> "ADMIN";
            case "confirm", "{ballotNumber}" -> "AGENT";
            default -> "CITIZEN";
        };
    }

    // ---- bodies

    /** The valid body of the target with {@code field} set to the raw JSON {@code value} ({@code null}: removed). */
    public static String withField(Target target, String field, String value) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(target.validBody());
            if (value == null) {
                body.remove(field);
                return JSON.writeValueAsString(body);
            }
            body.put(field, MARK);
            return JSON.writeValueAsString(body).replace("\"" + MARK + "\"", value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- tokens

    public static String token(String role, String sub) {
        return HostileTokens.valid(sub, role);
    }

    // ---- the rule

    /** Sends the case and checks the rule; returns the status. */
    public static int check(Api api, EventLog events, Case c) {
        long before = events.count();
        Api.Response r = api.send(c.method(), c.path(), c.token(), c.body(), c.contentType(), c.headers());
        long written = events.count() - before;
        String body = r.body() == null ? "" : r.body();
        String what = c.method() + " " + abbreviate(c.path()) + ", " + c + " -> " + r.status() + " " + abbreviate(body);
        assertThat(r.status()).as(what).isLessThan(500);
        assertThat(r.status()).as(what).satisfiesAnyOf(s -> assertThat(s).isBetween(200, 299), s -> assertThat(s).isBetween(400, 499));
        if (r.status() >= 400) {
            assertThat(r.contentType()).as(what).startsWith("application/problem+json");
            assertThat(r.code()).as(what).isNotNull().matches(CODE);
            assertThat(written).as("events written by a refusal: " + what).isZero();
            if (c.code() != null) {
                assertThat(r.code()).as(what).isEqualTo(c.code());
            }
        }
        if (c.mustRefuse()) {
            assertThat(r.status()).as("must be refused: " + what).isBetween(400, 499);
        }
        return r.status();
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "...(" + s.length() + " chars)" : s;
    }

    /** A path segment, percent-encoded. */
    public static String segment(String raw) {
        return URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code template} with each variable replaced in turn by {@code hostile} (the others from the fixture). */
    public static List<String> hostilePaths(Fixture f, String template, String hostileSegment) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\{[^}]+}").matcher(template);
        while (m.find()) {
            String var = m.group();
            out.add(f.path(template.replace(var, "\u0000")).replace("\u0000", hostileSegment));
        }
        return out;
    }
}
