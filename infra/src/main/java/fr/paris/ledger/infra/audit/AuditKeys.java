package fr.paris.ledger.infra.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The log's Ed25519 signing key and its C2SP signed-note identity: key name (the origin), key hash
 * (first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key)) and the verifier key string
 * {@code <name>+<hex key hash>+<base64(0x01 || public key)>}.
 */
public final class AuditKeys {
    private static final byte ED25519 = 0x01;
    /** DER prefix of an X.509 SubjectPublicKeyInfo holding a raw 32-byte Ed25519 key. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final String name;
    private final PrivateKey privateKey;
    private final byte[] publicKey;

    private AuditKeys(String name, PrivateKey privateKey, PublicKey publicKey) {
        if (name.isBlank() || name.contains("+") || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a log origin has no spaces and no '+': " + name);
        }
        this.name = name;
        this.privateKey = privateKey;
        byte[] encoded = publicKey.getEncoded();
        this.publicKey = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    /** From a PKCS#8 private key, base64; the public key is derived from it. */
    public static AuditKeys fromPkcs8(String name, String base64Pkcs8) throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("Ed25519");
        byte[] der = Base64.getDecoder().decode(base64Pkcs8.strip());
        PrivateKey priv = factory.generatePrivate(new PKCS8EncodedKeySpec(der));
        // the JDK cannot derive an Ed25519 public key from the private one: PKCS#8 v2 carries both
        PublicKey pub = derivePublic(der);
        requirePair(priv, pub);
        return new AuditKeys(name, priv, pub);
    }

    /** A new key pair, written to {@code file} as base64 PKCS#8 (v2, with the public key) readable by its owner only. */
    public static AuditKeys generateInto(String name, Path file) throws GeneralSecurityException, IOException {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] v2 = pkcs8v2(pair);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Base64.getEncoder().encodeToString(v2) + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        return new AuditKeys(name, pair.getPrivate(), pair.getPublic());
    }

    /**
     * PKCS#8 v2 (RFC 5958 OneAsymmetricKey) of an Ed25519 pair: the seed and the public key, so that
     * the public key can be read back without re-deriving it.
     */
    static byte[] pkcs8v2(KeyPair pair) {
        byte[] v1 = pair.getPrivate().getEncoded(); // ... 04 22 04 20 <32-byte seed>
        byte[] pub = pair.getPublic().getEncoded();  // ... 03 21 00 <32-byte key>
        var out = new java.io.ByteArrayOutputStream();
        // SEQUENCE { INTEGER 1, AlgorithmIdentifier Ed25519, OCTET STRING { OCTET STRING seed }, [1] publicKey }
        out.writeBytes(HexFormat.of().parseHex("3051020101300506032b657004220420"));
        out.write(v1, v1.length - 32, 32);
        out.writeBytes(HexFormat.of().parseHex("812100"));
        out.write(pub, pub.length - 32, 32);
        return out.toByteArray();
    }

    /** A key file whose public half does not match its private half would sign checkpoints nobody can verify. */
    private static void requirePair(PrivateKey priv, PublicKey pub) throws GeneralSecurityException {
        byte[] probe = "ledger key check".getBytes(StandardCharsets.UTF_8);
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(priv);
        s.update(probe);
        byte[] sig = s.sign();
        s.initVerify(pub);
        s.update(probe);
        if (!s.verify(sig)) {
            throw new GeneralSecurityException("the audit signing key's public key does not match its private key");
        }
    }

    private static PublicKey derivePublic(byte[] pkcs8) throws GeneralSecurityException {
        // PKCS#8 v2 ends with [1] (0x81 0x21 0x00) and the 32-byte public key
        if (pkcs8.length >= 35 && pkcs8[pkcs8.length - 35] == (byte) 0x81 && pkcs8[pkcs8.length - 34] == 0x21) {
            return publicKey(Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length));
        }
        throw new GeneralSecurityException("the audit signing key must be PKCS#8 v2 (with its public key), as this "
                + "service writes it; e.g. openssl genpkey -algorithm ed25519 gives v1: let the service generate one");
    }

    static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
        byte[] der = new byte[X509_PREFIX.length + 32];
        System.arraycopy(X509_PREFIX, 0, der, 0, X509_PREFIX.length);
        System.arraycopy(raw, 0, der, X509_PREFIX.length, 32);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    }

    public String name() {
        return name;
    }

    public byte[] keyHash() {
        var sha = Merkle.sha256();
        sha.update(name.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0x0A);
        sha.update(ED25519);
        sha.update(publicKey);
        return Arrays.copyOf(sha.digest(), 4);
    }

    /** The note verifier key: {@code <name>+<hex key hash>+<base64(0x01 || public key)>}. */
    public String verifierKey() {
        byte[] typed = new byte[33];
        typed[0] = ED25519;
        System.arraycopy(publicKey, 0, typed, 1, 32);
        return name + "+" + HexFormat.of().formatHex(keyHash()) + "+" + Base64.getEncoder().encodeToString(typed);
    }

    /** A C2SP signed note of {@code body} (which ends with a newline). */
    public String sign(String body) {
        if (!body.endsWith("\n")) {
            throw new IllegalArgumentException("a note body ends with a newline");
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(body.getBytes(StandardCharsets.UTF_8));
            byte[] sig = s.sign();
            byte[] keyHashAndSig = new byte[4 + sig.length];
            System.arraycopy(keyHash(), 0, keyHashAndSig, 0, 4);
            System.arraycopy(sig, 0, keyHashAndSig, 4, sig.length);
            return body + "\n\u2014 " + name + " " + Base64.getEncoder().encodeToString(keyHashAndSig) + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the checkpoint", e);
        }
    }

    /** The C2SP tlog-checkpoint body: origin, tree size, base64 root hash, each on its line. */
    public String checkpointBody(long treeSize, byte[] root) {
        return name + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    }
}
