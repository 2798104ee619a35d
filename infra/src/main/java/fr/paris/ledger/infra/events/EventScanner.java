package fr.paris.ledger.infra.events;

import fr.paris.ledger.infra.database.Cursors;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one reader of Axon's event table, {@code domain_event_entry}, outside Axon itself: every
 * read of the stored events that is not an aggregate's load or a processor's stream goes through
 * here, so that the table's shape is known in one place. Its readers are the recounts and tallies
 * (the events of every aggregate under an identifier prefix, through a cursor, so that memory does
 * not grow with their number), read your writes (the last event of an aggregate), the receipts (the
 * global index of an event), the erasures (which aggregates exist), the start-up check of the
 * legacy format, the rebuilds of read models (SQL over the payloads of the types they handle, or
 * the events of those types handed to their handlers, and what the rebuild's snapshot sees of the log), and the audit: the sealer's backlog, its
 * lag and strays, the export's lines and the ledger's figures (the joins of the event table with the
 * audit tables).
 *
 * <p>Not here: the DDL (the Flyway migrations, and the table and column names Axon is given in
 * {@code EventStoreSchemaConfiguration}), and the bench's generators ({@code EventGenerator},
 * {@code MajorityJudgmentBench}), which write events with SQL in their own process. A test
 * ({@code RawEventReadsTest}) fails when any other main class names the table.
 */
@Component
public class EventScanner {

    /** One stored event, deserialized. */
    public record ScannedEvent(String aggregateId, long sequenceNumber, long globalIndex, Object payload, String eventId) {
    }

    /**
     * One row of the event table as stored, not deserialized: what a leaf of the audit tree and a
     * line of the export are made of (a row changed after sealing must no longer match its leaf).
     */
    public record StoredEvent(long globalIndex, String eventId, String aggregateType, String aggregateId,
                              long sequenceNumber, String timestamp, String payloadType, String payloadRevision,
                              byte[] payload, byte[] metadata) {
    }

    /** In which order to deliver the events. */
    public enum Order {
        /** Each aggregate's events together, in their sequence: what a per-aggregate fold needs. */
        BY_AGGREGATE("aggregate_identifier, sequence_number"),
        /** The order the events were stored in. */
        BY_GLOBAL_INDEX("global_index");

        private final String sql;

        Order(String sql) {
            this.sql = sql;
        }
    }

    /** The columns of a {@link StoredEvent}, in the order {@link #stored} reads them. */
    private static final String STORED = "e.global_index, e.event_identifier, e.type, e.aggregate_identifier, "
            + "e.sequence_number, e.time_stamp, e.payload_type, e.payload_revision, e.payload, e.meta_data";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final Serializer serializer;

    public EventScanner(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                        @Qualifier("eventSerializer") Serializer serializer) {
        this.jdbc = jdbc;
        // a transaction, so that PostgreSQL's driver reads through a cursor, fetchSize rows at a time
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.serializer = serializer;
    }

    // ---- the events of aggregates, deserialized (recounts, tallies, directories)

    /** Every event of one aggregate, in its sequence: what a caller reads to see its own last act at once. */
    public List<ScannedEvent> aggregate(String aggregateId) {
        List<ScannedEvent> events = new ArrayList<>();
        scan(aggregateId, Order.BY_AGGREGATE, e -> {
            if (e.aggregateId().equals(aggregateId)) {
                events.add(e);
            }
        });
        return events;
    }

    /** Delivers every event of the aggregates whose identifier starts with {@code prefix} (no LIKE wildcards in it). */
    public void scan(String prefix, Order order, Consumer<ScannedEvent> consumer) {
        scan(prefix, order, null, consumer);
    }

