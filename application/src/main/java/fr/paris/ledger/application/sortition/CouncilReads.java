package fr.paris.ledger.application.sortition;

import fr.paris.ledger.projections.sortition.CouncilQueries;
import fr.paris.ledger.projections.sortition.CouncilQueries.CouncilView;
import fr.paris.ledger.projections.sortition.CouncilQueries.DrawView;
import fr.paris.ledger.projections.sortition.CouncilQueries.MembersView;
import fr.paris.ledger.projections.sortition.CouncilQueries.PoolView;
import fr.paris.ledger.shared.RuleViolation;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** The public reads of councils: the councils, a call's frozen pool and draw, the members; 404 {@code sortition.not-found} for what does not exist. */
@Service
public class CouncilReads {
    private final CouncilQueries councils;

    public CouncilReads(CouncilQueries councils) {
        this.councils = councils;
    }

    /** Every council, in the order defined. */
    public List<CouncilView> councils() {
        return councils.councilIds().stream().map(councils::council).flatMap(Optional::stream).toList();
    }

    public CouncilView council(String councilId) {
        return councils.council(councilId).orElseThrow(() -> CouncilActs.notFound("No council " + councilId + "."));
    }

    /** A call's frozen pool; {@code sortition.pool-not-frozen} while the call is open. */
    public PoolView pool(String councilId, String callId) {
        requireCall(councilId, callId);
        return councils.pool(councilId, callId).orElseThrow(() -> RuleViolation.refused("sortition.pool-not-frozen",
                "This call is still open: its pool is not frozen yet."));
    }

    /** A call's draw, with everything needed to recompute it; {@code sortition.not-drawn} before. */
    public DrawView draw(String councilId, String callId) {
        requireCall(councilId, callId);
        return councils.draw(councilId, callId).orElseThrow(() -> RuleViolation.notFound("sortition.not-drawn",
                "This call has not been drawn yet."));
    }

    public MembersView members(String councilId) {
        if (!councils.exists(councilId)) {
            throw CouncilActs.notFound("No council " + councilId + ".");
        }
        return councils.members(councilId);
    }

    private void requireCall(String councilId, String callId) {
        if (councils.stage(councilId, callId).isEmpty()) {
            throw CouncilActs.notFound("No call " + callId + " of council " + councilId + ".");
        }
    }
}
