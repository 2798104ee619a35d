package fr.paris.ledger.infra.projection;

import fr.paris.ledger.infra.events.EventScanner;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a {@link SetBasedRebuild}: in one REPEATABLE READ transaction (one snapshot of the log for
 * every statement), it locks the processor's token rows, deletes the projection's rows, inserts them
 * again from the events its snapshot sees, and sets every segment's token to what the processor
 * would hold after handling exactly those events: a {@link GapAwareTrackingToken} at the highest
 * global index visible, whose gaps are the indexes below it that the snapshot does not see (an act
 * whose index was drawn but which had not committed, or one rolled back), within Axon's gap window.
 * The processor then handles the late ones when they commit, and everything above, and nothing
 * the rebuild already counted.
 *
 * <p>The processor must not run anywhere meanwhile: the caller stops it on this node, and a segment
 * claimed by another node fails the rebuild (as a reset of its tokens would), before anything is
 * deleted.
 */
public class SetBasedRebuilder {
    private static final Logger log = LoggerFactory.getLogger(SetBasedRebuilder.class);
    /**
     * Axon's gap window (JdbcEventStorageEngine's default {@code maxGapOffset}, which the ledger
     * keeps): a processor keeps no gap further below its index than this.
     */
    static final int GAP_WINDOW = 10_000;

    /** What a rebuild did: the token it left, and how many rows each fill statement inserted. */
    public record Result(TrackingToken token, List<Integer> inserted, int segments) {
    }

    private final JdbcTemplate jdbc;
    private final EventScanner events;
    private final TokenStore tokens;
    private final TransactionTemplate repeatableRead;
    private final String node;

    public SetBasedRebuilder(JdbcTemplate jdbc, EventScanner events, TokenStore tokens, PlatformTransactionManager transactions,
                             String node) {
        this.jdbc = jdbc;
        this.events = events;
        this.tokens = tokens;
        this.repeatableRead = new TransactionTemplate(transactions);
        this.repeatableRead.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.node = node;
    }

    /** Rebuilds; the processor must be stopped on every node (see the class comment). */
    public Result rebuild(SetBasedRebuild rebuild) {
        long started = System.nanoTime();
        Result result = repeatableRead.execute(tx -> {
            // a rebuild of millions of events outlasts the pool's statement timeout (set for requests);
            // SET LOCAL is a utility statement: it takes no snapshot
            jdbc.execute("SET LOCAL statement_timeout = 0");
            // the first statement takes the snapshot, and the locks keep any node from claiming a segment until the commit
            List<Map<String, Object>> segments = jdbc.queryForList(
                    "SELECT segment, owner FROM token_entry WHERE processor_name = ? ORDER BY segment FOR UPDATE",
                    rebuild.processor());
            if (segments.isEmpty()) {
                throw new IllegalStateException("processor " + rebuild.processor() + " has no tokens yet: start it once first");
            }
            for (Map<String, Object> segment : segments) {
                Object owner = segment.get("owner");
                if (owner != null && !node.equals(owner)) {
                    throw new IllegalStateException("segment " + segment.get("segment") + " of " + rebuild.processor()
                            + " is claimed by node " + owner + ": stop the processor there first");
                }
            }
            rebuild.empty().forEach(jdbc::update);
            List<Integer> inserted = rebuild.fill().stream()
                    .map(statement -> events.updateFromEvents(rebuild.eventTypes(), statement)).toList();
            EventScanner.Visible visible = events.visible(GAP_WINDOW);
            TrackingToken token = visible.last().isPresent()
                    ? GapAwareTrackingToken.newInstance(visible.last().getAsLong(), visible.missing())
                    : null;
            for (Map<String, Object> segment : segments) {
                int id = ((Number) segment.get("segment")).intValue();
                tokens.fetchToken(rebuild.processor(), id); // claims it: the token store updates only a segment it holds
                tokens.storeToken(token, rebuild.processor(), id);
                tokens.releaseClaim(rebuild.processor(), id);
            }
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    rebuild.afterCommit().run();
                }
            });
            return new Result(token, inserted, segments.size());
        });
        log.info("Projection {} rebuilt from the events in SQL in {} ms: {} rows inserted, {} segments at {}",
                rebuild.processor(), (System.nanoTime() - started) / 1_000_000, result.inserted(), result.segments(),
                describe(result.token()));
        return result;
    }

    private static String describe(TrackingToken token) {
        if (token instanceof GapAwareTrackingToken gaps) {
            return "global index " + gaps.getIndex() + " with " + gaps.getGaps().size() + " gaps";
        }
        return "the start of the log";
    }
}
