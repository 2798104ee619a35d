package fr.paris.ledger.application.budget;

import static fr.paris.ledger.application.api.Requests.cents;

import fr.paris.ledger.application.api.ApiErrors.FieldProblem;
import fr.paris.ledger.application.api.ApiErrors.InvalidRequest;
import fr.paris.ledger.budget.AdvancePhase;
import fr.paris.ledger.budget.BallotMethod;
import fr.paris.ledger.budget.CampaignRules;
import fr.paris.ledger.budget.CampaignYear;
import fr.paris.ledger.budget.CreateCampaign;
import fr.paris.ledger.budget.Phase;
import fr.paris.ledger.infra.axon.LedgerCommands;
import fr.paris.ledger.infra.axon.Receipt;
import fr.paris.ledger.infra.privacy.Participants;
import fr.paris.ledger.infra.security.Caller;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * A campaign's acts: opening a year's campaign, and moving it to its next phase. Entering
 * {@code RESULTS} only records the phase change (the close of voting); {@link BudgetResultsProcess}
 * tallies and records the results a grace period later.
 */
@Component
public class CampaignActs {
    private final LedgerCommands commands;
    private final EventStoreBudgetDirectory directory;
    private final Participants participants;

    public CampaignActs(LedgerCommands commands, EventStoreBudgetDirectory directory, Participants participants) {
        this.commands = commands;
        this.directory = directory;
        this.participants = participants;
    }

    /**
     * A new campaign's settings as sent. They are checked here, together, so that one answer lists
     * every problem: the twenty envelopes are keyed {@code "1"} to {@code "20"}, each checked as a
     * field of its own ({@code arrondissementEnvelopesCents.7}).
     */
    public record NewCampaign(Integer year, Long parisWideEnvelopeCents, Map<String, Long> arrondissementEnvelopesCents,
                              Integer maxParisWideChoices, Integer maxArrondissementChoices, String ballotMethod) {
    }

    public Receipt create(Caller caller, NewCampaign body) {
        List<FieldProblem> errors = new ArrayList<>();
        if (body.year() == null || !CampaignYear.isValid(body.year())) {
            errors.add(new FieldProblem("year", "required, 2014 or later"));
        }
        cents(errors, "parisWideEnvelopeCents", body.parisWideEnvelopeCents(), true, 0);
        TreeMap<Integer, Long> envelopes = new TreeMap<>();
        Map<String, Long> given = body.arrondissementEnvelopesCents() == null ? Map.of() : body.arrondissementEnvelopesCents();
        for (int i = 1; i <= 20; i++) {
            Long amount = given.get(Integer.toString(i));
            int before = errors.size();
            cents(errors, "arrondissementEnvelopesCents." + i, amount, true, 0);
            if (errors.size() == before) {
                envelopes.put(i, amount);
            }
        }
        if (given.size() > 20) {
            errors.add(new FieldProblem("arrondissementEnvelopesCents", "exactly the keys \"1\" to \"20\""));
        }
        int maxParis = body.maxParisWideChoices() == null ? 4 : body.maxParisWideChoices();
        int maxArr = body.maxArrondissementChoices() == null ? 4 : body.maxArrondissementChoices();
        if (maxParis < 1 || maxParis > 50) {
            errors.add(new FieldProblem("maxParisWideChoices", "1 to 50 (default 4)"));
        }
        if (maxArr < 1 || maxArr > 50) {
            errors.add(new FieldProblem("maxArrondissementChoices", "1 to 50 (default 4)"));
        }
        BallotMethod method = BallotMethod.APPROVAL;
        if (body.ballotMethod() != null) {
            try {
                method = BallotMethod.valueOf(body.ballotMethod());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldProblem("ballotMethod", "one of " + Arrays.toString(BallotMethod.values())
                        + " (default APPROVAL)"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        CampaignRules rules = new CampaignRules(body.parisWideEnvelopeCents(), envelopes, maxParis, maxArr, method);
        return commands.send(new CreateCampaign(new CampaignYear(body.year()).campaign(), rules, participants.staff(caller.subject())))
                .receipt();
    }

    /** Records the move to the next phase and answers at once, whatever the phase (RESULTS too). */
    public Receipt advance(Caller caller, CampaignYear year, Phase to) {
        directory.campaign(year).orElseThrow(() -> BudgetPaths.campaignNotFound(year));
        return commands.send(new AdvancePhase(year.campaign(), to, participants.staff(caller.subject()))).receipt();
    }
}
