package fr.paris.ledger.verifier;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.SingleNumber;
import fr.paris.ledger.shared.SingleValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Builds an export by hand from domain event records, serialized as the service's event store does
 * (infra's LedgerObjectMapper: JavaTimeModule, dates as ISO strings, typed ids as their string, typed
 * numbers such as years as their number, properties sorted), one canonical (JCS) line each, of revision 2;
 * sequence numbers per aggregate
 * as the event store gives them. Participants are references, as the service records them:
 * {@link #citizen} and {@link #staff}.
 */
final class EventLog {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("single-values").addSerializer(SingleValue.class, new StdSerializer<>(SingleValue.class) {
                @Override
                public void serialize(SingleValue value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                    gen.writeString(value.value());
                }
            }).addSerializer(SingleNumber.class, new StdSerializer<>(SingleNumber.class) {
                @Override
                public void serialize(SingleNumber value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                    gen.writeNumber(value.value());
                }
            }))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    final List<String> lines = new ArrayList<>();

    /** A citizen's reference ({@code r-...}); give the scope in {@code name} where it matters. */
    static ParticipantId citizen(String name) {
        return new ParticipantId(ExportFixture.reference("r-", name));
    }

    /** A staff member's reference ({@code s-...}). */
    static ParticipantId staff(String name) {
        return new ParticipantId(ExportFixture.reference("s-", name));
    }
    private final Map<String, Long> sequences = new HashMap<>();
    private long nextGlobal = 100;

    /** Appends an event; its global index follows the previous one's. */
    EventLog add(String aggregateId, Object event) {
        return add(aggregateId, event, nextGlobal, UnaryOperator.identity());
    }

    /** Appends an event with the given global index (a late commit: sealed after events of higher index). */
    EventLog add(String aggregateId, Object event, long globalIndex) {
        return add(aggregateId, event, globalIndex, UnaryOperator.identity());
    }

    /** Appends an event whose payload JSON is changed by {@code edit} (a tampered or mis-recorded event). */
    EventLog add(String aggregateId, Object event, long globalIndex, UnaryOperator<ObjectNode> edit) {
        ObjectNode payload = edit.apply(MAPPER.valueToTree(event));
        long seq = sequences.merge(aggregateId, 0L, (a, b) -> a + 1);
        lines.add(ExportFixture.line(lines.size(), globalIndex, event.getClass().getName(), aggregateId, seq, payload));
        nextGlobal = Math.max(nextGlobal, globalIndex) + 1;
        return this;
    }

    long nextGlobal() {
        return nextGlobal;
    }

    /** Runs {@code recount} on this export; returns the exit status and the output. */
    Result recount(Path dir) throws IOException {
        Path export = dir.resolve("export.ndjson");
        Files.writeString(export, ExportFixture.export(lines), StandardCharsets.UTF_8);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(o, true, StandardCharsets.UTF_8);
        int code = Verifier.run(new String[] {"recount", "--export", export.toString()}, ps, ps);
        return new Result(code, o.toString(StandardCharsets.UTF_8));
    }

    record Result(int status, String out) {
    }
}
