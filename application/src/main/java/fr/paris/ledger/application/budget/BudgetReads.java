package fr.paris.ledger.application.budget;

import com.fasterxml.jackson.databind.JsonNode;
import fr.paris.ledger.application.api.ApiErrors.InvalidRequest;
import fr.paris.ledger.application.api.Paging;
import fr.paris.ledger.budget.BallotCast;
import fr.paris.ledger.budget.BallotId;
import fr.paris.ledger.budget.BallotWithdrawn;
import fr.paris.ledger.budget.CampaignFacts;
import fr.paris.ledger.budget.CampaignYear;
import fr.paris.ledger.budget.Phase;
import fr.paris.ledger.infra.axon.Receipt;
import fr.paris.ledger.infra.events.EventScanner;
import fr.paris.ledger.infra.privacy.Participants;
import fr.paris.ledger.infra.privacy.ReferenceScope;
import fr.paris.ledger.infra.security.Caller;
import fr.paris.ledger.projections.budget.BudgetQueries;
import fr.paris.ledger.projections.budget.BudgetQueries.BallotOptions;
import fr.paris.ledger.projections.budget.BudgetQueries.CampaignView;
import fr.paris.ledger.projections.budget.BudgetQueries.PaperBatchView;
import fr.paris.ledger.projections.budget.BudgetQueries.ProjectView;
import fr.paris.ledger.shared.RuleViolation;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The budget's reads: campaigns, projects, the ballot, paper batches and results from the read
 * model; the phase that decides whether results are due from the campaign's events; the caller's own
 * ballot from its aggregate in the event log (read your own writes: right after a vote it shows that
 * vote, with the receipt that finds it in the public log).
 */
@Component
public class BudgetReads {
    private final BudgetQueries budget;
    private final EventStoreBudgetDirectory directory;
    private final Participants participants;
    private final EventScanner events;

    public BudgetReads(BudgetQueries budget, EventStoreBudgetDirectory directory, Participants participants,
                       EventScanner events) {
        this.budget = budget;
        this.directory = directory;
        this.participants = participants;
        this.events = events;
    }

    /** A page: its items, and the cursor of the next page (null on the last). */
    public record Page<T>(List<T> items, String next) {
    }

    /** The caller's standing online ballot, and the receipt of the event that cast it. */
    public record OwnBallot(BallotCast ballot, Receipt receipt) {
    }

    public List<CampaignView> campaigns() {
        return budget.years().stream().map(budget::campaign).flatMap(Optional::stream).toList();
    }

    public CampaignView campaign(CampaignYear year) {
        return budget.campaign(year.value()).orElseThrow(() -> BudgetPaths.campaignNotFound(year));
    }

    public BallotOptions ballotOptions(CampaignYear year) {
        campaign(year);
        return budget.ballotOptions(year.value());
    }

    /** The results once recorded: 422 before RESULTS, 409 while they are being tallied or projected. */
    public JsonNode results(CampaignYear year) {
        CampaignFacts campaign = directory.campaign(year).orElseThrow(() -> BudgetPaths.campaignNotFound(year));
        if (campaign.phase().compareTo(Phase.RESULTS) < 0) {
            throw RuleViolation.refused("budget.wrong-phase", "Results are published when the campaign enters RESULTS.");
        }
        return budget.results(year.value()).orElseThrow(() -> RuleViolation.conflict("budget.results-pending",
                "The results are being recorded; try again in a moment."));
    }

    public ProjectView project(String projectId) {
        return budget.project(projectId).orElseThrow(() -> BudgetPaths.projectNotFound(projectId));
    }

    /** A campaign's projects in submission order, paged by the convention of api.md; the cursor names a page's last project. */
    public Page<ProjectView> projects(CampaignYear year, String limit, String after) {
        int size = Paging.limit(limit);
        campaign(year);
        List<ProjectView> all = budget.projects(year.value());
        int start = 0;
        if (after != null) {
            String last = decoded(after).orElseThrow(() -> new InvalidRequest("after", "the next of a previous page"));
            start = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).projectId().equals(last)) {
                    start = i + 1;
                    break;
                }
            }
            if (start < 0) {
                throw new InvalidRequest("after", "the next of a previous page");
            }
        }
        int end = Math.min(all.size(), start + size);
        List<ProjectView> items = List.copyOf(all.subList(start, end));
        return new Page<>(items, end < all.size() ? encoded(items.get(items.size() - 1).projectId()) : null);
    }

    /** A campaign's paper batches by batch id, paged (1 to 200, 50 when absent); the cursor names a page's last batch. */
    public Page<PaperBatchView> paperBatches(CampaignYear year, Integer limit, String after) {
        int size = limit == null ? Paging.DEFAULT_LIMIT : limit;
        if (size < 1 || size > Paging.MAX_LIMIT) {
            throw new InvalidRequest("limit", "1 to 200 (default 50)");
        }
        String from = after == null ? null : decoded(after).filter(id -> BudgetPaths.IDENTIFIER_PATTERN.matcher(id).matches())
                .orElseThrow(() -> new InvalidRequest("after", "the next cursor of a previous page"));
        campaign(year);
        List<PaperBatchView> page = budget.paperBatches(year.value(), from, size + 1);
        return new Page<>(page.subList(0, Math.min(size, page.size())),
                page.size() > size ? encoded(page.get(size - 1).batchId()) : null);
    }

    /** The caller's standing ballot in the campaign of {@code year}: 404 budget.no-ballot if none. */
    public OwnBallot myBallot(Caller caller, CampaignYear year) {
        var voter = participants.existingReference(caller.subject(), ReferenceScope.budget(year)).orElseThrow(BudgetPaths::noBallot);
        OwnBallot standing = null;
        for (EventScanner.ScannedEvent e : events.aggregate(new BallotId(year, voter).toString())) {
            if (e.payload() instanceof BallotCast b) {
                standing = new OwnBallot(b, new Receipt(e.eventId(), e.globalIndex()));
            } else if (e.payload() instanceof BallotWithdrawn) {
                standing = null;
            }
        }
        if (standing == null) {
            throw BudgetPaths.noBallot();
        }
        return standing;
    }

    private static String encoded(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }

    /** What an opaque cursor stands for; empty if it is not base64url. */
    private static Optional<String> decoded(String cursor) {
        try {
            return Optional.of(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
