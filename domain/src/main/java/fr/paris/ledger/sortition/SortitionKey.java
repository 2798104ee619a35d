package fr.paris.ledger.sortition;

import java.util.List;

/**
 * The key string of RFC 3797 built from the public random sources, in their published order: a
 * source of numbers is written as its numbers sorted ascending, each followed by "."; a string
 * source is written as is; each source is followed by "/". Sources {@code [9319]},
 * {@code [2,5,12,8,10]}, {@code [9,18,26,34,41,45]} give {@code 9319./2.5.8.10.12./9.18.26.34.41.45./}.
 */
public final class SortitionKey {
    private SortitionKey() {
    }

    public static String of(List<RandomSource> sources) {
        if (sources == null || sources.isEmpty()) {
            throw new IllegalArgumentException("a draw needs at least one random source");
        }
        StringBuilder sb = new StringBuilder();
        sources.forEach(s -> sb.append(s.keyPart()));
        return sb.toString();
    }

    /** The key of one quota group's own draw under {@link DrawAlgorithm#SHA256_V1}: {@code <key string><group>/}. */
    public static String ofGroup(String keyString, String group) {
        return keyString + group + "/";
    }
}
