package fr.paris.ledger.application.audit.web;

import fr.paris.ledger.application.audit.AuditReads.Download;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * One page of a public audit download (the export, the leaf hashes, the checkpoints file) and the
 * headers that go with it. A <em>full</em> page holds all the {@code limit} items it asked for: its
 * items are sealed or signed, and what follows them can only be appended after them, so the page
 * never changes and a cache or CDN may keep it for a year ({@code immutable}, with an ETag naming
 * its content). Any other page may still grow: {@code no-cache}. A full page names the next one
 * ({@code Link: <...>; rel="next"} and {@code X-Next-From-Leaf} / {@code X-Next-From-Size}); the
 * last page names none.
 *
 * @param etag  the strong entity tag of a full page, null for any other page
 * @param next  the request of the next page (its path and query), null for the last page
 * @param nextHeader the header that carries the next page's first item, e.g. {@code X-Next-From-Leaf}
 * @param nextFrom that first item
 * @param download the page of the download: its body is streamed when it is answered with 200
 */
record AuditPage(String etag, String next, String nextHeader, long nextFrom, Download download) {
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String NO_CACHE = "no-cache";

    /**
     * The page of {@code /api/v1/audit/<kind>} for a download page: a full one's ETag is made of
     * {@code kind}, its first and last item and a digest of its stored content; {@code fromParam}
     * and {@code nextHeader} name the next page's first item in its link and header.
     */
    static AuditPage of(String kind, Download download, String fromParam, String nextHeader, Long limit) {
        if (!download.full()) {
            return new AuditPage(null, null, null, -1, download);
        }
        String etag = "\"" + kind + "-" + download.first() + "-" + download.last() + "-"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(download.digest(), 16)) + "\"";
        String next = "/api/v1/audit/" + kind + "?" + fromParam + "=" + download.nextFrom()
                + (limit == null ? "" : "&limit=" + limit);
        return new AuditPage(etag, next, nextHeader, download.nextFrom(), download);
    }

    boolean isFull() {
        return etag != null;
    }

    /**
     * The answer: 304 with this page's headers and no body when the client's {@code If-None-Match}
     * names this (full) page, else 200 with its headers and the body to stream.
     */
    ResponseEntity<StreamingResponseBody> answer(HttpHeaders request, MediaType type) {
        if (notModified(request)) {
            return response(HttpStatus.NOT_MODIFIED).build();
        }
        return response(HttpStatus.OK).contentType(type).body(download.body()::writeTo);
    }

    /** Whether the client's {@code If-None-Match} names this (full) page. */
    private boolean notModified(HttpHeaders request) {
        if (etag == null) {
            return false;
        }
        List<String> tags = request.getIfNoneMatch();
        return tags.contains("*") || tags.contains(etag) || tags.contains("W/" + etag);
    }

    /** A 200 (or 304) with this page's caching and next-page headers. */
    private ResponseEntity.BodyBuilder response(HttpStatus status) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (!isFull()) {
            return response.header(HttpHeaders.CACHE_CONTROL, NO_CACHE);
        }
        return response.header(HttpHeaders.CACHE_CONTROL, IMMUTABLE).eTag(etag)
                .header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"")
                .header(nextHeader, Long.toString(nextFrom));
    }
}
