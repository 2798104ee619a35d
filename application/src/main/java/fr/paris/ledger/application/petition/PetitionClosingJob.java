package fr.paris.ledger.application.petition;

import fr.paris.ledger.infra.axon.LedgerCommands;
import fr.paris.ledger.petition.ClosePetition;
import fr.paris.ledger.petition.PetitionId;
import fr.paris.ledger.projections.petition.PetitionQueries;
import fr.paris.ledger.shared.RuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Records the end of signing windows: every minute (by default) it closes the open petitions whose
 * 365 days are over. Signatures do not depend on it: they are refused from the end of the window
 * on, closing recorded or not. On several nodes, a petition closed twice is refused the second time.
 */
@Component
public class PetitionClosingJob {
    private static final Logger log = LoggerFactory.getLogger(PetitionClosingJob.class);

    private final PetitionQueries petitions;
    private final LedgerCommands commands;

    public PetitionClosingJob(PetitionQueries petitions, LedgerCommands commands) {
        this.petitions = petitions;
        this.commands = commands;
    }

    /** Closes the petitions due now; returns how many it closed. */
    @Scheduled(fixedDelayString = "${ledger.petitions.closing-every:PT1M}", initialDelayString = "PT10S")
    public int closeDuePetitions() {
        int closed = 0;
        for (String id : petitions.dueForClosing(100)) {
            try {
                commands.send(new ClosePetition(new PetitionId(id)));
                closed++;
            } catch (RuleViolation alreadyDone) {
                log.debug("Petition {} not closed: {}", id, alreadyDone.getMessage());
            } catch (RuntimeException failure) {
                // one petition that cannot be closed now must not keep the others open: retried next run
                log.warn("Could not record the closing of petition {}", id, failure);
            }
        }
        if (closed > 0) {
            log.info("Recorded the end of the signing window of {} petitions", closed);
        }
        return closed;
    }
}
