package fr.paris.ledger.infra.audit;

import fr.paris.ledger.infra.events.EventScanner.StoredEvent;
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
import java.time.Instant;
import java.util.Base64;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The export object of one stored event and its canonical bytes (RFC 8785 JCS): the data of its
 * audit leaf and its line in the export. Built from the event row as stored
 * ({@link StoredEvent}, read by {@code EventScanner}), so that a row changed after sealing no
 * longer matches its leaf.
 */
public final class ExportObjects {
    /** Strict reading: trailing bytes or a repeated key make a column "not JSON" rather than being dropped. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ExportObjects() {
    }

    /**
     * The canonical export line (UTF-8, no newline) of a stored event, as leaf {@code leafIndex}; a
     * null {@code leafIndex} marks a stray event (in the store, never sealed).
     */
    public static byte[] canonical(Long leafIndex, StoredEvent e) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("leafIndex", leafIndex);
        o.put("globalIndex", e.globalIndex());
        o.put("eventId", e.eventId());
        o.put("aggregateType", e.aggregateType());
        o.put("aggregateId", e.aggregateId());
        o.put("sequenceNumber", e.sequenceNumber());
        o.put("timestamp", Instant.parse(e.timestamp()).toString());
        o.put("payloadType", e.payloadType());
        o.put("payloadRevision", e.payloadRevision());
        o.set("payload", json(e.payload()));
        byte[] meta = e.metadata();
        o.set("metadata", meta == null ? JsonNodeFactory.instance.objectNode() : json(meta));
        try {
            return new JsonCanonicalizer(JSON.writeValueAsString(o)).getEncodedUTF8();
        } catch (IOException ex) {
            throw new UncheckedIOException("event " + e.eventId() + " cannot be canonicalized", ex);
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
