package fr.paris.ledger.infra.axon;

import fr.paris.ledger.infra.events.EventScanner;
import fr.paris.ledger.shared.RuleViolation;
import java.util.List;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one way the web layer sends a command: it waits for the outcome and returns the handler's
 * result with the receipt of the event written. A refused command throws the domain's
 * {@link fr.paris.ledger.shared.RuleViolation} unchanged.
 */
public class LedgerCommands {
    private final CommandGateway gateway;
    private final EventScanner events;
    private final AggregateCaches caches;
    private final TransactionTemplate transaction;
    private final GroupCommit group;
    private final java.util.Set<Class<?>> onceCreated;
    private final CommandOutcomeInterceptor outcomes;

    /**
     * @param group the group commit that carries out acts outside any transaction, or null to give
     *              each act a transaction of its own
     * @param onceCreated commands that create an aggregate once, sent first without reading its stream ({@link OnceCreated})
     */
    public LedgerCommands(CommandGateway gateway, EventScanner events, AggregateCaches caches,
                          PlatformTransactionManager transactions, GroupCommit group,
                          java.util.Collection<Class<?>> onceCreated, CommandOutcomeInterceptor outcomes) {
        this.gateway = gateway;
        this.events = events;
        this.caches = caches;
        this.group = group;
        this.onceCreated = java.util.Set.copyOf(onceCreated);
        this.outcomes = outcomes;
        this.transaction = new TransactionTemplate(transactions);
        // nested: inside a keyed request a refused act rolls back to its savepoint only, and the
        // request's transaction goes on to store the refusal as the key's outcome (ADR 004)
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Runs one act in one transaction: what prepares its command (a first-time participant's subject
     * key, an index row) and the command itself, so that an act leaves nothing behind if it is
     * refused. Outside any transaction the act joins the next group of the {@link GroupCommit} (one
     * commit for the group; the act answered after it); inside a keyed request it is a savepoint of
     * that request's transaction (ADR 004).
     */
    public <R> R act(Supplier<R> act) {
        if (group != null && GroupCommit.current() == null
                && !TransactionSynchronizationManager.isActualTransactionActive()) {
            return group.run(act);
        }
        return transaction.execute(tx -> act.get());
    }

    /** Conflicts (two writers on one aggregate) retried at most this many times, 20 ms apart. */
    static final int MAX_CONFLICT_RETRIES = 5;
    /**
     * Conflicts retried for a command to a hot aggregate that several nodes write at once (the last
     * seats of a card event, ADR 017): each success on one node is a conflict on the other, so a
     * request may lose several rounds in a row; 5 to 35 ms apart, at random, so that two nodes do not
     * retry in step.
     */
    static final int MAX_HOT_CONFLICT_RETRIES = 50;

    public <R> Accepted<R> send(Object command) {
        return send(command, false);
    }

    /** Sends a command to a hot aggregate: as {@link #send}, with up to {@link #MAX_HOT_CONFLICT_RETRIES} conflicts retried. */
    public <R> Accepted<R> sendToHotAggregate(Object command) {
        return send(command, true);
    }

    @SuppressWarnings("unchecked")
    private <R> Accepted<R> send(Object command, boolean hot) {
        ReturningAppend.forget();
        Object outcome = sendRetryingConflicts(command, hot);
        if (outcome instanceof HandledCommand handled) {
            return new Accepted<>((R) handled.result(), receipt(handled.eventIds()));
        }
        return new Accepted<>((R) outcome, null);
    }

    /**
     * Sends the command, retrying a conflict on the caller's thread (inside the caller's transaction,
     * if any: each attempt is a savepoint there, see {@link AxonConfiguration#axonTransactionManager}).
     * If the caller's transaction later rolls back, the aggregate's cached state (which the attempt
     * may have advanced) is evicted.
     */
    private Object sendRetryingConflicts(Object command, boolean hot) {
        String target = AggregateCaches.target(command).orElse(null);
        GroupCommit.Act grouped = GroupCommit.current();
        if (grouped != null) {
            // the group retries the whole act from its savepoint, and evicts what it addressed if it fails
            if (target != null) {
                grouped.addressed(target);
            }
            return sendOnFreshStateIfRefused(command, target, grouped.attempt() == 0);
        }
        if (target != null && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        caches.evict(target);
                    }
                }
            });
        }
        for (int attempt = 0; ; attempt++) {
            try {
                return sendOnFreshStateIfRefused(command, target, attempt == 0);
            } catch (RuntimeException failure) {
                if (attempt >= (hot ? MAX_HOT_CONFLICT_RETRIES : MAX_CONFLICT_RETRIES) || !isConflict(failure)) {
                    throw failure;
                }
                pause(hot ? 5 + java.util.concurrent.ThreadLocalRandom.current().nextInt(31) : 20);
            }
        }
    }

    /** A failure to retry: neither it nor any of its causes is final ({@link AxonConfiguration#isFinal}). */
    static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (AxonConfiguration.isFinal(t)) {
                return false;
            }
        }
        return true;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a conflict", e);
        }
    }

    /**
     * Sends the command; if a rule refused it while its aggregate was cached on this node, sends it
     * once more on the state read from the events (another node may have changed the aggregate
     * since it was cached; see {@link AggregateCaches}). A refusal on fresh state is final. A
     * command that creates an aggregate once is sent first without reading its stream ({@link
     * OnceCreated}); refused so, it is sent again on the stream read.
     */
    private Object sendOnFreshStateIfRefused(Object command, String target, boolean firstAttempt) {
        boolean assumedNew = firstAttempt && target != null && onceCreated.contains(command.getClass());
        boolean cached = target != null && caches.cached(target);
        try {
            return assumedNew ? OnceCreated.assumingNew(target, () -> gateway.sendAndWait(command))
                    : gateway.sendAndWait(command);
        } catch (RuleViolation refused) {
            if (assumedNew && !cached && lastGlobalIndexOf(target).isEmpty()) {
                // the aggregate was new indeed: the refusal was decided on its true state
                outcomes.refusedOnceCreated(command, refused);
                throw refused;
            }
            if (!cached && !assumedNew) {
                throw refused;
            }
            caches.evict(target);
            return gateway.sendAndWait(command);
        }
    }

    private Receipt receipt(List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return null;
        }
        String main = eventIds.get(0);
        // from the INSERT that wrote it; read back only if another store appended it (Axon Server)
        Long appended = ReturningAppend.appended(main);
        return new Receipt(main, appended != null ? appended : globalIndexOf(main));
    }

    private java.util.OptionalLong lastGlobalIndexOf(String aggregateId) {
        // no event table to ask: send the command again on the stream read
        return fromEventTable(() -> events.lastGlobalIndexOf(aggregateId), java.util.OptionalLong.of(-1));
    }

    private Long globalIndexOf(String eventId) {
        return fromEventTable(() -> events.globalIndexOfEvent(eventId).orElse(null), null);
    }

    /** A read of the JDBC event table, or {@code withoutTable} on another event store (profile axonserver). */
    private static <T> T fromEventTable(java.util.function.Supplier<T> read, T withoutTable) {
        try {
            return read.get();
        } catch (DataAccessException e) {
            return withoutTable;
        }
    }
}
