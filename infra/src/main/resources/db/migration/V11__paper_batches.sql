-- Paper ballots in countersigned batches (ADR 014).

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

-- Read models of processing group "budget": the batches (for auditors) and their entries (the
-- paper participation count). A row may be started by an entry or a closing before its opening.
CREATE TABLE budget_paper_batch (
    year           INTEGER     NOT NULL,
    batch_id       VARCHAR(64) NOT NULL,
    urn            VARCHAR(64),
    declared_count INTEGER,
    opened_by      VARCHAR(64),
    opened_at      TIMESTAMPTZ,
    status         VARCHAR(16) NOT NULL DEFAULT 'OPEN',
    closed_by      VARCHAR(64),
    closed_at      TIMESTAMPTZ,
    reason         TEXT,
    PRIMARY KEY (year, batch_id)
);

CREATE TABLE budget_paper_entry (
    year          INTEGER      NOT NULL,
    batch_id      VARCHAR(64)  NOT NULL,
    ballot_number VARCHAR(64)  NOT NULL,
    -- the voter's budget:<year> reference; null for a spoiled paper
    voter_id      VARCHAR(255),
    voided        BOOLEAN      NOT NULL DEFAULT FALSE,
    set_aside     BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (year, batch_id, ballot_number)
);
