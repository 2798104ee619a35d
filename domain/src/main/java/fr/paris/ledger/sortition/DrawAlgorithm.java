package fr.paris.ledger.sortition;

import java.util.Arrays;
import java.util.Optional;

/** The published selection algorithms, by the name a draw records ({@code SHA256-V1}, {@code RFC3797}). */
public enum DrawAlgorithm {
    /** SHA-256 in place of MD5, each quota group drawn as its own pool with key {@code <key string><group>/}. */
    SHA256_V1("SHA256-V1", "SHA-256"),
    /** RFC 3797 exactly (MD5, the key string as is): one quota group only. */
    RFC3797("RFC3797", "MD5");

    private final String publishedName;
    private final String digest;

    DrawAlgorithm(String publishedName, String digest) {
        this.publishedName = publishedName;
        this.digest = digest;
    }

    public String publishedName() {
        return publishedName;
    }

    /** The {@link java.security.MessageDigest} algorithm name. */
    public String digest() {
        return digest;
    }

    public static Optional<DrawAlgorithm> byName(String name) {
        return Arrays.stream(values()).filter(a -> a.publishedName.equals(name)).findFirst();
    }
}
