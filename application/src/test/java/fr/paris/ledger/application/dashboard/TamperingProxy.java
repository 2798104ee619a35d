package fr.paris.ledger.application.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;

/**
 * A server standing between the browser and the service, on another localhost port (still a
 * secure context), that passes every GET through and, when told to, alters one kind of answer
 * the way a compromised server or a man in the middle would. The dashboard, loaded from it, must
 * then say that the check fails. This is how the tests alter the data the page uses: the page has
 * no test hook of its own.
 */
final class TamperingProxy implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PASSED_BACK = List.of("Content-Type", "Content-Security-Policy", "Cache-Control");

    /** What to alter. */
    enum Mode {
        /** Nothing: a faithful copy. */
        NONE,
        /** One byte of the first hash of the inclusion proof's audit path. */
        PROOF_BYTE,
        /** The event's export line: its timestamp, one digit changed (still canonical JSON). */
        EXPORT_LINE,
        /** A published draw: the selected of one group in another order. */
        DRAW_ORDER,
        /** Budget results shown as majority judgment: a merit profile for each project (as the majority-judgment branch will publish). */
        MERIT_PROFILES,
    }

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String target;
    private volatile Mode mode = Mode.NONE;

    TamperingProxy(int servicePort) throws IOException {
        this.target = "http://localhost:" + servicePort;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /** The proxy's base URL: localhost, so a secure context for the browser. */
    String base() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))).timeout(Duration.ofSeconds(30)).GET();
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            if (accept != null) {
                request.header("Accept", accept);
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = response.statusCode() == 200 ? alter(uri.getPath(), response.body()) : response.body();
            for (String name : PASSED_BACK) {
                response.headers().firstValue(name).ifPresent(v -> exchange.getResponseHeaders().set(name, v));
            }
            exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private byte[] alter(String path, byte[] body) throws IOException {
        Mode now = mode;
        if (now == Mode.PROOF_BYTE && path.equals("/api/v1/audit/proofs/inclusion")) {
            ObjectNode proof = (ObjectNode) JSON.readTree(body);
            ArrayNode auditPath = (ArrayNode) proof.path("auditPath");
            byte[] first = Base64.getDecoder().decode(auditPath.get(0).asText());
            first[0] ^= 0x01;
            auditPath.set(0, new TextNode(Base64.getEncoder().encodeToString(first)));
            return JSON.writeValueAsBytes(proof);
        }
        if (now == Mode.EXPORT_LINE && path.equals("/api/v1/audit/export")) {
            String page = new String(body, StandardCharsets.UTF_8);
            int end = page.indexOf('\n');
            ObjectNode line = (ObjectNode) JSON.readTree(page.substring(0, end));
            String time = line.path("timestamp").asText();
            int digit = time.length() - 2;
            char changed = time.charAt(digit) == '9' ? '8' : (char) (time.charAt(digit) + 1);
            line.put("timestamp", time.substring(0, digit) + changed + time.substring(digit + 1));
            return (JSON.writeValueAsString(line) + page.substring(end)).getBytes(StandardCharsets.UTF_8);
        }
        if (now == Mode.DRAW_ORDER && path.matches("/api/v1/councils/[^/]+/calls/[^/]+/draw")) {
            ObjectNode draw = (ObjectNode) JSON.readTree(body);
            ArrayNode selected = (ArrayNode) draw.path("selected").path("F");
            var first = selected.remove(0);
            selected.add(first);
            return JSON.writeValueAsBytes(draw);
        }
        if (now == Mode.MERIT_PROFILES && path.matches("/api/v1/budget/campaigns/\\d+/results")) {
            ObjectNode results = (ObjectNode) JSON.readTree(body);
            results.put("method", "MAJORITY_JUDGMENT");
            Random random = new Random(7);
            results.path("scopes").forEach(scope -> scope.path("projects").forEach(p -> {
                ArrayNode profile = ((ObjectNode) p).putArray("profile");
                for (int g = 0; g < 4; g++) {
                    profile.add(1 + random.nextInt(9));
                }
                ((ObjectNode) p).put("majorityGrade", 1 + random.nextInt(3));
            }));
            return JSON.writeValueAsBytes(results);
        }
        return body;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
