package fr.paris.ledger.infra.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.paris.ledger.infra.web.BodySizeLimitFilter;
import fr.paris.ledger.infra.web.CachedBodyRequest;
import fr.paris.ledger.infra.web.PayloadTooLargeException;
import fr.paris.ledger.infra.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on unsafe requests: the same key from the same principal returns the
 * first response again (status, type and body, with {@code Idempotent-Replayed: true}) and runs
 * nothing. The same key with a different request is refused ({@code idempotency.key-reused}, 422);
 * a retry while the first request still runs gets 409 {@code idempotency.in-progress}.
 *
 * <p>Responses of 5xx are not kept: the key is released so that a retry runs the request again.
 * Runs after the security filters, so the principal is known.
 */
public class IdempotencyFilter extends OncePerRequestFilter {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final int MAX_KEY_LENGTH = 255;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyStore store;
    private final ObjectMapper json;
    private final long bodyLimit;

    private final java.util.function.UnaryOperator<String> principalHash;

    /** @param principalHash the keyed hash under which a caller's records are kept (never the plain sub) */
    public IdempotencyFilter(IdempotencyStore store, ObjectMapper json, long bodyLimit,
                             java.util.function.UnaryOperator<String> principalHash) {
        this.principalHash = principalHash;
        this.store = store;
        this.json = json;
        this.bodyLimit = bodyLimit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !UNSAFE.contains(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            var problem = Problems.of(HttpStatus.BAD_REQUEST, "request.invalid", "Invalid request",
                    "The Idempotency-Key header must have 1 to " + MAX_KEY_LENGTH + " characters.");
            problem.setProperty("errors", java.util.List.of(java.util.Map.of("field", HEADER,
                    "message", "1 to " + MAX_KEY_LENGTH + " characters")));
            Problems.write(response, problem, json);
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (PayloadTooLargeException e) {
            Problems.write(response, BodySizeLimitFilter.tooLarge(bodyLimit), json);
            return;
        }
        String principal = principal();
        String hash = hash(request, body);

        if (!store.claim(principal, key, hash)) {
            Optional<IdempotencyStore.Entry> existing = store.find(principal, key);
            if (existing.isEmpty()) {
                // released between our claim and our read: the first request failed; claim again
                if (!store.claim(principal, key, hash)) {
                    inProgress(response);
                    return;
                }
            } else if (!existing.get().requestHash().equals(hash)) {
                Problems.write(response, Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency.key-reused",
                        "Idempotency key reused", "This Idempotency-Key was used for a different request."), json);
                return;
            } else if (existing.get().completed()) {
                replay(existing.get(), response);
                return;
            } else if (!(existing.get().stale() && store.takeOverStale(principal, key))) {
                inProgress(response);
                return;
            }
        }

        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        boolean completed = false;
        try {
            chain.doFilter(new CachedBodyRequest(request, body), recorded);
            int status = recorded.getStatus();
            if (status < 500) {
                store.complete(principal, key, status, recorded.getContentType(), recorded.getContentAsByteArray());
                completed = true;
            }
        } finally {
            if (!completed) {
                release(principal, key);
            }
        }
        recorded.copyBodyToResponse();
    }

    /**
     * Releases a claim whose request failed, so that a retry runs it again. When the database is
     * gone too, the claim stays and is taken over by a retry after {@code stale-after}; the
     * request's own failure is the one reported.
     */
    private void release(String principal, String key) {
        try {
            store.release(principal, key);
        } catch (RuntimeException e) {
            log.warn("Could not release an Idempotency-Key claim ({}); a retry takes it over after stale-after",
                    e.getMessage());
        }
    }

    private void inProgress(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", "1");
        Problems.write(response, Problems.of(HttpStatus.CONFLICT, "idempotency.in-progress", "Request in progress",
                "A request with this Idempotency-Key is still being processed; retry later."), json);
    }

    private static void replay(IdempotencyStore.Entry entry, HttpServletResponse response) throws IOException {
        response.setStatus(entry.status());
        if (entry.contentType() != null) {
            response.setContentType(entry.contentType());
        }
        response.setHeader(REPLAYED_HEADER, "true");
        byte[] body = entry.body() == null ? new byte[0] : entry.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private String principal() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() ? "anonymous" : principalHash.apply(auth.getName());
    }

    private static String hash(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((request.getMethod() + " " + request.getRequestURI() + "?"
                    + (request.getQueryString() == null ? "" : request.getQueryString()) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
