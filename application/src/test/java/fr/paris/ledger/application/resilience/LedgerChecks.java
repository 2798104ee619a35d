package fr.paris.ledger.application.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.paris.ledger.application.support.Tokens;
import fr.paris.ledger.application.support.VerifierCli;
import fr.paris.ledger.budget.CampaignYear;
import fr.paris.ledger.infra.privacy.Participants;
import fr.paris.ledger.infra.privacy.PrivacyKeys;
import fr.paris.ledger.infra.privacy.ReferenceScope;
import fr.paris.ledger.infra.privacy.SubjectKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.env.MockEnvironment;

/**
 * What must hold after a kill, an outage or a node's death, once the load is paused and every act
 * in flight has its final answer: each act is in the events exactly once (a ballot: its voter
 * counted once), an acknowledged act's retry with its key returns the original answer and writes
 * nothing, each read model equals a recount from the events, and the audit export verifies against
 * the signed checkpoints.
 */
final class LedgerChecks {
    private final MixedLoad load;
    private final JdbcTemplate jdbc;
    private final Path dataDir;
    private Participants participants;
    private int round;
    long actsChecked;
    long replaysChecked;

    /** {@code dataDir}: the nodes' data directory, where they keep their development privacy keys. */
    LedgerChecks(MixedLoad load, String jdbcUrl, String user, String password, Path dataDir) {
        this.load = load;
        this.jdbc = new JdbcTemplate(new DriverManagerDataSource(jdbcUrl, user, password == null ? "" : password));
        this.dataDir = dataDir;
    }

    /**
     * The event stream an act writes to: named by the participant's reference in the act's scope,
     * derived as the nodes derive it (their keys, their subject keys), never by the participant's sub.
     * A participant without a subject key has acted nowhere: a stream that cannot exist.
     */
    String aggregate(MixedLoad.Act act) {
        return switch (act.kind) {
            case CARD -> "card-holder:" + reference(act.participant, ReferenceScope.card());
            case SIGNATURE -> "signature:" + load.petitionId + ":"
                    + reference(act.participant, ReferenceScope.petition(load.petitionId));
            case BALLOT -> "budget-ballot:" + MixedLoad.YEAR + ":"
                    + reference(act.participant, ReferenceScope.budget(new CampaignYear(MixedLoad.YEAR)));
        };
    }

    private String reference(String sub, ReferenceScope scope) {
        return participants().existingReference(sub, scope).map(r -> {
            assertThat(r.value()).startsWith("r-").doesNotContain(sub);
            return r.value();
        }).orElse("(no subject key) " + sub);
    }

