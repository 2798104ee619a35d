package fr.paris.ledger.application.budget.web;

import fr.paris.ledger.application.api.ReceiptJson;
import fr.paris.ledger.application.budget.BallotActs;
import fr.paris.ledger.application.budget.BudgetPaths;
import fr.paris.ledger.application.budget.BudgetReads;
import fr.paris.ledger.application.budget.web.BudgetAnswers.BallotReceipt;
import fr.paris.ledger.application.budget.web.BudgetAnswers.MyBallot;
import fr.paris.ledger.budget.ProjectId;
import fr.paris.ledger.infra.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A resident's online ballot: cast or replaced, and read back at once from its aggregate in the
 * event log (read your own writes, api.md), with the receipt that finds it in the public log.
 */
@RestController
@RequestMapping("/api/v1/budget")
@Tag(name = "Participatory budget", description = "Budget Participatif")
public class BallotController {
    private final BallotActs acts;
    private final BudgetReads reads;

    public BallotController(BallotActs acts, BudgetReads reads) {
        this.acts = acts;
        this.reads = reads;
    }

    @PutMapping("/campaigns/{year}/ballots/me")
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "Cast or replace one's online ballot while voting is open (choices, or grades 0..3 by majority judgment); the last one counts")
    public BallotReceipt vote(@PathVariable int year, @RequestBody BudgetRequests.Ballot body, Authentication auth) {
        return new BallotReceipt(ReceiptJson.of(acts.vote(Caller.from(auth), BudgetPaths.year(year), body.content())));
    }

    @GetMapping("/campaigns/{year}/ballots/me")
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "The caller's current online ballot and its receipt (404 budget.no-ballot if none)")
    public MyBallot mine(@PathVariable int year, Authentication auth) {
        var own = reads.myBallot(Caller.from(auth), BudgetPaths.ballotYear(year));
        var b = own.ballot();
        return new MyBallot(year, ids(b.parisWide()), b.arrondissement(), ids(b.arrondissementProjects()), b.grades(), b.castAt(),
                ReceiptJson.of(own.receipt()));
    }

    private static List<String> ids(List<ProjectId> projects) {
        return projects.stream().map(ProjectId::value).toList();
    }
}
