package fr.paris.ledger.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The regex-free checks accept and refuse exactly what Spring Security's patterns do. */
class RequestChecksTest {
    // StrictHttpFirewall's patterns (Spring Security 6.5)
    static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void header_checks_agree_with_the_firewall_patterns_on_every_code_point() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String one = new String(Character.toChars(cp));
            String framed = "a" + one + "b";
            assertThat(RequestChecks.ASSIGNED_NOT_CONTROL.test(one)).as("U+%04X", cp).isEqualTo(NAMES.matcher(one).matches());
            assertThat(RequestChecks.HEADER_VALUE.test(framed)).as("U+%04X", cp).isEqualTo(VALUES.matcher(framed).matches());
        }
        for (String s : List.of("", "Bearer abc", "x\ty", "\uD800", "a\uDC00b", "\uD83D\uDE00", "caf\u00e9", "a\u0085b")) {
            assertThat(RequestChecks.ASSIGNED_NOT_CONTROL.test(s)).as(s).isEqualTo(NAMES.matcher(s).matches());
            assertThat(RequestChecks.HEADER_VALUE.test(s)).as(s).isEqualTo(VALUES.matcher(s).matches());
        }
    }

    private static String outcome(org.springframework.security.oauth2.server.resource.web.BearerTokenResolver r, String header,
                                  String method) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/v1/petitions/x/signatures");
        if (header != null) {
            request.addHeader("Authorization", header);
        }
        request.setQueryString("access_token=zzz");
        request.addParameter("access_token", "zzz");
        try {
            return "token " + r.resolve(request);
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @Test
    void bearer_tokens_resolve_as_with_the_default_resolver() {
        List<String> headers = new ArrayList<>(List.of("Bearer abc.DEF-ghi_~+/", "bearer abc", "BEARER abc==", "Bearer abc=",
                "Bearer abc=d", "Bearer ", "Bearer", "Bearerabc", "Bearer  abc", "Bearer abc ", "Bearer abc\n", "Bearer a b",
                "Bearer a%b", "Basic abc", "bear abc", "", "Bearer\tabc", "Bearer \u00e9", "B\u00e9arer abc", "Bearer ===",
                "beARer x"));
        headers.add(null);
        DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();
        for (String method : List.of("GET", "POST", "PUT")) {
            for (String h : headers) {
                assertThat(outcome(RequestChecks.BEARER, h, method)).as("%s %s", method, h).isEqualTo(outcome(spring, h, method));
            }
        }
    }
}
