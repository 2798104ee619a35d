package fr.paris.ledger.application.budget;

import static fr.paris.ledger.application.api.Requests.text;

import fr.paris.ledger.application.api.ApiErrors.FieldProblem;
import fr.paris.ledger.application.api.ApiErrors.InvalidRequest;
import fr.paris.ledger.budget.AbandonPaperBatch;
import fr.paris.ledger.budget.BallotNumber;
import fr.paris.ledger.budget.CampaignYear;
import fr.paris.ledger.budget.ConfirmPaperBatch;
import fr.paris.ledger.budget.EnterPaperBallot;
import fr.paris.ledger.budget.OpenPaperBatch;
import fr.paris.ledger.budget.PaperBatchId;
import fr.paris.ledger.budget.RecordSpoiledPaper;
import fr.paris.ledger.budget.VoidPaperBallot;
import fr.paris.ledger.infra.axon.Accepted;
import fr.paris.ledger.infra.axon.LedgerCommands;
import fr.paris.ledger.infra.axon.Receipt;
import fr.paris.ledger.infra.privacy.Participants;
import fr.paris.ledger.infra.privacy.ReferenceScope;
import fr.paris.ledger.infra.security.Caller;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.RuleViolation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Paper ballots in countersigned batches: an agent opens a batch for one urn and enters its papers;
 * another agent confirms it, or it is abandoned (ADR 015). The caller is recorded under their staff
 * reference; a paper's voter under the same reference as their online ballot.
 */
@Component
public class PaperBatchActs {
    private final LedgerCommands commands;
    private final EventStoreBudgetDirectory directory;
    private final Participants participants;

    public PaperBatchActs(LedgerCommands commands, EventStoreBudgetDirectory directory, Participants participants) {
        this.commands = commands;
        this.directory = directory;
        this.participants = participants;
    }

    /** A paper as entered: its number and, unless it is spoiled (its number only), its voter and content. */
    public record Paper(String ballotNumber, boolean spoiled, String voterId, BallotChoices.Content content) {
    }

    public Receipt open(Caller caller, CampaignYear year, String batchId, String urn, int declaredCount) {
        directory.campaign(year).orElseThrow(() -> BudgetPaths.campaignNotFound(year));
        return commands.send(new OpenPaperBatch(year.campaign(), batchId, urn, declaredCount,
                participants.staff(caller.subject()))).receipt();
    }

    public Receipt enter(Caller caller, CampaignYear year, String batchId, Paper paper) {
        PaperBatchId batch = BudgetPaths.batch(year, batchId);
        BallotNumber number = new BallotNumber(paper.ballotNumber());
        List<FieldProblem> errors = new ArrayList<>();
        BallotChoices.Content content = paper.content();
        if (paper.spoiled()) {
            // a spoiled paper counts toward its batch only: no voter, no choice (nothing personal to keep)
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("voterId", paper.voterId());
            fields.put("parisWide", content.parisWide());
            fields.put("arrondissement", content.arrondissement());
            fields.put("arrondissementProjects", content.arrondissementProjects());
            fields.put("grades", content.grades());
            fields.forEach((field, value) -> {
                if (value != null) {
                    errors.add(new FieldProblem(field, "a spoiled paper has only its number"));
                }
            });
        } else {
            text(errors, "voterId", paper.voterId(), 1, 200);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        ParticipantId agent = participants.staff(caller.subject());
        if (paper.spoiled()) {
            return commands.send(new RecordSpoiledPaper(batch, number, agent)).receipt();
        }
        BallotChoices choices = BallotChoices.of(directory, year, content);
        return commands.act(() -> commands.send(new EnterPaperBallot(batch, number,
                participants.reference(paper.voterId(), ReferenceScope.budget(year)), choices.parisWide(),
                choices.arrondissement(), choices.arrondissementProjects(), choices.grades(), agent))).receipt();
    }

    /** The batch's agent voids an entry; a malformed number names no entry. */
    public Receipt voidEntry(Caller caller, CampaignYear year, String batchId, String ballotNumber) {
        PaperBatchId batch = BudgetPaths.batch(year, batchId);
        if (!BallotNumber.isWellFormed(ballotNumber)) {
            throw RuleViolation.notFound("budget.no-entry", "Batch " + batchId + " has no entry numbered " + ballotNumber + ".");
        }
        return commands.send(new VoidPaperBallot(batch, new BallotNumber(ballotNumber), participants.staff(caller.subject())))
                .receipt();
    }

    /** The countersignature; the result is the batch's count (its entries, spoiled papers included). */
    public Accepted<Integer> confirm(Caller caller, CampaignYear year, String batchId) {
        PaperBatchId batch = BudgetPaths.batch(year, batchId);
        return commands.send(new ConfirmPaperBatch(batch, participants.staff(caller.subject())));
    }

    public Receipt abandon(Caller caller, CampaignYear year, String batchId, String reason) {
        PaperBatchId batch = BudgetPaths.batch(year, batchId);
        return commands.send(new AbandonPaperBatch(batch, reason.strip(), participants.staff(caller.subject()))).receipt();
    }
}
