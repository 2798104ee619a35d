package fr.paris.ledger.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.oauth2.jwt.Jwt;

/** What a bearer token must carry besides a good signature. */
class TokenValidationTest {

    private static Jwt.Builder token() {
        return Jwt.withTokenValue("t").header("alg", "HS256")
                .issuedAt(Instant.now().minusSeconds(10)).expiresAt(Instant.now().plusSeconds(600));
    }

    @Test
    void a_token_must_name_its_participant() {
        var validator = SecurityConfiguration.validator(new MockEnvironment());
        assertThat(validator.validate(token().subject("alice").build()).hasErrors()).isFalse();
        assertThat(validator.validate(token().subject(" ").build()).hasErrors()).isTrue();
        assertThat(validator.validate(token().claim("roles", List.of("CITIZEN")).build()).hasErrors()).isTrue();
    }

    @Test
    void an_expired_token_is_refused() {
        var validator = SecurityConfiguration.validator(new MockEnvironment());
        Jwt expired = Jwt.withTokenValue("t").header("alg", "HS256").subject("alice")
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).build();
        assertThat(validator.validate(expired).hasErrors()).isTrue();
    }

    @Test
    void issuer_and_audience_are_checked_when_configured() {
        var env = new MockEnvironment()
                .withProperty("ledger.jwt.issuer", "https://id.paris.example")
                .withProperty("ledger.jwt.audience", "participation-ledger");
        var validator = SecurityConfiguration.validator(env);
        Jwt good = token().subject("alice").issuer("https://id.paris.example").audience(List.of("participation-ledger")).build();
        Jwt otherIssuer = token().subject("alice").issuer("https://elsewhere.example").audience(List.of("participation-ledger")).build();
        Jwt otherAudience = token().subject("alice").issuer("https://id.paris.example").audience(List.of("another-api")).build();
        assertThat(validator.validate(good).hasErrors()).isFalse();
        assertThat(validator.validate(otherIssuer).hasErrors()).isTrue();
        assertThat(validator.validate(otherAudience).hasErrors()).isTrue();
    }
}
