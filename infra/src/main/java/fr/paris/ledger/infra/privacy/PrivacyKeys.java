package fr.paris.ledger.infra.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * The three service keys of privacy by design (docs/privacy.md), each 32 random bytes, base64:
 * the master key ({@code LEDGER_SUBJECT_MASTER_KEY}, wraps every subject key with AES-256-GCM), the
 * lookup key ({@code LEDGER_SUBJECT_LOOKUP_KEY}, the keyed hash of a {@code sub} under which its
 * subject key, idempotency records and rate-limit buckets are found) and the staff key
 * ({@code LEDGER_STAFF_KEY}, staff references). Each from its variable or its {@code _FILE}; in
 * development (no identity provider configured) generated once into the data directory with a
 * warning; with a real identity provider ({@code LEDGER_JWT_JWK_SET_URI}) a missing key stops
 * start-up.
 */
public record PrivacyKeys(byte[] master, byte[] lookup, byte[] staff) {
    private static final Logger log = LoggerFactory.getLogger(PrivacyKeys.class);
    static final String DEV_FILE = "privacy-keys";

    public PrivacyKeys {
        for (byte[] k : new byte[][] {master, lookup, staff}) {
            if (k == null || k.length != 32) {
                throw new IllegalStateException("each privacy key is 32 bytes, base64");
            }
        }
    }

    public static PrivacyKeys from(Environment env) throws IOException {
        byte[] master = configured(env, "ledger.privacy.master-key", "LEDGER_SUBJECT_MASTER_KEY");
        byte[] lookup = configured(env, "ledger.privacy.lookup-key", "LEDGER_SUBJECT_LOOKUP_KEY");
        byte[] staff = configured(env, "ledger.privacy.staff-key", "LEDGER_STAFF_KEY");
        if (master != null && lookup != null && staff != null) {
            return new PrivacyKeys(master, lookup, staff);
        }
        String jwkSetUri = env.getProperty("ledger.jwt.jwk-set-uri", "");
        if (!jwkSetUri.isBlank()) {
            throw new IllegalStateException("Privacy keys missing: with a real identity provider (LEDGER_JWT_JWK_SET_URI) "
                    + "set LEDGER_SUBJECT_MASTER_KEY, LEDGER_SUBJECT_LOOKUP_KEY and LEDGER_STAFF_KEY (or their _FILE "
                    + "variants): 32 random bytes each, base64 (e.g. `openssl rand -base64 32`). Missing: "
                    + String.join(", ", java.util.stream.Stream.of(master == null ? "LEDGER_SUBJECT_MASTER_KEY" : null,
                            lookup == null ? "LEDGER_SUBJECT_LOOKUP_KEY" : null, staff == null ? "LEDGER_STAFF_KEY" : null)
                            .filter(java.util.Objects::nonNull).toList())
                    + ". See docs/privacy.md, Key management.");
        }
        Path dev = Path.of(env.getProperty("ledger.data-dir", "./data")).resolve(DEV_FILE);
        PrivacyKeys keys = Files.exists(dev) ? read(dev) : generateInto(dev);
        log.warn("Privacy keys: no LEDGER_SUBJECT_MASTER_KEY / LEDGER_SUBJECT_LOOKUP_KEY / LEDGER_STAFF_KEY; using the "
                + "DEVELOPMENT keys kept in {} (docs/privacy.md, Key management)", dev.toAbsolutePath());
        return new PrivacyKeys(master != null ? master : keys.master, lookup != null ? lookup : keys.lookup,
                staff != null ? staff : keys.staff);
    }

    private static byte[] configured(Environment env, String property, String variable) throws IOException {
        String value = env.getProperty(property, "");
        String file = env.getProperty(property + "-file", "");
        if (!value.isBlank()) {
            return decode(value, variable);
        }
        if (!file.isBlank()) {
            return decode(Files.readString(Path.of(file), StandardCharsets.UTF_8), variable + "_FILE");
        }
        return null;
    }

    private static byte[] decode(String base64, String name) {
        try {
            byte[] key = Base64.getDecoder().decode(base64.strip());
            if (key.length != 32) {
                throw new IllegalStateException(name + " must be 32 bytes, base64; it has " + key.length);
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not base64", e);
        }
    }

    private static PrivacyKeys read(Path file) throws IOException {
        var lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() < 3) {
            throw new IllegalStateException("The development privacy keys in " + file + " are damaged (three lines expected)");
        }
        return new PrivacyKeys(decode(lines.get(0), "master"), decode(lines.get(1), "lookup"), decode(lines.get(2), "staff"));
    }

    private static PrivacyKeys generateInto(Path file) throws IOException {
        PrivacyKeys keys = new PrivacyKeys(Crypto.random(32), Crypto.random(32), Crypto.random(32));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Base64.Encoder b64 = Base64.getEncoder();
        Files.writeString(file, b64.encodeToString(keys.master) + "\n" + b64.encodeToString(keys.lookup) + "\n"
                + b64.encodeToString(keys.staff) + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        return keys;
    }

    @Override
    public String toString() {
        return "PrivacyKeys[hidden]";
    }
}
