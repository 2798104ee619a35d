package fr.paris.ledger.infra.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The export object of one stored event and its canonical bytes (RFC 8785 JCS): the data of its
 * audit leaf and its line in the export. Built from the event row as stored, so that a row changed
 * after sealing no longer matches its leaf.
 */
public final class ExportObjects {
    /** Columns the export needs, in the order {@link #canonical} reads them. */
    public static final String COLUMNS = "e.global_index, e.event_identifier, e.type, e.aggregate_identifier, "
            + "e.sequence_number, e.time_stamp, e.payload_type, e.payload_revision, e.payload, e.meta_data";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExportObjects() {
    }

    /** The canonical export line (UTF-8, no newline) of the event in the current row, as leaf {@code leafIndex}. */
    public static byte[] canonical(long leafIndex, ResultSet rs) throws SQLException {
        return canonical(leafIndex, rs, 0);
    }

    /** As {@link #canonical(long, ResultSet)}, with {@link #COLUMNS} starting after {@code offset} other columns. */
    public static byte[] canonical(long leafIndex, ResultSet rs, int offset) throws SQLException {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("leafIndex", leafIndex);
        o.put("globalIndex", rs.getLong(offset + 1));
        o.put("eventId", rs.getString(offset + 2));
        o.put("aggregateType", rs.getString(offset + 3));
        o.put("aggregateId", rs.getString(offset + 4));
        o.put("sequenceNumber", rs.getLong(offset + 5));
        o.put("timestamp", Instant.parse(rs.getString(offset + 6)).toString());
        o.put("payloadType", rs.getString(offset + 7));
        o.put("payloadRevision", rs.getString(offset + 8));
        try {
            o.set("payload", JSON.readTree(rs.getBytes(offset + 9)));
            byte[] meta = rs.getBytes(offset + 10);
            o.set("metadata", meta == null ? JsonNodeFactory.instance.objectNode() : JSON.readTree(meta));
            return new JsonCanonicalizer(JSON.writeValueAsString(o)).getEncodedUTF8();
        } catch (IOException e) {
            throw new UncheckedIOException("event " + rs.getString(offset + 2) + " is not readable JSON", e);
        }
    }

    public static String text(byte[] canonical) {
        return new String(canonical, StandardCharsets.UTF_8);
    }
}
