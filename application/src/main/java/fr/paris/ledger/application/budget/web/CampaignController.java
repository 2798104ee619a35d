package fr.paris.ledger.application.budget.web;

import com.fasterxml.jackson.databind.JsonNode;
import fr.paris.ledger.application.api.ReceiptJson;
import fr.paris.ledger.application.budget.BudgetPaths;
import fr.paris.ledger.application.budget.BudgetReads;
import fr.paris.ledger.application.budget.CampaignActs;
import fr.paris.ledger.application.budget.web.BudgetAnswers.CampaignPhase;
import fr.paris.ledger.budget.Phase;
import fr.paris.ledger.infra.security.Caller;
import fr.paris.ledger.projections.budget.BudgetQueries.BallotOptions;
import fr.paris.ledger.projections.budget.BudgetQueries.CampaignView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Budget Participatif: a year's campaign, its phases, its ballot and its results. */
@RestController
@RequestMapping("/api/v1/budget")
@Tag(name = "Participatory budget", description = "Budget Participatif")
public class CampaignController {
    private final CampaignActs acts;
    private final BudgetReads reads;

    public CampaignController(CampaignActs acts, BudgetReads reads) {
        this.acts = acts;
        this.reads = reads;
    }

    @PostMapping("/campaigns")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Open a year's campaign with its envelopes, ballot limits and ballot method, APPROVAL or MAJORITY_JUDGMENT (phase PROPOSALS)")
    public ResponseEntity<CampaignPhase> createCampaign(@RequestBody BudgetRequests.Campaign body, Authentication auth) {
        var receipt = acts.create(Caller.from(auth), body.settings());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new CampaignPhase(body.year(), Phase.PROPOSALS.name(), ReceiptJson.of(receipt)));
    }

    @GetMapping("/campaigns")
    @Operation(summary = "Every campaign, the latest year first, each as GET /campaigns/{year} reads it (public)")
    public List<CampaignView> campaigns() {
        return reads.campaigns();
    }

    @GetMapping("/campaigns/{year}")
    @Operation(summary = "A campaign: phase, rules and participation so far (public)")
    public CampaignView campaign(@PathVariable int year) {
        return reads.campaign(BudgetPaths.year(year));
    }

    @PostMapping("/campaigns/{year}/phase")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Move to the next phase; entering RESULTS closes the vote, and the results, tallied from the events "
            + "a grace period later, follow at GET /campaigns/{year}/results")
    public CampaignPhase advance(@PathVariable int year, @Valid @RequestBody BudgetRequests.PhaseChange body, Authentication auth) {
        Phase to = Phase.valueOf(body.phase());
        return new CampaignPhase(year, to.name(), ReceiptJson.of(acts.advance(Caller.from(auth), BudgetPaths.year(year), to)));
    }

    @GetMapping("/campaigns/{year}/ballot-options")
    @Operation(summary = "The projects on the ballot, Paris-wide and per arrondissement (public)")
    public BallotOptions ballotOptions(@PathVariable int year) {
        return reads.ballotOptions(BudgetPaths.year(year));
    }

    @GetMapping("/campaigns/{year}/results")
    @Operation(summary = "The results, once the campaign is in RESULTS and they are recorded (public)")
    public JsonNode results(@PathVariable int year) {
        return reads.results(BudgetPaths.year(year));
    }
}
