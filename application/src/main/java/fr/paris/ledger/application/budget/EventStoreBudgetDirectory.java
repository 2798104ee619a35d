package fr.paris.ledger.application.budget;

import fr.paris.ledger.budget.BudgetDirectory;
import fr.paris.ledger.budget.CampaignFacts;
import fr.paris.ledger.budget.CampaignId;
import fr.paris.ledger.budget.CampaignYear;
import fr.paris.ledger.budget.PaperBatchAbandoned;
import fr.paris.ledger.budget.PaperBatchConfirmed;
import fr.paris.ledger.budget.PaperBatchId;
import fr.paris.ledger.budget.PaperBatchOpened;
import fr.paris.ledger.budget.Phase;
import fr.paris.ledger.budget.ProjectFacts;
import fr.paris.ledger.budget.ProjectId;
import fr.paris.ledger.infra.events.EventScanner;
import fr.paris.ledger.infra.events.FactsCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The budget facts that projects and ballots rely on, folded from the events without taking any
 * aggregate's lock. A campaign's facts are kept for a short time ({@link FactsCache}: evicted at once
 * on this node when an event of the campaign commits); a campaign's projects are kept from VOTING on, when nothing can change
 * them any more, so that a million ballots read them from memory. One entry per campaign, never per
 * ballot. A paper batch's opening is read with the campaign (it is one of its events); a batch's
 * closing is read from the event store whenever it is asked for, never from memory.
 */
@Component
public class EventStoreBudgetDirectory implements BudgetDirectory {
    private static final String CAMPAIGN_PREFIX = "budget-campaign:";

    private final EventStore eventStore;
    private final EventScanner scanner;
    private final FactsCache<CampaignYear, CampaignFacts> campaigns;
    private final Map<CampaignYear, List<ProjectFacts>> frozenProjects = new ConcurrentHashMap<>();

    public EventStoreBudgetDirectory(EventStore eventStore, EventScanner scanner,
                                     @Value("${ledger.budget.directory-ttl:PT1S}") Duration ttl) {
        this.eventStore = eventStore;
        this.scanner = scanner;
        this.campaigns = new FactsCache<>(ttl, 1_000);
    }

    @Override
    public Optional<CampaignFacts> campaign(CampaignYear year) {
        return campaigns.get(year, this::load);
    }

    private CampaignFacts load(CampaignYear year) {
        CampaignFacts facts = null;
        DomainEventStream events = eventStore.readEvents(new CampaignId(year).toString());
        while (events.hasNext()) {
            facts = CampaignFacts.apply(facts, events.next().getPayload());
        }
        return facts;
    }

    public void evictCampaign(CampaignYear year) {
        campaigns.evict(year);
    }

    /** Evicts a campaign's entry once an event of that campaign (a phase, a paper batch opened, results) commits on this node. */
    public MessageDispatchInterceptor<EventMessage<?>> evictOnCampaignEvents() {
        return campaigns.evictOnEventsOf(aggregateId -> {
            if (!aggregateId.startsWith(CAMPAIGN_PREFIX)) {
                return Optional.empty();
            }
            try {
                int year = Integer.parseInt(aggregateId.substring(CAMPAIGN_PREFIX.length()));
                return CampaignYear.isValid(year) ? Optional.of(new CampaignYear(year)) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** A batch opened after the campaign's facts were kept: read again once, since an opening never changes. */
    @Override
    public Optional<PaperBatchOpened> paperBatch(CampaignYear year, String batchId) {
        Optional<PaperBatchOpened> opened = BudgetDirectory.super.paperBatch(year, batchId);
        if (opened.isPresent()) {
            return opened;
        }
        evictCampaign(year);
        return BudgetDirectory.super.paperBatch(year, batchId);
    }

    @Override
    public Set<String> closedPaperBatches(CampaignYear year) {
        Set<String> closed = new TreeSet<>();
        scanner.scan(PaperBatchId.prefixOf(year), EventScanner.Order.BY_GLOBAL_INDEX,
                List.of(PaperBatchConfirmed.class, PaperBatchAbandoned.class), e -> closed.add(
                        e.payload() instanceof PaperBatchConfirmed c ? c.batchId() : ((PaperBatchAbandoned) e.payload()).batchId()));
        return closed;
    }

    @Override
    public Optional<ProjectFacts> project(ProjectId id) {
        ProjectFacts facts = null;
        DomainEventStream events = eventStore.readEvents(id.toString());
        while (events.hasNext()) {
            facts = ProjectFacts.apply(facts, events.next().getPayload());
        }
        return Optional.ofNullable(facts);
    }

    @Override
    public Collection<ProjectFacts> projects(CampaignYear year) {
        List<ProjectFacts> frozen = frozenProjects.get(year);
        if (frozen != null) {
            return frozen;
        }
        boolean settled = campaign(year).map(c -> c.phase().compareTo(Phase.VOTING) >= 0).orElse(false);
        Map<String, ProjectFacts> byAggregate = new LinkedHashMap<>();
        scanner.scan(ProjectId.aggregatePrefix(year), EventScanner.Order.BY_AGGREGATE,
                e -> byAggregate.compute(e.aggregateId(), (k, facts) -> ProjectFacts.apply(facts, e.payload())));
        List<ProjectFacts> projects = new ArrayList<>(byAggregate.values());
        projects.sort(Comparator.comparing(ProjectFacts::submittedAt).thenComparing(p -> p.id().value()));
        List<ProjectFacts> result = List.copyOf(projects);
        if (settled) {
            frozenProjects.put(year, result);
        }
        return result;
    }
}
