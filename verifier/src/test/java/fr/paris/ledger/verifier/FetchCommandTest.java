package fr.paris.ledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fetch} against a tiny local HTTP server that pages as the service does (7 leaves, 1
 * checkpoint a page; a full page names the next with {@code X-Next-From-Leaf} /
 * {@code X-Next-From-Size}), then {@code verify} on what it downloaded.
 */
class FetchCommandTest {
    static final int LEAVES_A_PAGE = 7;
    static final int CHECKPOINTS_A_PAGE = 1;

    @TempDir
    Path dir;

    HttpServer server;
    ExportFixture fixture;
    String checkpoints;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** An answer to give instead of the page, once, by request (path and query). */
    final Map<String, Integer> refusals = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        fixture = ExportFixture.generate(20);
        checkpoints = fixture.checkpoints(5, 20);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/audit/verifier-key", x -> reply(x, "text/plain", fixture.keys.verifierKey() + "\n", null));
        server.createContext("/api/v1/audit/checkpoints", x -> {
            ArrayNode all = (ArrayNode) ExportFixture.JSON.readTree(checkpoints);
            long from = query(x, "fromSize");
            ArrayNode page = ExportFixture.JSON.createArrayNode();
            for (JsonNode c : all) {
                if (c.path("treeSize").asLong() >= from && page.size() < CHECKPOINTS_A_PAGE) {
                    page.add(c);
                }
            }
            boolean full = page.size() == CHECKPOINTS_A_PAGE;
            reply(x, "application/json", page.toString(),
                    full ? Map.of("X-Next-From-Size", Long.toString(page.get(page.size() - 1).path("treeSize").asLong() + 1)) : null);
        });
        server.createContext("/api/v1/audit/export", x -> lines(x, "application/x-ndjson", fixture.lines));
        server.createContext("/api/v1/audit/leaf-hashes", x -> lines(x, "text/plain", fixture.leafHashesFile().lines().toList()));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static long query(HttpExchange x, String name) {
        String q = x.getRequestURI().getRawQuery();
        for (String p : q == null ? new String[0] : q.split("&")) {
            if (p.startsWith(name + "=")) {
                return Long.parseLong(p.substring(name.length() + 1));
            }
        }
        return 0;
    }

    /** A page of lines: LEAVES_A_PAGE from fromLeaf on; a full page names the next. */
    private void lines(HttpExchange x, String type, List<String> all) throws IOException {
        int from = (int) query(x, "fromLeaf");
        int to = Math.min(all.size(), from + LEAVES_A_PAGE);
        String body = all.subList(Math.min(from, to), to).stream().map(l -> l + "\n").collect(Collectors.joining());
        reply(x, type, body, to - from == LEAVES_A_PAGE ? Map.of("X-Next-From-Leaf", Integer.toString(to)) : null);
    }

    private void reply(HttpExchange x, String type, String body, Map<String, String> headers) throws IOException {
        String request = x.getRequestURI().toString();
        requests.add(request);
        authorizations.add(String.valueOf(x.getRequestHeaders().getFirst("Authorization")));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int status = 200;
        Integer refusal = refusals.remove(request);
        if (refusal != null) {
            status = refusal;
            bytes = new byte[0];
            x.getResponseHeaders().set("Retry-After", "1");
        } else if (headers != null) {
            headers.forEach(x.getResponseHeaders()::set);
        }
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : 0); // chunked: streamed like the real export
        try (OutputStream o = x.getResponseBody()) {
            o.write(bytes);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    final ByteArrayOutputStream output = new ByteArrayOutputStream();

    int run(String... args) {
        output.reset();
        PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8);
        return Verifier.run(args, print, print);
    }

    /** A fetch that stops with exit status 2 and {@code message}, leaving neither {@code file} nor its temporary part. */
    private void fetchFails(String message, String file) {
        Path out = dir.resolve("audit");
        assertThat(run("fetch", "--url", url(), "--out", out.toString())).as(output.toString()).isEqualTo(2);
        assertThat(output.toString(StandardCharsets.UTF_8)).contains(message);
        assertThat(out.resolve(file)).doesNotExist();
        assertThat(out.resolve(file + ".part")).doesNotExist();
    }

