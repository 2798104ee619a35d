package fr.paris.ledger.infra.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
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

    /** Strict reading: trailing bytes or a repeated key make a column "not JSON" rather than being dropped. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ExportObjects() {
    }

    /** The canonical export line (UTF-8, no newline) of the event in the current row, as leaf {@code leafIndex}. */
    public static byte[] canonical(long leafIndex, ResultSet rs) throws SQLException {
        return canonical(leafIndex, rs, 0);
    }

    /**
     * As {@link #canonical(long, ResultSet)}, with {@link #COLUMNS} starting after {@code offset} other
     * columns; a null {@code leafIndex} marks a stray event (in the store, never sealed).
     */
    public static byte[] canonical(Long leafIndex, ResultSet rs, int offset) throws SQLException {
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
        o.set("payload", json(rs.getBytes(offset + 9)));
        byte[] meta = rs.getBytes(offset + 10);
        o.set("metadata", meta == null ? JsonNodeFactory.instance.objectNode() : json(meta));
        try {
            return new JsonCanonicalizer(JSON.writeValueAsString(o)).getEncodedUTF8();
        } catch (IOException e) {
            throw new UncheckedIOException("event " + rs.getString(offset + 2) + " cannot be canonicalized", e);
        }
    }

    /**
     * A stored payload or metadata column as JSON. The serializer only ever writes JSON objects; bytes
     * that are not one (a row changed by hand) become a JSON string of their base64, which no genuine
     * event can have, so that the export still streams and the verifier names that leaf.
     */
    private static JsonNode json(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // not JSON: falls through
        }
        return TextNode.valueOf(Base64.getEncoder().encodeToString(bytes));
    }

    public static String text(byte[] canonical) {
        return new String(canonical, StandardCharsets.UTF_8);
    }
}
