package fr.paris.ledger.projections.budget;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads of the budget read models. */
@Component
@Transactional(readOnly = true)
public class BudgetQueries {

    /** A campaign with its live participation (voters so far, by channel). */
    public record CampaignView(int year, String phase, String ballotMethod, long parisWideEnvelopeCents,
                               JsonNode arrondissementEnvelopesCents, int maxParisWideChoices, int maxArrondissementChoices,
                               Instant createdAt, Map<String, Long> votersSoFar, boolean resultsPublished) {
    }

    /**
     * A project as the public reads it. {@code votes} for an approval campaign; {@code profile} and
     * {@code majorityGrade} (absent otherwise) for a majority-judgment one, once the results are recorded.
     */
    public record ProjectView(String projectId, int year, String scope, String title, String description, String category,
                              long estimatedCostCents, long costCents, Instant submittedAt, String verdict,
                              String verdictReason, String mergedInto, Long votes,
                              @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode profile,
                              @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode majorityGrade, Integer rank, Boolean winner,
                              List<Realization> realization) {
    }

    /** A line of a winning project's delivery. */
    public record Realization(Instant at, String status, String note) {
    }

    /**
     * A paper batch as an auditor reads it: its urn, the staff references of its agents (the one who
     * opened and entered it, the one who confirmed or abandoned it), declared and entered counts
     * (entries not voided, spoiled papers included), and its status.
     */
    public record PaperBatchView(String batchId, String urn, String status, Integer declaredCount, long enteredCount,
                                 long ballots, long spoiled, long voided, long setAside, String enteredBy,
                                 String confirmedBy, String abandonedBy, String abandonReason, Instant openedAt,
                                 Instant closedAt) {
    }

    /** A project on the ballot. */
    public record BallotOption(String projectId, String title, String description, String category, long costCents) {
    }

