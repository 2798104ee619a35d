package fr.paris.ledger.card;

import java.util.List;

/**
 * The age bands of the card statistics, judged when the card is issued: the ledger keeps a band,
 * never a birth date or a birth year.
 */
public final class AgeBand {
    /** Lower bound of each band, in order; the last band is open-ended. */
    public static final List<Integer> LOWER_BOUNDS = List.of(7, 15, 30, 45, 60, 75);

    private AgeBand() {
    }

    /** The band of an age in whole years ({@code "7-14"}, ..., {@code "75+"}); under 7 falls in the youngest. */
    public static String of(int age) {
        for (int i = LOWER_BOUNDS.size() - 1; i >= 0; i--) {
            if (age >= LOWER_BOUNDS.get(i)) {
                return label(i);
            }
        }
        return label(0);
    }

    public static List<String> labels() {
        return java.util.stream.IntStream.range(0, LOWER_BOUNDS.size()).mapToObj(AgeBand::label).toList();
    }

    private static String label(int i) {
        int low = LOWER_BOUNDS.get(i);
        return i == LOWER_BOUNDS.size() - 1 ? low + "+" : low + "-" + (LOWER_BOUNDS.get(i + 1) - 1);
    }
}
