package fr.paris.ledger.infra.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.springframework.core.env.Environment;

/**
 * Where the key that checks bearer tokens comes from. {@code LEDGER_JWT_HMAC_SECRET} (its UTF-8
 * bytes, at least 32) for HS256, else the JWK set at {@code LEDGER_JWT_JWK_SET_URI}, else, for a
 * development run with no configuration, an HS256 secret generated once and kept in
 * {@code <ledger.data-dir>/dev-jwt-secret} (the log says so; the token command of the jar reads it).
 */
public final class TokenKeys {
    public static final int MIN_SECRET_BYTES = 32;
    static final String DEV_SECRET_FILE = "dev-jwt-secret";

    private TokenKeys() {
    }

    public static Optional<String> configuredSecret(Environment env) {
        String secret = env.getProperty("ledger.jwt.hmac-secret");
        return secret == null || secret.isBlank() ? Optional.empty() : Optional.of(secret);
    }

    public static Optional<String> jwkSetUri(Environment env) {
        String uri = env.getProperty("ledger.jwt.jwk-set-uri");
        return uri == null || uri.isBlank() ? Optional.empty() : Optional.of(uri);
    }

    public static Path devSecretFile(Environment env) {
        return Path.of(env.getProperty("ledger.data-dir", "./data")).resolve(DEV_SECRET_FILE);
    }

    /** Reads the development secret, creating it (readable by its owner only) if it does not exist. */
    public static String devSecret(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        return secret;
    }

    public static void requireLongEnough(String secret) {
        if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("LEDGER_JWT_HMAC_SECRET must be at least " + MIN_SECRET_BYTES + " bytes long");
        }
    }
}
