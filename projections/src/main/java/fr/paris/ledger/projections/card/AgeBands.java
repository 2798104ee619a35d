package fr.paris.ledger.projections.card;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The age bands of the card statistics. A holder's age for the statistics is the age reached in
 * the current year (current year minus birth year): the ledger keeps birth years, not birthdates.
 */
public final class AgeBands {
    /** Lower bound of each band, in order; the last band is open-ended. */
    static final List<Integer> LOWER_BOUNDS = List.of(7, 15, 30, 45, 60, 75);

    private AgeBands() {
    }

    public static String bandOf(int age) {
        for (int i = LOWER_BOUNDS.size() - 1; i >= 0; i--) {
            if (age >= LOWER_BOUNDS.get(i)) {
                return label(i);
            }
        }
        // under 7 in the current year can only be a holder issued at 7 earlier this year... which cannot
        // happen, but a clock set backwards could: count them in the youngest band rather than lose them
        return label(0);
    }

    static Map<String, Long> emptyCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < LOWER_BOUNDS.size(); i++) {
            counts.put(label(i), 0L);
        }
        return counts;
    }

    private static String label(int i) {
        int low = LOWER_BOUNDS.get(i);
        return i == LOWER_BOUNDS.size() - 1 ? low + "+" : low + "-" + (LOWER_BOUNDS.get(i + 1) - 1);
    }
}
