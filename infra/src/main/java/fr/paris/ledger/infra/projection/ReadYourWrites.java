package fr.paris.ledger.infra.projection;

import fr.paris.ledger.infra.events.EventScanner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Read your own writes (api.md): before a caller reads what it just changed, wait, briefly and
 * boundedly, until every segment of the read model's processor has passed the caller's last act.
 * The act is found from the caller's own aggregate in the event log ({@link EventScanner}), and the processors' positions
 * from the token table every node shares: so it holds on several nodes, with no per-node memory
 * and nothing keyed by a person.
 */
public class ReadYourWrites {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final EventScanner events;
    private final Duration maxWait;

    public ReadYourWrites(JdbcTemplate jdbc, EventScanner events, Duration maxWait) {
        this.jdbc = jdbc;
        this.events = events;
        this.maxWait = maxWait;
    }

    /** The global index of the last event of an aggregate, if it has any. */
    public OptionalLong lastEventOf(String aggregateId) {
        return events.lastGlobalIndexOf(aggregateId);
    }

    /** Waits until {@code processor} has passed the last event of {@code aggregateId}; true if it has within the bound. */
    public boolean awaitAggregate(String processor, String aggregateId) {
        OptionalLong last = lastEventOf(aggregateId);
        return last.isEmpty() || await(processor, last.getAsLong());
    }

    /** Waits until every segment of {@code processor} has processed the event at {@code globalIndex}. */
    public boolean await(String processor, long globalIndex) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            if (passed(processor, globalIndex)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(15);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    boolean passed(String processor, long globalIndex) {
        List<byte[]> tokens = jdbc.queryForList("SELECT token FROM token_entry WHERE processor_name = ?", byte[].class, processor);
        if (tokens.isEmpty()) {
            return false;
        }
        for (byte[] token : tokens) {
            if (!passed(token, globalIndex)) {
                return false;
            }
        }
        return true;
    }

    /** A gap-aware token (possibly inside a replay token) at or past the index, the index not among its gaps. */
    public static boolean passed(byte[] token, long globalIndex) {
        if (token == null) {
            return false;
        }
        try {
            JsonNode node = JSON.readTree(token);
            while (node != null && node.has("currentToken")) {
                node = node.get("currentToken");
            }
            if (node == null || !node.has("index")) {
                return false;
            }
            if (node.get("index").asLong() < globalIndex) {
                return false;
            }
            for (JsonNode gap : node.path("gaps")) {
                if (gap.asLong() == globalIndex) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
