package fr.paris.ledger.infra.projection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event processors: their position and lag, and a rebuild from the first event. A read model's
 * processor can be rebuilt; a process's (its handlers {@code @DisallowReplay}: it sends commands, it
 * keeps no table) is watched like the others but never rebuilt.
 */
public class Projections {
    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final String node;
    private final ProjectionRebuilder rebuilder;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Projections.class);
    private final Map<String, SetBasedRebuild> setBased = new HashMap<>();
    /** Projections whose rebuild is under way on this node (their processor stopped meanwhile). */
    private final java.util.Set<String> rebuilding = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ExecutorService rebuilds = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "projection-rebuild");
        t.setDaemon(true);
        return t;
    });

    public Projections(EventProcessingConfiguration processing, EventStore eventStore, JdbcTemplate jdbc, String node) {
        this(processing, eventStore, jdbc, node, null, List.of());
    }

    public Projections(EventProcessingConfiguration processing, EventStore eventStore, JdbcTemplate jdbc, String node,
                       ProjectionRebuilder rebuilder, List<SetBasedRebuild> setBased) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.node = node;
        this.rebuilder = rebuilder;
        setBased.forEach(r -> this.setBased.put(r.processor(), r));
    }

    /** Every processor, read models and processes: what the health and the lag metric watch. */
    public List<ProjectionStatus> all() {
        return statuses(false);
    }

    /** The read models only, the processors that can be rebuilt: what the admin endpoint lists and replays. */
    public List<ProjectionStatus> projections() {
        return statuses(true);
    }

    private List<ProjectionStatus> statuses(boolean replayableOnly) {
        long head = head();
        Map<String, List<ProjectionStatus.Segment>> owners = owners();
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .filter(p -> !replayableOnly || p.supportsReset())
                .map(p -> status(p, head, owners.getOrDefault(p.getName(), List.of())))
                .sorted(Comparator.comparing(ProjectionStatus::name))
                .toList();
    }

    public Optional<ProjectionStatus> find(String name) {
        return processor(name).map(p -> status(p, head(), List.of()));
    }

    /** Which node holds each segment's claim, from the token table shared by all nodes. */
    private Map<String, List<ProjectionStatus.Segment>> owners() {
        Map<String, List<ProjectionStatus.Segment>> owners = new HashMap<>();
        jdbc.query("SELECT processor_name, segment, owner FROM token_entry ORDER BY processor_name, segment", rs -> {
            String owner = rs.getString(3);
            owners.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                    .add(new ProjectionStatus.Segment(rs.getInt(2), owner, node.equals(owner), null));
        });
        return owners;
    }

    /**
     * Rebuilds a projection from one snapshot of the log, in the background (a rebuild of millions of
     * events outlasts any request; meanwhile its status says {@code replaying}): its processor is
     * stopped on this node, the {@link ProjectionRebuilder} empties the projection and fills it again
     * (in SQL for a projection with a {@link SetBasedRebuild}, petition-signatures; by its own
     * handlers, handed only the events of the types they handle, for every other), and the processor
     * is started again from the rebuild's snapshot. A processor that is not one of Axon's own (none
     * in the ledger) is reset to the start of the log instead. Returns false for an unknown name, and
     * for a process, which is not rebuilt; true when the rebuild is under way (a second request
     * meanwhile starts nothing more).
     */
    public boolean replay(String name) {
        Optional<StreamingEventProcessor> found = processor(name).filter(StreamingEventProcessor::supportsReset);
        found.ifPresent(p -> {
            if (rebuilder == null || !(p instanceof AbstractEventProcessor axon)) {
                p.shutDown();
                p.resetTokens();
                p.start();
                return;
            }
            if (!rebuilding.add(name)) {
                return;
            }
            rebuilds.execute(() -> {
                try {
                    p.shutDown();
                    SetBasedRebuild rebuild = setBased.get(name);
                    if (rebuild != null) {
                        rebuilder.rebuild(rebuild);
                    } else {
                        rebuilder.replayHandled(name, axon.eventHandlerInvoker());
                    }
                } catch (RuntimeException failed) {
                    log.error("Projection {}: the rebuild failed and was rolled back; its processor goes on from its former tokens",
                            name, failed);
                } finally {
                    p.start();
                    rebuilding.remove(name);
                }
            });
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

    private ProjectionStatus status(StreamingEventProcessor p, long head, List<ProjectionStatus.Segment> owners) {
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
        Map<Integer, EventTrackerStatus> mine = p.processingStatus();
        List<ProjectionStatus.Segment> withPositions = owners.stream()
                .map(o -> new ProjectionStatus.Segment(o.segment(), o.owner(), o.mine(),
                        mine.containsKey(o.segment()) ? positionOf(mine.get(o.segment())) : null))
                .toList();
        boolean rebuilt = rebuilding.contains(p.getName());
        return new ProjectionStatus(p.getName(), p.isRunning() || rebuilt, p.isError(), replaying || rebuilt, position, head,
                rebuilt ? Math.max(lag, 1) : lag, node, withPositions);
    }

    private static Long positionOf(EventTrackerStatus status) {
        OptionalLong current = status.getCurrentPosition();
        return current.isPresent() ? current.getAsLong() : null;
    }
}
