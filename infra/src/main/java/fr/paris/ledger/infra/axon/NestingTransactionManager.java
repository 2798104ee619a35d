package fr.paris.ledger.infra.axon;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Axon's Spring transaction manager with nested units of work: inside a transaction already open on
 * the thread (an idempotent request, ADR 004) a unit of work is a savepoint, released when it
 * commits and rolled back to when it fails, so that a refused or conflicting command leaves the
 * request's transaction usable. Axon's own class only completes transactions it began, which would
 * leave a failed nested unit of work's statements in the request's transaction.
 *
 * <p>Inside an act of a {@link GroupCommit} group, a unit of work joins the group's transaction
 * with no savepoint of its own: the act's savepoint stands for it, and a conflict or refusal rolls
 * the whole act back to it.
 */
public class NestingTransactionManager extends SpringTransactionManager {
    private final PlatformTransactionManager transactions;

    public NestingTransactionManager(PlatformTransactionManager transactions) {
        super(transactions, new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED));
        this.transactions = transactions;
    }

    private static final Transaction JOINS_THE_GROUP = new Transaction() {
        @Override
        public void commit() {
        }

        @Override
        public void rollback() {
        }
    };

    @Override
    public Transaction startTransaction() {
        return GroupCommit.current() != null ? JOINS_THE_GROUP : super.startTransaction();
    }

    @Override
    protected void commitTransaction(TransactionStatus status) {
        if (!status.isCompleted()) {
            transactions.commit(status); // a savepoint: released; a new transaction: committed
        }
    }

    @Override
    protected void rollbackTransaction(TransactionStatus status) {
        if (!status.isCompleted()) {
            transactions.rollback(status); // a savepoint: rolled back to; a new transaction: rolled back
        }
    }
}
