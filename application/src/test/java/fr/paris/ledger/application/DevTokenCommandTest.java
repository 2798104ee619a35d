package fr.paris.ledger.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** The development token is one the service's HS256 decoder accepts, with the claims the ledger reads. */
class DevTokenCommandTest {
    private static final String SECRET = "a-development-secret-of-at-least-32-bytes";

    @Test
    void a_minted_token_carries_sub_roles_birthdate_and_postal_code() throws Exception {
        String token = DevTokenCommand.mint(SECRET, "alice", List.of("CITIZEN", "AGENT"), "1990-05-17", "75011",
                Duration.ofMinutes(5));
        var key = new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        Jwt jwt = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build().decode(token);
        assertThat(jwt.getSubject()).isEqualTo("alice");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("CITIZEN", "AGENT");
        assertThat(jwt.getClaimAsString("birthdate")).isEqualTo("1990-05-17");
        assertThat(jwt.getClaimAsString("postal_code")).isEqualTo("75011");
        assertThat(jwt.getExpiresAt()).isAfter(jwt.getIssuedAt());
    }

    @Test
    void the_default_validity_fits_under_the_services_longest_token_lifetime() {
        // issue 14: the service refuses a token living longer than ledger.security.max-token-lifetime (12 h by default)
        assertThat(DevTokenCommand.DEFAULT_VALIDITY).isLessThanOrEqualTo(fr.paris.ledger.infra.security.TokenLifetime.DEFAULT_MAXIMUM);
    }

    @Test
    void without_a_subject_it_prints_its_usage_and_fails() {
        var err = new ByteArrayOutputStream();
        int status = DevTokenCommand.run(new String[] {"--roles", "CITIZEN"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("usage: token --sub");
    }
}
