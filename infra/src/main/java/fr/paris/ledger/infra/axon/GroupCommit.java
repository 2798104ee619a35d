package fr.paris.ledger.infra.axon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit (issue 18, ADR 020): acts that arrive while the writer is busy are carried out
 * together, one after the other, in one transaction, and each is answered only once that
 * transaction has committed, so one commit (one fsync) serves many acts.
 *
 * <p>Each act runs inside a savepoint of the group's transaction: a refused act, or one whose
 * append conflicts, is rolled back to its savepoint without touching its neighbours, and a conflict
 * runs the whole act again (up to {@link LedgerCommands#MAX_CONFLICT_RETRIES} times) on fresh
 * state. Axon's unit of work joins the group's transaction without a savepoint of its own
 * ({@link NestingTransactionManager}). If the commit itself fails, no act of the group was
 * recorded, and each is answered with that failure (a 5xx: never acknowledged).
 *
 * <p>Two nodes' groups can wait on each other's rows: node A's group holds a row its first act
 * wrote and waits for one that node B's group holds, while B waits for A's (two acts of one
 * participant, grouped in a different order on each node). PostgreSQL breaks the deadlock by
 * failing one statement. Running that act again inside the same transaction would wait again on
 * the rows its group's earlier acts hold, so the act is rolled back to its savepoint and carried
 * out in the next group instead (at most {@link #MAX_DEFERRALS} times), after this group's commit
 * has released its rows. The same holds for a serialization failure or a lock that could not be
 * taken.
 *
 * <p>One writer thread by default: the acts of a node are then appended in one order, two groups
 * of one node never wait on each other's rows, and an aggregate's cached state is never built on a
 * group that has not committed yet. Keyed requests (ADR 004) are not grouped: their key's record and
 * their act share the request's own transaction.
 */
public final class GroupCommit implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GroupCommit.class);
    private static final ThreadLocal<Act> CURRENT = new ThreadLocal<>();
    /** How many times an act that lost a deadlock is carried over to the next group before its failure is answered. */
    static final int MAX_DEFERRALS = 5;
    /** PostgreSQL's SQL states of a transaction that lost to another one: deadlock, serialization failure, lock not available. */
    private static final Set<String> LOST_TO_ANOTHER_TRANSACTION = Set.of("40P01", "40001", "55P03");

    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final TransactionTemplate transaction;
    private final AggregateCaches caches;
    private final int maxActs;
    private final DistributionSummary groupSizes;
    private final Counter deferrals;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean stopped;

    public GroupCommit(PlatformTransactionManager transactions, AggregateCaches caches, int maxActs, int writerCount,
                       MeterRegistry meters) {
        if (maxActs < 1 || writerCount < 1) {
            throw new IllegalArgumentException("a group holds at least one act, written by at least one writer");
        }
        this.transaction = new TransactionTemplate(transactions);
        this.caches = caches;
        this.maxActs = maxActs;
        this.groupSizes = DistributionSummary.builder("ledger.group_commit.acts")
                .description("acts carried out in one transaction by the group commit")
                .register(meters);
        this.deferrals = Counter.builder("ledger.group_commit.deferred")
                .description("acts that lost a deadlock with another node's transaction and moved to the next group")
                .register(meters);
        for (int i = 0; i < writerCount; i++) {
            Thread writer = new Thread(this::write, "ledger-group-commit-" + i);
            writer.setDaemon(true);
            writers.add(writer);
            writer.start();
        }
    }

    /** The act this thread is carrying out for a group, if any. */
    static Act current() {
        return CURRENT.get();
    }

    /** What a grouped act records while it runs: its attempt, and the cached aggregates its commands addressed. */
    static final class Act {
        private final int attempt;
        private final Set<String> targets = new HashSet<>();

        Act(int attempt) {
            this.attempt = attempt;
        }

        int attempt() {
            return attempt;
        }

        void addressed(String aggregateId) {
            targets.add(aggregateId);
        }
    }

    /** Carries out the act in the next group and returns its result once the group has committed. */
    public <R> R run(Supplier<R> act) {
        if (stopped) {
            throw new IllegalStateException("the ledger is stopping; the act was not recorded");
        }
        Pending<R> pending = new Pending<>(act);
        queue.add(pending);
        return pending.answer();
    }

    private void write() {
        List<Pending<?>> group = new ArrayList<>(maxActs);
        List<Pending<?>> carried = new ArrayList<>();
        while (!stopped) {
            try {
                group.addAll(carried);
                carried.clear();
                if (group.isEmpty()) {
                    Pending<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    group.add(first);
                }
                queue.drainTo(group, Math.max(0, maxActs - group.size()));
                carried.addAll(carryOut(group));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error unexpected) {
                log.error("group commit: a group failed outside its transaction", unexpected);
                group.forEach(act -> act.fail(unexpected));
            } finally {
                group.clear();
            }
        }
        IllegalStateException stopping = new IllegalStateException("the ledger is stopping; the act was not recorded");
        carried.forEach(act -> act.fail(stopping));
    }

    /** Carries out a group in one transaction and answers its acts; returns those deferred to the next group. */
    private List<Pending<?>> carryOut(List<Pending<?>> group) {
        groupSizes.record(group.size());
        Set<String> addressed = new HashSet<>();
        try {
            transaction.executeWithoutResult(status -> group.forEach(act -> act.carryOut(status, addressed, caches)));
        } catch (RuntimeException | Error failure) {
            // nothing of the group was recorded: state cached by its acts may be ahead of the log
            addressed.forEach(caches::evict);
            group.forEach(act -> act.fail(failure));
            return List.of();
        }
        List<Pending<?>> deferred = new ArrayList<>();
        for (Pending<?> act : group) {
            if (act.deferred) {
                deferrals.increment();
                act.deferred = false;
                deferred.add(act);
            } else {
                act.answerOutcome();
            }
        }
        return deferred;
    }

    /** Whether the failure, or one of its causes, is PostgreSQL ending a statement that waited on another transaction. */
    static boolean lostToAnotherTransaction(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && LOST_TO_ANOTHER_TRANSACTION.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Acts queued for the next group. */
    int waiting() {
        return queue.size();
    }

    /** Stops taking acts; those still queued are answered with a failure (none was recorded). */
    @Override
    public void close() {
        stopped = true;
        for (Thread writer : writers) {
            try {
                writer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        IllegalStateException stopping = new IllegalStateException("the ledger is stopping; the act was not recorded");
        for (Pending<?> left; (left = queue.poll()) != null; ) {
            left.fail(stopping);
        }
    }

    /** One act waiting for its group: its outcome is decided in the group and answered after the commit. */
    private static final class Pending<R> {
        private final Supplier<R> act;
        /** The request's logging context (its correlation id): the writer's log lines about the act carry it. */
        private final java.util.Map<String, String> logContext = org.slf4j.MDC.getCopyOfContextMap();
        private final CompletableFuture<R> answer = new CompletableFuture<>();
        private R value;
        private RuntimeException refusal;
        /** Set when the act lost to another transaction in this group: it is carried out again in the next one. */
        private boolean deferred;
        private int deferralsSoFar;

        Pending(Supplier<R> act) {
            this.act = act;
        }

        void carryOut(TransactionStatus status, Set<String> addressedByGroup, AggregateCaches caches) {
            if (logContext != null) {
                org.slf4j.MDC.setContextMap(logContext);
            }
            try {
                attempts(status, addressedByGroup, caches);
            } finally {
                org.slf4j.MDC.clear();
            }
        }

        private void attempts(TransactionStatus status, Set<String> addressedByGroup, AggregateCaches caches) {
            for (int attempt = 0; ; attempt++) {
                // not released after success: a release is one more round trip, and the group's
                // commit ends every savepoint anyway
                Object savepoint = status.createSavepoint();
                Act context = new Act(attempt);
                CURRENT.set(context);
                try {
                    value = act.get();
                    refusal = null;
                    addressedByGroup.addAll(context.targets);
                    return;
                } catch (RuntimeException failure) {
                    status.rollbackToSavepoint(savepoint);
                    context.targets.forEach(caches::evict);
                    if (deferralsSoFar < MAX_DEFERRALS && lostToAnotherTransaction(failure)) {
                        deferralsSoFar++;
                        deferred = true;
                        refusal = null;
                        return;
                    }
                    if (attempt < LedgerCommands.MAX_CONFLICT_RETRIES && LedgerCommands.isConflict(failure)) {
                        continue;
                    }
                    refusal = failure;
                    return;
                } finally {
                    CURRENT.remove();
                }
            }
        }

        void answerOutcome() {
            if (refusal != null) {
                answer.completeExceptionally(refusal);
            } else {
                answer.complete(value);
            }
        }

        void fail(Throwable failure) {
            // an act refused on its own keeps its refusal: it wrote nothing either way
            answer.completeExceptionally(refusal != null ? refusal : failure);
        }

        R answer() {
            try {
                return answer.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the act's group to commit", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(cause);
            }
        }
    }
}
