package fr.paris.ledger.application.budget;

import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Budget wiring: a campaign's cached facts evicted when an event of the campaign commits on this node. */
@Configuration(proxyBeanMethods = false)
public class BudgetConfiguration {
    /** Looked up at start, not injected: the directory needs the event store, which Axon builds from these modules. */
    @Bean
    public ConfigurerModule campaignDirectoryEviction(ObjectProvider<EventStoreBudgetDirectory> directory) {
        return configurer -> configurer.onInitialize(config -> config.onStart(
                () -> config.eventBus().registerDispatchInterceptor(directory.getObject().evictOnCampaignEvents())));
    }
}
