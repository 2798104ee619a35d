package fr.paris.ledger.application.budget;

import fr.paris.ledger.budget.BallotId;
import fr.paris.ledger.budget.CampaignYear;
import fr.paris.ledger.budget.CastBallot;
import fr.paris.ledger.infra.axon.LedgerCommands;
import fr.paris.ledger.infra.axon.Receipt;
import fr.paris.ledger.infra.privacy.Participants;
import fr.paris.ledger.infra.privacy.ReferenceScope;
import fr.paris.ledger.infra.security.Caller;
import org.springframework.stereotype.Component;

/** A resident's online ballot: cast, or replaced (the last one counts), while voting is open. */
@Component
public class BallotActs {
    private final LedgerCommands commands;
    private final EventStoreBudgetDirectory directory;
    private final Participants participants;

    public BallotActs(LedgerCommands commands, EventStoreBudgetDirectory directory, Participants participants) {
        this.commands = commands;
        this.directory = directory;
        this.participants = participants;
    }

    public Receipt vote(Caller caller, CampaignYear year, BallotChoices.Content content) {
        BallotChoices choices = BallotChoices.of(directory, year, content);
        return commands.act(() -> commands.send(new CastBallot(new BallotId(year,
                participants.reference(caller.subject(), ReferenceScope.budget(year))),
                caller.postalCode().orElse(null), choices.parisWide(), choices.arrondissement(), choices.arrondissementProjects(),
                choices.grades()))).receipt();
    }
}