    /**
     * Delivers the events of the aggregates whose identifier starts with {@code prefix} whose payload
     * is of one of {@code types} (all of them when null): the others are not even read.
     */
    public void scan(String prefix, Order order, Collection<Class<?>> types, Consumer<ScannedEvent> consumer) {
        checkPrefix(prefix);
        String sql = "SELECT aggregate_identifier, sequence_number, global_index, payload_type, payload_revision, payload, "
                + "event_identifier FROM domain_event_entry WHERE aggregate_identifier LIKE ?"
                + (types == null ? "" : " AND payload_type = ANY (?)") + " ORDER BY " + order.sql;
        readOnly.executeWithoutResult(tx -> jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(5_000);
            ps.setString(1, prefix + "%");
            if (types != null) {
                ps.setArray(2, con.createArrayOf("text", types.stream().map(Class::getName).toArray()));
            }
            return ps;
        }, (RowCallbackHandler) rs -> {
            Object payload = serializer.deserialize(new SimpleSerializedObject<>(rs.getBytes(6), byte[].class,
                    rs.getString(4), rs.getString(5)));
            consumer.accept(new ScannedEvent(rs.getString(1), rs.getLong(2), rs.getLong(3), payload, rs.getString(7)));
        }));
    }

    // ---- set-based rebuilds of read models (SQL over the stored payloads, nothing deserialized in Java)

    /**
     * Runs {@code statement} (an {@code INSERT ... SELECT}, usually) in the caller's transaction and
     * snapshot, with the stored events of {@code types} as the common table expression {@code events}
     * ({@code global_index, aggregate_identifier, sequence_number, payload_type, payload}, the payload
     * as {@code jsonb}): a projection's set-based rebuild reads only the events it handles, filtered
     * by payload type in the database. {@code statement} follows {@code WITH events AS (...) }: it may
     * go on with more common table expressions ({@code , name AS (...)}) before its own statement.
     * Returns the statement's update count.
     */
    public int updateFromEvents(Collection<Class<?>> types, String statement) {
        String sql = "WITH events AS (SELECT global_index, aggregate_identifier, sequence_number, payload_type, "
                + "convert_from(payload, 'UTF8')::jsonb AS payload FROM domain_event_entry WHERE payload_type = ANY (?)) "
                + statement;
        return jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement(sql);
            ps.setArray(1, con.createArrayOf("text", types.stream().map(Class::getName).toArray()));
            return ps;
        });
    }

    /** The payload types stored in the log: one scan of the table, no index needed. */
    public List<String> payloadTypes() {
        return jdbc.queryForList("SELECT DISTINCT payload_type FROM domain_event_entry", String.class);
    }

    /**
     * Delivers, in the order they were stored, the events whose payload type is one of {@code types}
     * (class names), as Axon's domain event messages with their payload and metadata deserialized,
     * through a cursor in the caller's transaction (its snapshot): a projection's rebuild by its own
     * handlers reads only the events they handle. Returns how many were delivered.
     */
    public long replay(Collection<String> types, Consumer<DomainEventMessage<?>> consumer) {
        long[] delivered = {0};
        cursor("SELECT " + STORED + " FROM domain_event_entry e WHERE e.payload_type = ANY (?) ORDER BY e.global_index", rs -> {
            consumer.accept(message(stored(rs, 0)));
            delivered[0]++;
        }, (Object) types.toArray(String[]::new));
        return delivered[0];
    }

    /** A stored event as the message Axon's processors hand to event handlers. */
    private DomainEventMessage<?> message(StoredEvent e) {
        Object payload = serializer.deserialize(new SimpleSerializedObject<>(e.payload(), byte[].class, e.payloadType(),
                e.payloadRevision()));
        MetaData metaData = e.metadata() == null ? MetaData.emptyInstance()
                : serializer.deserialize(new SerializedMetaData<>(e.metadata(), byte[].class));
        return new GenericDomainEventMessage<>(e.aggregateType(), e.aggregateId(), e.sequenceNumber(), payload, metaData,
                e.eventId(), java.time.Instant.parse(e.timestamp()));
    }

    /**
     * What the caller's snapshot sees of the log: the highest global index, and the indexes below it,
     * down to {@code window} below it, with no event (an act not committed yet, or one rolled back).
     */
    public record Visible(OptionalLong last, List<Long> missing) {
    }

    /** {@link Visible} as of the caller's transaction's snapshot (a rebuild's, in REPEATABLE READ). */
    public Visible visible(int window) {
        Long last = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        if (last == null) {
            return new Visible(OptionalLong.empty(), List.of());
        }
        List<Long> missing = jdbc.queryForList("""
                SELECT g FROM generate_series(greatest(?::bigint, 1), ?::bigint - 1) g
                WHERE NOT EXISTS (SELECT 1 FROM domain_event_entry e WHERE e.global_index = g) ORDER BY g""",
                Long.class, last - window, last);
        return new Visible(OptionalLong.of(last), missing);
    }

    // ---- single events and aggregates (read your writes, receipts, erasures)

    /** The global index of the last event of an aggregate, if it has any (read your writes). */
    public OptionalLong lastGlobalIndexOf(String aggregateId) {
        List<Long> found = jdbc.queryForList(
                "SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, aggregateId);
        return found.isEmpty() || found.get(0) == null ? OptionalLong.empty() : OptionalLong.of(found.get(0));
    }

    /** The global index of the event stored under {@code eventId} (a receipt's), if it is stored. */
    public Optional<Long> globalIndexOfEvent(String eventId) {
        List<Long> found = jdbc.queryForList(
                "SELECT global_index FROM domain_event_entry WHERE event_identifier = ?", Long.class, eventId);
        return found.isEmpty() ? Optional.empty() : Optional.ofNullable(found.get(0));
    }

    /** The identifiers of the aggregates whose identifier starts with {@code prefix} (no LIKE wildcards in it), oldest first. */
    public List<String> aggregatesWithPrefix(String prefix) {
        checkPrefix(prefix);
        return jdbc.queryForList("""
                SELECT aggregate_identifier FROM domain_event_entry
                WHERE aggregate_identifier LIKE ? AND sequence_number = 0 ORDER BY global_index""", String.class, prefix + "%");
    }

    /** Of {@code ids}, those that name an aggregate with at least one event. */
    public Set<String> existingAggregates(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.queryForList("""
                SELECT aggregate_identifier FROM domain_event_entry
                WHERE aggregate_identifier = ANY(?) AND sequence_number = 0""", String.class,
                (Object) ids.toArray(String[]::new)));
    }

    /** Whether the event table exists and holds at least one event of payload revision {@code revision}. */
    public boolean holdsRevision(String revision) {
        Boolean hasTable = jdbc.queryForObject("SELECT to_regclass('domain_event_entry') IS NOT NULL", Boolean.class);
        if (!Boolean.TRUE.equals(hasTable)) {
            return false;
        }
        Long found = jdbc.queryForObject(
                "SELECT count(*) FROM (SELECT 1 FROM domain_event_entry WHERE payload_revision = ? LIMIT 1) o", Long.class,
                revision);
        return found != null && found > 0;
    }

    // ---- the audit: the sealer's backlog, its lag and strays, the export, the figures

    /**
     * Delivers, in global-index order, at most {@code limit} stored events above {@code globalIndex}:
     * the sealer's backlog, read in the caller's transaction (its sealing cycle's).
     */
    public void forEachStoredAbove(long globalIndex, int limit, Consumer<StoredEvent> consumer) {
        jdbc.query("SELECT " + STORED + " FROM domain_event_entry e WHERE e.global_index > ? "
                + "ORDER BY e.global_index LIMIT ?", rs -> {
                    consumer.accept(stored(rs, 0));
                }, globalIndex, limit);
    }

    /** Events stored above the sealer's watermark less the leaves sealed above it: the events not sealed yet. */
    public long unsealedAbove(long watermark) {
        Long n = jdbc.queryForObject("""
                SELECT (SELECT count(*) FROM domain_event_entry WHERE global_index > ?)
                     - (SELECT count(*) FROM audit_leaf WHERE global_index > ?)""", Long.class, watermark, watermark);
        return n == null ? 0 : n;
    }

    /**
     * The stored timestamp of the first event above the watermark, in global-index order, that no
     * leaf seals: an ordered probe that stops there (the sealer seals in that order).
     */
    public Optional<String> firstUnsealedTimestampAbove(long watermark) {
        return jdbc.queryForList("""
                SELECT e.time_stamp FROM domain_event_entry e
                WHERE e.global_index > ? AND NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.global_index = e.global_index)
                ORDER BY e.global_index LIMIT 1""", String.class, watermark).stream().findFirst();
    }

    /** How many events are stored at a global index the sealer gave up on ({@code audit_gap}): the strays. */
    public long strays() {
        return jdbc.queryForObject("SELECT count(*) FROM audit_gap g JOIN domain_event_entry e ON e.global_index = g.global_index",
                Long.class);
    }

    /**
     * Delivers the leaves {@code [fromLeaf, toLeaf)} in leaf order, each with its stored event, or
     * null when the event's row is gone; streamed by cursor (1,000 rows at a time) in a read-only
     * transaction, the caller's if it has one.
     */
    public void forEachSealed(long fromLeaf, long toLeaf, BiConsumer<Long, StoredEvent> consumer) {
        cursor("SELECT l.leaf_index, " + STORED + " FROM audit_leaf l LEFT JOIN domain_event_entry e"
                + " ON e.global_index = l.global_index WHERE l.leaf_index >= ? AND l.leaf_index < ? ORDER BY l.leaf_index",
                rs -> consumer.accept(rs.getLong(1), rs.getString(3) == null ? null : stored(rs, 1)), fromLeaf, toLeaf);
    }

    /** Delivers the stray events (stored at a global index the sealer gave up on) in global-index order, streamed as {@link #forEachSealed}. */
    public void forEachStray(Consumer<StoredEvent> consumer) {
        cursor("SELECT " + STORED + " FROM audit_gap g JOIN domain_event_entry e ON e.global_index = g.global_index"
                + " ORDER BY g.global_index", rs -> consumer.accept(stored(rs, 0)));
    }

    /**
     * How many of the leaves {@code [fromLeaf, toLeaf)} seal an event of each payload type; the
     * leaves whose event row is gone are counted under the key {@code "null"}.
     */
    public Map<String, Long> sealedByPayloadType(long fromLeaf, long toLeaf) {
        Map<String, Long> byType = new HashMap<>();
        jdbc.query("""
                SELECT e.payload_type, count(*) FROM audit_leaf l
                LEFT JOIN domain_event_entry e ON e.global_index = l.global_index
                WHERE l.leaf_index >= ? AND l.leaf_index < ? GROUP BY e.payload_type""", rs -> {
                    byType.merge(String.valueOf(rs.getString(1)), rs.getLong(2), Long::sum);
                }, fromLeaf, toLeaf);
        return byType;
    }

    /** Streams a query's rows by cursor (1,000 at a time) in a read-only transaction, the caller's if it has one. */
    private void cursor(String sql, RowCallbackHandler rows, Object... args) {
        readOnly.executeWithoutResult(tx -> Cursors.stream(jdbc, sql, 1_000, rows, args));
    }

    /** The {@link StoredEvent} of the current row, its columns ({@link #STORED}) starting after {@code offset} others. */
    private static StoredEvent stored(ResultSet rs, int offset) throws SQLException {
        return new StoredEvent(rs.getLong(offset + 1), rs.getString(offset + 2), rs.getString(offset + 3),
                rs.getString(offset + 4), rs.getLong(offset + 5), rs.getString(offset + 6), rs.getString(offset + 7),
                rs.getString(offset + 8), rs.getBytes(offset + 9), rs.getBytes(offset + 10));
    }

    private static void checkPrefix(String prefix) {
        if (prefix.contains("%") || prefix.contains("_") || prefix.contains("\\")) {
            throw new IllegalArgumentException("a prefix without LIKE wildcards: " + prefix);
        }
    }
}
