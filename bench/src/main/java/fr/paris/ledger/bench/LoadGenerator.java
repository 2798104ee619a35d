package fr.paris.ledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmarks' load: a separate process sending HTTP requests to the service, each with the
 * token of a distinct participant, from a fixed number of concurrent clients.
 *
 * <pre>
 * java -jar bench/target/ledger-bench.jar --url http://localhost:8080 --secret S --scenario petition-surge
 *      --requests 200000 --clients 16
 * </pre>
 * Scenarios:
 * <ul>
 * <li>{@code petition-surge}: signatures on ONE petition ({@code --petition ID} to go on signing an
 *     existing one; {@code --sample-audit true} samples the sealer's lag from the metrics meanwhile;
 *     {@code --signers P} names the signers P-0, P-1, ...: the same P in a second run on another
 *     petition makes them participants who already acted);</li>
 * <li>{@code budget-vote}: a campaign with a ballot in every arrondissement taken to VOTING, then one
 *     online ballot per voter, voters spread over the 20 arrondissements;</li>
 * <li>{@code card-issuance}: citizen cards, one per participant;</li>
 * <li>{@code public-read}: GET /petitions/{id}; {@code static-read}: GET /bench.txt, a static file
 *     served by the same service (the baseline of public-read);</li>
 * <li>{@code generate-events}: {@code --count N --jdbc URL [--user U]} appends N PetitionSigned events
 *     with SQL (see {@link EventGenerator}); no request;</li>
 * <li>{@code seal-wait}: waits until the sealer has sealed every event, and reports leaves/s;</li>
 * <li>{@code token}: {@code [--sub S] [--roles R]} prints a token, e.g. an AUDITOR's for the verifier's fetch;</li>
 * <li>{@code tokens}: {@code --count N --prefix P --out FILE} writes N pre-minted tokens, one a line, for wrk
 *     (bench/wrk): line i is the token of participant P-i, a CITIZEN born 1980-01-01 living in arrondissement
 *     i mod 20 + 1 (postal code 75001 to 75020), the claims of the scenarios above; the same P in a second
 *     file gives the same participants; no request;</li>
 * <li>{@code petition}: {@code [--count N]} files and publishes N petitions (1); their ids, comma-separated, are the
 *     result's subject;</li>
 * <li>{@code budget-campaign}: {@code --out FILE} sets up the budget vote's campaign (as {@code budget-vote}
 *     does, without the ballots) and writes its year, its two Paris-wide projects and the project of each
 *     arrondissement, one line each (bench/wrk/vote.lua reads it);</li>
 * <li>{@code audit-sample}: {@code --stop-file F [--timeout S]} samples the sealer's metrics every 250 ms
 *     (as {@code --sample-audit true}) until the file F exists, e.g. while wrk drives a surge;</li>
 * <li>{@code replay}: replays every projection through the admin endpoint and waits until all have
 *     caught up with the head; reports events/s.</li>
 * </ul>
 * Prints one result line and, with {@code --json true}, a JSON line for scripts.
 */
