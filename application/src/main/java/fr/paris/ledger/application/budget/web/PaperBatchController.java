package fr.paris.ledger.application.budget.web;

import fr.paris.ledger.application.api.ReceiptJson;
import fr.paris.ledger.application.budget.BudgetPaths;
import fr.paris.ledger.application.budget.BudgetReads;
import fr.paris.ledger.application.budget.PaperBatchActs;
import fr.paris.ledger.application.budget.web.BudgetAnswers.ConfirmedPaperBatch;
import fr.paris.ledger.application.budget.web.BudgetAnswers.PaperBallotEntry;
import fr.paris.ledger.application.budget.web.BudgetAnswers.PaperBatchPage;
import fr.paris.ledger.application.budget.web.BudgetAnswers.PaperBatchState;
import fr.paris.ledger.application.budget.web.BudgetAnswers.VoidedPaperBallot;
import fr.paris.ledger.budget.PaperBatchStatus;
import fr.paris.ledger.infra.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Budget Participatif: paper ballots, entered by urn in batches that a second agent countersigns (ADR 015). */
@RestController
@RequestMapping("/api/v1/budget/campaigns/{year}/paper-batches")
@Tag(name = "Participatory budget", description = "Budget Participatif")
public class PaperBatchController {
    private final PaperBatchActs acts;
    private final BudgetReads reads;

    public PaperBatchController(PaperBatchActs acts, BudgetReads reads) {
        this.acts = acts;
        this.reads = reads;
    }

    @PostMapping
    @PreAuthorize("hasRole('AGENT')")
    @Operation(summary = "Open a batch for one urn, declaring how many papers it holds; the caller is the batch's agent (VOTING)")
    public ResponseEntity<PaperBatchState> openBatch(@PathVariable int year, @Valid @RequestBody BudgetRequests.PaperBatch body,
                                                     Authentication auth) {
        var receipt = acts.open(Caller.from(auth), BudgetPaths.year(year), body.batchId(), body.urn(), body.declaredCount());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new PaperBatchState(body.batchId(), PaperBatchStatus.OPEN.name(), ReceiptJson.of(receipt)));
    }

    @PostMapping("/{batchId}/ballots")
    @PreAuthorize("hasRole('AGENT')")
    @Operation(summary = "The batch's agent enters a paper ballot under its number, or {ballotNumber, spoiled:true} a spoiled paper")
    public ResponseEntity<PaperBallotEntry> enterPaper(@PathVariable int year, @PathVariable String batchId,
                                                       @Valid @RequestBody BudgetRequests.PaperBallot body, Authentication auth) {
        boolean spoiled = Boolean.TRUE.equals(body.spoiled());
        var receipt = acts.enter(Caller.from(auth), BudgetPaths.year(year), batchId,
                new PaperBatchActs.Paper(body.ballotNumber(), spoiled, body.voterId(), body.content()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new PaperBallotEntry(batchId, body.ballotNumber(), spoiled, ReceiptJson.of(receipt)));
    }

    @DeleteMapping("/{batchId}/ballots/{ballotNumber}")
    @PreAuthorize("hasRole('AGENT')")
    @Operation(summary = "The batch's agent voids an entry (a typing mistake) before the batch is confirmed")
    public VoidedPaperBallot voidPaper(@PathVariable int year, @PathVariable String batchId, @PathVariable String ballotNumber,
                                       Authentication auth) {
        var receipt = acts.voidEntry(Caller.from(auth), BudgetPaths.year(year), batchId, ballotNumber);
        return new VoidedPaperBallot(batchId, ballotNumber, true, ReceiptJson.of(receipt));
    }

    @PostMapping("/{batchId}/confirm")
    @PreAuthorize("hasRole('AGENT')")
    @Operation(summary = "Another agent than the batch's countersigns it: its entries (spoiled included) match the declared count")
    public ConfirmedPaperBatch confirmBatch(@PathVariable int year, @PathVariable String batchId, Authentication auth) {
        var accepted = acts.confirm(Caller.from(auth), BudgetPaths.year(year), batchId);
        return new ConfirmedPaperBatch(batchId, PaperBatchStatus.CONFIRMED.name(), accepted.result(),
                ReceiptJson.of(accepted.receipt()));
    }

    @PostMapping("/{batchId}/abandon")
    @PreAuthorize("hasAnyRole('AGENT', 'ADMIN')")
    @Operation(summary = "Abandon an open batch, saying why: none of its ballots count, and their numbers are free again")
    public PaperBatchState abandonBatch(@PathVariable int year, @PathVariable String batchId,
                                        @Valid @RequestBody BudgetRequests.Abandon body, Authentication auth) {
        var receipt = acts.abandon(Caller.from(auth), BudgetPaths.year(year), batchId, body.reason());
        return new PaperBatchState(batchId, PaperBatchStatus.ABANDONED.name(), ReceiptJson.of(receipt));
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('AUDITOR', 'ADMIN')")
    @Operation(summary = "The campaign's paper batches by batch id, paged (?limit=, at most 200, &after=): urn, the staff "
            + "references of its agents, declared and entered counts, status")
    public PaperBatchPage paperBatches(@PathVariable int year, @RequestParam(required = false) Integer limit,
                                       @RequestParam(required = false) String after) {
        var page = reads.paperBatches(BudgetPaths.year(year), limit, after);
        return new PaperBatchPage(year, page.items(), page.next());
    }
}
