package fr.paris.ledger.application.petition;

import fr.paris.ledger.infra.projection.SetBasedRebuild;
import fr.paris.ledger.petition.PetitionSignatureWithdrawn;
import fr.paris.ledger.petition.PetitionSigned;
import fr.paris.ledger.projections.petition.PetitionSignatureProjection;
import java.time.Duration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Petition wiring: the directory signatures read, and how the signature projection is sequenced. */
@Configuration(proxyBeanMethods = false)
public class PetitionConfiguration {
    @Bean
    public EventStorePetitionDirectory petitionDirectory(EventStore eventStore,
                                                         @Value("${ledger.petitions.directory-ttl:PT1S}") Duration ttl) {
        return new EventStorePetitionDirectory(eventStore, ttl);
    }

    /** Looked up at start, not injected: the directory needs the event store, which Axon builds from these modules. */
    @Bean
    public ConfigurerModule petitionDirectoryEviction(ObjectProvider<EventStorePetitionDirectory> directory) {
        return configurer -> configurer.onInitialize(config -> config.onStart(
                () -> config.eventBus().registerDispatchInterceptor(directory.getObject().evictOnPetitionEvents())));
    }

    /**
     * A replay of the signature projection runs in SQL over the signature events only, instead of
     * handing every event of the log to the processor (issue 18; see Projections in infra).
     */
    @Bean
    public SetBasedRebuild petitionSignaturesRebuild(PetitionSignatureProjection projection) {
        return new SetBasedRebuild(PetitionSignatureProjection.NAME, PetitionSignatureProjection.HANDLED,
                PetitionSignatureProjection.REBUILD_EMPTY, PetitionSignatureProjection.REBUILD_FILL, projection::rebuilt);
    }

    /**
     * All signature events of one petition go to one segment of the signature projection, in order,
     * so that two segments never update one petition's tallies at the same time.
     */
    @Bean
    public ConfigurerModule signaturesSequencedByPetition() {
        var perAggregate = SequentialPerAggregatePolicy.instance();
        return configurer -> configurer.eventProcessing().registerSequencingPolicy(PetitionSignatureProjection.NAME, c -> event -> {
            Object payload = event.getPayload();
            if (payload instanceof PetitionSigned s) {
                return s.petitionId().value();
            }
            if (payload instanceof PetitionSignatureWithdrawn w) {
                return w.petitionId().value();
            }
            return perAggregate.getSequenceIdentifierFor(event);
        });
    }
}
