package fr.paris.ledger.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At most {@code perAddress} downloads at once from one client address, on the given paths (the
 * public audit downloads: each holds a database cursor and a thread while it streams). Over the
 * limit: 429 {@code audit.too-many-downloads} with {@code Retry-After}, before any work. A download
 * holds its slot until its response ends: when the filter chain returns, or, for a streamed
 * (asynchronous) response, when the container completes it, whether the stream ended or failed.
 * The address is the container's, as for {@link RateLimitFilter}: {@code X-Forwarded-For} counts
 * only through Tomcat's trusted proxies. Only addresses with a download in progress are kept.
 */
public class DownloadLimitFilter extends OncePerRequestFilter {
    /** Seconds a refused client is told to wait: a page of 10,000 leaves streams in well under one (docs/benchmarks.md). */
    static final long RETRY_AFTER_SECONDS = 1;

    private final Set<String> paths;
    private final int perAddress;
    private final ObjectMapper json;
    private final ConcurrentHashMap<String, Integer> active = new ConcurrentHashMap<>();

    public DownloadLimitFilter(Set<String> paths, int perAddress, ObjectMapper json) {
        if (perAddress < 1) {
            throw new IllegalArgumentException("a download limit needs at least one download per address");
        }
        this.paths = Set.copyOf(paths);
        this.perAddress = perAddress;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // the decoded, normalized path, as the dispatcher matches it ("/api/v1/audit/%65xport" is the export too)
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return !paths.contains(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String address = request.getRemoteAddr();
        if (!take(address)) {
            response.setHeader("Retry-After", Long.toString(RETRY_AFTER_SECONDS));
            var problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "audit.too-many-downloads", "Too many downloads",
                    "At most " + perAddress + " audit downloads at once from one address; retry after "
                            + RETRY_AFTER_SECONDS + " s.");
            problem.setProperty("retryAfterSeconds", RETRY_AFTER_SECONDS);
            Problems.write(response, problem, json);
            return;
        }
        boolean releasedOnCompletion = false;
        try {
            chain.doFilter(request, response);
            if (request.isAsyncStarted()) {
                // still on the container's thread: a completion from the streaming thread is only
                // processed after this returns, so the listener cannot miss it
                request.getAsyncContext().addListener(new Release(address));
                releasedOnCompletion = true;
            }
        } finally {
            if (!releasedOnCompletion) {
                release(address);
            }
        }
    }

    private boolean take(String address) {
        boolean[] taken = {false};
        active.compute(address, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= perAddress) {
                return n;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    private void release(String address) {
        active.computeIfPresent(address, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Downloads in progress, from every address (for tests and metrics). */
    public int active() {
        return active.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Gives the slot back once, when the asynchronous response completes or fails. */
    private final class Release implements AsyncListener {
        private final String address;
        private final AtomicBoolean done = new AtomicBoolean();

        Release(String address) {
            this.address = address;
        }

        private void once() {
            if (done.compareAndSet(false, true)) {
                release(address);
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            once();
        }

        @Override
        public void onError(AsyncEvent event) {
            once();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // the completion that follows releases
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // a new asynchronous cycle drops the listeners of the last one: stay registered
            event.getAsyncContext().addListener(this);
        }
    }
}
