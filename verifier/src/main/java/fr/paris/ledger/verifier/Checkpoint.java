package fr.paris.ledger.verifier;

import java.util.Base64;

/**
 * A C2SP tlog-checkpoint body: {@code "<origin>\n<tree size in decimal>\n<base64 root hash>\n"},
 * possibly followed by extension lines (the ledger writes none; they are ignored here).
 */
public record Checkpoint(String origin, long treeSize, byte[] rootHash) {

    public static Checkpoint parse(String body) {
        if (!body.endsWith("\n")) {
            throw new IllegalArgumentException("malformed checkpoint: the body does not end with a newline");
        }
        String[] lines = body.split("\n", -1);
        if (lines.length < 4) {
            throw new IllegalArgumentException("malformed checkpoint: fewer than three lines");
        }
        String origin = lines[0];
        if (origin.isEmpty()) {
            throw new IllegalArgumentException("malformed checkpoint: empty origin line");
        }
        String size = lines[1];
        if (!size.matches("0|[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("malformed checkpoint: the tree size is not a decimal number without leading zeros");
        }
        long treeSize;
        try {
            treeSize = Long.parseLong(size);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed checkpoint: the tree size is too large");
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed checkpoint: the root hash is not base64");
        }
        if (root.length != Merkle.HASH_SIZE || !Base64.getEncoder().encodeToString(root).equals(lines[2])) {
            throw new IllegalArgumentException("malformed checkpoint: the root hash is not 32 bytes in padded base64");
        }
        for (int i = 3; i < lines.length - 1; i++) {
            if (lines[i].isEmpty()) {
                throw new IllegalArgumentException("malformed checkpoint: empty extension line");
            }
        }
        return new Checkpoint(origin, treeSize, root);
    }

    /** The body this checkpoint is written as (without extension lines). */
    public String body() {
        return origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
    }
}
