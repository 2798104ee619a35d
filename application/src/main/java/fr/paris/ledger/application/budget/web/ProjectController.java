package fr.paris.ledger.application.budget.web;

import fr.paris.ledger.application.api.ReceiptJson;
import fr.paris.ledger.application.budget.BudgetPaths;
import fr.paris.ledger.application.budget.BudgetReads;
import fr.paris.ledger.application.budget.ProjectActs;
import fr.paris.ledger.application.budget.web.BudgetAnswers.ProjectPage;
import fr.paris.ledger.application.budget.web.BudgetAnswers.ProjectProgress;
import fr.paris.ledger.application.budget.web.BudgetAnswers.ProjectSubmission;
import fr.paris.ledger.application.budget.web.BudgetAnswers.ProjectVerdict;
import fr.paris.ledger.budget.RealizationStatus;
import fr.paris.ledger.budget.Scope;
import fr.paris.ledger.budget.Verdict;
import fr.paris.ledger.infra.security.Caller;
import fr.paris.ledger.projections.budget.BudgetQueries.ProjectView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Budget Participatif: projects, from their submission through feasibility to their realization. */
@RestController
@RequestMapping("/api/v1/budget")
@Tag(name = "Participatory budget", description = "Budget Participatif")
public class ProjectController {
    private final ProjectActs acts;
    private final BudgetReads reads;

    public ProjectController(ProjectActs acts, BudgetReads reads) {
        this.acts = acts;
        this.reads = reads;
    }

    @PostMapping("/campaigns/{year}/projects")
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "Submit a project (a resident of Paris, any age), scope PARIS or \"1\" to \"20\"")
    public ResponseEntity<ProjectSubmission> submit(@PathVariable int year, @Valid @RequestBody BudgetRequests.Project body,
                                                    Authentication auth) {
        var submitted = acts.submit(Caller.from(auth), BudgetPaths.year(year), new ProjectActs.Proposal(body.title(), body.description(),
                new Scope(body.scope()), body.estimatedCostCents(), body.category()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new ProjectSubmission(submitted.projectId().value(), ReceiptJson.of(submitted.receipt())));
    }

    @PostMapping("/projects/{projectId}/feasibility")
    @PreAuthorize("hasRole('AGENT')")
    @Operation(summary = "Record the feasibility verdict: FEASIBLE with costCents, NOT_FEASIBLE with reason, MERGED with mergedInto")
    public ProjectVerdict feasibility(@PathVariable String projectId, @Valid @RequestBody BudgetRequests.Feasibility body,
                                      Authentication auth) {
        Verdict verdict = Verdict.valueOf(body.verdict());
        var receipt = acts.study(Caller.from(auth), projectId, verdict, body.costCents(), body.reason(), body.mergedInto());
        return new ProjectVerdict(projectId, verdict.name(), ReceiptJson.of(receipt));
    }

    @PostMapping("/projects/{projectId}/realization")
    @PreAuthorize("hasRole('AGENT')")
    @Operation(summary = "Record the progress of a winning project: STUDY, WORKS, DELIVERED, ABANDONED")
    public ProjectProgress realization(@PathVariable String projectId, @Valid @RequestBody BudgetRequests.Realization body,
                                       Authentication auth) {
        RealizationStatus status = RealizationStatus.valueOf(body.status());
        var receipt = acts.realize(Caller.from(auth), projectId, status, body.note());
        return new ProjectProgress(projectId, status.name(), ReceiptJson.of(receipt));
    }

    @GetMapping("/campaigns/{year}/projects")
    @Operation(summary = "The projects of a campaign, whatever their verdict, in submission order, each as GET /projects/{projectId} "
            + "reads it, paged: ?limit= (default 50, at most 200) &after=<next of the previous page> (public)")
    public ProjectPage projects(@PathVariable int year, @RequestParam(required = false) String limit,
                                @RequestParam(required = false) String after) {
        var page = reads.projects(BudgetPaths.year(year), limit, after);
        return new ProjectPage(page.items(), page.next());
    }

    @GetMapping("/projects/{projectId}")
    @Operation(summary = "A project with its feasibility, votes (after results) and realization history (public)")
    public ProjectView project(@PathVariable String projectId) {
        return reads.project(projectId);
    }
}
