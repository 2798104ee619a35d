package fr.paris.ledger.projections.sortition;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Public reads of councils: definition and composition, each call's frozen pool and draw, the
 * members. A mandate whose end has passed reads {@code ENDED} at once: no job records it.
 */
@Component
@Transactional(readOnly = true)
public class CouncilQueries {

    /** A council with its rules, its sitting and vacant seats per group now, and its calls. */
    public record CouncilView(String councilId, String name, int seats, Integer minAge, Integer maxAge, boolean residentsOnly,
                              Map<String, Integer> quotas, int mandateMonths, boolean renewable, Instant definedAt,
                              Map<String, Integer> sitting, Map<String, Integer> vacant, List<CallView> calls) {
    }

    /** A call's state. */
    public record CallView(String callId, String status, Map<String, Integer> seats, int alternatesPerGroup,
                           Instant openedAt, Instant closedAt, Instant drawnAt, Integer poolSize) {
    }

    /** One applicant of a published pool: pseudonymous. */
    public record PoolApplicant(String applicationId, String group) {
    }

    /** A frozen pool, in the order applications were recorded. */
    public record PoolView(String councilId, String callId, String poolHash, int poolSize, Instant closedAt,
                           List<PoolApplicant> applicants) {
    }

    /** A draw, with all it was computed from. */
    public record DrawView(String councilId, String callId, String algorithm, String poolHash, List<Object> randomSources,
                           String key, Map<String, Integer> seats, int alternatesPerGroup,
                           Map<String, List<String>> selected, Map<String, List<String>> alternates, Instant drawnAt) {
    }

    /** A mandate: {@code SITTING}, {@code ENDED} (its term passed) or {@code RESIGNED}. */
    public record MemberView(String applicationId, String group, String callId, Instant mandateStart, Instant mandateEnd,
                             String status, Instant resignedAt, String replaces) {
    }

    /** A seat left vacant after a resignation. */
    public record VacancyView(String group, String vacatedBy, Instant at) {
    }

    /** A council's mandates as of {@code asOf}: sitting members, past ones (ended or resigned), and the vacancies. */
    public record MembersView(String councilId, Instant asOf, List<MemberView> members, List<MemberView> pastMembers,
                              List<VacancyView> vacancies) {
    }

