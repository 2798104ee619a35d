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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on unsafe requests: the same key from the same principal returns the
 * first response again (status, type and body, with {@code Idempotent-Replayed: true}) and runs
 * nothing. The same key with a different request is refused ({@code idempotency.key-reused}, 422).
 *
 * <p>The key's record and the request's act are written in one transaction, and the answer reaches
 * the client only after it commits (ADR 004): a crash never leaves an act without its record, nor a
 * record without its act. Responses of 5xx roll the transaction back, so a retry runs the request
 * again. Runs after the security filters, so the principal is known; a principal is kept as the
 * keyed hash of its {@code sub} (docs/privacy.md).
 *
 * <p>A replay passes the same authorization as the request would (issue 14; ADR 004): a key is kept
 * with the caller's roles (sorted authorities), and only a retry holding exactly those roles is
 * replayed here. A retry with the same request but other roles goes on to the endpoint, unrecorded
 * and outside the key's transaction, with {@link #ROLES_CHANGED} set: the endpoint's
 * {@code @PreAuthorize} refuses it as it would refuse the request (401, 403), and, if it passes,
 * {@link #rolesGuard()} stops it before the endpoint runs with 422 {@code idempotency.key-reused}:
 * it is neither run a second time nor given an answer obtained with other roles.
 */
public class IdempotencyFilter extends OncePerRequestFilter {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final int MAX_KEY_LENGTH = 255;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IdempotencyFilter.class);
    /** The request attribute of a retry whose key was used with other roles. */
    public static final String ROLES_CHANGED = IdempotencyFilter.class.getName() + ".ROLES_CHANGED";

    private final IdempotencyStore store;
    private final ObjectMapper json;
    private final long bodyLimit;

    private final StoredResponses responses;

    /** @param responses how a caller's records are named (never by the plain sub) and their answers sealed */
    private final TransactionTemplate transaction;

    public IdempotencyFilter(IdempotencyStore store, ObjectMapper json, long bodyLimit,
                             StoredResponses responses, PlatformTransactionManager transactions) {
        this.responses = responses;
        this.transaction = new TransactionTemplate(transactions);
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
        String roles = roles();
        String hash = hash(request, body);
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        // One transaction holds the key's record and the act's events (Axon's unit of work joins it
        // as a savepoint): after a crash either both are there, and a retry gets the stored answer,
        // or neither is, and a retry runs the act once. A retry arriving meanwhile waits on the
        // key's row (PostgreSQL's unique index) until this transaction ends. ADR 004.
        Outcome outcome;
        try {
            outcome = run(request, recorded, chain, body, principal, key, hash, roles);
        } catch (ChainFailure failure) {
            if (failure.getCause() instanceof IOException io) {
                throw io;
            }
            throw (ServletException) failure.getCause();
        }
        switch (outcome.kind()) {
            case RAN -> recorded.copyBodyToResponse(); // only now, after the commit, does the client hear of it
            case REPLAY -> replay(outcome.entry(), response, responses.open(subject(), outcome.entry().body()));
            case KEY_REUSED -> Problems.write(response, keyReused("This Idempotency-Key was used for a different request."),
                    json);
            case IN_PROGRESS -> inProgress(response);
            case ROLES_CHANGED -> {
                // the same request with other roles: authorized as the request would be, then refused (rolesGuard)
                request.setAttribute(ROLES_CHANGED, Boolean.TRUE);
                chain.doFilter(new CachedBodyRequest(request, body), response);
            }
        }
    }

    private Outcome run(HttpServletRequest request, ContentCachingResponseWrapper recorded, FilterChain chain, byte[] body,
                        String principal, String key, String hash, String roles) {
        return transaction.execute(tx -> {
            Optional<IdempotencyStore.Entry> existing = Optional.empty();
            if (!store.claim(principal, key, hash, roles)) {
                existing = store.find(principal, key);
                if (existing.isEmpty()) {
                    // the holder rolled back and was removed between our claim and our read: a rare race
                    return Outcome.inProgress();
                }
                if (!existing.get().requestHash().equals(hash)) {
                    return Outcome.keyReused();
                }
                return roles.equals(existing.get().roles()) ? Outcome.replay(existing.get()) : Outcome.rolesChanged();
            }
            try {
                chain.doFilter(new CachedBodyRequest(request, body), recorded);
            } catch (IOException | ServletException e) {
                throw new ChainFailure(e);
            }
            int status = recorded.getStatus();
            if (status >= 500) {
                tx.setRollbackOnly(); // not acknowledged: nothing of it stays, a retry runs it again
                return Outcome.ran();
            }
            store.complete(principal, key, status, recorded.getContentType(),
                    responses.seal(subject(), recorded.getContentAsByteArray()));
            return Outcome.ran();
        });
    }

    /** What became of a keyed request inside its transaction. */
    private record Outcome(Kind kind, IdempotencyStore.Entry entry) {
        enum Kind { RAN, REPLAY, KEY_REUSED, IN_PROGRESS, ROLES_CHANGED }

        static Outcome ran() {
            return new Outcome(Kind.RAN, null);
        }

        static Outcome replay(IdempotencyStore.Entry entry) {
            return new Outcome(Kind.REPLAY, entry);
        }

        static Outcome keyReused() {
            return new Outcome(Kind.KEY_REUSED, null);
        }

        static Outcome inProgress() {
            return new Outcome(Kind.IN_PROGRESS, null);
        }

        static Outcome rolesChanged() {
            return new Outcome(Kind.ROLES_CHANGED, null);
        }
    }

    /** A servlet failure carried out of the transaction's callback (which allows unchecked ones only). */
    private static final class ChainFailure extends RuntimeException {
        ChainFailure(Exception cause) {
            super(cause);
        }
    }

    private void inProgress(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", "1");
        Problems.write(response, Problems.of(HttpStatus.CONFLICT, "idempotency.in-progress", "Request in progress",
                "A request with this Idempotency-Key is still being processed; retry later."), json);
    }

    private static void replay(IdempotencyStore.Entry entry, HttpServletResponse response, byte[] opened) throws IOException {
        if (opened == null && entry.body() != null) {
            throw new IllegalStateException("a stored answer that its caller's key cannot open (an erasure leaves none)");
        }
        response.setStatus(entry.status());
        if (entry.contentType() != null) {
            response.setContentType(entry.contentType());
        }
        response.setHeader(REPLAYED_HEADER, "true");
        byte[] body = opened == null ? new byte[0] : opened;
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The 422 {@code idempotency.key-reused} problem. */
    public static org.springframework.http.ProblemDetail keyReused(String detail) {
        return Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency.key-reused", "Idempotency key reused", detail);
    }

    /** Thrown by {@link #rolesGuard()}: the answer is {@link #keyReused}. */
    public static final class KeyUsedWithOtherRoles extends RuntimeException {
        public KeyUsedWithOtherRoles() {
            super("This Idempotency-Key was used with other roles; send the request with a new key.", null, false, false);
        }
    }

    /**
     * Advice on the controllers' request-mapping methods, inside method security (ordered after
     * {@code @PreAuthorize}, {@code @Secured} and JSR-250): a retry marked {@link #ROLES_CHANGED}
     * that was authorized is stopped with {@link KeyUsedWithOtherRoles} before the method runs.
     */
    public static org.springframework.aop.Advisor rolesGuard() {
        var pointcut = new org.springframework.aop.support.annotation.AnnotationMatchingPointcut(
                org.springframework.web.bind.annotation.RestController.class,
                org.springframework.web.bind.annotation.RequestMapping.class, true);
        org.aopalliance.intercept.MethodInterceptor guard = invocation -> {
            if (org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
                    instanceof org.springframework.web.context.request.ServletRequestAttributes attributes
                    && attributes.getRequest().getAttribute(ROLES_CHANGED) != null) {
                throw new KeyUsedWithOtherRoles();
            }
            return invocation.proceed();
        };
        var advisor = new org.springframework.aop.support.DefaultPointcutAdvisor(pointcut, guard);
        advisor.setOrder(org.springframework.security.authorization.method.AuthorizationInterceptorsOrder.JSR250.getOrder() + 1);
        return advisor;
    }

    /** The caller's authorities, sorted and comma-separated ("" when anonymous). */
    private static String roles() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            return "";
        }
        return auth.getAuthorities().stream().map(org.springframework.security.core.GrantedAuthority::getAuthority)
                .sorted().distinct().collect(java.util.stream.Collectors.joining(","));
    }

    private String principal() {
        String sub = subject();
        return sub == null ? "anonymous" : responses.principal(sub);
    }

    /** The caller's {@code sub}, or null when anonymous. */
    private static String subject() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() ? null : auth.getName();
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
