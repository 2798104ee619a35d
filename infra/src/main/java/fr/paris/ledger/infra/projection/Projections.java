package fr.paris.ledger.infra.projection;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** The read models' event processors: their position and lag, and a rebuild from the first event. */
public class Projections {
    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    public Projections(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    public List<ProjectionStatus> all() {
        long head = head();
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .map(p -> status(p, head))
                .sorted(Comparator.comparing(ProjectionStatus::name))
                .toList();
    }

    public Optional<ProjectionStatus> find(String name) {
        return processor(name).map(p -> status(p, head()));
    }

    /**
     * Rebuilds a projection: stops its processor, resets its tokens to the start of the log (its
     * {@code @ResetHandler} empties its tables) and starts it again. Returns false for an unknown name.
     */
    public boolean replay(String name) {
        Optional<StreamingEventProcessor> found = processor(name);
        found.ifPresent(p -> {
            p.shutDown();
            p.resetTokens();
            p.start();
        });
        return found.isPresent();
    }

    public long head() {
        TrackingToken token = eventStore.createHeadToken();
        if (token == null) {
            return -1;
        }
        OptionalLong position = token.position();
        return position.orElse(-1);
    }

    private Optional<StreamingEventProcessor> processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class);
    }

    private static ProjectionStatus status(StreamingEventProcessor p, long head) {
        var segments = p.processingStatus().values();
        Long position = null;
        boolean replaying = false;
        for (EventTrackerStatus s : segments) {
            replaying |= s.isReplaying();
            OptionalLong current = s.getCurrentPosition();
            long value = current.orElse(-1);
            position = position == null ? value : Math.min(position, value);
        }
        long lag = Math.max(0, head - (position == null ? -1 : position));
        return new ProjectionStatus(p.getName(), p.isRunning(), p.isError(), replaying, position, head, lag);
    }
}
