package fr.paris.ledger.application.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import fr.paris.ledger.application.DevTokenCommand;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Bearer tokens for the tests, signed with the test secret the test contexts are configured with. */
public final class Tokens {
    public static final String SECRET = "test-secret-of-the-participation-ledger-0123456789";

    private Tokens() {
    }

    public static String citizen(String sub, String birthdate, String postalCode) {
        return token(sub, List.of("CITIZEN"), birthdate, postalCode);
    }

    public static String withRoles(String sub, String... roles) {
        return token(sub, List.of(roles), null, null);
    }

    public static String token(String sub, List<String> roles, String birthdate, String postalCode) {
        try {
            return DevTokenCommand.mint(SECRET, sub, roles, birthdate, postalCode, Duration.ofHours(1));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token signed with another key: well formed, but not ours. */
    public static String forged(String sub) {
        try {
            var claims = new JWTClaimsSet.Builder().subject(sub).claim("roles", List.of("ADMIN"))
                    .expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner("another-secret-another-secret-another-secret".getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token of ours with no {@code sub}: it names no participant. */
    public static String withoutSubject() {
        try {
            var claims = new JWTClaimsSet.Builder().claim("roles", List.of("CITIZEN"))
                    .expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token of ours that expired an hour ago. */
    public static String expired(String sub) {
        try {
            var claims = new JWTClaimsSet.Builder().subject(sub).claim("roles", List.of("CITIZEN"))
                    .expirationTime(Date.from(Instant.now().minusSeconds(3600))).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
