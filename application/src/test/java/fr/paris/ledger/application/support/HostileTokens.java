package fr.paris.ledger.application.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Tokens for a context that checks issuer and audience ({@link Hostile#ISSUER_PROPERTY}): a valid
 * one, and the ways a token can be wrong. Every wrong one must get 401 {@code auth.unauthenticated}.
 */
public final class HostileTokens {
    private static final String OTHER_KEY = "another-secret-another-secret-another-secret";

    private HostileTokens() {
    }

    public static String valid(String sub, String role) {
        return sign(claims(sub, role).build(), JWSAlgorithm.HS256, Tokens.SECRET);
    }

    /** A valid token whose JWS header says {@code typ: at+jwt} (an RFC 9068 access token). */
    public static String accessToken(String sub, String role) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt")).build(),
                    claims(sub, role).build());
            jwt.sign(new MACSigner(Tokens.SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The refused tokens by name, each claiming every role. */
    public static Map<String, String> refused() {
        String sub = "hostile-token";
        Map<String, String> t = new LinkedHashMap<>();
        t.put("signed with another key", sign(claims(sub, "ADMIN").build(), JWSAlgorithm.HS256, OTHER_KEY));
        t.put("expired", with(sub, c -> c.expirationTime(Date.from(Instant.now().minusSeconds(3600)))));
        t.put("not valid before tomorrow", with(sub, c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(86_400)))));
        t.put("alg none", new PlainJWT(claims(sub, "ADMIN").build()).serialize());
        t.put("alg none with a signature", header("{\"alg\":\"none\"}", claims(sub, "ADMIN").build()) + "c2lnbmF0dXJl");
        t.put("HS512 with another key", sign(claims(sub, "ADMIN").build(), JWSAlgorithm.HS512, Tokens.SECRET + Tokens.SECRET));
        t.put("RS256 header on an HMAC signature", resign(valid(sub, "ADMIN"), "{\"alg\":\"RS256\"}"));
        t.put("payload changed after signing", swapPayload(valid(sub, "CITIZEN"), claims(sub, "ADMIN").build()));
        t.put("no signature", stripSignature(valid(sub, "ADMIN")));
        t.put("no sub", with(null, c -> c));
        t.put("blank sub", with(" ", c -> c));
        t.put("sub of 201 characters", with("s".repeat(201), c -> c));
        t.put("sub with a NUL", with("a\u0000b", c -> c));
        t.put("sub with a CR", with("a\rb", c -> c));
        t.put("sub with a LF", with("a\nb", c -> c));
        t.put("sub with a TAB", with("a\tb", c -> c));
        t.put("no expiry", with(sub, c -> c.expirationTime(null)));
        t.put("expiry in 100 years", with(sub, c -> c.expirationTime(Date.from(Instant.now().plus(Duration.ofDays(36_525))))));
        t.put("13 hours long", with(sub, c -> c.expirationTime(Date.from(Instant.now().plus(Duration.ofHours(13))))));
        t.put("another issuer", with(sub, c -> c.issuer("https://elsewhere.example")));
        t.put("no issuer", with(sub, c -> c.issuer(null)));
        t.put("another audience", with(sub, c -> c.audience("another-api")));
        t.put("no audience", with(sub, c -> c.audience((String) null)));
        t.put("garbage", "not-a-token");
        t.put("three dots", "..");
        t.put("huge", "a".repeat(6000));
        return t;
    }

    /** Authorization headers that are not a bearer token, or an empty one. */
    public static Map<String, String> refusedHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Basic credentials", "Basic YWRtaW46YWRtaW4=");
        h.put("empty bearer", "Bearer ");
        h.put("bearer twice", "Bearer a Bearer b");
        return h;
    }

    private static JWTClaimsSet.Builder claims(String sub, String role) {
        return new JWTClaimsSet.Builder().subject(sub).issuer(Hostile.ISSUER).audience(Hostile.AUDIENCE)
                .claim("roles", List.of(role.split(","))).claim("birthdate", "1980-05-17").claim("postal_code", "75011")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(3600)));
    }

    private static String with(String sub, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(change.apply(claims(sub, "CITIZEN,AGENT,CPDP,AUDITOR,ADMIN")).build(), JWSAlgorithm.HS256, Tokens.SECRET);
    }

    private static String sign(JWTClaimsSet claims, JWSAlgorithm alg, String secret) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(String header, JWTClaimsSet claims) {
        return Base64URL.encode(header) + "." + Base64URL.encode(claims.toString()) + ".";
    }

    private static String resign(String token, String header) {
        String[] parts = token.split("\\.");
        return Base64URL.encode(header) + "." + parts[1] + "." + parts[2];
    }

    private static String swapPayload(String token, JWTClaimsSet claims) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + Base64URL.encode(claims.toString()) + "." + parts[2];
    }

    private static String stripSignature(String token) {
        return token.substring(0, token.lastIndexOf('.') + 1);
    }
}
