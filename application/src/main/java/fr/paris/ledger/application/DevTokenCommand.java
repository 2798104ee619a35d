package fr.paris.ledger.application;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import fr.paris.ledger.infra.security.TokenLifetime;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Mints an HS256 bearer token for development and tests, signed with {@code LEDGER_JWT_HMAC_SECRET}
 * or, when that is not set, with the development secret the service keeps in
 * {@code <LEDGER_DATA_DIR>/dev-jwt-secret}. Not for production: there, tokens come from the city's
 * identity provider.
 *
 * <pre>
 * java -jar participation-ledger.jar token --sub alice --roles CITIZEN --birthdate 1990-05-17 --postal-code 75011
 * </pre>
 */
public final class DevTokenCommand {
    /** The default validity: under the service's default longest token lifetime (12 hours). */
    static final Duration DEFAULT_VALIDITY = Duration.ofMinutes(600);

    private DevTokenCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                return usage(err);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        if (!options.containsKey("sub")) {
            return usage(err);
        }
        try {
            String secret = secret();
            Duration validity = options.containsKey("minutes") ? Duration.ofMinutes(Long.parseLong(options.get("minutes")))
                    : DEFAULT_VALIDITY;
            if (validity.compareTo(TokenLifetime.DEFAULT_MAXIMUM) > 0) {
                err.println("warning: a service with the default ledger.security.max-token-lifetime refuses tokens valid for more than "
                        + TokenLifetime.DEFAULT_MAXIMUM.toMinutes() + " minutes");
            }
            out.println(mint(secret, options.get("sub"),
                    Arrays.asList(options.getOrDefault("roles", "CITIZEN").split(",")),
                    options.get("birthdate"), options.get("postal-code"), validity));
            return 0;
        } catch (IOException | JOSEException | RuntimeException e) {
            err.println("cannot mint a token: " + e.getMessage());
            return 1;
        }
    }

    public static String mint(String secret, String sub, List<String> roles, String birthdate, String postalCode,
                              Duration validity) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(sub)
                .issuer("participation-ledger-dev")
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(validity)))
                .claim("roles", new ArrayList<>(roles));
        if (birthdate != null) {
            claims.claim("birthdate", birthdate);
        }
        if (postalCode != null) {
            claims.claim("postal_code", postalCode);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        jwt.sign(new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static String secret() throws IOException {
        String configured = System.getenv("LEDGER_JWT_HMAC_SECRET");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String dataDir = System.getenv().getOrDefault("LEDGER_DATA_DIR", "./data");
        return fr.paris.ledger.infra.security.TokenKeys.devSecret(Path.of(dataDir).resolve("dev-jwt-secret"));
    }

    private static int usage(PrintStream err) {
        err.println("usage: token --sub ID [--roles CITIZEN,AGENT,CPDP,AUDITOR,ADMIN] [--birthdate YYYY-MM-DD] "
                + "[--postal-code 75011] [--minutes " + DEFAULT_VALIDITY.toMinutes() + "]");
        return 2;
    }
}
