package fr.paris.ledger.application.budget;

import static fr.paris.ledger.application.api.Requests.cents;

import fr.paris.ledger.application.api.ApiErrors.FieldProblem;
import fr.paris.ledger.application.api.ApiErrors.InvalidRequest;
import fr.paris.ledger.budget.CampaignYear;
import fr.paris.ledger.budget.ProjectId;
import fr.paris.ledger.budget.RealizationStatus;
import fr.paris.ledger.budget.RecordRealization;
import fr.paris.ledger.budget.Scope;
import fr.paris.ledger.budget.StudyProject;
import fr.paris.ledger.budget.SubmitProject;
import fr.paris.ledger.budget.Verdict;
import fr.paris.ledger.infra.axon.LedgerCommands;
import fr.paris.ledger.infra.axon.Receipt;
import fr.paris.ledger.infra.privacy.Participants;
import fr.paris.ledger.infra.privacy.ReferenceScope;
import fr.paris.ledger.infra.security.Caller;
import fr.paris.ledger.shared.PostalCode;
import fr.paris.ledger.shared.RuleViolation;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/** A project's acts: its submission by a resident, the feasibility verdict, and the progress of a winning one. */
@Component
public class ProjectActs {
    private final LedgerCommands commands;
    private final Participants participants;

    public ProjectActs(LedgerCommands commands, Participants participants) {
        this.commands = commands;
        this.participants = participants;
    }

    /** A project as proposed; its fields are checked already (title, description, scope, cost, category). */
    public record Proposal(String title, String description, Scope scope, long estimatedCostCents, String category) {
    }

    public record Submitted(ProjectId projectId, Receipt receipt) {
    }

    public Submitted submit(Caller caller, CampaignYear year, Proposal proposal) {
        PostalCode postalCode = caller.postalCode().orElseThrow(() -> RuleViolation.refused("budget.not-resident",
                "Your identity token carries no postal code: residence in Paris cannot be established."));
        ProjectId id = ProjectId.random(year);
        Receipt receipt = commands.act(() -> commands.send(new SubmitProject(id,
                participants.reference(caller.subject(), ReferenceScope.budgetAuthor(year)), postalCode,
                proposal.title().strip(), proposal.description().strip(), proposal.scope(), proposal.estimatedCostCents(),
                proposal.category()))).receipt();
        return new Submitted(id, receipt);
    }

    /**
     * The feasibility verdict. What the verdict requires is checked here: a cost above 0 for
     * FEASIBLE (at most the largest amount otherwise), a reason for NOT_FEASIBLE, the project it
     * joins for MERGED.
     */
    public Receipt study(Caller caller, String projectId, Verdict verdict, Long costCents, String reason, String mergedInto) {
        ProjectId project = BudgetPaths.project(projectId);
        List<FieldProblem> errors = new ArrayList<>();
        cents(errors, "costCents", costCents, verdict == Verdict.FEASIBLE, verdict == Verdict.FEASIBLE ? 1 : 0);
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        if (verdict == Verdict.NOT_FEASIBLE && (reason == null || reason.isBlank())) {
            throw new InvalidRequest("reason", "required for NOT_FEASIBLE");
        }
        if (verdict == Verdict.MERGED && !ProjectId.isWellFormed(mergedInto)) {
            throw new InvalidRequest("mergedInto", "required for MERGED: the id of the project it joins");
        }
        return send(project, new StudyProject(project, verdict, costCents, reason,
                verdict == Verdict.MERGED ? new ProjectId(mergedInto) : null, participants.staff(caller.subject())));
    }

    public Receipt realize(Caller caller, String projectId, RealizationStatus status, String note) {
        ProjectId project = BudgetPaths.project(projectId);
        return send(project, new RecordRealization(project, status, note, participants.staff(caller.subject())));
    }

    private Receipt send(ProjectId project, Object command) {
        try {
            return commands.send(command).receipt();
        } catch (AggregateNotFoundException e) {
            throw BudgetPaths.projectNotFound(project.value());
        }
    }
}
