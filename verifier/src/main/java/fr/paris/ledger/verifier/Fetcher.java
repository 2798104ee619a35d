package fr.paris.ledger.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Downloads what {@code verify} needs from a running ledger: the verifier key (public), the signed
 * checkpoints, the export and the stored leaf hashes (these three need an AUDITOR token). The checkpoints are fetched before
 * the export, so that every checkpoint is within the export; the export is streamed to disk.
 */
public final class Fetcher {
    public static final String KEY_FILE = "verifier.key";
    public static final String CHECKPOINTS_FILE = "checkpoints.json";
    public static final String EXPORT_FILE = "export.ndjson";
    public static final String LEAF_HASHES_FILE = "leaf-hashes.txt";

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String base;
    private final String token;

    /** @param baseUrl the service's address, e.g. {@code https://ledger.example}; {@code /api/v1/audit/...} is appended */
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
        get("/api/v1/audit/verifier-key", "text/plain", dir.resolve(KEY_FILE), false);
        get("/api/v1/audit/checkpoints", "application/json", dir.resolve(CHECKPOINTS_FILE), false);
        get("/api/v1/audit/export", "application/x-ndjson", dir.resolve(EXPORT_FILE), true);
        get("/api/v1/audit/leaf-hashes", "text/plain", dir.resolve(LEAF_HASHES_FILE), true);
    }

    /**
     * GETs {@code path} to {@code target}, through a temporary file so that a failed download leaves no
     * partial file. With {@code lines}, a file the service ends each line of with "\n": a download that
     * ends mid-line was cut short on the way (a time limit, a lost connection: the status was sent
     * before the body, so it says 200 all the same) and is an error too.
     */
    private void get(String path, String accept, Path target, boolean lines) throws IOException, InterruptedException {
        URI uri = URI.create(base + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept", accept).timeout(Duration.ofHours(2));
        if (token != null && !token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("GET " + uri + ": HTTP " + response.statusCode());
            }
            Path part = target.resolveSibling(target.getFileName() + ".part");
            long size = Files.copy(body, part, StandardCopyOption.REPLACE_EXISTING);
            if (lines && size > 0 && lastByte(part) != '\n') {
                Files.delete(part);
                throw new IOException("GET " + uri + ": the download ended mid-line after " + size
                        + " bytes: it was cut short on the way; fetch again");
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static int lastByte(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.seek(f.length() - 1);
            return f.read();
        }
    }
}
