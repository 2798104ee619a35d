package fr.paris.ledger.verifier;

import fr.paris.ledger.sortition.ApplicationId;
import fr.paris.ledger.sortition.ApplicationRecorded;
import fr.paris.ledger.sortition.ApplicationWithdrawn;
import fr.paris.ledger.sortition.CallClosed;
import fr.paris.ledger.sortition.CallDrawn;
import fr.paris.ledger.sortition.PoolEntry;
import java.io.IOException;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * {@code recount}, sortition draws: for each CallDrawn event, recomputes from published data alone
 * the pool hash of the pool frozen at closing (CallClosed), the key string from the random sources,
 * and the selection from the pool, the seats, the alternates and the recorded algorithm with the
 * verifier's own {@link Sortition}, written from docs/sortition.md and RFC 3797, not with the
 * service's code; and compares them with what the draw recorded. It also recomputes the pool
 * itself: the call's applications (ApplicationRecorded) in the order recorded, less those withdrawn
 * (ApplicationWithdrawn) before the call closed, must be the pool CallClosed froze, entry for entry.
 */
final class DrawRecount {
    static final String SORTITION = "fr.paris.ledger.sortition.";

    private final Map<String, CallClosed> closed = new LinkedHashMap<>();
    private final Map<String, CallDrawn> drawn = new LinkedHashMap<>();
    /** Per call not closed yet: its applications in the order recorded, less those withdrawn. */
    private final Map<String, Map<ApplicationId, PoolEntry>> open = new HashMap<>();
    /** Per closed call: the pool its applications gave when it closed. */
    private final Map<String, List<PoolEntry>> applied = new HashMap<>();

    void first(ExportEvents.Event e) throws IOException {
        switch (e.payloadType().startsWith(SORTITION) ? e.payloadType().substring(SORTITION.length()) : "") {
            case "ApplicationRecorded" -> {
                ApplicationRecorded a = e.as(ApplicationRecorded.class);
                open.computeIfAbsent(name(a.councilId().value(), a.callId().value()), k -> new LinkedHashMap<>())
                        .put(a.applicationId(), new PoolEntry(a.applicationId(), a.group()));
            }
            case "ApplicationWithdrawn" -> {
                ApplicationWithdrawn w = e.as(ApplicationWithdrawn.class);
                Map<ApplicationId, PoolEntry> pool = open.get(name(w.councilId().value(), w.callId().value()));
                if (pool != null) {
                    pool.remove(w.applicationId()); // before the close: it leaves the pool (after it: the draw's business)
                }
            }
            case "CallClosed" -> {
                CallClosed c = e.as(CallClosed.class);
                String name = name(c.councilId().value(), c.callId().value());
                closed.put(name, c);
                Map<ApplicationId, PoolEntry> pool = open.remove(name);
                applied.put(name, pool == null ? List.of() : List.copyOf(pool.values()));
            }
            case "CallDrawn" -> {
                CallDrawn d = e.as(CallDrawn.class);
                drawn.put(name(d.councilId().value(), d.callId().value()), d);
            }
            default -> {
            }
        }
    }

    private static String name(String council, String call) {
        return council + "/" + call;
    }

