package fr.paris.ledger.verifier;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Downloads what {@code verify} needs from a running ledger: the verifier key, the signed
 * checkpoints, the export and the stored leaf hashes. All four are public; a token, when given, is
 * sent. The last three come in pages: each page names the next one ({@code X-Next-From-Size},
 * {@code X-Next-From-Leaf}), and the pages go one after the other into one file, the same file a
 * single download would give. The checkpoints are fetched before the export, so that every
 * checkpoint is within the export; the export is streamed to disk.
 */
public final class Fetcher {
    public static final String KEY_FILE = "verifier.key";
    public static final String CHECKPOINTS_FILE = "checkpoints.json";
    public static final String EXPORT_FILE = "export.ndjson";
    public static final String LEAF_HASHES_FILE = "leaf-hashes.txt";
    /** Tries of one page refused with 429 (another download from the same address), waiting as told in between. */
    static final int TRIES = 5;
    /** The longest wait after a 429, whatever its Retry-After says. */
    static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String base;
    private final String token;

    /**
     * @param baseUrl the service's address, e.g. {@code https://ledger.example}; {@code /api/v1/audit/...} is appended
     * @param token   a bearer token, or null: none is needed
     */
    public Fetcher(String baseUrl, String token) {
        String b = baseUrl;
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        this.base = b;
        this.token = token;
    }

    public void fetchAll(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        download(dir.resolve(KEY_FILE), out -> {
            try (InputStream body = get("/api/v1/audit/verifier-key", "text/plain").body()) {
                body.transferTo(out);
            }
        });
        download(dir.resolve(CHECKPOINTS_FILE), this::checkpoints);
        download(dir.resolve(EXPORT_FILE), out -> lines("/api/v1/audit/export", "application/x-ndjson", out));
        download(dir.resolve(LEAF_HASHES_FILE), out -> lines("/api/v1/audit/leaf-hashes", "text/plain", out));
    }

    /** What writes a file's content. */
    private interface Content {
        void writeTo(OutputStream out) throws IOException, InterruptedException;
    }

    /** Writes {@code target} through a temporary file, so that a failed download leaves no file. */
    private static void download(Path target, Content content) throws IOException, InterruptedException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(part)) {
            content.writeTo(out);
        } catch (IOException | InterruptedException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Every page of a file of lines, from 0 on. The service ends each line with "\n": a page that
     * ends mid-line was cut short on the way (a time limit, a lost connection: the status was sent
     * before the body, so it says 200 all the same) and is an error.
     */
    private void lines(String path, String accept, OutputStream out) throws IOException, InterruptedException {
        long from = 0;
        long bytes = 0;
        while (true) {
            HttpResponse<InputStream> page = get(path + "?fromLeaf=" + from, accept);
            try (InputStream body = page.body()) {
                byte[] buffer = new byte[1 << 16];
                int last = '\n';
                for (int n; (n = body.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                    last = buffer[n - 1];
                    bytes += n;
                }
                if (last != '\n') {
                    throw new IOException("GET " + page.uri() + ": the download ended mid-line after " + bytes
                            + " bytes: it was cut short on the way; fetch again");
                }
            }
            OptionalLong next = next(page, "X-Next-From-Leaf", from);
            if (next.isEmpty()) {
                return;
            }
            from = next.getAsLong();
        }
    }

    /** Every page of the checkpoints, from size 0 on, as one JSON array (each page is one). */
    private void checkpoints(OutputStream out) throws IOException, InterruptedException {
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            json.writeStartArray();
            long from = 0;
            while (true) {
                HttpResponse<InputStream> page = get("/api/v1/audit/checkpoints?fromSize=" + from, "application/json");
                JsonNode items;
                try (InputStream body = page.body()) {
                    items = JSON.readTree(body);
                } catch (IOException e) {
                    throw new IOException("GET " + page.uri() + ": not JSON, or cut short (" + e.getMessage() + ")", e);
                }
                if (items == null || !items.isArray()) {
                    throw new IOException("GET " + page.uri() + ": not a JSON array");
                }
                for (JsonNode item : items) {
                    json.writeTree(item);
                }
                OptionalLong next = next(page, "X-Next-From-Size", from);
                if (next.isEmpty()) {
                    break;
                }
                from = next.getAsLong();
            }
            json.writeEndArray();
        }
    }

    /** Where the next page starts, or empty after the last page; it must be past {@code from}, or the fetch would not end. */
    private static OptionalLong next(HttpResponse<?> page, String header, long from) throws IOException {
        var value = page.headers().firstValue(header);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long next = Long.parseLong(value.get().strip());
            if (next > from) {
                return OptionalLong.of(next);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException("GET " + page.uri() + ": " + header + " \"" + value.get() + "\" is not a position after " + from);
    }

    /**
     * GETs {@code path}; any answer but 200 is an error. A 429 (too many downloads from this
     * address at once) is tried again after its {@code Retry-After}, {@link #TRIES} times in all.
     */
    private HttpResponse<InputStream> get(String path, String accept) throws IOException, InterruptedException {
        URI uri = URI.create(base + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept", accept).timeout(Duration.ofHours(2));
        if (token != null && !token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int attempt = 1; ; attempt++) {
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() == 200) {
                return response;
            }
            response.body().close();
            if (response.statusCode() != 429 || attempt == TRIES) {
                throw new IOException("GET " + uri + ": HTTP " + response.statusCode());
            }
            Thread.sleep(retryAfter(response).toMillis());
        }
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        try {
            long seconds = Long.parseLong(response.headers().firstValue("Retry-After").orElse("1").strip());
            Duration wait = Duration.ofSeconds(Math.max(1, seconds));
            return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
        } catch (NumberFormatException e) {
            // an HTTP date, or nonsense: wait a second
            return Duration.ofSeconds(1);
        }
    }
}
