package fr.paris.ledger.verifier;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A C2SP signed note: the text (each line ending in "\n"), one empty line, then signature lines
 * {@code "— <key name> <base64(4-byte key hash || signature)>\n"} (U+2014 EM DASH, a space). The
 * signature covers the text's UTF-8 bytes, its final newline included. Parsed as Go's
 * golang.org/x/mod/sumdb/note does: the signatures start after the last blank line.
 */
public record SignedNote(String text, List<NoteSignature> signatures) {
    public static final String SIGNATURE_PREFIX = "\u2014 ";

    /** One signature line. */
    public record NoteSignature(String name, int keyHash, byte[] signature) {
    }

    public SignedNote {
        signatures = List.copyOf(signatures);
    }

    /** Parses a signed note, or throws {@link IllegalArgumentException} naming what is malformed. */
    public static SignedNote parse(String note) {
        if (note == null || !note.endsWith("\n")) {
            throw new IllegalArgumentException("malformed note: it does not end with a newline");
        }
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException("malformed note: no blank line before the signatures");
        }
        String text = note.substring(0, split + 1);
        String sigBlock = note.substring(split + 2);
        if (text.chars().anyMatch(c -> c != '\n' && Character.isISOControl(c))) {
            throw new IllegalArgumentException("malformed note: control character in the text");
        }
        List<NoteSignature> sigs = new ArrayList<>();
        for (String line : sigBlock.split("\n", -1)) {
            if (line.isEmpty()) {
                continue; // only the one after the last "\n", since the block has no blank line
            }
            if (!line.startsWith(SIGNATURE_PREFIX)) {
                throw new IllegalArgumentException("malformed note: a signature line does not start with an em dash and a space");
            }
            String rest = line.substring(SIGNATURE_PREFIX.length());
            int space = rest.indexOf(' ');
            if (space <= 0 || rest.indexOf(' ', space + 1) >= 0) {
                throw new IllegalArgumentException("malformed note: a signature line is not \"— <name> <base64>\"");
            }
            String name = rest.substring(0, space);
            if (!NoteVerifierKey.isValidName(name)) {
                throw new IllegalArgumentException("malformed note: invalid key name in a signature line");
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(rest.substring(space + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("malformed note: a signature is not base64");
            }
            if (raw.length < 5) {
                throw new IllegalArgumentException("malformed note: a signature is too short");
            }
            int hash = ((raw[0] & 0xff) << 24) | ((raw[1] & 0xff) << 16) | ((raw[2] & 0xff) << 8) | (raw[3] & 0xff);
            byte[] sig = new byte[raw.length - 4];
            System.arraycopy(raw, 4, sig, 0, sig.length);
            sigs.add(new NoteSignature(name, hash, sig));
        }
        if (sigs.isEmpty()) {
            throw new IllegalArgumentException("malformed note: no signature line");
        }
        return new SignedNote(text, sigs);
    }

    /** The signature lines whose name and key hash are the key's. */
    public Optional<NoteSignature> signatureBy(NoteVerifierKey key) {
        return signatures.stream().filter(s -> s.name().equals(key.name()) && s.keyHash() == key.keyHash()).findFirst();
    }

    /** Whether the key signed the text: a signature line with its name and hash whose signature verifies. */
    public boolean verifiedBy(NoteVerifierKey key) {
        return signatures.stream()
                .filter(s -> s.name().equals(key.name()) && s.keyHash() == key.keyHash())
                .anyMatch(s -> key.verify(text.getBytes(StandardCharsets.UTF_8), s.signature()));
    }
}
