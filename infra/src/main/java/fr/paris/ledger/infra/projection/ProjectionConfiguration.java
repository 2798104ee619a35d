package fr.paris.ledger.infra.projection;

import fr.paris.ledger.infra.events.EventScanner;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.PlatformTransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** Read-model operations: the projections service, their lag as a metric and their health. */
@Configuration(proxyBeanMethods = false)
public class ProjectionConfiguration {

    /**
     * Every projection runs on a pooled streaming processor whose tokens live in the ledger's
     * database (so a projection's rows and its token commit together), in batches for replay speed.
     */
    @Bean
    public ConfigurerModule pooledProjections(@Value("${ledger.projections.batch-size:100}") int batchSize,
                                              @Value("${ledger.projections.segments:2}") int segments,
                                              @Value("${ledger.projections.token-claim-interval:PT5S}") Duration claimInterval,
                                              @Value("${ledger.projections.claim-extension-threshold:PT5S}") Duration extension,
                                              ClusterNodes nodes) {
        return configurer -> {
            configurer.eventProcessing().usingPooledStreamingEventProcessors(
                    (config, builder) -> builder.batchSize(batchSize).initialSegmentCount(segments)
                            .tokenClaimInterval(claimInterval.toMillis())
                            .claimExtensionThreshold(extension.toMillis())
                            .maxSegmentProvider(nodes::maxSegments));
            // a handler that fails fails its batch, which is retried (with Axon's back-off, 1 s doubling up to
            // 60 s), instead of being logged and skipped: a read model never silently misses an event
            configurer.eventProcessing().registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.INSTANCE);
        };
    }

    /** Read your own writes: how long a caller's read waits at most for the read model to pass its last act. */
    @Bean
    public ReadYourWrites readYourWrites(JdbcTemplate jdbc, EventScanner events,
                                         @Value("${ledger.projections.read-your-writes-wait:PT2S}") Duration maxWait) {
        return new ReadYourWrites(jdbc, events, maxWait);
    }

    @Bean
    public ClusterNodes clusterNodes(JdbcTemplate jdbc) {
        return new ClusterNodes(jdbc);
    }

    /**
     * Names this node's database sessions {@code ledger:<node>}, by which the nodes count each other
     * (see {@link ClusterNodes}). A name set in the configuration is kept.
     */
    @Bean
    public static BeanPostProcessor ledgerSessionName() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource hikari && hikari.getDataSourceProperties().getProperty("ApplicationName") == null) {
                    hikari.addDataSourceProperty("ApplicationName",
                            ClusterNodes.sessionName(java.lang.management.ManagementFactory.getRuntimeMXBean().getName()));
                }
                return bean;
            }
        };
    }

    @Bean
    public ProjectionRebuilder projectionRebuilder(JdbcTemplate jdbc, EventScanner events, TokenStore tokens,
                                               PlatformTransactionManager transactions, ClusterNodes nodes) {
        return new ProjectionRebuilder(jdbc, events, tokens, transactions, nodes.node());
    }

    /** The projections, with the set-based rebuilds the modules declare ({@link SetBasedRebuild} beans). */
    @Bean
    public Projections projections(EventProcessingConfiguration processing, EventStore eventStore, JdbcTemplate jdbc,
                                   ClusterNodes nodes, ProjectionRebuilder rebuilder, ObjectProvider<SetBasedRebuild> setBased) {
        return new Projections(processing, eventStore, jdbc, nodes.node(), rebuilder, setBased.orderedStream().toList());
    }

    @Bean
    public ProjectionMetrics projectionMetrics(Projections projections, MeterRegistry meters) {
        return new ProjectionMetrics(projections, meters);
    }

    /** DOWN when an event processor is in error (its projection has stopped following the log). */
    @Bean("eventProcessors")
    public HealthIndicator eventProcessorsHealth(Projections projections) {
        return () -> {
            Map<String, Object> details = new LinkedHashMap<>();
            boolean healthy = true;
            for (ProjectionStatus s : projections.all()) {
                details.put(s.name(), Map.of("running", s.running(), "error", s.error(), "lag", s.lag()));
                healthy &= !s.error();
            }
            return (healthy ? Health.up() : Health.down()).withDetails(details).build();
        };
    }

    /** Registers {@code ledger.projection.lag} per projection once Axon's processors exist. */
    public static class ProjectionMetrics {
        private final Projections projections;
        private final MeterRegistry meters;

        ProjectionMetrics(Projections projections, MeterRegistry meters) {
            this.projections = projections;
            this.meters = meters;
        }

        @EventListener(ApplicationReadyEvent.class)
        public void register() {
            for (ProjectionStatus s : projections.all()) {
                String name = s.name();
                Gauge.builder("ledger.projection.lag", projections,
                                p -> p.find(name).map(ProjectionStatus::lag).orElse(0L))
                        .description("Global-index positions between the head of the event store and the projection")
                        .tag("projection", name)
                        .baseUnit("events")
                        .register(meters);
            }
        }
    }
}
