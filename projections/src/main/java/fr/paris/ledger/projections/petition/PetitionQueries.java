package fr.paris.ledger.projections.petition;

import fr.paris.ledger.petition.PetitionRules;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads of the petition read models. A recorded {@code OPEN} whose window has ended reads
 * {@code CLOSED}, whether or not the closing job has recorded it yet.
 */
@Component
@Transactional(readOnly = true)
public class PetitionQueries {
    private static final String STATUS = "CASE WHEN p.status = 'OPEN' AND p.closes_at <= ? THEN 'CLOSED' ELSE p.status END";

    /** A line of a petition's timeline, with the standing signatures at that moment. */
    public record HistoryEntry(Instant at, String type, long signatureCount) {
    }

    /** A comment as stored: its text sealed under its author's key (opened by the service, or erased). */
    public record Comment(String commentId, @com.fasterxml.jackson.annotation.JsonIgnore String author, String sealedText,
                          Instant commentedAt, Instant hiddenAt, String hiddenReason) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public PetitionQueries(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<PetitionView> find(String petitionId) {
        Instant now = clock.instant();
        // read the row first, then the counts: a query inside a row mapper would hold two pooled
        // connections at once, and a burst of reads would starve the pool
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT p.*, " + STATUS + " AS current_status FROM petition p WHERE p.petition_id = ?", Timestamp.from(now), petitionId);
        return rows.stream().findFirst().map(row -> view(row, petitionId));
    }

    private PetitionView view(Map<String, Object> rs, String petitionId) {
        Map<String, Long> byArrondissement = byArrondissement(petitionId);
        long count = byArrondissement.values().stream().mapToLong(Long::longValue).sum();
        String status = (String) rs.get("current_status");
        // a withdrawn petition is not before the CPDP, whatever its count
        boolean eligible = count >= PetitionRules.THRESHOLD && !"WITHDRAWN".equals(status) && rs.get("opens_at") != null;
        Instant eligibleAt = eligible ? thresholdReachedAt(petitionId) : null;
        var session = (java.sql.Date) rs.get("council_session");
        Number arrondissement = (Number) rs.get("arrondissement");
        return new PetitionView(petitionId, (String) rs.get("author"), (String) rs.get("title"), (String) rs.get("text"),
                (String) rs.get("category"), arrondissement == null ? null : arrondissement.intValue(),
                status, instant(rs, "filed_at"), instant(rs, "opens_at"), instant(rs, "closes_at"),
                instant(rs, "ended_at"), count, byArrondissement, eligible, eligibleAt,
                (String) rs.get("moderation_reason"), (String) rs.get("withdrawal_reason"),
                session == null ? null : session.toLocalDate(), (String) rs.get("decision_reason"), instant(rs, "decided_at"));
    }

    /** Standing signatures per arrondissement, "1" to "20", each present. */
    public Map<String, Long> byArrondissement(String petitionId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 1; i <= 20; i++) {
            counts.put(Integer.toString(i), 0L);
        }
        jdbc.query("SELECT arrondissement, valid FROM petition_tally WHERE petition_id = ?",
                rs -> {
                    counts.put(Integer.toString(rs.getInt(1)), rs.getLong(2));
                }, petitionId);
        return counts;
    }

    /** When the {@value PetitionRules#THRESHOLD}th standing signature, in time order, was given. */
    public Instant thresholdReachedAt(String petitionId) {
        List<Timestamp> at = jdbc.queryForList("""
                SELECT signed_at FROM petition_signature WHERE petition_id = ? AND withdrawn_at IS NULL
                ORDER BY signed_at OFFSET ? LIMIT 1""", Timestamp.class, petitionId, PetitionRules.THRESHOLD - 1);
        return at.isEmpty() ? null : at.get(0).toInstant();
    }

