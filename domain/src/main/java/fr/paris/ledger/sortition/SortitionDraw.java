package fr.paris.ledger.sortition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The draw of a call, as a pure function of published data only: the frozen pool, the seats to
 * fill per quota group, the number of alternates to rank per group, the algorithm and the random
 * sources. Anyone holding those recomputes the same outcome.
 *
 * <ul>
 *   <li>{@code SHA256-V1}: each group is its own pool (its applicants in pool order) drawn with key
 *   {@code <key string><group>/}; the first {@code seats} selected are seated, the next
 *   {@code alternatesPerGroup} are the alternates in rank order (one sequence j = 0, 1, ...).</li>
 *   <li>{@code RFC3797}: exactly one group; the key string as is; MD5, as the RFC's reference code.</li>
 * </ul>
 */
public final class SortitionDraw {
    private SortitionDraw() {
    }

    /** What a draw yields: the key string, and per group the selected and the alternates, in order. */
    public record Outcome(String key, Map<String, List<ApplicationId>> selected, Map<String, List<ApplicationId>> alternates) {
    }

    /** Thrown when an {@code RFC3797} draw is asked for more than one group. */
    public static final class OneGroupOnly extends IllegalArgumentException {
        OneGroupOnly() {
            super("RFC3797 draws exactly one quota group");
        }
    }

    public static Outcome draw(DrawAlgorithm algorithm, List<PoolEntry> pool, Map<String, Integer> seats,
                               int alternatesPerGroup, List<RandomSource> sources) {
        String key = SortitionKey.of(sources);
        Map<String, List<ApplicationId>> selected = new TreeMap<>();
        Map<String, List<ApplicationId>> alternates = new TreeMap<>();
        if (algorithm == DrawAlgorithm.RFC3797 && seats.size() != 1) {
            throw new OneGroupOnly();
        }
        for (Map.Entry<String, Integer> groupSeats : new TreeMap<>(seats).entrySet()) {
            String group = groupSeats.getKey();
            List<ApplicationId> candidates = pool.stream().filter(e -> e.group().equals(group))
                    .map(PoolEntry::applicationId).toList();
            String groupKey = algorithm == DrawAlgorithm.RFC3797 ? key : SortitionKey.ofGroup(key, group);
            int want = groupSeats.getValue() + alternatesPerGroup;
            List<ApplicationId> order = new ArrayList<>();
            for (int place : Rfc3797Selection.select(algorithm.digest(), groupKey, candidates.size(), want)) {
                order.add(candidates.get(place));
            }
            int seated = Math.min(groupSeats.getValue(), order.size());
            selected.put(group, List.copyOf(order.subList(0, seated)));
            alternates.put(group, List.copyOf(order.subList(seated, order.size())));
        }
        return new Outcome(key, Collections.unmodifiableMap(selected), Collections.unmodifiableMap(alternates));
    }
}
