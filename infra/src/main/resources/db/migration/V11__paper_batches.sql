-- Paper ballots in countersigned batches (ADR 014): the write side's ballot numbers. The read models
-- of the batches are in the projections module (V11_1__paper_batch_read_models.sql).

-- The ballot numbers held by live paper entries (entered, not voided, in a batch not abandoned),
-- written in the transaction of the act that enters, voids or abandons (JdbcPaperBallotNumbers):
-- a number is held once across a campaign's batches. Not a read model: a projection replay leaves it.
CREATE TABLE budget_paper_number (
    year          INTEGER     NOT NULL,
    ballot_number VARCHAR(64) NOT NULL,
    batch_id      VARCHAR(64) NOT NULL,
    PRIMARY KEY (year, ballot_number)
);

CREATE INDEX budget_paper_number_by_batch ON budget_paper_number (year, batch_id);
