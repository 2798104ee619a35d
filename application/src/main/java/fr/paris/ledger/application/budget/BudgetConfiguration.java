package fr.paris.ledger.application.budget;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Budget wiring: a campaign's cached facts evicted when an event of the campaign commits on this
 * node, and the processor of {@link BudgetResultsProcess}.
 */
@Configuration(proxyBeanMethods = false)
public class BudgetConfiguration {
    /** Looked up at start, not injected: the directory needs the event store, which Axon builds from these modules. */
    @Bean
    public ConfigurerModule campaignDirectoryEviction(ObjectProvider<EventStoreBudgetDirectory> directory) {
        return configurer -> configurer.onInitialize(config -> config.onStart(
                () -> config.eventBus().registerDispatchInterceptor(directory.getObject().evictOnCampaignEvents())));
    }

    /**
     * The results process runs on a tracking processor of its own, one segment, one event per
     * transaction: the node that holds the segment waits the grace and tallies while the token's row
     * stays locked in its transaction, so no other node takes the segment over meanwhile, and the
     * results commit with the token. A new processor starts at the first event (the tail), so that a
     * campaign that entered RESULTS before it existed is looked at too (and left alone if it has results).
     */
    @Bean
    public ConfigurerModule budgetResultsProcessor() {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessor(BudgetResultsProcess.NAME,
                org.axonframework.config.Configuration::eventStore,
                config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialSegmentsCount(1)
                        .andBatchSize(1)
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken));
    }
}