    /** Prints one line per draw; returns {draws, differing}. */
    long[] report(PrintStream out) {
        long differ = 0;
        for (Map.Entry<String, CallDrawn> entry : drawn.entrySet()) {
            CallDrawn d = entry.getValue();
            CallClosed c = closed.get(entry.getKey());
            String poolProblem = null;
            String selectionProblem = null;
            if (c == null) {
                poolProblem = "no CallClosed event for this call";
                selectionProblem = "no frozen pool";
            } else {
                String hash = Sortition.poolHash(c.pool());
                if (!hash.equals(c.poolHash())) {
                    poolProblem = "the pool recorded at closing hashes to " + hash + ", CallClosed recorded " + c.poolHash();
                } else if (!hash.equals(d.poolHash())) {
                    poolProblem = "the pool recorded at closing hashes to " + hash + ", the draw recorded " + d.poolHash();
                }
            }
            String keyProblem = null;
            String key = null;
            try {
                key = Sortition.keyString(d.randomSources());
                if (!key.equals(d.key())) {
                    keyProblem = "the random sources give " + key + ", the draw recorded " + d.key();
                }
            } catch (IllegalArgumentException ex) {
                keyProblem = ex.getMessage();
            }
            if (c != null) {
                if (Sortition.digestOf(d.algorithm()) == null) {
                    selectionProblem = "unknown algorithm " + d.algorithm();
                } else if (d.seats() == null || d.randomSources() == null) {
                    selectionProblem = "the draw records no seats or no random sources";
                } else {
                    try {
                        Sortition.Outcome o = Sortition.draw(d.algorithm(), c.pool(), d.seats(), d.alternatesPerGroup(),
                                d.randomSources());
                        selectionProblem = firstDifference("selected", d.selected(), o.selected());
                        if (selectionProblem == null) {
                            selectionProblem = firstDifference("alternates", d.alternates(), o.alternates());
                        }
                    } catch (IllegalArgumentException ex) {
                        selectionProblem = "cannot redraw: " + ex.getMessage();
                    }
                }
            }
            String appliedProblem = c == null ? null : poolDifference(c.pool(), applied.get(entry.getKey()));
            boolean ok = poolProblem == null && keyProblem == null && selectionProblem == null && appliedProblem == null;
            if (!ok) {
                differ++;
            }
            StringBuilder line = new StringBuilder((ok ? "OK   " : "DIFF ") + "draw " + entry.getKey() + ": pool hash "
                    + (poolProblem == null ? "ok" : "DIFFERS") + ", key " + (keyProblem == null ? "ok" : "DIFFERS")
                    + ", selection " + (selectionProblem == null ? "equal" : "DIFFERS")
                    + ", pool from applications " + (appliedProblem == null ? "ok" : "DIFFERS"));
            if (!ok) {
                line.append(" (");
                String sep = "";
                for (String p : new String[] {poolProblem, keyProblem, selectionProblem, appliedProblem}) {
                    if (p != null) {
                        line.append(sep).append(p);
                        sep = "; ";
                    }
                }
                line.append(')');
            }
            out.println(line);
        }
        return new long[] {drawn.size(), differ};
    }

    /** Null if the pool frozen at closing is the one the call's applications give, else where they first differ. */
    private static String poolDifference(List<PoolEntry> recorded, List<PoolEntry> recounted) {
        List<PoolEntry> a = recorded == null ? List.of() : recorded;
        for (int i = 0; i < Math.max(a.size(), recounted.size()); i++) {
            PoolEntry x = i < a.size() ? a.get(i) : null;
            PoolEntry y = i < recounted.size() ? recounted.get(i) : null;
            if (!Objects.equals(x, y)) {
                return "the pool frozen at closing is not the call's applications less those withdrawn before it closed: "
                        + "at position " + i + ", recorded " + entry(x) + ", recounted " + entry(y);
            }
        }
        return null;
    }

    private static String entry(PoolEntry e) {
        return e == null ? "nothing" : e.applicationId().value() + ":" + e.group();
    }

    private static String firstDifference(String what, Map<String, List<ApplicationId>> recorded,
                                          Map<String, List<ApplicationId>> recounted) {
        Map<String, List<ApplicationId>> a = recorded == null ? Map.of() : recorded;
        TreeSet<String> groups = new TreeSet<>(a.keySet());
        groups.addAll(recounted.keySet());
        for (String g : groups) {
            if (!Objects.equals(a.get(g), recounted.get(g))) {
                return what + " " + g + ": recorded " + a.get(g) + ", recounted " + recounted.get(g);
            }
        }
        return null;
    }
}
