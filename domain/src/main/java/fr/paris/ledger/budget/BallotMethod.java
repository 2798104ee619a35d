package fr.paris.ledger.budget;

/**
 * How a campaign's ballots are cast and tallied, fixed at its creation.
 *
 * <ul>
 * <li>{@link #APPROVAL}: a ballot chooses up to so many projects per scope; projects are ranked by
 * the number of ballots that chose them ({@link BudgetTally}).</li>
 * <li>{@link #MAJORITY_JUDGMENT}: a ballot grades projects 0 to 3; projects are ranked by their
 * majority grade and the tie-break of {@link MajorityJudgmentTally} (as Paris votes since 2021).</li>
 * </ul>
 */
public enum BallotMethod {
    APPROVAL,
    MAJORITY_JUDGMENT
}
