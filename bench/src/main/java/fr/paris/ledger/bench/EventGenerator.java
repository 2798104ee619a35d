package fr.paris.ledger.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * Writes many events fast for the replay, sealing and verify scenarios: {@code PetitionSigned}
 * events of distinct generated signers on the petition of the latest real signature, inserted with
 * SQL straight into the event table, in one transaction.
 *
 * <p>These are real domain events, not a look-alike: each row copies the payload type, revision and
 * aggregate type of a {@code PetitionSigned} row that the service itself wrote (through its own
 * Jackson serializer) during the surge, and the payload and metadata are built in the very format of
 * that row (same members, same order, same time formats), which is checked against the template
 * before anything is written. Each signer is its own aggregate ({@code signature:<petition>:<signer>},
 * sequence 0), as the service writes them, so the event table's uniqueness still holds. What this
 * skips is the command side (token, validation, the aggregate's checks): it makes a log to replay,
 * seal and verify, it does not measure acts. Run it while the service receives no other writes
 * (the sealer seals by global index; see docs/benchmarks.md).
 *
 * <p>It reads and writes {@code domain_event_entry} with SQL of its own, in the bench's process
 * over its own connection, not through the service's one raw reader ({@code EventScanner} in
 * infra): it is one of the few main classes {@code RawEventReadsTest} allows to name the table.
 */
public final class EventGenerator {
    static final String SIGNED = "fr.paris.ledger.petition.PetitionSigned";
    private static final Pattern FORMAT = Pattern.compile(
            "\\{\"arrondissement\":\\d+,\"participantId\":\"[^\"]+\",\"petitionId\":\"([^\"]+)\","
                    + "\"signedAt\":\"[0-9T:.\\-]+Z\"}");
    private static final Pattern META = Pattern.compile("\\{\"traceId\":\"[0-9a-f\\-]{36}\",\"correlationId\":\"[0-9a-f\\-]{36}\"}");
    private static final int CHUNK = 100_000;

    private EventGenerator() {
    }

    /** Appends {@code count} PetitionSigned events; returns the petition they sign. */
    public static String generate(Connection c, long count, String signerPrefix) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            String petition;
            String revision;
            String aggregateType;
            try (Statement s = c.createStatement();
                 ResultSet t = s.executeQuery("SELECT convert_from(payload, 'UTF8'), convert_from(meta_data, 'UTF8'), "
                         + "payload_revision, type FROM domain_event_entry WHERE payload_type = '" + SIGNED + "' "
                         + "ORDER BY global_index DESC LIMIT 1")) {
                if (!t.next()) {
                    throw new IllegalStateException("no PetitionSigned event to take as the template: run a surge first");
                }
                var m = FORMAT.matcher(t.getString(1));
                if (!m.matches() || !META.matcher(t.getString(2)).matches()) {
                    throw new IllegalStateException("the service writes PetitionSigned in another format now; update "
                            + "EventGenerator: " + t.getString(1) + " " + t.getString(2));
                }
                petition = m.group(1);
                revision = t.getString(3);
                aggregateType = t.getString(4);
            }
            String sql = """
                    INSERT INTO domain_event_entry (event_identifier, meta_data, payload, payload_revision, payload_type,
                                                    time_stamp, aggregate_identifier, sequence_number, type)
                    SELECT gen_random_uuid()::text,
                           convert_to('{"traceId":"' || x.u || '","correlationId":"' || x.u || '"}', 'UTF8'),
                           convert_to('{"arrondissement":' || x.a || ',"participantId":"' || x.p || '","petitionId":"' || ?
                                      || '","signedAt":"'
                                      || to_char(x.t, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '"}', 'UTF8'),
                           ?, ?, to_char(x.t, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'signature:' || ? || ':' || x.p, 0, ?
                    FROM generate_series(?::bigint, ?::bigint) g,
                         LATERAL (SELECT gen_random_uuid()::text AS u, (g % 20) + 1 AS a, ? || g AS p,
                                         clock_timestamp() AT TIME ZONE 'UTC' AS t) x
                    """;
            try (PreparedStatement insert = c.prepareStatement(sql)) {
                for (long from = 0; from < count; from += CHUNK) {
                    insert.setString(1, petition);
                    insert.setString(2, revision);
                    insert.setString(3, SIGNED);
                    insert.setString(4, petition);
                    insert.setString(5, aggregateType);
                    insert.setLong(6, from);
                    insert.setLong(7, Math.min(count, from + CHUNK) - 1);
                    insert.setString(8, signerPrefix);
                    insert.executeUpdate();
                }
            }
            c.commit();
            return petition;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