    /** Where a call is: absent, open, closed or drawn. */
    public enum CallStage { OPEN, CLOSED, DRAWN }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public CouncilQueries(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public boolean exists(String councilId) {
        return !jdbc.queryForList("SELECT 1 FROM sortition_council WHERE council_id = ?", Integer.class, councilId).isEmpty();
    }

    /** Every council's id, in the order they were defined. */
    public List<String> councilIds() {
        return jdbc.queryForList("SELECT council_id FROM sortition_council ORDER BY defined_at, council_id", String.class);
    }

    public Optional<CouncilView> council(String councilId) {
        Instant now = clock.instant();
        List<CouncilView> found = jdbc.query("SELECT * FROM sortition_council WHERE council_id = ?", (rs, i) -> {
            Map<String, Integer> quotas = quotas(councilId);
            Map<String, Integer> sitting = new TreeMap<>();
            quotas.keySet().forEach(g -> sitting.put(g, 0));
            jdbc.query("""
                    SELECT group_name, count(*) AS n FROM sortition_member
                    WHERE council_id = ? AND resigned_at IS NULL AND mandate_start <= ? AND mandate_end > ? GROUP BY group_name""",
                    (ResultSet r) -> {
                        sitting.put(r.getString("group_name"), r.getInt("n"));
                    }, councilId, Timestamp.from(now), Timestamp.from(now));
            Map<String, Integer> vacant = new TreeMap<>();
            quotas.forEach((g, q) -> vacant.put(g, Math.max(0, q - sitting.getOrDefault(g, 0))));
            return new CouncilView(councilId, rs.getString("name"), rs.getInt("seats"), rs.getObject("min_age", Integer.class),
                    rs.getObject("max_age", Integer.class), rs.getBoolean("residents_only"), quotas,
                    rs.getInt("mandate_months"), rs.getBoolean("renewable"), instant(rs, "defined_at"), sitting, vacant,
                    calls(councilId));
        }, councilId);
        return found.stream().findFirst();
    }

    private Map<String, Integer> quotas(String councilId) {
        Map<String, Integer> quotas = new TreeMap<>();
        jdbc.query("SELECT group_name, seats FROM sortition_council_quota WHERE council_id = ?",
                (ResultSet r) -> {
                    quotas.put(r.getString("group_name"), r.getInt("seats"));
                }, councilId);
        return quotas;
    }

    private List<CallView> calls(String councilId) {
        return jdbc.query("SELECT * FROM sortition_call WHERE council_id = ? ORDER BY opened_at, call_id",
                (rs, i) -> callView(rs), councilId);
    }

    private CallView callView(ResultSet rs) throws SQLException {
        String council = rs.getString("council_id");
        String call = rs.getString("call_id");
        Map<String, Integer> seats = new TreeMap<>();
        jdbc.query("SELECT group_name, requested FROM sortition_call_seats WHERE council_id = ? AND call_id = ?",
                (ResultSet r) -> {
                    seats.put(r.getString("group_name"), r.getInt("requested"));
                }, council, call);
        return new CallView(call, rs.getString("status"), seats, rs.getInt("alternates_per_group"), instant(rs, "opened_at"),
                instant(rs, "closed_at"), instant(rs, "drawn_at"), rs.getObject("pool_size", Integer.class));
    }

    public Optional<CallStage> stage(String councilId, String callId) {
        return jdbc.queryForList("SELECT status FROM sortition_call WHERE council_id = ? AND call_id = ?", String.class,
                councilId, callId).stream().findFirst().map(CallStage::valueOf);
    }

    public Optional<PoolView> pool(String councilId, String callId) {
        List<PoolView> found = jdbc.query("""
                SELECT pool_hash, pool_size, closed_at FROM sortition_call
                WHERE council_id = ? AND call_id = ? AND closed_at IS NOT NULL""", (rs, i) -> {
            List<PoolApplicant> applicants = jdbc.query("""
                    SELECT application_id, group_name FROM sortition_pool_entry WHERE council_id = ? AND call_id = ?
                    ORDER BY position""", (r, j) -> new PoolApplicant(r.getString(1), r.getString(2)), councilId, callId);
            return new PoolView(councilId, callId, rs.getString("pool_hash"), rs.getInt("pool_size"), instant(rs, "closed_at"),
                    applicants);
        }, councilId, callId);
        return found.stream().findFirst();
    }

    public Optional<DrawView> draw(String councilId, String callId) {
        List<DrawView> found = jdbc.query("""
                SELECT * FROM sortition_call WHERE council_id = ? AND call_id = ? AND drawn_at IS NOT NULL""", (rs, i) -> {
            List<Object> sources = jdbc.query("""
                    SELECT kind, value FROM sortition_random_source WHERE council_id = ? AND call_id = ? ORDER BY position""",
                    (r, j) -> r.getString("kind").equals("TEXT") ? r.getString("value")
                            : Arrays.stream(r.getString("value").split(",")).map(Long::valueOf).toList(),
                    councilId, callId);
            Map<String, Integer> seats = new TreeMap<>();
            Map<String, List<String>> selected = new TreeMap<>();
            Map<String, List<String>> alternates = new TreeMap<>();
            jdbc.query("SELECT group_name, drawn FROM sortition_call_seats WHERE council_id = ? AND call_id = ?",
                    (ResultSet r) -> {
                        String group = r.getString("group_name");
                        seats.put(group, r.getInt("drawn"));
                        selected.put(group, new ArrayList<>());
                        alternates.put(group, new ArrayList<>());
                    }, councilId, callId);
            jdbc.query("""
                    SELECT group_name, kind, application_id FROM sortition_draw_entry WHERE council_id = ? AND call_id = ?
                    ORDER BY group_name, kind, rank""", (ResultSet r) -> {
                var target = r.getString("kind").equals("SELECTED") ? selected : alternates;
                target.computeIfAbsent(r.getString("group_name"), g -> new ArrayList<>()).add(r.getString("application_id"));
            }, councilId, callId);
            return new DrawView(councilId, callId, rs.getString("algorithm"), rs.getString("pool_hash"), sources,
                    rs.getString("key_string"), seats, rs.getInt("alternates_per_group"), selected, alternates,
                    instant(rs, "drawn_at"));
        }, councilId, callId);
        return found.stream().findFirst();
    }

    /** Every mandate of the council, sitting ones first, then by start; and the vacancies. */
    public MembersView members(String councilId) {
        Instant now = clock.instant();
        List<MemberView> members = jdbc.query("""
                SELECT * FROM sortition_member WHERE council_id = ? ORDER BY mandate_start, group_name, application_id""",
                (rs, i) -> {
                    Instant end = instant(rs, "mandate_end");
                    Instant resigned = instant(rs, "resigned_at");
                    String status = resigned != null ? "RESIGNED" : end.isAfter(now) ? "SITTING" : "ENDED";
                    return new MemberView(rs.getString("application_id"), rs.getString("group_name"), rs.getString("call_id"),
                            instant(rs, "mandate_start"), end, status, resigned, rs.getString("replaces"));
                }, councilId);
        List<VacancyView> vacancies = jdbc.query("SELECT * FROM sortition_vacancy WHERE council_id = ? ORDER BY at",
                (rs, i) -> new VacancyView(rs.getString("group_name"), rs.getString("vacated_by"), instant(rs, "at")), councilId);
        return new MembersView(councilId, now, members.stream().filter(m -> m.status().equals("SITTING")).toList(),
                members.stream().filter(m -> !m.status().equals("SITTING")).toList(), vacancies);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
