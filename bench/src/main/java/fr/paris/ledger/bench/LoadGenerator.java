package fr.paris.ledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmarks' load: a separate process sending HTTP requests to the service, each with the
 * token of a distinct participant, from a fixed number of concurrent clients.
 *
 * <pre>
 * java -jar bench/target/ledger-bench.jar --url http://localhost:8080 --secret S --scenario petition-surge
 *      --requests 200000 --clients 16
 * </pre>
 * Scenarios: {@code petition-surge} (signatures on ONE petition), {@code card-issuance},
 * {@code public-read} (GET /petitions/{id}). Prints one result line and, with {@code --json}, a JSON
 * line for scripts.
 */
public final class LoadGenerator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] PARIS = {"75001", "75002", "75003", "75004", "75005", "75006", "75007", "75008", "75009",
        "75010", "75011", "75012", "75013", "75014", "75015", "75016", "75017", "75018", "75019", "75020"};

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final Tokens tokens;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);

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
            System.err.println("usage: --url URL --secret HMAC_SECRET --scenario petition-surge|card-issuance|public-read "
                    + "[--requests N] [--clients C] [--json true]");
            System.exit(2);
        }
        LoadGenerator load = new LoadGenerator(o.get("url"), o.get("secret"));
        Result r = load.run(o.get("scenario"), Integer.parseInt(o.getOrDefault("requests", "10000")),
                Integer.parseInt(o.getOrDefault("clients", "16")));
        System.out.println(r);
        if (Boolean.parseBoolean(o.getOrDefault("json", "false"))) {
            System.out.println(JSON.writeValueAsString(r));
        }
        System.exit(r.failures() == 0 ? 0 : 1);
    }

    public Result run(String scenario, int requests, int clients) throws Exception {
        return switch (scenario) {
            case "petition-surge" -> {
                String petition = publishedPetition();
                yield load(scenario, requests, clients, i -> post("/api/v1/petitions/" + petition + "/signatures",
                        tokens.mint("sig-" + runId + "-" + i, "CITIZEN", "1980-01-01", PARIS[i % 20]), "{}"), 201);
            }
            case "card-issuance" -> load(scenario, requests, clients, i -> post("/api/v1/citizen-cards",
                    tokens.mint("card-" + runId + "-" + i, "CITIZEN", "1980-01-01", PARIS[i % 20]), "{}"), 201);
            case "public-read" -> {
                String petition = publishedPetition();
                awaitVisible(petition);
                yield load(scenario, requests, clients, i -> get("/api/v1/petitions/" + petition), 200);
            }
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        };
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

    interface Call {
        HttpResponse<String> send(int i) throws Exception;
    }

    private Result load(String scenario, int requests, int clients, Call call, int expectedStatus) throws Exception {
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
                        if (call.send(i).statusCode() != expectedStatus) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
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
        return Result.of(scenario, latencies, failures.get(), seconds);
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
