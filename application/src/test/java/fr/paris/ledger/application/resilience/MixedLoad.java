package fr.paris.ledger.application.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.paris.ledger.application.support.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A mixed load of acts (card requests, petition signatures, budget ballots), each by a participant of
 * its own and sent with an {@code Idempotency-Key}, from several client threads, to whichever nodes
 * are live. A client does what a careful client does: when an act gets no answer (the connection
 * dropped), a 503, or {@code 409 idempotency.in-progress}, it sends the SAME request with the SAME
 * key again, until it gets a final answer. Every act and every answer is recorded, for
 * {@link LedgerChecks}.
 */
final class MixedLoad {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int YEAR = 2036;
    private static final String[] PARIS = {"75001", "75002", "75003", "75004", "75005", "75006", "75007", "75008",
        "75009", "75010", "75011", "75012", "75013", "75014", "75015", "75016", "75017", "75018", "75019", "75020"};
    static final String ADMIN = Tokens.withRoles("res-admin", "ADMIN");
    static final String AGENT = Tokens.withRoles("res-agent", "AGENT");

    enum Kind { CARD, SIGNATURE, BALLOT }

    /** One act of one participant, and what became of it. */
    final class Act {
        final Kind kind;
        final String participant;
        final String key;
        final String token;
        final AtomicInteger attempts = new AtomicInteger();
        volatile boolean doubtful;
        volatile boolean acked;
        volatile boolean settledByRefusal;
        /** When an attempt of this act first went without an answer (System.nanoTime), or 0. */
        volatile long lostAt;
        volatile boolean gaveUp;
        volatile int status;
        volatile String body;
        volatile String code;
        volatile String receiptEventId;

        Act(Kind kind, String participant) {
            this.kind = kind;
            this.participant = participant;
            this.key = "res-" + participant;
            this.token = Tokens.citizen(participant, "1985-06-01",
                    PARIS[Math.floorMod(participant.hashCode(), PARIS.length)]);
        }

        String method() {
            return kind == Kind.BALLOT ? "PUT" : "POST";
        }

        String path() {
            return switch (kind) {
                case CARD -> "/api/v1/citizen-cards";
                case SIGNATURE -> "/api/v1/petitions/" + petitionId + "/signatures";
                case BALLOT -> "/api/v1/budget/campaigns/" + YEAR + "/ballots/me";
            };
        }

        String body() {
            return kind == Kind.BALLOT
                    ? "{\"parisWide\":[\"" + projectId + "\"],\"arrondissement\":null,\"arrondissementProjects\":[]}"
                    : "{}";
        }

        /** The refusal that a re-run of this act gets when its first, unanswered run was recorded. */
        String alreadyDone() {
            return switch (kind) {
                case CARD -> "card.already-held";
                case SIGNATURE -> "petition.already-signed";
                case BALLOT -> null;
            };
        }

        @Override
        public String toString() {
            return kind + " " + participant + " (key " + key + ", " + attempts + " attempts, status " + status
                    + (code == null ? "" : " " + code) + ")";
        }
    }

    private final Supplier<List<String>> nodes;
    private final String runId;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Duration actTimeout;
    final List<Act> acts = new CopyOnWriteArrayList<>();
    final Queue<String> violations = new ConcurrentLinkedQueue<>();
    final AtomicLong noAnswer = new AtomicLong();
    final AtomicLong unavailable = new AtomicLong();
    final AtomicLong serverErrors = new AtomicLong();
    final AtomicLong inProgress = new AtomicLong();
    final AtomicLong slowestAnswerMillis = new AtomicLong();
    /** The longest time from an attempt's lost answer to the act's final answer. */
    final AtomicLong slowestRecoveryMillis = new AtomicLong();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean paused;
    private volatile boolean stopped;
    volatile String petitionId;
    volatile String projectId;

