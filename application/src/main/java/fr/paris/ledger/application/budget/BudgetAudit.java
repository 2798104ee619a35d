package fr.paris.ledger.application.budget;

import fr.paris.ledger.budget.BallotCast;
import fr.paris.ledger.budget.BallotCounter;
import fr.paris.ledger.budget.BallotId;
import fr.paris.ledger.budget.BudgetDirectory;
import fr.paris.ledger.budget.BudgetResults;
import fr.paris.ledger.budget.BudgetTally;
import fr.paris.ledger.budget.CampaignFacts;
import fr.paris.ledger.budget.CampaignYear;
import fr.paris.ledger.budget.MajorityJudgmentResults;
import fr.paris.ledger.budget.MajorityJudgmentTally;
import fr.paris.ledger.budget.PaperBallotEntered;
import fr.paris.ledger.budget.PaperBallotSetAside;
import fr.paris.ledger.budget.PaperBallotVoided;
import fr.paris.ledger.budget.PaperBatchConfirmed;
import fr.paris.ledger.budget.PaperBatchId;
import fr.paris.ledger.infra.events.EventScanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Tallies a campaign from its events, the way an auditor would: the campaign's rules and closing
 * time, its projects, the paper ballots of its confirmed batches in the order entered (never a
 * voided, spoiled or set-aside one, nor one of a batch abandoned or still open), then each voter's
 * online ballots, streamed voter by voter. The same feed goes to the tally of the campaign's ballot
 * method: {@link BudgetTally} (approval) or {@link MajorityJudgmentTally}; neither keeps an online
 * ballot beyond the current voter's.
 */
@Component
public class BudgetAudit {
    private final BudgetDirectory budget;
    private final EventScanner scanner;

    public BudgetAudit(BudgetDirectory budget, EventScanner scanner) {
        this.budget = budget;
        this.scanner = scanner;
    }

    /** The tally of an approval campaign. */
    public BudgetResults tally(CampaignFacts campaign) {
        CampaignYear year = campaign.year();
        BudgetTally tally = new BudgetTally(year, campaign.rules(), campaign.votingClosedAt(), budget.projects(year));
        feed(campaign, tally);
        return tally.finish();
    }

    /** The tally of a campaign voted by majority judgment. */
    public MajorityJudgmentResults majorityJudgment(CampaignFacts campaign) {
        CampaignYear year = campaign.year();
        MajorityJudgmentTally tally = new MajorityJudgmentTally(year, campaign.rules(), campaign.votingClosedAt(),
                budget.projects(year));
        feed(campaign, tally);
        return tally.finish();
    }

    private void feed(CampaignFacts campaign, BallotCounter tally) {
        CampaignYear year = campaign.year();
        confirmedPaper(year).forEach(tally::paper);
        VoterBallots voter = new VoterBallots(tally, campaign);
        scanner.scan(BallotId.prefixOf(year), EventScanner.Order.BY_AGGREGATE, voter::accept);
        voter.flush();
    }

    /**
     * The paper ballots that count, in entry order: of a confirmed batch, not voided (a number voided
     * and entered again counts at its new place), not set aside (the voter's erasure). Spoiled papers
     * are not PaperBallotEntered events; an abandoned batch is never confirmed.
     */
    private List<PaperBallotEntered> confirmedPaper(CampaignYear year) {
        Map<String, PaperBallotEntered> entries = new LinkedHashMap<>();
        Set<String> confirmed = new HashSet<>();
        scanner.scan(PaperBatchId.prefixOf(year), EventScanner.Order.BY_GLOBAL_INDEX, e -> {
            if (e.payload() instanceof PaperBallotEntered entered) {
                entries.put(entered.batchId() + " " + entered.ballotNumber(), entered);
            } else if (e.payload() instanceof PaperBallotVoided voided) {
                entries.remove(voided.batchId() + " " + voided.ballotNumber());
            } else if (e.payload() instanceof PaperBallotSetAside aside) {
                entries.remove(aside.batchId() + " " + aside.ballotNumber());
            } else if (e.payload() instanceof PaperBatchConfirmed c) {
                confirmed.add(c.batchId());
            }
        });
        return entries.values().stream().filter(p -> confirmed.contains(p.batchId())).toList();
    }

    /** Gathers one voter's ballots (they arrive together) and hands the one that counts to the tally. */
    private static final class VoterBallots {
        private final BallotCounter tally;
        private final CampaignFacts campaign;
        private final List<BallotCast> ballots = new ArrayList<>();
        private String voter;

        VoterBallots(BallotCounter tally, CampaignFacts campaign) {
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
