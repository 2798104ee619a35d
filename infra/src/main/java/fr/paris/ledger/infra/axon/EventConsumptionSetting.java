package fr.paris.ledger.infra.axon;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Turns off the "optimized" event consumption of Axon's {@code EmbeddedEventStore} before it is
 * built (it reads the JVM system property {@code optimize-event-consumption} when its builder is
 * made). With it on, every event processor's stream reads from one shared linked cache of events,
 * and a processor that lags behind keeps the whole chain from its position to the head reachable:
 * during a backlog of a million events (a replay, or after an outage) the heap fills and the node
 * stops answering (AxonFramework issue 2954; seen here at -Xmx512m after 1.4 million events
 * appended at once, docs/benchmarks.md). Off, each processor reads its own stream from the
 * database: more queries, memory bounded by its batches.
 *
 * <p>{@code ledger.event-store.optimize-event-consumption} (default false) sets it, unless the
 * system property is already given on the command line.
 */
public class EventConsumptionSetting implements EnvironmentPostProcessor {
    static final String AXON_PROPERTY = "optimize-event-consumption";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(AXON_PROPERTY) == null) {
            System.setProperty(AXON_PROPERTY,
                    environment.getProperty("ledger.event-store.optimize-event-consumption", "false"));
        }
    }
}