    /** The projects on a campaign's ballot: Paris-wide, and per arrondissement {@code "1"} to {@code "20"}. */
    public record BallotOptions(int year, List<BallotOption> parisWide, Map<String, List<BallotOption>> arrondissements) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public BudgetQueries(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<CampaignView> campaign(int year) {
        Map<String, Long> voters = new LinkedHashMap<>();
        voters.put("ONLINE", 0L);
        voters.put("PAPER", 0L);
        jdbc.query("SELECT channel, count(*) FROM budget_voter WHERE year = ? AND channel = 'ONLINE' GROUP BY channel",
                rs -> {
                    voters.put(rs.getString(1), rs.getLong(2));
                }, year);
        // paper: the voters of entries standing in batches not abandoned (confirmed or still being entered)
        voters.put("PAPER", jdbc.queryForObject("""
                SELECT count(DISTINCT e.voter_id) FROM budget_paper_entry e
                JOIN budget_paper_batch b ON b.year = e.year AND b.batch_id = e.batch_id
                WHERE e.year = ? AND e.voter_id IS NOT NULL AND NOT e.voided AND NOT e.set_aside AND b.status <> 'ABANDONED'""",
                Long.class, year));
        return jdbc.query("SELECT * FROM budget_campaign WHERE year = ?", (rs, i) -> new CampaignView(rs.getInt("year"),
                rs.getString("phase"), rs.getString("ballot_method"), rs.getLong("paris_envelope_cents"),
                tree(rs.getString("arrondissement_envelopes_cents")),
                rs.getInt("max_paris_wide_choices"), rs.getInt("max_arrondissement_choices"), instant(rs, "created_at"),
                voters, rs.getString("results") != null), year).stream().findFirst();
    }

    /**
     * The recorded results as the API shows them; empty until recorded. Those of an approval campaign as the results
     * event holds them; those of a majority-judgment campaign with {@code p} and {@code q} derived from the recorded
     * counts ({@link #majorityJudgment}).
     */
    public Optional<JsonNode> results(int year) {
        return jdbc.queryForList("SELECT results FROM budget_campaign WHERE year = ? AND results IS NOT NULL", String.class, year)
                .stream().findFirst().map(this::tree).map(r -> "MAJORITY_JUDGMENT".equals(r.path("method").asText())
                        ? majorityJudgment(r) : r);
    }

    /**
     * The API's form of recorded majority-judgment results: {@code {year, method, ballots, paperBallotsSetAside,
     * ballotsByChannel, ballotsByArrondissement, scopes:{S:{envelopeCents, usedCents, judges, projects:[{projectId,
     * profile, majorityGrade, p, q, rank, costCents, winner}]}}}}, where {@code p} = above / judges and
     * {@code q} = below / judges, as decimal numbers (null in a scope without judges). The event holds integers only.
     */
    static JsonNode majorityJudgment(JsonNode recorded) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String field : List.of("year", "method", "ballots", "paperBallotsSetAside", "ballotsByChannel",
                "ballotsByArrondissement")) {
            out.set(field, recorded.path(field).deepCopy());
        }
        ObjectNode scopes = out.putObject("scopes");
        recorded.path("scopes").fields().forEachRemaining(entry -> {
            JsonNode s = entry.getValue();
            long judges = s.path("judges").asLong();
            ObjectNode scope = scopes.putObject(entry.getKey());
            scope.set("envelopeCents", s.path("envelopeCents").deepCopy());
            scope.set("usedCents", s.path("usedCents").deepCopy());
            scope.put("judges", judges);
            ArrayNode projects = scope.putArray("projects");
            for (JsonNode p : s.path("projects")) {
                ObjectNode project = projects.addObject();
                project.set("projectId", p.path("projectId").deepCopy());
                project.set("profile", p.path("profile").deepCopy());
                project.set("majorityGrade", p.path("majorityGrade").deepCopy());
                project.set("p", share(p.path("above"), judges));
                project.set("q", share(p.path("below"), judges));
                project.set("rank", p.path("rank").deepCopy());
                project.set("costCents", p.path("costCents").deepCopy());
                project.set("winner", p.path("winner").deepCopy());
            }
        });
        return out;
    }

    /** {@code count / judges} as a decimal number; null without judges. */
    private static JsonNode share(JsonNode count, long judges) {
        if (judges == 0 || !count.isIntegralNumber()) {
            return JsonNodeFactory.instance.nullNode();
        }
        return JsonNodeFactory.instance.numberNode((double) count.asLong() / judges);
    }

    /** The projects on the ballot (found feasible), Paris-wide and per arrondissement, in submission order. */
    public BallotOptions ballotOptions(int year) {
        Map<String, List<BallotOption>> arrondissements = new LinkedHashMap<>();
        for (int i = 1; i <= 20; i++) {
            arrondissements.put(Integer.toString(i), new java.util.ArrayList<>());
        }
        List<BallotOption> parisWide = new java.util.ArrayList<>();
        jdbc.query("""
                SELECT project_id, scope, title, description, category, cost_cents FROM budget_project
                WHERE year = ? AND verdict = 'FEASIBLE' ORDER BY submitted_at, project_id""", rs -> {
                    BallotOption o = new BallotOption(rs.getString(1), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6));
                    if ("PARIS".equals(rs.getString(2))) {
                        parisWide.add(o);
                    } else {
                        arrondissements.get(rs.getString(2)).add(o);
                    }
                }, year);
        return new BallotOptions(year, parisWide, arrondissements);
    }

    public Optional<ProjectView> project(String projectId) {
        List<Realization> realization = jdbc.query(
                "SELECT recorded_at, status, note FROM budget_realization WHERE project_id = ? ORDER BY recorded_at, status",
                (rs, i) -> new Realization(instant(rs, "recorded_at"), rs.getString("status"), rs.getString("note")), projectId);
        // the row first, then the campaign's results: no query inside a row mapper (it would hold two
        // pooled connections at once)
        Optional<int[]> yearOf = jdbc.query("SELECT year FROM budget_project WHERE project_id = ?",
                (rs, i) -> new int[] {rs.getInt(1)}, projectId).stream().findFirst();
        if (yearOf.isEmpty()) {
            return Optional.empty();
        }
        Optional<JsonNode> campaignResults = results(yearOf.get()[0]);
        return jdbc.query("SELECT * FROM budget_project WHERE project_id = ?",
                (rs, i) -> projectView(rs, campaignResults, realization), projectId).stream().findFirst();
    }

    /** The years that have a campaign, the latest first. */
    public List<Integer> years() {
        return jdbc.queryForList("SELECT year FROM budget_campaign ORDER BY year DESC", Integer.class);
    }

    /**
     * Every project of a campaign, whatever its verdict, in submission order, each as
     * {@link #project} reads it: three queries whatever the number of projects.
     */
    public List<ProjectView> projects(int year) {
        Optional<JsonNode> campaignResults = results(year);
        Map<String, List<Realization>> realizations = new LinkedHashMap<>();
        jdbc.query("""
                SELECT r.project_id, r.recorded_at, r.status, r.note FROM budget_realization r
                JOIN budget_project p ON p.project_id = r.project_id
                WHERE p.year = ? ORDER BY r.recorded_at, r.status""", rs -> {
                    realizations.computeIfAbsent(rs.getString("project_id"), k -> new java.util.ArrayList<>())
                            .add(new Realization(instant(rs, "recorded_at"), rs.getString("status"), rs.getString("note")));
                }, year);
        return jdbc.query("SELECT * FROM budget_project WHERE year = ? ORDER BY submitted_at, project_id",
                (rs, i) -> projectView(rs, campaignResults,
                        realizations.getOrDefault(rs.getString("project_id"), List.of())), year);
    }

    private static ProjectView projectView(ResultSet rs, Optional<JsonNode> campaignResults, List<Realization> realization)
            throws SQLException {
        String projectId = rs.getString("project_id");
        String scope = rs.getString("scope");
        JsonNode result = campaignResults.map(r -> resultIn(r, scope, projectId)).orElse(null);
        return new ProjectView(
            projectId, rs.getInt("year"), scope, rs.getString("title"),
            rs.getString("description"), rs.getString("category"), rs.getLong("estimated_cost_cents"),
            rs.getLong("cost_cents"), instant(rs, "submitted_at"), rs.getString("verdict"), rs.getString("verdict_reason"),
            rs.getString("merged_into"), result == null || !result.has("votes") ? null : result.path("votes").asLong(),
            result == null ? null : result.get("profile"), result == null ? null : result.get("majorityGrade"),
            result == null ? null : result.path("rank").asInt(), result == null ? null : result.path("winner").asBoolean(),
            realization);
    }

    /** At most {@code limit} batches of a campaign, by batch id, after the batch id {@code after} (null: from the first). */
    public List<PaperBatchView> paperBatches(int year, String after, int limit) {
        return jdbc.query("""
                SELECT b.*, count(e.ballot_number) FILTER (WHERE NOT e.voided) AS entered,
                       count(e.ballot_number) FILTER (WHERE NOT e.voided AND e.voter_id IS NOT NULL) AS ballots,
                       count(e.ballot_number) FILTER (WHERE NOT e.voided AND e.voter_id IS NULL) AS spoiled,
                       count(e.ballot_number) FILTER (WHERE e.voided) AS voided,
                       count(e.ballot_number) FILTER (WHERE NOT e.voided AND e.set_aside) AS set_aside
                FROM budget_paper_batch b
                LEFT JOIN budget_paper_entry e ON e.year = b.year AND e.batch_id = b.batch_id
                WHERE b.year = ? AND b.batch_id > ?
                GROUP BY b.year, b.batch_id ORDER BY b.batch_id LIMIT ?""", (rs, i) -> {
                    String status = rs.getString("status");
                    String closedBy = rs.getString("closed_by");
                    return new PaperBatchView(rs.getString("batch_id"), rs.getString("urn"), status,
                            (Integer) rs.getObject("declared_count"), rs.getLong("entered"), rs.getLong("ballots"),
                            rs.getLong("spoiled"), rs.getLong("voided"), rs.getLong("set_aside"), rs.getString("opened_by"),
                            "CONFIRMED".equals(status) ? closedBy : null, "ABANDONED".equals(status) ? closedBy : null,
                            rs.getString("reason"), instant(rs, "opened_at"), instant(rs, "closed_at"));
                }, year, after == null ? "" : after, limit);
    }

    /** The project's line in its campaign's recorded results, if any. */
    private static JsonNode resultIn(JsonNode results, String scope, String projectId) {
        for (JsonNode p : results.path("scopes").path(scope).path("projects")) {
            if (projectId.equals(p.path("projectId").asText())) {
                return p;
            }
        }
        return null;
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON in the budget read model", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
