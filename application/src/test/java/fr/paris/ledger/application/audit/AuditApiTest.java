package fr.paris.ledger.application.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.Tokens;
import fr.paris.ledger.infra.web.DownloadLimitFilter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.sql.Connection;
import javax.sql.DataSource;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcProperties;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The sealed ledger over HTTP, checked the way an outsider would: every formula is recomputed here
 * from the published bytes (the service's Merkle code is not used). {@link AuditTamperTest} changes
 * a row behind the ledger's back, on a database of its own.
 */
@LedgerIntegrationTest
class AuditApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUDITOR = Tokens.withRoles("auditor-1", "AUDITOR");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    WebMvcProperties mvc;

    Api api;

    @Test
    void streamed_audit_downloads_have_no_time_limit() {
        // the export, leaf hashes and checkpoints are StreamingResponseBody (async) responses: with
        // Tomcat's default async timeout (30 s) a long export was cut short, its 200 already sent
        // (found by the benchmark of a 2,000,000-event export, docs/benchmarks.md); the service's
        // own configuration (application.yml, not overridden in these tests) sets no limit
        assertThat(mvc.getAsync().getRequestTimeout()).isNotNull();
        assertThat(mvc.getAsync().getRequestTimeout().isNegative()).as("no async timeout").isTrue();
    }

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    static byte[] sha256(byte prefix, byte[]... parts) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(prefix);
        for (byte[] p : parts) {
            sha.update(p);
        }
        return sha.digest();
    }

    /** MTH(D[0:n]) straight from RFC 9162 2.1.1, recursively. */
    static byte[] mth(List<byte[]> leafHashes, int from, int to) throws Exception {
        int n = to - from;
        if (n == 0) {
            return MessageDigest.getInstance("SHA-256").digest();
        }
        if (n == 1) {
            return leafHashes.get(from);
        }
        int k = Integer.highestOneBit(n - 1);
        return sha256((byte) 1, mth(leafHashes, from, from + k), mth(leafHashes, from + k, to));
    }

    private String issueCards(int n, String prefix) {
        String last = null;
        for (int i = 0; i < n; i++) {
            Api.Response r = api.post("/api/v1/citizen-cards", Tokens.citizen(prefix + i, "1980-01-01", "75010"), "{}");
            assertThat(r.status()).isEqualTo(201);
            last = r.json().path("receipt").path("eventId").asText();
        }
        return last;
    }

    private long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    private JsonNode sealedCheckpointCovering(long size) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            String note = api.get("/api/v1/audit/checkpoint", null).body();
            long treeSize = Long.parseLong(note.split("\n")[1]);
            return JSON.valueToTree(java.util.Map.of("note", note, "size", treeSize));
        }, c -> c.path("size").asLong() >= size);
    }

    @Test
    void every_event_is_sealed_signed_exported_and_provable() throws Exception {
        String eventId = issueCards(7, "audit-a-");
        long total = events();
        JsonNode checkpoint = sealedCheckpointCovering(total);
        String note = checkpoint.path("note").asText();
        long size = checkpoint.path("size").asLong();

        // the signed note: body, blank line, "— <name> <base64(key hash || signature)>"
        String[] bodyAndSig = note.split("\n\n", 2);
        String body = bodyAndSig[0] + "\n";
        String[] lines = bodyAndSig[0].split("\n");
        assertThat(lines).hasSize(3);
        String vkey = api.get("/api/v1/audit/verifier-key", null).body().strip();
        String[] vk = vkey.split("\\+", 3);
        assertThat(lines[0]).isEqualTo(vk[0]);
        assertThat(bodyAndSig[1]).startsWith("\u2014 " + vk[0] + " ");
        byte[] sigBlob = Base64.getDecoder().decode(bodyAndSig[1].strip().substring(("\u2014 " + vk[0] + " ").length()));
        assertThat(HexFormat.of().formatHex(Arrays.copyOf(sigBlob, 4))).isEqualTo(vk[1]);
        byte[] typedKey = Base64.getDecoder().decode(vk[2]);
        byte[] spki = HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(typedKey, 1, 33));
        Signature ed = Signature.getInstance("Ed25519");
        ed.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
        ed.update(body.getBytes(StandardCharsets.UTF_8));
        assertThat(ed.verify(Arrays.copyOfRange(sigBlob, 4, sigBlob.length))).as("checkpoint signature").isTrue();

        // the export: canonical lines in leaf order, whose hashes make the checkpoint's root
        Api.Response export = api.get("/api/v1/audit/export?limit=" + size, AUDITOR);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        List<byte[]> leafHashes = new ArrayList<>();
        int expectedLeaf = 0;
        for (String line : export.body().split("\n")) {
            JsonNode o = JSON.readTree(line);
            assertThat(o.path("leafIndex").asInt()).isEqualTo(expectedLeaf++);
            assertThat(line).as("canonical form").isEqualTo(new JsonCanonicalizer(line).getEncodedString());
            assertThat(o.path("payload").isObject()).isTrue();
            leafHashes.add(sha256((byte) 0, line.getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(leafHashes).hasSize((int) size);
        byte[] root = mth(leafHashes, 0, (int) size);
        assertThat(Base64.getEncoder().encodeToString(root)).isEqualTo(lines[2]);

        // a receipt becomes a proof of inclusion
        JsonNode proof = api.get("/api/v1/audit/proofs/inclusion?eventId=" + eventId + "&treeSize=" + size, null).json();
        int leaf = proof.path("leafIndex").asInt();
        assertThat(JSON.readTree(export.body().split("\n")[leaf]).path("eventId").asText()).isEqualTo(eventId);
        assertThat(proof.path("leafHash").asText()).isEqualTo(Base64.getEncoder().encodeToString(leafHashes.get(leaf)));
        assertThat(verifyInclusion(leaf, size, leafHashes.get(leaf), proof.path("auditPath"), root)).isTrue();

        assertThat(api.get("/api/v1/audit/proofs/inclusion?eventId=no-such-event", null).code()).isEqualTo("audit.not-sealed-yet");
        // public (privacy.md, principle 6): with no token, or with a token of any role
        assertThat(api.get("/api/v1/audit/export?limit=" + size, null).body()).isEqualTo(export.body());
        assertThat(api.get("/api/v1/audit/export?limit=" + size, Tokens.citizen("audit-curious", "1980-01-01", "75001")).body())
                .isEqualTo(export.body());
        assertThat(api.get("/api/v1/audit/checkpoints", null).status()).isEqualTo(200);
    }

    /** Follows the pages of a download from {@code first} (a path and query) to the last; each page's response. */
    private List<Api.Response> pages(String first, String nextHeader) {
        List<Api.Response> pages = new ArrayList<>();
        String next = first;
        while (next != null) {
            Api.Response page = api.get(next, null);
            assertThat(page.status()).as(next + " -> " + page).isEqualTo(200);
            pages.add(page);
            String link = page.header("Link");
            next = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
            assertThat(page.header(nextHeader)).as("the next page, in both headers")
                    .isEqualTo(next == null ? null : next.replaceAll(".*from(Leaf|Size)=(\\d+).*", "$2"));
            assertThat(pages).as("pages of " + first).hasSizeLessThan(100);
        }
        return pages;
    }

    private static void immutable(Api.Response page) {
        assertThat(page.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(page.header("ETag")).matches("\"[^\"]+\"");
    }

    private static void mayChange(Api.Response page) {
        assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(page.header("ETag")).isNull();
        assertThat(page.header("Link")).isNull();
    }

    @Test
    void the_downloads_come_in_pages_that_add_up_to_the_whole_and_full_pages_are_immutable() throws Exception {
        issueCards(5, "audit-pages-");
        long total = events();
        sealedCheckpointCovering(total);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("SELECT tree_size FROM audit_state", Long.class) == total);

        // the export: the whole (one page: fewer leaves than the most a page holds) and pages of 2
        Api.Response whole = api.get("/api/v1/audit/export", null);
        assertThat(whole.status()).isEqualTo(200);
        mayChange(whole);
        assertThat(whole.body().split("\n")).hasSize((int) total);
        List<Api.Response> pages = pages("/api/v1/audit/export?fromLeaf=0&limit=2", "X-Next-From-Leaf");
        assertThat(pages.stream().map(Api.Response::body).collect(Collectors.joining())).isEqualTo(whole.body());
        assertThat(pages).hasSize((int) (total / 2 + 1));
        Api.Response full = pages.get(0);
        immutable(full);
        assertThat(full.header("Link")).isEqualTo("</api/v1/audit/export?fromLeaf=2&limit=2>; rel=\"next\"");
        assertThat(full.header("X-Next-From-Leaf")).isEqualTo("2");
        pages.subList(0, pages.size() - 1).forEach(AuditApiTest::immutable);
        mayChange(pages.get(pages.size() - 1));
        // a cache that holds a full page asks again with its ETag: 304, still immutable, no body
        Api.Response again = api.send("GET", "/api/v1/audit/export?fromLeaf=0&limit=2", null, null, null,
                java.util.Map.of("If-None-Match", full.header("ETag")));
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        immutable(again);
        assertThat(again.header("ETag")).isEqualTo(full.header("ETag"));
        assertThat(api.get("/api/v1/audit/export?fromLeaf=2&limit=2", null).header("ETag")).isNotEqualTo(full.header("ETag"));

        // the leaf hashes, paged the same way
        Api.Response hashes = api.get("/api/v1/audit/leaf-hashes", null);
        mayChange(hashes);
        List<Api.Response> hashPages = pages("/api/v1/audit/leaf-hashes?limit=3", "X-Next-From-Leaf");
        assertThat(hashPages.stream().map(Api.Response::body).collect(Collectors.joining())).isEqualTo(hashes.body());
        immutable(hashPages.get(0));
        assertThat(hashPages.get(0).header("Link")).isEqualTo("</api/v1/audit/leaf-hashes?fromLeaf=3&limit=3>; rel=\"next\"");
        assertThat(hashes.body().split("\n")).hasSize((int) total);

        // the checkpoints, one a page: the arrays add up to the whole
        JsonNode all = api.get("/api/v1/audit/checkpoints", null).json();
        List<Api.Response> checkpointPages = pages("/api/v1/audit/checkpoints?limit=1", "X-Next-From-Size");
        List<JsonNode> paged = new ArrayList<>();
        checkpointPages.forEach(p -> p.json().forEach(paged::add));
        List<JsonNode> whole2 = new ArrayList<>();
        all.forEach(whole2::add);
        assertThat(paged).isEqualTo(whole2);
        immutable(checkpointPages.get(0));
        long firstSize = all.get(0).path("treeSize").asLong();
        assertThat(checkpointPages.get(0).header("X-Next-From-Size")).isEqualTo(Long.toString(firstSize + 1));
        mayChange(checkpointPages.get(checkpointPages.size() - 1));

        // a page larger than the most is refused, as a problem
        for (String download : List.of("export", "leaf-hashes", "checkpoints")) {
            Api.Response tooLarge = api.get("/api/v1/audit/" + download + "?limit=10001", null);
            assertThat(tooLarge.status()).as(download).isEqualTo(400);
            assertThat(tooLarge.contentType()).startsWith("application/problem+json");
            assertThat(tooLarge.code()).isEqualTo("request.invalid");
            assertThat(tooLarge.json().path("errors").path(0).path("field").asText()).isEqualTo("limit");
            assertThat(api.get("/api/v1/audit/" + download + "?limit=10000", null).status()).isEqualTo(200);
        }
    }

    @Autowired
    FilterRegistrationBean<DownloadLimitFilter> downloadLimit;
    @Autowired
    DataSource dataSource;

    @Test
    void a_third_download_at_once_from_one_address_gets_429_until_one_of_two_ends() throws Exception {
        issueCards(2, "audit-busy-");
        sealedCheckpointCovering(events());
        // one download after another is never refused: a slot is given back before the response's last byte
        for (int i = 0; i < 10; i++) {
            assertThat(api.get("/api/v1/audit/export?fromLeaf=" + i, null).status()).isEqualTo(200);
        }
        HttpClient http = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> export;
        CompletableFuture<HttpResponse<String>> hashes;
        try (Connection lock = dataSource.getConnection()) {
            // two downloads held open: their leaves cannot be read until this transaction ends
            lock.setAutoCommit(false);
            lock.createStatement().execute("LOCK TABLE audit_leaf IN ACCESS EXCLUSIVE MODE");
            export = http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/audit/export")).build(),
                    HttpResponse.BodyHandlers.ofString());
            hashes = http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/audit/leaf-hashes"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(10)).until(() -> downloadLimit.getFilter().active() == 2);

            Api.Response third = api.get("/api/v1/audit/checkpoints", null);
            assertThat(third.status()).as(third.toString()).isEqualTo(429);
            assertThat(third.contentType()).startsWith("application/problem+json");
            assertThat(third.code()).isEqualTo("audit.too-many-downloads");
            assertThat(third.header("Retry-After")).isEqualTo("1");
            assertThat(export).isNotDone();
            // the other audit reads are not downloads
            assertThat(api.get("/api/v1/audit/verifier-key", null).status()).isEqualTo(200);
            lock.rollback();
        }
        assertThat(export.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(hashes.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(export.get().body().split("\n")).hasSize((int) events());
        assertThat(api.get("/api/v1/audit/checkpoints", null).status()).isEqualTo(200);
        assertThat(downloadLimit.getFilter().active()).isZero();
    }

    @Test
    void checkpoints_grow_consistently() throws Exception {
        issueCards(3, "audit-b-");
        long first = sealedCheckpointCovering(events()).path("size").asLong();
        issueCards(5, "audit-c-");
        long second = sealedCheckpointCovering(events()).path("size").asLong();
        assertThat(second).isGreaterThan(first);

        JsonNode all = api.get("/api/v1/audit/checkpoints", AUDITOR).json();
        List<Long> sizes = new ArrayList<>();
        all.forEach(c -> sizes.add(c.path("treeSize").asLong()));
        assertThat(sizes).isSorted().contains(first, second);
        JsonNode page = api.get("/api/v1/audit/checkpoints?fromSize=" + first + "&limit=1", AUDITOR).json();
        assertThat(page.size()).isOne();
        assertThat(page.path(0).path("treeSize").asLong()).isEqualTo(first);
        assertThat(page.path(0).path("note").asText()).isEqualTo(all.get(sizes.indexOf(first)).path("note").asText());
        assertThat(api.get("/api/v1/audit/checkpoints?limit=-1", AUDITOR).code()).isEqualTo("request.invalid");

        List<byte[]> leafHashes = new ArrayList<>();
        for (String line : api.get("/api/v1/audit/export?limit=" + second, AUDITOR).body().split("\n")) {
            leafHashes.add(sha256((byte) 0, line.getBytes(StandardCharsets.UTF_8)));
        }
        JsonNode proof = api.get("/api/v1/audit/proofs/consistency?from=" + first + "&to=" + second, null).json();
        assertThat(verifyConsistency(first, second, mth(leafHashes, 0, (int) first), mth(leafHashes, 0, (int) second),
                proof.path("path"))).isTrue();
        assertThat(api.get("/api/v1/audit/proofs/consistency?from=5&to=2", null).code()).isEqualTo("request.invalid");
    }

    /** RFC 9162 2.1.3.2. */
    static boolean verifyInclusion(long index, long size, byte[] leafHash, JsonNode path, byte[] root) throws Exception {
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (JsonNode p : path) {
            byte[] h = Base64.getDecoder().decode(p.asText());
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = sha256((byte) 1, h, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = sha256((byte) 1, r, h);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /** RFC 9162 2.1.4.2. */
    private static boolean verifyConsistency(long first, long second, byte[] firstRoot, byte[] secondRoot, JsonNode json)
            throws Exception {
        List<byte[]> path = new ArrayList<>();
        json.forEach(p -> path.add(Base64.getDecoder().decode(p.asText())));
        if (path.isEmpty()) {
            return false;
        }
        if (Long.bitCount(first) == 1) {
            path.add(0, firstRoot);
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = sha256((byte) 1, c, fr);
                sr = sha256((byte) 1, c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = sha256((byte) 1, sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, firstRoot) && Arrays.equals(sr, secondRoot);
    }
}
