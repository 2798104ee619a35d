package fr.paris.ledger.infra.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Predicate;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The same checks as Spring Security's defaults, without regular expressions: the profile of the
 * petition surge (docs/benchmarks.md) found about a tenth of the service's CPU in the firewall's
 * header patterns and the bearer token pattern, which are evaluated on every header read.
 *
 * <ul>
 * <li>{@link #firewall()}: a {@link StrictHttpFirewall} with its defaults, except that header names,
 *     header values and parameter names are checked by {@link #ASSIGNED_NOT_CONTROL} and
 *     {@link #HEADER_VALUE}, which accept exactly what {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} and
 *     {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*} (Spring's patterns) accept: every code point
 *     assigned and not a control character (a tab allowed in header values);</li>
 * <li>{@link #BEARER}: what {@code DefaultBearerTokenResolver} with its defaults resolves (the
 *     {@code Authorization} header only, no query or form parameter), with the same errors: a header
 *     not starting with "bearer" (any case) gives no token; one not matching
 *     {@code ^Bearer [a-zA-Z0-9-._~+/]+=*$} (case-insensitive) is refused as malformed.</li>
 * </ul>
 * RequestChecksTest compares them with Spring's patterns, code point by code point.
 */
public final class RequestChecks {
    private RequestChecks() {
    }

    public static final Predicate<String> ASSIGNED_NOT_CONTROL = s -> assignedNotControl(s, false);
    public static final Predicate<String> HEADER_VALUE = s -> assignedNotControl(s, true);

    public static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(ASSIGNED_NOT_CONTROL);
        firewall.setAllowedHeaderValues(HEADER_VALUE);
        firewall.setAllowedParameterNames(ASSIGNED_NOT_CONTROL);
        return firewall;
    }

    private static boolean assignedNotControl(String s, boolean tabAllowed) {
        int n = s.length();
        for (int i = 0; i < n; ) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) { // printable ASCII: assigned, not a control character
                i++;
                continue;
            }
            int cp = s.codePointAt(i);
            int type = Character.getType(cp);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tabAllowed && cp == '\t'))) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    public static final BearerTokenResolver BEARER = RequestChecks::bearer;

    private static final String PREFIX = "bearer ";

    static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length() - 1)) {
            return null;
        }
        if (!wellFormed(header)) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
        }
        return header.substring(PREFIX.length());
    }

    /** {@code ^Bearer [a-zA-Z0-9-._~+/]+=*$}, "Bearer" in any ASCII case. */
    private static boolean wellFormed(String h) {
        int n = h.length();
        if (n <= PREFIX.length() || h.charAt(PREFIX.length() - 1) != ' ') {
            return false;
        }
        for (int i = 0; i < PREFIX.length() - 1; i++) {
            char c = h.charAt(i);
            if (c > 0x7f || Character.toLowerCase(c) != PREFIX.charAt(i)) {
                return false;
            }
        }
        int i = PREFIX.length();
        int start = i;
        while (i < n && tokenChar(h.charAt(i))) {
            i++;
        }
        if (i == start) {
            return false;
        }
        while (i < n && h.charAt(i) == '=') {
            i++;
        }
        return i == n;
    }

    private static boolean tokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
