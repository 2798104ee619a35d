package fr.paris.ledger.budget;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The grades of a majority-judgment ballot as its events hold them: project id (its value) to grade, in project id
 * order, so that the same ballot gives the same bytes. Grades: 3 "Coup de cœur", 2 "J'aime bien", 1 "Pourquoi pas",
 * 0 "Pas convaincu·e".
 */
public final class Grades {
    public static final int LOWEST = 0;
    public static final int HIGHEST = 3;
    /** The number of grades, 0 to 3: the length of a merit profile. */
    public static final int COUNT = HIGHEST + 1;

    private Grades() {
    }

    /** {@code grades} as an unmodifiable map in key order; null stays null. */
    static SortedMap<String, Integer> sorted(Map<String, Integer> grades) {
        return grades == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(grades));
    }

    /** The grades of a command, keyed by project id value, in order; null stays null. */
    public static SortedMap<String, Integer> byValue(Map<ProjectId, Integer> grades) {
        if (grades == null) {
            return null;
        }
        TreeMap<String, Integer> byValue = new TreeMap<>();
        grades.forEach((project, grade) -> byValue.put(project.value(), grade));
        return Collections.unmodifiableSortedMap(byValue);
    }
}
