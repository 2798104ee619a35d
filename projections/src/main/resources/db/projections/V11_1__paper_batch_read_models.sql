-- Paper ballots in countersigned batches (ADR 014): the read models (the ballot numbers are V11, in infra).

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
