package fr.paris.ledger.infra.security;

import java.util.Arrays;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The public dashboard (docs/adr/016-public-dashboard.md): static pages served by the service at
 * {@code /}, built on the public read API only. Its files are public, and its pages get a strict
 * Content-Security-Policy: scripts, styles, images and requests from this origin only, no inline
 * script or style, no framing.
 */
public final class DashboardPages {
    /** The pages and their files, under {@code application/src/main/resources/static}. */
    static final String[] PATHS = {
        "/",
        "/index.html",
        "/petition.html",
        "/budget.html",
        "/councils.html",
        "/ledger.html",
        "/verify.html",
        "/dashboard/**",
    };

    /** No inline script or style, nothing from another origin, no plugin, no framing, no base or form elsewhere. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private DashboardPages() {
    }

    /** GET requests for the dashboard's pages and files. */
    static RequestMatcher matcher() {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(Arrays.stream(PATHS).map(p -> (RequestMatcher) paths.matcher(HttpMethod.GET, p)).toList());
    }

    /** The Content-Security-Policy header on the dashboard's answers (not on the API's, nor on Swagger UI's). */
    static HeaderWriter contentSecurityPolicy() {
        return new DelegatingRequestMatcherHeaderWriter(matcher(),
                new StaticHeadersWriter("Content-Security-Policy", CONTENT_SECURITY_POLICY));
    }
}
