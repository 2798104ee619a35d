package fr.paris.ledger.infra.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.paris.ledger.infra.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.http.server.PathContainer;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The CORS policy: the public reads ({@link SecurityConfiguration#PUBLIC_READS}) are public data,
 * so a page of any origin may read them with {@code GET} or {@code HEAD}, without credentials
 * ({@code Access-Control-Allow-Origin: *}; a preflight is answered 200 with the allowed methods,
 * kept an hour by the browser). Nothing else is shared across origins: a preflight for another
 * method or path, or asking for a header beyond {@code Accept}, {@code Accept-Language},
 * {@code Content-Language} and {@code If-None-Match}, is refused with a 403 problem
 * {@code request.cors-refused} (so the browser does not send the request), and other answers carry
 * no CORS header. An {@code OPTIONS} without {@code Origin} and {@code Access-Control-Request-Method}
 * is no preflight, and goes on like any other request.
 */
final class PublicReadsCors {
    private static final Set<String> READS = Set.of("GET", "HEAD");

    private PublicReadsCors() {
    }

    static CorsFilter filter(String[] publicReads, ObjectMapper json) {
        List<PathPattern> paths = Arrays.stream(publicReads).map(PathPatternParser.defaultInstance::parse).toList();
        CorsConfiguration config = new CorsConfiguration();
        config.addAllowedOrigin(CorsConfiguration.ALL);
        config.setAllowedMethods(List.of("GET", "HEAD"));
        config.setAllowedHeaders(List.of("Accept", "Accept-Language", "Content-Language", "If-None-Match"));
        // what a page needs to follow the audit downloads (paging, caching) and to wait when told to
        config.setExposedHeaders(List.of("Retry-After", "ETag", "Link", "X-Next-From-Leaf", "X-Next-From-Size"));
        config.setAllowCredentials(false);
        config.setMaxAge(Duration.ofHours(1));
        CorsFilter filter = new CorsFilter(request -> isPublicRead(request, paths) ? config : null);
        filter.setCorsProcessor(new DefaultCorsProcessor() {
            @Override
            protected void rejectRequest(ServerHttpResponse response) throws IOException {
                Problems.write(((ServletServerHttpResponse) response).getServletResponse(), Problems.of(HttpStatus.FORBIDDEN,
                        "request.cors-refused", "Cross-origin request refused",
                        "Only the public reads may be read from another origin, with GET or HEAD and the headers "
                                + "Accept, Accept-Language, Content-Language and If-None-Match."), json);
            }
        });
        return filter;
    }

    /** A GET or HEAD of a public path, or the preflight of one. */
    private static boolean isPublicRead(HttpServletRequest request, List<PathPattern> paths) {
        String method = "OPTIONS".equals(request.getMethod())
                ? request.getHeader("Access-Control-Request-Method") : request.getMethod();
        if (method == null || !READS.contains(method)) {
            return false;
        }
        PathContainer path = PathContainer.parsePath(request.getRequestURI());
        return paths.stream().anyMatch(p -> p.matches(path));
    }
}
