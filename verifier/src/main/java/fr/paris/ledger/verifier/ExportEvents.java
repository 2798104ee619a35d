package fr.paris.ledger.verifier;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import fr.paris.ledger.shared.SingleNumber;
import fr.paris.ledger.shared.SingleValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an export's lines as events, one at a time (nothing is kept between lines), and turns
 * payloads into the domain's event records.
 */
final class ExportEvents {
    private ExportEvents() {
    }

    /** The mapper for payloads: typed ids as plain strings, typed numbers (years) as plain numbers, times as ISO-8601 strings. */
    static ObjectMapper payloadMapper() {
        SimpleModule singleValues = new SimpleModule("single-values");
        singleValues.setDeserializers(new SimpleDeserializers() {
            @Override
            public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config, BeanDescription bean) {
                Class<?> raw = type.getRawClass();
                if (SingleNumber.class.isAssignableFrom(raw) && raw.isRecord()) {
                    return new JsonDeserializer<Object>() {
                        @Override
                        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                            if (!p.currentToken().isNumeric()) {
                                return ctxt.handleUnexpectedToken(raw, p);
                            }
                            int value = p.getIntValue();
                            try {
                                return raw.getDeclaredConstructor(int.class).newInstance(value);
                            } catch (ReflectiveOperationException e) {
                                return ctxt.handleInstantiationProblem(raw, value, e.getCause() != null ? e.getCause() : e);
                            }
                        }
                    };
                }
                if (!SingleValue.class.isAssignableFrom(raw) || !raw.isRecord()) {
                    return null;
                }
                return new JsonDeserializer<Object>() {
                    @Override
                    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                        String value = p.getValueAsString();
                        try {
                            return raw.getDeclaredConstructor(String.class).newInstance(value);
                        } catch (ReflectiveOperationException e) {
                            return ctxt.handleInstantiationProblem(raw, value, e.getCause() != null ? e.getCause() : e);
                        }
                    }
                };
            }
        });
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(singleValues)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PAYLOADS = payloadMapper();

    /** One export line, as far as the recount needs it; {@code payloadRevision} is null where the line has none. */
    record Event(long leafIndex, long globalIndex, String aggregateId, long sequenceNumber, String payloadType,
                 String payloadRevision, JsonNode payload) {

        /** The payload as the given event record; an unreadable payload is an I/O error naming the leaf. */
        <T> T as(Class<T> type) throws IOException {
            try {
                return PAYLOADS.treeToValue(payload, type);
            } catch (IOException | IllegalArgumentException e) {
                throw new IOException("leaf " + leafIndex + ": cannot read the " + payloadType + " payload: " + e.getMessage(), e);
            }
        }
    }

    interface Visitor {
        void accept(Event event) throws IOException;
    }

    /** Reads the export file from the start, handing each line's event to {@code visitor}, in leaf order. */
    static void scan(Path export, Visitor visitor) throws IOException {
        try (InputStream in = Files.newInputStream(export)) {
            ExportVerifier.LineReader lines = new ExportVerifier.LineReader(in);
            byte[] line;
            long leaf = 0;
            while ((line = lines.next()) != null) {
                JsonNode o;
                try {
                    o = JSON.readTree(line);
                } catch (IOException e) {
                    throw new IOException("leaf " + leaf + ": not JSON (run verify first): " + e.getMessage(), e);
                }
                JsonNode payload = o.get("payload");
                JsonNode revision = o.get("payloadRevision");
                visitor.accept(new Event(leaf, o.path("globalIndex").asLong(-1), o.path("aggregateId").asText(""),
                        o.path("sequenceNumber").asLong(-1), o.path("payloadType").asText(""),
                        revision == null || revision.isNull() ? null : revision.asText(),
                        payload == null || !payload.isObject() ? JSON.createObjectNode() : payload));
                leaf++;
            }
        }
    }
}