    /**
     * Petitions with {@code status} (as read now), most recent first. {@code withHidden} false keeps
     * out petitions awaiting moderation or rejected.
     */
    public List<PetitionSummary> list(String status, boolean withHidden, int limit, int offset) {
        Timestamp now = Timestamp.from(clock.instant());
        StringBuilder sql = new StringBuilder("SELECT * FROM (SELECT p.petition_id, p.title, p.category, p.arrondissement, ")
                .append(STATUS).append(" AS current_status, p.filed_at, p.opens_at, p.closes_at, ")
                .append("(SELECT COALESCE(sum(t.valid), 0) FROM petition_tally t WHERE t.petition_id = p.petition_id) AS signatures ")
                .append("FROM petition p) x WHERE 1 = 1");
        List<Object> args = new java.util.ArrayList<>();
        args.add(now);
        if (status != null) {
            sql.append(" AND current_status = ?");
            args.add(status);
        }
        if (!withHidden) {
            // never published: awaiting moderation, rejected, or withdrawn before moderation
            sql.append(" AND opens_at IS NOT NULL");
        }
        sql.append(" ORDER BY filed_at DESC, petition_id LIMIT ? OFFSET ?");
        args.add(limit);
        args.add(offset);
        return jdbc.query(sql.toString(), (rs, i) -> new PetitionSummary(rs.getString("petition_id"), rs.getString("title"),
                rs.getString("category"), (Integer) rs.getObject("arrondissement", Integer.class), rs.getString("current_status"),
                instant(rs, "filed_at"), instant(rs, "opens_at"), instant(rs, "closes_at"), rs.getLong("signatures")),
                args.toArray());
    }

    /** Open petitions whose window has ended and whose closing is not recorded yet. */
    public List<String> dueForClosing(int limit) {
        return jdbc.queryForList("SELECT petition_id FROM petition WHERE status = 'OPEN' AND closes_at <= ? ORDER BY closes_at LIMIT ?",
                String.class, Timestamp.from(clock.instant()), limit);
    }

    /**
     * A page of a petition's comments, oldest first: at most {@code limit} after the comment
     * {@code (afterAt, afterId)} (both null for the first page), keyset-paged so a page costs the
     * same however deep it is.
     */
    public List<Comment> comments(String petitionId, Instant afterAt, String afterId, int limit) {
        return jdbc.query("""
                SELECT * FROM petition_comment WHERE petition_id = ?
                  AND (CAST(? AS TIMESTAMPTZ) IS NULL OR (commented_at, comment_id) > (CAST(? AS TIMESTAMPTZ), ?))
                ORDER BY commented_at, comment_id LIMIT ?""",
                (rs, i) -> new Comment(rs.getString("comment_id"), rs.getString("author"), rs.getString("sealed_text"),
                        instant(rs, "commented_at"), rs.getTimestamp("hidden_at") == null ? null : instant(rs, "hidden_at"),
                        rs.getString("hidden_reason")),
                petitionId, afterAt == null ? null : Timestamp.from(afterAt), afterAt == null ? null : Timestamp.from(afterAt),
                afterId == null ? "" : afterId, limit);
    }

    /**
     * The petition's timeline; each entry carries the standing signatures at its moment, as the
     * signature read model knows them (a signature given again after a withdrawal counts from its
     * latest signing). The exact count at any moment, recounted from the events, is
     * the petition use cases' recount (PetitionAudit, module application). Reaching the threshold is an entry of its own.
     */
    public List<HistoryEntry> history(String petitionId) {
        List<Map.Entry<Instant, String>> entries = new java.util.ArrayList<>(jdbc.query(
                "SELECT at, type FROM petition_history WHERE petition_id = ? ORDER BY at, type",
                (rs, i) -> Map.entry(instant(rs, "at"), rs.getString("type")), petitionId));
        Instant threshold = thresholdReachedAt(petitionId);
        if (threshold != null) {
            entries.add(Map.entry(threshold, "THRESHOLD_REACHED"));
            entries.sort(Map.Entry.comparingByKey());
        }
        return entries.stream().map(e -> new HistoryEntry(e.getKey(), e.getValue(), standingAt(petitionId, e.getKey()))).toList();
    }

    private long standingAt(String petitionId, Instant at) {
        Timestamp t = Timestamp.from(at);
        return jdbc.queryForObject("""
                SELECT count(*) FROM petition_signature
                WHERE petition_id = ? AND signed_at <= ? AND (withdrawn_at IS NULL OR withdrawn_at > ?)""",
                Long.class, petitionId, t, t);
    }

    private static Instant instant(Map<String, Object> row, String column) {
        Object t = row.get(column);
        return t == null ? null : ((Timestamp) t).toInstant();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