    MixedLoad(String runId, Supplier<List<String>> nodes, Duration actTimeout) {
        this.runId = runId;
        this.nodes = nodes;
        this.actTimeout = actTimeout;
    }

    /** A published petition, and a budget campaign in VOTING with one feasible Paris-wide project. */
    void setUp(String url) {
        String author = Tokens.citizen("res-author-" + runId, "1980-01-01", "75011");
        petitionId = expect(send(url, "POST", "/api/v1/petitions", author,
                "{\"title\":\"Resilience\",\"text\":\"Signed while nodes die\"}", null), 201).path("id").asText();
        expect(send(url, "POST", "/api/v1/petitions/" + petitionId + "/moderation", AGENT, "{\"decision\":\"PUBLISH\"}", null), 200);
        StringBuilder envelopes = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            envelopes.append(i == 1 ? "" : ",").append('"').append(i).append("\":100000");
        }
        expect(send(url, "POST", "/api/v1/budget/campaigns", ADMIN, "{\"year\":" + YEAR + ",\"parisWideEnvelopeCents\":1000000,"
                + "\"arrondissementEnvelopesCents\":{" + envelopes + "},\"maxParisWideChoices\":2,\"maxArrondissementChoices\":2}",
                null), 201);
        projectId = expect(send(url, "POST", "/api/v1/budget/campaigns/" + YEAR + "/projects",
                Tokens.citizen("res-proposer-" + runId, "1980-01-01", "75011"),
                "{\"title\":\"Resilient benches\",\"description\":\"d\",\"scope\":\"PARIS\",\"estimatedCostCents\":500000}", null),
                201).path("projectId").asText();
        expect(phase(url, "FEASIBILITY"), 200);
        expect(send(url, "POST", "/api/v1/budget/projects/" + projectId + "/feasibility", AGENT,
                "{\"verdict\":\"FEASIBLE\",\"costCents\":500000}", null), 200);
        expect(phase(url, "VOTING"), 200);
    }

    private HttpResponse<String> phase(String url, String phase) {
        return send(url, "POST", "/api/v1/budget/campaigns/" + YEAR + "/phase", ADMIN, "{\"phase\":\"" + phase + "\"}", null);
    }

    void start(int clients) {
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(this::work, "load-" + c);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /** Stops taking new acts and waits until every act in flight has its final answer. */
    void pause() {
        paused = true;
        long until = System.nanoTime() + actTimeout.plusSeconds(30).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < until) {
            ServiceProcess.sleep(50);
        }
    }

    void resume() {
        paused = false;
    }

    void stop() {
        pause();
        stopped = true;
        for (Thread t : workers) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void work() {
        while (!stopped) {
            if (paused) {
                ServiceProcess.sleep(50);
                continue;
            }
            inFlight.incrementAndGet();
            try {
                if (paused) {
                    continue; // pause() came in between; it waits for the acts in flight only
                }
                int i = sequence.incrementAndGet();
                Kind kind = Kind.values()[i % 3];
                Act act = new Act(kind, runId + "-" + kind.name().toLowerCase() + "-" + i);
                acts.add(act);
                perform(act);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    /** Sends the act until it has a final answer, retrying the same request with the same key. */
    void perform(Act act) {
        long deadline = System.nanoTime() + actTimeout.toNanos();
        while (true) {
            if (System.nanoTime() > deadline) {
                act.gaveUp = true;
                violations.add("no final answer within " + actTimeout + ": " + act);
                return;
            }
            List<String> live = nodes.get();
            if (live.isEmpty()) {
                ServiceProcess.sleep(100);
                continue;
            }
            String url = live.get(ThreadLocalRandom.current().nextInt(live.size()));
            act.attempts.incrementAndGet();
            long t0 = System.nanoTime();
            HttpResponse<String> r;
            try {
                r = http.send(request(url, act.method(), act.path(), act.token, act.body(), act.key),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                noAnswer.incrementAndGet();
                lost(act);
                ServiceProcess.sleep(150);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            slowestAnswerMillis.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
            int s = r.statusCode();
            String code = code(r);
            if (act.lostAt != 0) {
                slowestRecoveryMillis.accumulateAndGet((System.nanoTime() - act.lostAt) / 1_000_000, Math::max);
            }
            if (s >= 200 && s < 300) {
                act.status = s;
                act.body = r.body();
                act.receiptEventId = tree(r.body()).path("receipt").path("eventId").asText(null);
                act.acked = true;
                return;
            }
            if (s == 503) {
                unavailable.incrementAndGet();
                String type = r.headers().firstValue("Content-Type").orElse("");
                if (!"server.unavailable".equals(code) || !type.startsWith("application/problem+json")
                        || r.headers().firstValue("Retry-After").isEmpty()) {
                    violations.add("a 503 that is not problem+json 'unavailable' with Retry-After: " + type + " " + r.body());
                }
                lost(act);
                ServiceProcess.sleep(300);
                continue;
            }
            if (s >= 500) {
                serverErrors.incrementAndGet();
                violations.add("answer " + s + " to " + act + ": " + r.body());
                lost(act);
                ServiceProcess.sleep(300);
                continue;
            }
            if (s == 409 && "idempotency.in-progress".equals(code)) {
                inProgress.incrementAndGet();
                ServiceProcess.sleep(500);
                continue;
            }
            act.status = s;
            act.code = code;
            act.body = r.body();
            if (act.doubtful && code != null && code.equals(act.alreadyDone())) {
                // the window ADR 004 closed: a retry refused because of its own first, committed attempt
                act.settledByRefusal = true;
                violations.add("a retry after a lost answer was refused because of its own first attempt: " + act + ": " + r.body());
            } else {
                violations.add("unexpected refusal of " + act + ": " + r.body());
            }
            return;
        }
    }

    private static void lost(Act act) {
        act.doubtful = true;
        if (act.lostAt == 0) {
            act.lostAt = System.nanoTime();
        }
    }

    /** Acts an attempt of which went without an answer, then answered 2xx with their key. */
    long recoveredAfterLostAnswer() {
        return acts.stream().filter(a -> a.doubtful && a.acked).count();
    }

    /** Sends an act's request again with its key: the stored answer must come back. */
    HttpResponse<String> replay(String url, Act act) {
        return send(url, act.method(), act.path(), act.token, act.body(), act.key);
    }

    HttpResponse<String> send(String url, String method, String path, String token, String body, String key) {
        try {
            return http.send(request(url, method, path, token, body, key), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest request(String url, String method, String path, String token, String body, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    static JsonNode expect(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new AssertionError("expected " + status + " from " + r.request().method() + " " + r.uri() + ", got "
                    + r.statusCode() + " " + r.body());
        }
        return tree(r.body());
    }

    static JsonNode tree(String body) {
        try {
            return JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String code(HttpResponse<String> r) {
        return tree(r.body()).path("code").asText(null);
    }

    long acked() {
        return acts.stream().filter(a -> a.acked).count();
    }

    long settledByRefusal() {
        return acts.stream().filter(a -> a.settledByRefusal).count();
    }

    long doubtful() {
        return acts.stream().filter(a -> a.doubtful).count();
    }

    String summary() {
        return acts.size() + " acts (" + acked() + " acknowledged 2xx, of which " + recoveredAfterLostAnswer()
                + " after a lost answer, with their original answer or run once; " + settledByRefusal()
                + " refused because of their own first attempt), " + doubtful() + " acts had at least one attempt "
                + "without an answer or with a 5xx; attempts: " + noAnswer + " without answer, " + unavailable + " x 503, "
                + serverErrors + " x other 5xx, " + inProgress + " x 409 in-progress; slowest answer " + slowestAnswerMillis
                + " ms; longest from a lost answer to the final one " + slowestRecoveryMillis + " ms";
    }
}
