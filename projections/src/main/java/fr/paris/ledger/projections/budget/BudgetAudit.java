package fr.paris.ledger.projections.budget;

import fr.paris.ledger.budget.BallotCast;
import fr.paris.ledger.budget.BallotId;
import fr.paris.ledger.budget.BudgetDirectory;
import fr.paris.ledger.budget.BudgetResults;
import fr.paris.ledger.budget.BudgetTally;
import fr.paris.ledger.budget.CampaignFacts;
import fr.paris.ledger.budget.PaperBallotEntered;
import fr.paris.ledger.budget.PaperBallotId;
import fr.paris.ledger.projections.events.EventScanner;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Tallies a campaign from its events, the way an auditor would: the campaign's rules and closing
 * time, its projects, every paper ballot in the order entered, then each voter's online ballots,
 * streamed voter by voter.
 */
@Component
public class BudgetAudit {
    private final BudgetDirectory budget;
    private final EventScanner scanner;

    public BudgetAudit(BudgetDirectory budget, EventScanner scanner) {
        this.budget = budget;
        this.scanner = scanner;
    }

    public BudgetResults tally(CampaignFacts campaign) {
        int year = campaign.year();
        BudgetTally tally = new BudgetTally(year, campaign.rules(), campaign.votingClosedAt(), budget.projects(year));
        // a paper ballot set aside (its voter's erasure) is not counted: gathered first, in entry order
        java.util.Map<String, PaperBallotEntered> paper = new java.util.LinkedHashMap<>();
        scanner.scan(PaperBallotId.prefixOf(year), EventScanner.Order.BY_GLOBAL_INDEX, e -> {
            if (e.payload() instanceof PaperBallotEntered entered) {
                paper.put(entered.ballotNumber(), entered);
            } else if (e.payload() instanceof fr.paris.ledger.budget.PaperBallotSetAside aside) {
                paper.remove(aside.ballotNumber());
            }
        });
        paper.values().forEach(tally::paper);
        VoterBallots voter = new VoterBallots(tally, campaign);
        scanner.scan(BallotId.prefixOf(year), EventScanner.Order.BY_AGGREGATE, voter::accept);
        voter.flush();
        return tally.finish();
    }

    /** Gathers one voter's ballots (they arrive together) and hands the one that counts to the tally. */
    private static final class VoterBallots {
        private final BudgetTally tally;
        private final CampaignFacts campaign;
        private final List<BallotCast> ballots = new ArrayList<>();
        private String voter;

        VoterBallots(BudgetTally tally, CampaignFacts campaign) {
            this.tally = tally;
            this.campaign = campaign;
        }

        void accept(EventScanner.ScannedEvent e) {
            if (!e.aggregateId().equals(voter)) {
                flush();
                voter = e.aggregateId();
            }
            if (e.payload() instanceof BallotCast b) {
                ballots.add(b);
            } else if (e.payload() instanceof fr.paris.ledger.budget.BallotWithdrawn) {
                ballots.clear(); // withdrawn while voting was open: only a later ballot would count
            }
        }

        void flush() {
            BallotCast counted = BudgetTally.lastInTime(ballots, campaign.votingClosedAt());
            if (counted != null) {
                tally.online(counted);
            }
            ballots.clear();
        }
    }
}