    private synchronized Participants participants() {
        if (participants == null) {
            // created by the first node's start: reading them must not create others
            assertThat(dataDir.resolve("privacy-keys")).as("the nodes' development privacy keys").exists();
            try {
                PrivacyKeys keys = PrivacyKeys.from(new MockEnvironment().withProperty("ledger.data-dir", dataDir.toString()));
                participants = new Participants(new SubjectKeys(jdbc, keys, Clock.systemUTC()), keys, jdbc);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return participants;
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Every check, against the node at {@code url}; {@code replays} acknowledged acts are replayed. */
    void all(String url, Path workDir, int replays) {
        round++;
        assertThat(load.violations).as("violations seen by the clients").isEmpty();
        eachActOnce();
        replay(url, replays);
        eachActOnce();
        readModelsEqualRecount(url);
        exportVerifies(url, workDir.resolve("audit-" + round));
    }

    void eachActOnce() {
        Map<String, Long> perStream = new HashMap<>();
        jdbc.query("""
                SELECT aggregate_identifier, count(*) FROM domain_event_entry
                WHERE payload_type LIKE '%.CitizenCardIssued' OR payload_type LIKE '%.PetitionSigned'
                   OR payload_type LIKE '%.BallotCast'
                GROUP BY aggregate_identifier""", rs -> {
                    perStream.put(rs.getString(1), rs.getLong(2));
                });
        Set<String> eventIds = new HashSet<>(jdbc.queryForList("SELECT event_identifier FROM domain_event_entry", String.class));
        List<String> wrong = new ArrayList<>();
        long checked = 0;
        for (MixedLoad.Act act : load.acts) {
            if (!act.acked && !act.settledByRefusal) {
                wrong.add("not settled: " + act);
                continue;
            }
            long n = perStream.getOrDefault(aggregate(act), 0L);
            boolean ok = act.kind == MixedLoad.Kind.BALLOT ? n >= 1 && n <= act.attempts.get() : n == 1;
            if (!ok) {
                wrong.add(n + " events for " + act);
            }
            if (act.acked && (act.receiptEventId == null || !eventIds.contains(act.receiptEventId))) {
                wrong.add("receipt " + act.receiptEventId + " not in the events: " + act);
            }
            checked++;
        }
        assertThat(wrong).as("acts missing or doubled").isEmpty();
        actsChecked = checked;
    }

    void replay(String url, int replays) {
        List<MixedLoad.Act> acked = new ArrayList<>(load.acts.stream().filter(a -> a.acked).toList());
        Collections.shuffle(acked);
        long events = events();
        for (MixedLoad.Act act : acked.subList(0, Math.min(replays, acked.size()))) {
            HttpResponse<String> again = load.replay(url, act);
            assertThat(again.statusCode()).as("replay of " + act).isEqualTo(act.status);
            assertThat(again.body()).as("replay of " + act).isEqualTo(act.body);
            assertThat(again.headers().firstValue("Idempotent-Replayed")).as("replay of " + act).hasValue("true");
            replaysChecked++;
        }
        assertThat(events()).as("replays write nothing").isEqualTo(events);
    }

    long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    /** The read models, read through the public API, equal the counts recounted from the event table. */
    void readModelsEqualRecount(String url) {
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String last = "";
        while (System.nanoTime() < until) {
            Map<String, Long> shown = shown(url);
            Map<String, Long> recounted = recounted();
            if (shown.equals(recounted) && projectionsCaughtUp(url)) {
                return;
            }
            last = "shown " + shown + ", recounted " + recounted + ", projections " + admin(url, "/api/v1/admin/projections");
            ServiceProcess.sleep(250);
        }
        throw new AssertionError("read models did not reach the recount within 120 s: " + last);
    }

    private Map<String, Long> shown(String url) {
        Map<String, Long> shown = new HashMap<>();
        shown.put("cards", get(url, "/api/v1/stats/citizen-cards").path("active").asLong(-1));
        shown.put("signatures", get(url, "/api/v1/petitions/" + load.petitionId).path("signatureCount").asLong(-1));
        shown.put("signatures (recount endpoint)",
                get(url, "/api/v1/petitions/" + load.petitionId + "/signatures/count").path("validSignatures").asLong(-1));
        shown.put("voters", get(url, "/api/v1/budget/campaigns/" + MixedLoad.YEAR).path("votersSoFar").path("ONLINE").asLong(-1));
        return shown;
    }

    private Map<String, Long> recounted() {
        Map<String, Long> counts = new HashMap<>();
        counts.put("cards", count("payload_type LIKE '%.CitizenCardIssued'") - count("payload_type LIKE '%.CitizenCardCancelled'"));
        long signatures = count("payload_type LIKE '%.PetitionSigned' AND aggregate_identifier LIKE 'signature:" + load.petitionId + ":%'")
                - count("payload_type LIKE '%.PetitionSignatureWithdrawn' AND aggregate_identifier LIKE 'signature:" + load.petitionId + ":%'");
        counts.put("signatures", signatures);
        counts.put("signatures (recount endpoint)", signatures);
        counts.put("voters", jdbc.queryForObject("SELECT count(DISTINCT aggregate_identifier) FROM domain_event_entry "
                + "WHERE payload_type LIKE '%.BallotCast' AND aggregate_identifier LIKE 'budget-ballot:" + MixedLoad.YEAR + ":%'",
                Long.class));
        return counts;
    }

    private long count(String where) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE " + where, Long.class);
    }

    private boolean projectionsCaughtUp(String url) {
        JsonNode all = admin(url, "/api/v1/admin/projections");
        for (JsonNode p : all) {
            if (p.path("error").asBoolean() || p.path("lag").asLong() != 0) {
                return false;
            }
        }
        return all.size() > 0;
    }

    JsonNode admin(String url, String path) {
        return MixedLoad.tree(load.send(url, "GET", path, MixedLoad.ADMIN, null, null).body());
    }

    private JsonNode get(String url, String path) {
        return MixedLoad.tree(load.send(url, "GET", path, null, null, null).body());
    }

    /** Waits until every event is sealed, then fetches the export and runs the auditor's verify on it. */
    void exportVerifies(String url, Path dir) {
        long events = events();
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long size = -1;
        while (System.nanoTime() < until) {
            String checkpoint = load.send(url, "GET", "/api/v1/audit/checkpoint", null, null, null).body();
            String[] lines = checkpoint.split("\n");
            size = lines.length > 1 && lines[1].matches("\\d+") ? Long.parseLong(lines[1]) : -1;
            if (size >= events) {
                break;
            }
            ServiceProcess.sleep(200);
        }
        assertThat(size).as("checkpoint size covers every event").isGreaterThanOrEqualTo(events);
        String auditor = Tokens.withRoles("res-auditor", "AUDITOR");
        VerifierCli.Run fetched = VerifierCli.run("fetch", "--url", url, "--token", auditor, "--out", dir.toString());
        assertThat(fetched.status()).as(fetched.out()).isZero();
        VerifierCli.Run verified = VerifierCli.run("verify", "--export", dir.resolve("export.ndjson").toString(),
                "--checkpoints", dir.resolve("checkpoints.json").toString(), "--key", dir.resolve("verifier.key").toString());
        assertThat(verified.status()).as(verified.out()).isZero();
        assertThat(verified.out()).startsWith("OK");
    }
}
