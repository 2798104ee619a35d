package fr.paris.ledger.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
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

    // ---- issue 14: tokens that never expire, RFC 9068 access tokens, control characters in sub

    private static boolean accepted(MockEnvironment env, UnaryOperator<Jwt.Builder> change) {
        return !SecurityConfiguration.validator(env).validate(change.apply(token().subject("alice")).build()).hasErrors();
    }

    private static boolean accepted(UnaryOperator<Jwt.Builder> change) {
        return accepted(new MockEnvironment(), change);
    }

    @Test
    void a_token_without_an_expiry_is_refused() {
        assertThat(accepted(t -> t.claims(c -> c.remove("exp")))).isFalse();
    }

    @Test
    void a_token_valid_for_a_century_is_refused() {
        Instant now = Instant.now();
        assertThat(accepted(t -> t.issuedAt(now).expiresAt(now.plus(Duration.ofDays(36_525))))).isFalse();
        assertThat(accepted(t -> t.claims(c -> c.remove("iat")).expiresAt(now.plus(Duration.ofDays(36_525)))))
                .as("without iat").isFalse();
        assertThat(accepted(t -> t.issuedAt(now.plus(Duration.ofDays(36_524))).expiresAt(now.plus(Duration.ofDays(36_525)))))
                .as("with an iat in the future that makes the lifetime look short").isFalse();
    }

    @Test
    void the_lifetime_is_at_most_twelve_hours_by_default_and_configurable() {
        Instant now = Instant.now();
        assertThat(accepted(t -> t.issuedAt(now).expiresAt(now.plus(Duration.ofHours(12))))).isTrue();
        assertThat(accepted(t -> t.issuedAt(now).expiresAt(now.plus(Duration.ofHours(12)).plusSeconds(1)))).isFalse();
        assertThat(accepted(t -> t.claims(c -> c.remove("iat")).expiresAt(now.plus(Duration.ofHours(11))))).isTrue();
        assertThat(accepted(t -> t.claims(c -> c.remove("iat")).expiresAt(now.plus(Duration.ofHours(13))))).isFalse();
        assertThat(accepted(t -> t.issuedAt(now.minus(Duration.ofHours(12))).expiresAt(now.plus(Duration.ofMinutes(30)))))
                .as("12 h 30 long, though only 30 minutes are left").isFalse();
        var oneHour = new MockEnvironment().withProperty("ledger.security.max-token-lifetime", "PT1H");
        assertThat(accepted(oneHour, t -> t.issuedAt(now).expiresAt(now.plus(Duration.ofMinutes(60))))).isTrue();
        assertThat(accepted(oneHour, t -> t.issuedAt(now).expiresAt(now.plus(Duration.ofMinutes(90))))).isFalse();
        assertThat(accepted(new MockEnvironment().withProperty("ledger.security.max-token-lifetime", "2h"),
                t -> t.issuedAt(now).expiresAt(now.plus(Duration.ofMinutes(90))))).isTrue();
    }

    @Test
    void an_access_token_typed_at_jwt_is_accepted_like_a_jwt_and_other_types_are_refused() {
        assertThat(accepted(t -> t.header("typ", "at+jwt"))).isTrue();
        assertThat(accepted(t -> t.header("typ", "application/at+jwt"))).isTrue();
        assertThat(accepted(t -> t.header("typ", "JWT"))).isTrue();
        assertThat(accepted(t -> t)).as("no typ").isTrue();
        assertThat(accepted(t -> t.header("typ", "dpop+jwt"))).isFalse();
        assertThat(accepted(t -> t.header("typ", "logout+jwt"))).isFalse();
    }

    @Test
    void a_sub_with_any_control_character_is_refused() {
        for (String sub : new String[] {"ali\rce", "ali\nce", "ali\tce", "alice\n", "ali\u0085ce", "ali\u007fce", "ali\u2028ce"}) {
            assertThat(accepted(t -> t.subject(sub))).as("sub %s", sub.codePoints().boxed().toList()).isFalse();
        }
        assertThat(accepted(t -> t.subject("Ali Cé-\u05e9 \ud83d\ude00"))).isTrue();
    }

    @Test
    void the_decoder_takes_an_at_jwt_access_token() throws Exception {
        String secret = "a-token-validation-secret-of-at-least-32-bytes";
        var env = new MockEnvironment().withProperty("ledger.jwt.hmac-secret", secret);
        var decoder = new SecurityConfiguration().jwtDecoder(env);
        for (String typ : new String[] {"at+jwt", "JWT", null}) {
            assertThat(decoder.decode(signed(secret, typ)).getSubject()).as("typ %s", typ).isEqualTo("alice");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> decoder.decode(signed(secret, "secevent+jwt")))
                .isInstanceOf(org.springframework.security.oauth2.jwt.JwtException.class);
    }

    private static String signed(String secret, String typ) throws Exception {
        var header = new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.HS256)
                .type(typ == null ? null : new com.nimbusds.jose.JOSEObjectType(typ)).build();
        var claims = new com.nimbusds.jwt.JWTClaimsSet.Builder().subject("alice").issueTime(new java.util.Date())
                .expirationTime(java.util.Date.from(Instant.now().plusSeconds(600))).build();
        var jwt = new com.nimbusds.jwt.SignedJWT(header, claims);
        jwt.sign(new com.nimbusds.jose.crypto.MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
