package fr.paris.ledger.budget;

/**
 * What a tally is fed, whatever the campaign's {@link BallotMethod}: every paper ballot of the confirmed batches
 * first, in the order entered (never a voided, spoiled or set-aside one), then each voter's last online ballot cast
 * no later than the close ({@link BudgetTally#lastInTime}), in any order. {@link BudgetTally} (approval) and
 * {@link MajorityJudgmentTally} count them; the one ballot per voter rule is theirs: the voter's online ballot
 * stands, else their first paper ballot.
 */
public interface BallotCounter {
    void paper(PaperBallotEntered ballot);

    void online(BallotCast ballot);
}