    @Test
    void downloadsEveryPageWithoutATokenIntoTheFilesOfOneDownloadThenTheyVerify() throws Exception {
        Path out = dir.resolve("audit");
        assertThat(run("fetch", "--url", url(), "--out", out.toString())).as(output.toString()).isZero();
        assertThat(requests).containsExactly("/api/v1/audit/verifier-key",
                "/api/v1/audit/checkpoints?fromSize=0", "/api/v1/audit/checkpoints?fromSize=6",
                "/api/v1/audit/checkpoints?fromSize=21",
                "/api/v1/audit/export?fromLeaf=0", "/api/v1/audit/export?fromLeaf=7", "/api/v1/audit/export?fromLeaf=14",
                "/api/v1/audit/leaf-hashes?fromLeaf=0", "/api/v1/audit/leaf-hashes?fromLeaf=7",
                "/api/v1/audit/leaf-hashes?fromLeaf=14");
        assertThat(authorizations).containsOnly("null");
        assertThat(Files.readString(out.resolve("export.ndjson"))).isEqualTo(ExportFixture.export(fixture.lines));
        assertThat(Files.readString(out.resolve("leaf-hashes.txt"))).isEqualTo(fixture.leafHashesFile());
        assertThat(Files.readString(out.resolve("checkpoints.json"))).isEqualTo(checkpoints);
        assertThat(Files.readString(out.resolve("verifier.key")).strip()).isEqualTo(fixture.keys.verifierKey());
        assertThat(run("verify", "--export", out.resolve("export.ndjson").toString(), "--checkpoints",
                out.resolve("checkpoints.json").toString(), "--key", out.resolve("verifier.key").toString(),
                "--leaf-hashes", out.resolve("leaf-hashes.txt").toString())).as(output.toString()).isZero();
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("verifier.key", "checkpoints.json",
                    "export.ndjson", "leaf-hashes.txt");
        }
    }

    @Test
    void aTokenWhenGivenIsSent() {
        assertThat(run("fetch", "--url", url(), "--token", "some-token", "--out", dir.resolve("audit").toString())).isZero();
        assertThat(authorizations).hasSize(requests.size()).containsOnly("Bearer some-token");
    }

    @Test
    void aRefusedPageIsAnErrorAndLeavesNoPartialFile() throws Exception {
        refusals.put("/api/v1/audit/export?fromLeaf=7", 503);
        fetchFails("/api/v1/audit/export?fromLeaf=7: HTTP 503", "export.ndjson");
    }

    @Test
    void tooManyDownloadsFromThisAddressIsTriedAgainAfterRetryAfter() throws Exception {
        refusals.put("/api/v1/audit/export?fromLeaf=14", 429);
        Path out = dir.resolve("audit");
        assertThat(run("fetch", "--url", url(), "--out", out.toString())).as(output.toString()).isZero();
        assertThat(requests.stream().filter("/api/v1/audit/export?fromLeaf=14"::equals)).hasSize(2);
        assertThat(Files.readString(out.resolve("export.ndjson"))).isEqualTo(ExportFixture.export(fixture.lines));
    }

    @Test
    void aPageCutShortMidLineIsAnErrorAndLeavesNoFile() throws Exception {
        server.removeContext("/api/v1/audit/export");
        // the second page: its status and first bytes sent, then the stream ends cleanly mid-line (as
        // a server-side time limit on a streamed response did)
        server.createContext("/api/v1/audit/export", x -> {
            int from = (int) query(x, "fromLeaf");
            String page = ExportFixture.export(fixture.lines.subList(from, from + LEAVES_A_PAGE));
            reply(x, "application/x-ndjson", from == 0 ? page : page.substring(0, page.length() - 40),
                    Map.of("X-Next-From-Leaf", Integer.toString(from + LEAVES_A_PAGE)));
        });
        fetchFails("/api/v1/audit/export?fromLeaf=7: the download ended mid-line after", "export.ndjson");
    }

    @Test
    void aNextPageThatDoesNotMoveOnIsAnError() throws Exception {
        AtomicInteger pages = new AtomicInteger();
        server.removeContext("/api/v1/audit/leaf-hashes");
        server.createContext("/api/v1/audit/leaf-hashes", x -> {
            pages.incrementAndGet();
            reply(x, "text/plain", "", Map.of("X-Next-From-Leaf", "0"));
        });
        fetchFails("X-Next-From-Leaf \"0\" is not a position after 0", "leaf-hashes.txt");
        assertThat(pages).hasValue(1);
    }
}
