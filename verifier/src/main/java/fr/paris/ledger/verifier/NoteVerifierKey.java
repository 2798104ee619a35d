package fr.paris.ledger.verifier;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An Ed25519 note verifier key as in C2SP signed-note and Go's golang.org/x/mod/sumdb/note:
 * {@code <name>+<8 hex digits of the key hash>+<base64(0x01 || 32-byte public key)>}, where the key
 * hash is the first 4 bytes (big-endian) of {@code SHA-256(name || 0x0A || 0x01 || public key)}.
 */
public record NoteVerifierKey(String name, int keyHash, byte[] publicKey) {
    public static final byte ALG_ED25519 = 0x01;
    private static final byte[] X509_ED25519_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    public NoteVerifierKey {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("invalid key name");
        }
        if (publicKey == null || publicKey.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
        }
        publicKey = publicKey.clone();
    }

    /** A key for {@code name} and the raw 32-byte Ed25519 public key; its hash is computed. */
    public static NoteVerifierKey of(String name, byte[] publicKey) {
        return new NoteVerifierKey(name, keyHash(name, publicKey), publicKey);
    }

    /** Parses {@code <name>+<hex hash>+<base64 key>}, checking the algorithm byte, length and key hash. */
    public static NoteVerifierKey parse(String vkey) {
        String s = vkey.strip();
        int first = s.indexOf('+');
        int second = first < 0 ? -1 : s.indexOf('+', first + 1);
        if (first <= 0 || second < 0) {
            throw new IllegalArgumentException("malformed verifier key: expected <name>+<hash>+<key>");
        }
        String name = s.substring(0, first);
        String hex = s.substring(first + 1, second);
        if (hex.length() != 8 || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException("malformed verifier key: the key hash is 8 lower-case hex digits");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(s.substring(second + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed verifier key: the key is not base64");
        }
        if (key.length != 33 || key[0] != ALG_ED25519) {
            throw new IllegalArgumentException("verifier key is not an Ed25519 key (0x01 followed by 32 bytes)");
        }
        byte[] pub = Arrays.copyOfRange(key, 1, 33);
        int hash = (int) Long.parseLong(hex, 16);
        if (!isValidName(name)) {
            throw new IllegalArgumentException("malformed verifier key: invalid name");
        }
        if (hash != keyHash(name, pub)) {
            throw new IllegalArgumentException("verifier key hash does not match its name and key");
        }
        return new NoteVerifierKey(name, hash, pub);
    }

    /** A key name: non-empty, no '+', no white space or control characters (as Go's note package). */
    public static boolean isValidName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        return name.codePoints().noneMatch(c -> c == '+' || Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.isISOControl(c));
    }

    public static int keyHash(String name, byte[] publicKey) {
        MessageDigest d = Merkle.sha256();
        d.update(name.getBytes(StandardCharsets.UTF_8));
        d.update((byte) '\n');
        d.update(ALG_ED25519);
        d.update(publicKey);
        byte[] h = d.digest();
        return ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
    }

    public String keyHashHex() {
        return String.format("%08x", keyHash);
    }

    /** The verifier key string. */
    public String encode() {
        byte[] key = new byte[33];
        key[0] = ALG_ED25519;
        System.arraycopy(publicKey, 0, key, 1, 32);
        return name + "+" + keyHashHex() + "+" + Base64.getEncoder().encodeToString(key);
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** Whether {@code signature} (64 bytes) is this key's Ed25519 signature of {@code message}. */
    public boolean verify(byte[] message, byte[] signature) {
        if (signature == null || signature.length != 64) {
            return false;
        }
        try {
            byte[] spki = new byte[X509_ED25519_PREFIX.length + 32];
            System.arraycopy(X509_ED25519_PREFIX, 0, spki, 0, X509_ED25519_PREFIX.length);
            System.arraycopy(publicKey, 0, spki, X509_ED25519_PREFIX.length, 32);
            PublicKey pk = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(pk);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoteVerifierKey k && k.name.equals(name) && k.keyHash == keyHash && Arrays.equals(k.publicKey, publicKey);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + keyHash;
    }

    @Override
    public String toString() {
        return encode();
    }
}
