package fr.paris.ledger.infra.axon;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * Aggregates created once and rarely loaded again (a signature, a ballot, a card holder) are
 * created without reading their stream first (issue 18): the first attempt of a creating command
 * is handled on an empty aggregate, and the event table's uniqueness on (aggregate, sequence
 * number) decides. If the stream already existed, appending its sequence number 0 conflicts, and
 * {@link LedgerCommands} sends the command again with the stream read as usual; it does so too if
 * the empty aggregate refused the command and the stream turns out to exist, so that a decision that
 * rests on existing state is always taken on it (a refusal on an aggregate that has no events stands,
 * and is counted once).
 *
 * <p>Only the commands listed in {@link AxonConfiguration#ONCE_CREATED_COMMANDS}, each handled by
 * a {@code CREATE_IF_MISSING} handler, are sent so, and only for their own target.
 */
public final class OnceCreated {
    private static final ThreadLocal<String> ASSUMED_NEW = new ThreadLocal<>();

    private OnceCreated() {
    }

    /** Runs {@code send} with the stream of {@code aggregateId} read as empty on this thread. */
    static <R> R assumingNew(String aggregateId, Supplier<R> send) {
        String before = ASSUMED_NEW.get();
        ASSUMED_NEW.set(aggregateId);
        try {
            return send.get();
        } finally {
            if (before == null) {
                ASSUMED_NEW.remove();
            } else {
                ASSUMED_NEW.set(before);
            }
        }
    }

    /** Whether a command on this thread is being handled on an aggregate assumed new. */
    static boolean assumingNew() {
        return ASSUMED_NEW.get() != null;
    }

    static boolean assumedNew(String aggregateId) {
        return aggregateId.equals(ASSUMED_NEW.get());
    }

    /**
     * The storage engine as Axon's repositories see it: an aggregate assumed new on this thread has
     * no snapshot and no events; everything else is the engine's.
     */
    static final class Storage implements EventStorageEngine {
        private final EventStorageEngine engine;

        Storage(EventStorageEngine engine) {
            this.engine = engine;
        }

        EventStorageEngine engine() {
            return engine;
        }

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            return assumedNew(aggregateIdentifier) ? DomainEventStream.empty()
                    : engine.readEvents(aggregateIdentifier, firstSequenceNumber);
        }

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier) {
            return assumedNew(aggregateIdentifier) ? DomainEventStream.empty() : engine.readEvents(aggregateIdentifier);
        }

        @Override
        public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
            return assumedNew(aggregateIdentifier) ? Optional.empty() : engine.readSnapshot(aggregateIdentifier);
        }

        @Override
        public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
            return engine.lastSequenceNumberFor(aggregateIdentifier);
        }

        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            engine.appendEvents(events);
        }

        @Override
        public void storeSnapshot(DomainEventMessage<?> snapshot) {
            engine.storeSnapshot(snapshot);
        }

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            return engine.readEvents(trackingToken, mayBlock);
        }

        @Override
        public TrackingToken createTailToken() {
            return engine.createTailToken();
        }

        @Override
        public TrackingToken createHeadToken() {
            return engine.createHeadToken();
        }

        @Override
        public TrackingToken createTokenAt(Instant dateTime) {
            return engine.createTokenAt(dateTime);
        }
    }
}