public final class LoadGenerator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] PARIS = {"75001", "75002", "75003", "75004", "75005", "75006", "75007", "75008", "75009",
        "75010", "75011", "75012", "75013", "75014", "75015", "75016", "75017", "75018", "75019", "75020"};
    private static final Pattern LEAVES = Pattern.compile("(?m)^ledger_audit_leaves\\{[^}]*} ([0-9.E+-]+)$");
    private static final Pattern LAG_SECONDS = Pattern.compile("(?m)^ledger_audit_lag_seconds\\{[^}]*} ([0-9.E+-]+)$");
    private static final Pattern LAG_EVENTS = Pattern.compile("(?m)^ledger_audit_lag_events\\{[^}]*} ([0-9.E+-]+)$");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final Tokens tokens;
    private final String runId = Long.toString(System.currentTimeMillis(), 36) + Long.toString(System.nanoTime() % 1296, 36);

    public LoadGenerator(String url, String secret) {
        this.url = url;
        this.tokens = new Tokens(secret);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (!o.containsKey("url") || !o.containsKey("secret") || !o.containsKey("scenario")) {
            System.err.println("usage: --url URL --secret HMAC_SECRET --scenario petition-surge|budget-vote|card-issuance|"
                    + "public-read|static-read|generate-events|seal-wait|replay|token|tokens|petition|budget-campaign|audit-sample\n"
                    + "  [--requests N] [--clients C] [--json true]\n"
                    + "  petition-surge: [--petition ID] [--sample-audit true] [--signers P]\n"
                    + "  tokens: --count N --prefix P --out FILE\n"
                    + "  budget-campaign: --out FILE; audit-sample: --stop-file FILE [--timeout SECONDS]\n"
                    + "  generate-events: --count N --jdbc jdbc:postgresql://HOST:PORT/DB [--user postgres]");
            System.exit(2);
        }
        if (o.get("scenario").equals("token")) { // a token for a script, e.g. the verifier's fetch
            System.out.println(new Tokens(o.get("secret")).mint(o.getOrDefault("sub", "bench"), o.getOrDefault("roles", "AUDITOR"),
                    null, null));
            return;
        }
        if (o.get("scenario").equals("tokens")) { // tokens for wrk, one a line; no request
            Result r = writeTokens(new Tokens(o.get("secret")), Integer.parseInt(o.getOrDefault("count", "0")),
                    o.getOrDefault("prefix", "p"), Path.of(o.get("out")));
            System.out.println(r);
            if (Boolean.parseBoolean(o.getOrDefault("json", "false"))) {
                System.out.println(JSON.writeValueAsString(r));
            }
            return;
        }
        LoadGenerator load = new LoadGenerator(o.get("url"), o.get("secret"));
        Result r = load.run(o.get("scenario"), o);
        System.out.println(r);
        if (Boolean.parseBoolean(o.getOrDefault("json", "false"))) {
            System.out.println(JSON.writeValueAsString(r));
        }
        System.exit(r.failures() == 0 ? 0 : 1);
    }

    public Result run(String scenario, int requests, int clients) throws Exception {
        return run(scenario, Map.of("requests", Integer.toString(requests), "clients", Integer.toString(clients)));
    }

    public Result run(String scenario, Map<String, String> o) throws Exception {
        int requests = Integer.parseInt(o.getOrDefault("requests", "10000"));
        int clients = Integer.parseInt(o.getOrDefault("clients", "16"));
        return switch (scenario) {
            case "petition-surge" -> {
                String petition = o.containsKey("petition") ? o.get("petition") : publishedPetition();
                AuditSampler sampler = Boolean.parseBoolean(o.getOrDefault("sample-audit", "false")) ? new AuditSampler() : null;
                String signers = o.getOrDefault("signers", "sig-" + runId);
                Result r = load(scenario, requests, clients, petition, i -> post("/api/v1/petitions/" + petition + "/signatures",
                        tokens.mint(signers + "-" + i, "CITIZEN", "1980-01-01", PARIS[i % 20]), "{}"), 201);
                if (sampler != null) {
                    sampler.stopInto(r);
                }
                yield r;
            }
            case "budget-vote" -> budgetVote(requests, clients);
            case "petition" -> {
                List<String> ids = new ArrayList<>();
                for (int n = Integer.parseInt(o.getOrDefault("count", "1")); ids.size() < n; ) {
                    ids.add(publishedPetition());
                }
                yield Result.counted(scenario, ids.size(), 0, 0, String.join(",", ids));
            }
            case "budget-campaign" -> {
                Campaign c = budgetCampaign();
                Files.writeString(Path.of(o.get("out")), c.year() + "\n" + String.join(",", c.paris()) + "\n"
                        + String.join(",", Arrays.asList(c.local()).subList(1, 21)) + "\n", StandardCharsets.UTF_8);
                yield Result.counted(scenario, 0, 0, 0, Integer.toString(c.year()));
            }
            case "audit-sample" -> {
                Path stop = Path.of(o.get("stop-file"));
                long until = System.nanoTime() + Duration.ofSeconds(Long.parseLong(o.getOrDefault("timeout", "3600"))).toNanos();
                long t0 = System.nanoTime();
                AuditSampler sampler = new AuditSampler();
                while (!Files.exists(stop) && System.nanoTime() < until) {
                    Thread.sleep(50);
                }
                Result r = Result.counted(scenario, 0, 0, (System.nanoTime() - t0) / 1e9, null);
                sampler.stopInto(r);
                yield r;
            }
            case "card-issuance" -> load(scenario, requests, clients, null, i -> post("/api/v1/citizen-cards",
                    tokens.mint("card-" + runId + "-" + i, "CITIZEN", "1980-01-01", PARIS[i % 20]), "{}"), 201);
            case "public-read" -> {
                String petition = o.containsKey("petition") ? o.get("petition") : publishedPetition();
                awaitVisible(petition);
                yield load(scenario, requests, clients, petition, i -> get("/api/v1/petitions/" + petition), 200);
            }
            case "static-read" -> load(scenario, requests, clients, "/bench.txt", i -> get("/bench.txt"), 200);
            case "generate-events" -> {
                long count = Long.parseLong(o.getOrDefault("count", "0"));
                try (Connection c = DriverManager.getConnection(o.get("jdbc"), o.getOrDefault("user", "postgres"),
                        o.getOrDefault("password", ""))) {
                    long t0 = System.nanoTime();
                    String petition = EventGenerator.generate(c, count, "gen-" + runId + "-");
                    yield Result.counted(scenario, count, 0, (System.nanoTime() - t0) / 1e9, petition);
                }
            }
            case "seal-wait" -> sealWait(Duration.ofSeconds(Long.parseLong(o.getOrDefault("timeout", "7200"))));
            case "replay" -> replay(Duration.ofSeconds(Long.parseLong(o.getOrDefault("timeout", "7200"))));
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        };
    }

    /**
     * Writes {@code count} tokens, one a line: line i (from 0) is the token of participant {@code prefix-i}, with the
     * claims the Java scenarios give their participants (a CITIZEN born 1980-01-01, postal code of arrondissement
     * i mod 20 + 1).
     */
    static Result writeTokens(Tokens tokens, int count, String prefix, Path out) throws java.io.IOException {
        long t0 = System.nanoTime();
        try (var w = Files.newBufferedWriter(out, StandardCharsets.US_ASCII)) {
            for (int i = 0; i < count; i++) {
                w.write(tokens.mint(prefix + "-" + i, "CITIZEN", "1980-01-01", PARIS[i % 20]));
                w.write('\n');
            }
        }
        return Result.counted("tokens", count, 0, (System.nanoTime() - t0) / 1e9, out.toString());
    }

    /** Files and publishes a petition; returns its id. */
    public String publishedPetition() throws Exception {
        HttpResponse<String> filed = post("/api/v1/petitions", tokens.mint("author-" + runId, "CITIZEN", "1980-01-01", "75011"),
                "{\"title\":\"Benchmark petition\",\"text\":\"Signed by the load generator\"}");
        String id = JSON.readTree(filed.body()).path("id").asText();
        HttpResponse<String> published = post("/api/v1/petitions/" + id + "/moderation",
                tokens.mint("agent-" + runId, "AGENT", null, null), "{\"decision\":\"PUBLISH\"}");
        if (published.statusCode() != 200) {
            throw new IllegalStateException("could not publish the petition: " + published.body());
        }
        return id;
    }

    /** Waits until the petition's page is public (its read model has caught up with the publication). */
    private void awaitVisible(String petition) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (get("/api/v1/petitions/" + petition).statusCode() != 200) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("petition " + petition + " did not become public");
            }
            Thread.sleep(50);
        }
    }

    /** The live count the service shows for a petition (its read model). */
    public long signatureCount(String petition) throws Exception {
        JsonNode p = JSON.readTree(get("/api/v1/petitions/" + petition).body());
        return p.path("signatureCount").asLong(-1);
    }

    /** The live participation of a campaign: distinct voters with an online ballot (its read model). */
    public long onlineVoters(int year) throws Exception {
        JsonNode c = JSON.readTree(get("/api/v1/budget/campaigns/" + year).body());
        return c.path("votersSoFar").path("ONLINE").asLong(-1);
    }

    // --- budget vote ------------------------------------------------------------------------------------------------

    /**
     * A campaign taken to VOTING with two Paris-wide projects and one project per arrondissement, then
     * one online ballot per voter: a Paris-wide choice and the project of the voter's arrondissement,
     * voters spread evenly over the 20 arrondissements (postal codes 75001 to 75020).
     */
    private Result budgetVote(int requests, int clients) throws Exception {
        Campaign c = budgetCampaign();
        String[] paris = c.paris();
        String[] local = c.local();
        int campaign = c.year();
        return load("budget-vote", requests, clients, Integer.toString(campaign), i -> {
            int a = i % 20 + 1;
            return put("/api/v1/budget/campaigns/" + campaign + "/ballots/me",
                    tokens.mint("voter-" + runId + "-" + i, "CITIZEN", "1980-01-01", PARIS[a - 1]),
                    "{\"parisWide\":[\"" + paris[i % 2] + "\"],\"arrondissement\":\"" + a + "\",\"arrondissementProjects\":[\""
                            + local[a] + "\"]}");
        }, 200);
    }

    /** The budget vote's campaign: its year, its Paris-wide projects and its projects by arrondissement (1 to 20). */
    record Campaign(int year, String[] paris, String[] local) {
    }

    /** A campaign with two Paris-wide projects and one per arrondissement, all feasible, taken to VOTING. */
    private Campaign budgetCampaign() throws Exception {
        String admin = tokens.mint("admin-" + runId, "ADMIN", null, null);
        String agent = tokens.mint("agent-" + runId, "AGENT", null, null);
        StringBuilder envelopes = new StringBuilder();
        for (int a = 1; a <= 20; a++) {
            envelopes.append(a == 1 ? "" : ",").append('"').append(a).append("\":1000000000");
        }
        int year = 2014 + (int) Math.floorMod(runId.hashCode(), 900);
        for (int tries = 0; ; tries++, year = year == 2999 ? 2014 : year + 1) {
            HttpResponse<String> created = post("/api/v1/budget/campaigns", admin, "{\"year\":" + year
                    + ",\"parisWideEnvelopeCents\":10000000000,\"arrondissementEnvelopesCents\":{" + envelopes + "}}");
            if (created.statusCode() == 201) {
                break;
            }
            if (created.statusCode() != 409 || tries > 1000) {
                throw new IllegalStateException("could not create a campaign: " + created.body());
            }
        }
        String author = tokens.mint("proposer-" + runId, "CITIZEN", "1980-01-01", "75011");
        String[] paris = new String[2];
        String[] local = new String[21];
        for (int p = 0; p < paris.length; p++) {
            paris[p] = project(year, author, "PARIS", p);
        }
        for (int a = 1; a <= 20; a++) {
            local[a] = project(year, author, Integer.toString(a), a);
        }
        phase(year, admin, "FEASIBILITY");
        List<String> all = new ArrayList<>(List.of(paris));
        all.addAll(Arrays.asList(local).subList(1, 21));
        for (String project : all) {
            expect(post("/api/v1/budget/projects/" + project + "/feasibility", agent,
                    "{\"verdict\":\"FEASIBLE\",\"costCents\":1000000}"), 200, "feasibility");
        }
        phase(year, admin, "VOTING");
        return new Campaign(year, paris, local);
    }

    private String project(int year, String author, String scope, int n) throws Exception {
        HttpResponse<String> r = expect(post("/api/v1/budget/campaigns/" + year + "/projects", author,
                "{\"title\":\"Benchmark project " + n + "\",\"description\":\"Voted for by the load generator\",\"scope\":\""
                        + scope + "\",\"estimatedCostCents\":1000000}"), 201, "project");
        return JSON.readTree(r.body()).path("projectId").asText();
    }

    private void phase(int year, String admin, String phase) throws Exception {
        expect(post("/api/v1/budget/campaigns/" + year + "/phase", admin, "{\"phase\":\"" + phase + "\"}"), 200, phase);
    }

    private static HttpResponse<String> expect(HttpResponse<String> r, int status, String what) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(what + ": " + r.statusCode() + " " + r.body());
        }
        return r;
    }

    // --- replay and sealing -----------------------------------------------------------------------------------------

    /**
     * Replays every projection at once and waits until each has been rebuilt (no longer
     * {@code replaying}) and stands at the head of the log.
     */
    private Result replay(Duration timeout) throws Exception {
        String admin = tokens.mint("admin-" + runId, "ADMIN", null, null);
        JsonNode before = JSON.readTree(expect(get("/api/v1/admin/projections", admin), 200, "projections").body());
        long head = before.path(0).path("head").asLong();
        List<String> names = new ArrayList<>();
        before.forEach(p -> names.add(p.path("name").asText()));
        long t0 = System.nanoTime();
        for (String name : names) {
            expect(post("/api/v1/admin/projections/" + name + "/replay", admin, ""), 202, "replay " + name);
        }
        long until = t0 + timeout.toNanos();
        while (true) {
            JsonNode now = JSON.readTree(expect(get("/api/v1/admin/projections", admin), 200, "projections").body());
            boolean done = true;
            for (JsonNode p : now) {
                if (p.path("error").asBoolean() || !p.path("running").asBoolean()) {
                    throw new IllegalStateException("projection failed during the replay: " + p);
                }
                // a rebuild says replaying until it has committed; its processor then stands at the head
                done &= !p.path("replaying").asBoolean() && !p.path("position").isNull()
                        && p.path("position").asLong() >= head;
            }
            if (done) {
                break;
            }
            if (System.nanoTime() > until) {
                throw new IllegalStateException("the projections did not catch up: " + now);
            }
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return Result.counted("replay", head, 0, seconds, String.join(",", names)).with("projections", names.size());
    }

    /** Waits until the sealer has sealed every event; the rate is counted from the first sample. */
    private Result sealWait(Duration timeout) throws Exception {
        long t0 = System.nanoTime();
        double leaves0 = metric(LEAVES);
        long until = t0 + timeout.toNanos();
        double lagEvents;
        double leaves;
        while (true) {
            String m = metrics();
            lagEvents = value(LAG_EVENTS, m);
            leaves = value(LEAVES, m);
            if (lagEvents == 0) {
                break;
            }
            if (System.nanoTime() > until) {
                throw new IllegalStateException("the sealer did not catch up: " + lagEvents + " events unsealed");
            }
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return Result.counted("seal-wait", (long) (leaves - leaves0), 0, seconds, null).with("treeSize", leaves);
    }

    /** Samples the sealer's metrics every 250 ms while a surge runs: the lag in seconds and in events, and the leaves. */
    private final class AuditSampler {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<double[]> samples = new ArrayList<>();
        private final Thread thread;

        AuditSampler() {
            thread = new Thread(() -> {
                long t0 = System.nanoTime();
                while (running.get()) {
                    try {
                        String m = metrics();
                        synchronized (samples) {
                            samples.add(new double[] {(System.nanoTime() - t0) / 1e9, value(LAG_SECONDS, m), value(LAG_EVENTS, m),
                                value(LEAVES, m)});
                        }
                        Thread.sleep(250);
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "audit-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stopInto(Result r) throws InterruptedException {
            running.set(false);
            thread.join();
            synchronized (samples) {
                double maxLag = 0;
                double maxEvents = 0;
                double sumLag = 0;
                for (double[] s : samples) {
                    maxLag = Math.max(maxLag, s[1]);
                    maxEvents = Math.max(maxEvents, s[2]);
                    sumLag += s[1];
                }
                r.with("auditSamples", samples.size()).with("auditLagMaxSeconds", maxLag)
                        .with("auditLagMeanSeconds", samples.isEmpty() ? 0 : sumLag / samples.size())
                        .with("auditLagMaxEvents", maxEvents);
                if (samples.size() > 1) {
                    double[] first = samples.get(0);
                    double[] last = samples.get(samples.size() - 1);
                    r.with("auditLeavesPerSecond", (last[3] - first[3]) / Math.max(1e-9, last[0] - first[0]))
                            .with("auditLeaves", last[3] - first[3]);
                }
            }
        }
    }

    private String metrics() throws Exception {
        return expect(get("/actuator/prometheus"), 200, "metrics").body();
    }

    private double metric(Pattern p) throws Exception {
        return value(p, metrics());
    }

    private static double value(Pattern p, String metrics) {
        Matcher m = p.matcher(metrics);
        if (!m.find()) {
            throw new IllegalStateException("metric missing: " + p);
        }
        return Double.parseDouble(m.group(1));
    }

    // --- the load ---------------------------------------------------------------------------------------------------

    interface Call {
        HttpResponse<String> send(int i) throws Exception;
    }

    private Result load(String scenario, int requests, int clients, String subject, Call call, int expectedStatus)
            throws Exception {
        long[] latencies = new long[requests];
        AtomicLong failures = new AtomicLong();
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                for (int i = (int) next.getAndIncrement(); i < requests; i = (int) next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = call.send(i);
                        if (r.statusCode() != expectedStatus) {
                            if (failures.incrementAndGet() <= 5) {
                                System.err.println(scenario + " request " + i + ": " + r.statusCode() + " " + r.body());
                            }
                        }
                    } catch (Exception e) {
                        if (failures.incrementAndGet() <= 5) {
                            System.err.println(scenario + " request " + i + ": " + e);
                        }
                    }
                    latencies[i] = System.nanoTime() - t0;
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return Result.of(scenario, latencies, failures.get(), seconds, subject);
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String path, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get(path, null);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
