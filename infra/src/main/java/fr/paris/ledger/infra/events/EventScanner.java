package fr.paris.ledger.infra.events;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.function.Consumer;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the events of every aggregate whose identifier starts with a prefix (all signatures of a
 * petition, all ballots of a campaign) straight from the event table, through a cursor, so that
 * memory does not grow with their number. This is how recounts read "the events themselves".
 */
@Component
public class EventScanner {

    /** One stored event, deserialized. */
    public record ScannedEvent(String aggregateId, long sequenceNumber, long globalIndex, Object payload, String eventId) {
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

    /** Every event of one aggregate, in its sequence: what a caller reads to see its own last act at once. */
    public java.util.List<ScannedEvent> aggregate(String aggregateId) {
        java.util.List<ScannedEvent> events = new java.util.ArrayList<>();
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
        if (prefix.contains("%") || prefix.contains("_") || prefix.contains("\\")) {
            throw new IllegalArgumentException("a prefix without LIKE wildcards: " + prefix);
        }
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
}
