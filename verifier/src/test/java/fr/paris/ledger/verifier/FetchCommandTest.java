package fr.paris.ledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fetch} against a tiny local HTTP server, then {@code verify} on what it downloaded. */
class FetchCommandTest {
    static final String TOKEN = "test-token";

    @TempDir
    Path dir;

    HttpServer server;
    ExportFixture fixture;
    String checkpoints;
    final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        fixture = ExportFixture.generate(20);
        checkpoints = fixture.checkpoints(5, 20);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/audit/verifier-key", x -> reply(x, false, "text/plain", fixture.keys.verifierKey() + "\n"));
        server.createContext("/api/v1/audit/checkpoints", x -> reply(x, true, "application/json", checkpoints));
        server.createContext("/api/v1/audit/export", x -> reply(x, true, "application/x-ndjson", ExportFixture.export(fixture.lines)));
        server.createContext("/api/v1/audit/leaf-hashes", x -> reply(x, true, "text/plain", fixture.leafHashesFile()));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void reply(HttpExchange x, boolean auditorOnly, String type, String body) throws IOException {
        requests.add(x.getRequestMethod() + " " + x.getRequestURI().getPath());
        String auth = x.getRequestHeaders().getFirst("Authorization");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int status = 200;
        if (auditorOnly && !("Bearer " + TOKEN).equals(auth)) {
            status = 401;
            bytes = new byte[0];
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

    int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        return Verifier.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(o, true, StandardCharsets.UTF_8));
    }

    @Test
    void downloadsTheThreeFilesThenTheyVerify() throws Exception {
        Path out = dir.resolve("audit");
        assertThat(run("fetch", "--url", url(), "--token", TOKEN, "--out", out.toString())).isZero();
        assertThat(requests).containsExactly("GET /api/v1/audit/verifier-key", "GET /api/v1/audit/checkpoints", "GET /api/v1/audit/export",
                "GET /api/v1/audit/leaf-hashes");
        assertThat(Files.readString(out.resolve("export.ndjson"))).isEqualTo(ExportFixture.export(fixture.lines));
        assertThat(Files.readString(out.resolve("checkpoints.json"))).isEqualTo(checkpoints);
        assertThat(Files.readString(out.resolve("verifier.key")).strip()).isEqualTo(fixture.keys.verifierKey());
        assertThat(run("verify", "--export", out.resolve("export.ndjson").toString(), "--checkpoints",
                out.resolve("checkpoints.json").toString(), "--key", out.resolve("verifier.key").toString())).isZero();
    }

    @Test
    void aRefusedRequestIsAnErrorAndLeavesNoPartialFile() throws Exception {
        Path out = dir.resolve("audit");
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int code = Verifier.run(new String[] {"fetch", "--url", url(), "--token", "wrong", "--out", out.toString()},
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(o, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(o.toString(StandardCharsets.UTF_8)).contains("/api/v1/audit/checkpoints: HTTP 401");
        assertThat(out.resolve("checkpoints.json")).doesNotExist();
        assertThat(out.resolve("checkpoints.json.part")).doesNotExist();
    }

    @Test
    void anExportCutShortMidLineIsAnErrorAndLeavesNoFile() throws Exception {
        String whole = ExportFixture.export(fixture.lines);
        server.removeContext("/api/v1/audit/export");
        // the status and the first bytes sent, then the stream ends cleanly mid-line (as a server-side
        // time limit on a streamed response did)
        server.createContext("/api/v1/audit/export", x -> reply(x, true, "application/x-ndjson", whole.substring(0, whole.length() - 40)));
        Path out = dir.resolve("audit");
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int code = Verifier.run(new String[] {"fetch", "--url", url(), "--token", TOKEN, "--out", out.toString()},
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(o, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(o.toString(StandardCharsets.UTF_8)).contains("/api/v1/audit/export: the download ended mid-line after");
        assertThat(out.resolve("export.ndjson")).doesNotExist();
        assertThat(out.resolve("export.ndjson.part")).doesNotExist();
    }
}
