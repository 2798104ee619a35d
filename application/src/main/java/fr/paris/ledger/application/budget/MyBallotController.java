package fr.paris.ledger.application.budget;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.paris.ledger.application.api.ReceiptJson;
import fr.paris.ledger.budget.BallotCast;
import fr.paris.ledger.budget.BallotId;
import fr.paris.ledger.budget.BallotWithdrawn;
import fr.paris.ledger.budget.ProjectId;
import fr.paris.ledger.infra.axon.Receipt;
import fr.paris.ledger.infra.privacy.Participants;
import fr.paris.ledger.infra.privacy.ReferenceScope;
import fr.paris.ledger.infra.security.Caller;
import fr.paris.ledger.infra.events.EventScanner;
import fr.paris.ledger.shared.RuleViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own online ballot, read from its aggregate in the event log: right after a vote it
 * shows that vote (read your own writes, api.md), with the receipt that finds it in the public log.
 */
@RestController
@Tag(name = "Participatory budget", description = "Budget Participatif")
public class MyBallotController {
    private final Participants participants;
    private final EventScanner events;

    public MyBallotController(Participants participants, EventScanner events) {
        this.participants = participants;
        this.events = events;
    }

    /** The caller's standing ballot: its choices, or (majority judgment) its grades, project id to 0..3. */
    public record MyBallot(int year, List<String> parisWide, Integer arrondissement, List<String> arrondissementProjects,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Integer> grades, Instant castAt,
                           ReceiptJson receipt) {
    }

    @GetMapping("/api/v1/budget/campaigns/{year}/ballots/me")
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "The caller's current online ballot and its receipt (404 budget.no-ballot if none)")
    public MyBallot mine(@PathVariable int year, Authentication auth) {
        if (year < 2000 || year > 9999) {
            throw noBallot();
        }
        var voter = participants.existingReference(Caller.from(auth).subject(), ReferenceScope.budget(year))
                .orElseThrow(MyBallotController::noBallot);
        MyBallot standing = null;
        for (EventScanner.ScannedEvent e : events.aggregate(new BallotId(year, voter).toString())) {
            if (e.payload() instanceof BallotCast b) {
                standing = new MyBallot(year, ids(b.parisWide()), b.arrondissement(), ids(b.arrondissementProjects()),
                        b.grades(), b.castAt(), ReceiptJson.of(new Receipt(e.eventId(), e.globalIndex())));
            } else if (e.payload() instanceof BallotWithdrawn) {
                standing = null;
            }
        }
        if (standing == null) {
            throw noBallot();
        }
        return standing;
    }

    private static List<String> ids(List<ProjectId> projects) {
        return projects.stream().map(ProjectId::value).toList();
    }

    private static RuleViolation noBallot() {
        return RuleViolation.notFound("budget.no-ballot", "You have no ballot in this campaign.");
    }
}
