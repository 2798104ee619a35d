package fr.paris.ledger.infra.projection;

import fr.paris.ledger.infra.events.EventScanner;
import java.util.List;
import java.util.Map;
import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
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
 * Rebuilds a projection from one snapshot of the log (issue 18), in one of two ways:
 * <ul>
 * <li>{@link #rebuild(SetBasedRebuild)}: in SQL, its rows computed from the payloads of the event
 * types it handles (petition-signatures: millions of rows in a few statements);</li>
 * <li>{@link #replayHandled}: by its own event handlers, handed only the events of the types they
 * handle, read in the order they were stored (every other projection: no row logic is written
 * twice, and the millions of events a projection does not handle are not even read).</li>
 * </ul>
 * Either runs in one REPEATABLE READ transaction (one snapshot of the log for every statement): it
 * locks the processor's token rows, empties the projection (its {@code empty} statements, or its
 * {@code @ResetHandler}), fills it again from the events its snapshot sees, and sets every segment's
 * token to what the processor would hold after handling exactly those events: a
 * {@link GapAwareTrackingToken} at the highest global index visible, whose gaps are the indexes below
 * it that the snapshot does not see (an act whose index was drawn but which had not committed, or
 * one rolled back), within Axon's gap window. The processor then handles the late ones when they
 * commit, and everything above, and nothing the rebuild already counted.
 *
 * <p>The processor must not run anywhere meanwhile: the caller stops it on this node, and a segment
 * claimed by another node fails the rebuild (as a reset of its tokens would), before anything is
 * deleted.
 */
public class ProjectionRebuilder {
    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilder.class);
    /**
     * Axon's gap window (JdbcEventStorageEngine's default {@code maxGapOffset}, which the ledger
     * keeps): a processor keeps no gap further below its index than this.
     */
    static final int GAP_WINDOW = 10_000;

    /**
     * What a rebuild did: the token it left, how many rows each fill statement inserted (set-based),
     * and how many events its handlers were handed (by handlers; -1 for a set-based rebuild).
     */
    public record Result(TrackingToken token, List<Integer> inserted, long eventsHandled, int segments) {
    }

    private final JdbcTemplate jdbc;
    private final EventScanner events;
    private final TokenStore tokens;
    private final TransactionTemplate repeatableRead;
    private final String node;

    public ProjectionRebuilder(JdbcTemplate jdbc, EventScanner events, TokenStore tokens, PlatformTransactionManager transactions,
                             String node) {
        this.jdbc = jdbc;
        this.events = events;
        this.tokens = tokens;
        this.repeatableRead = new TransactionTemplate(transactions);
        this.repeatableRead.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.node = node;
    }

    /** Rebuilds in SQL; the processor must be stopped on every node (see the class comment). */
    public Result rebuild(SetBasedRebuild rebuild) {
        return inSnapshot(rebuild.processor(), () -> {
            rebuild.empty().forEach(jdbc::update);
            List<Integer> inserted = rebuild.fill().stream()
                    .map(statement -> events.updateFromEvents(rebuild.eventTypes(), statement)).toList();
            return new Filled(inserted, -1);
        }, rebuild.afterCommit());
    }

    /**
     * Rebuilds by the processor's own handlers: its {@code @ResetHandler}s, then every stored event of
     * a payload type one of its handlers handles ({@link #declaredTypes}), in the order stored, each in a unit of work of its
     * own inside the rebuild's transaction. The processor must be stopped on every node.
     */
    public Result replayHandled(String processor, EventHandlerInvoker handlers) {
        return inSnapshot(processor, () -> {
            handlers.performReset();
            List<String> types = declaredTypes(handlers).orElseGet(
                    () -> events.payloadTypes().stream().filter(type -> handles(handlers, type)).sorted().toList());
            long handled = types.isEmpty() ? 0 : events.replay(types, event ->
                    // a failure rolls the unit back and is thrown again: the whole rebuild rolls back
                    DefaultUnitOfWork.startAndGet(event).execute(() -> {
                        try {
                            handlers.handle(event, Segment.ROOT_SEGMENT);
                        } catch (Exception e) {
                            throw new IllegalStateException("projection " + processor + " failed on event "
                                    + event.getIdentifier() + " (" + event.getPayloadType().getSimpleName() + ")", e);
                        }
                    }));
            return new Filled(List.of(), handled);
        }, () -> { });
    }

    /**
     * The payload types the handlers declare, when each is a final class (a record: no subclass can
     * be stored under another name), so that the log need not be scanned for the types it holds;
     * empty when a handler is not one of Axon's annotated ones or takes a type that other stored
     * types could extend, and the stored types are then asked of the log ({@link #handles}).
     */
    public static Optional<List<String>> declaredTypes(EventHandlerInvoker handlers) {
        List<EventHandlerInvoker> invokers = handlers instanceof MultiEventHandlerInvoker multi ? multi.delegates()
                : List.of(handlers);
        Set<String> types = new TreeSet<>();
        for (EventHandlerInvoker invoker : invokers) {
            if (!(invoker instanceof SimpleEventHandlerInvoker simple)) {
                return Optional.empty();
            }
            for (EventMessageHandler handler : simple.eventHandlers()) {
                if (!(handler instanceof AnnotationEventHandlerAdapter annotated)) {
                    return Optional.empty();
                }
                for (MessageHandlingMember<?> member : AnnotatedHandlerInspector.inspectType(annotated.getTargetType()).getHandlers()) {
                    if (!member.canHandleMessageType(EventMessage.class) || member.hasAnnotation(ResetHandler.class)) {
                        continue;
                    }
                    Class<?> type = member.payloadType();
                    if (type.isInterface() || !Modifier.isFinal(type.getModifiers())) {
                        return Optional.empty();
                    }
                    types.add(type.getName());
                }
            }
        }
        return Optional.of(List.copyOf(types));
    }

    /** Whether one of the handlers handles a stored payload type (a type no longer on the class path is handled by none). */
    private static boolean handles(EventHandlerInvoker handlers, String payloadType) {
        try {
            return handlers.canHandleType(Class.forName(payloadType, false, ProjectionRebuilder.class.getClassLoader()));
        } catch (ClassNotFoundException unknown) {
            return false;
        }
    }

    /** What a rebuild's body put back. */
    private record Filled(List<Integer> inserted, long eventsHandled) {
    }

    private Result inSnapshot(String processor, java.util.function.Supplier<Filled> body, Runnable afterCommit) {
        long started = System.nanoTime();
        Result result = repeatableRead.execute(tx -> {
            // a rebuild of millions of events outlasts the pool's statement timeout (set for requests);
            // SET LOCAL is a utility statement: it takes no snapshot
            jdbc.execute("SET LOCAL statement_timeout = 0");
            // the first statement takes the snapshot, and the locks keep any node from claiming a segment until the commit
            List<Map<String, Object>> segments = jdbc.queryForList(
                    "SELECT segment, owner FROM token_entry WHERE processor_name = ? ORDER BY segment FOR UPDATE", processor);
            if (segments.isEmpty()) {
                throw new IllegalStateException("processor " + processor + " has no tokens yet: start it once first");
            }
            for (Map<String, Object> segment : segments) {
                Object owner = segment.get("owner");
                if (owner != null && !node.equals(owner)) {
                    throw new IllegalStateException("segment " + segment.get("segment") + " of " + processor
                            + " is claimed by node " + owner + ": stop the processor there first");
                }
            }
            Filled filled = body.get();
            EventScanner.Visible visible = events.visible(GAP_WINDOW);
            TrackingToken token = visible.last().isPresent()
                    ? GapAwareTrackingToken.newInstance(visible.last().getAsLong(), visible.missing())
                    : null;
            for (Map<String, Object> segment : segments) {
                int id = ((Number) segment.get("segment")).intValue();
                tokens.fetchToken(processor, id); // claims it: the token store updates only a segment it holds
                tokens.storeToken(token, processor, id);
                tokens.releaseClaim(processor, id);
            }
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    afterCommit.run();
                }
            });
            return new Result(token, filled.inserted(), filled.eventsHandled(), segments.size());
        });
        log.info("Projection {} rebuilt from one snapshot of the log in {} ms ({}): {} segments at {}", processor,
                (System.nanoTime() - started) / 1_000_000,
                result.eventsHandled() < 0 ? "in SQL, rows inserted " + result.inserted()
                        : "by its handlers, " + result.eventsHandled() + " events of the types they handle",
                result.segments(), describe(result.token()));
        return result;
    }

    private static String describe(TrackingToken token) {
        if (token instanceof GapAwareTrackingToken gaps) {
            return "global index " + gaps.getIndex() + " with " + gaps.getGaps().size() + " gaps";
        }
        return "the start of the log";
    }
}
