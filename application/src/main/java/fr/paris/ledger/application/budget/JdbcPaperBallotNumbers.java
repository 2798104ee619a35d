package fr.paris.ledger.application.budget;

import fr.paris.ledger.budget.BallotNumber;
import fr.paris.ledger.budget.CampaignYear;
import fr.paris.ledger.budget.PaperBallotNumbers;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The ballot numbers held by live paper entries, in {@code budget_paper_number} (primary key year and
 * number), written in the transaction of the command that enters, voids or abandons: the event and
 * the number commit or roll back together. Two entries of one number in two batches at once: the
 * second insert waits for the first transaction, then finds the number taken (or free, if the first
 * rolled back). Not a read model: a projection replay leaves it alone; it can be rebuilt from the
 * events (the numbers of entries not voided in batches not abandoned).
 */
@Component
public class JdbcPaperBallotNumbers implements PaperBallotNumbers {
    private final JdbcTemplate jdbc;

    public JdbcPaperBallotNumbers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean take(CampaignYear year, BallotNumber ballotNumber, String batchId) {
        inTheActsTransaction();
        return jdbc.update("INSERT INTO budget_paper_number (year, ballot_number, batch_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                year.value(), ballotNumber.value(), batchId) == 1;
    }

    @Override
    public void release(CampaignYear year, BallotNumber ballotNumber) {
        inTheActsTransaction();
        jdbc.update("DELETE FROM budget_paper_number WHERE year = ? AND ballot_number = ?", year.value(), ballotNumber.value());
    }

    @Override
    public void releaseBatch(CampaignYear year, String batchId) {
        inTheActsTransaction();
        jdbc.update("DELETE FROM budget_paper_number WHERE year = ? AND batch_id = ?", year.value(), batchId);
    }

    /** Outside the command's transaction a number could stay taken by an act that was refused: never. */
    private static void inTheActsTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("ballot numbers are taken and freed in the transaction of the act");
        }
    }
}
