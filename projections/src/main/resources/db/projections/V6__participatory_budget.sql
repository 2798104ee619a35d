-- Budget Participatif: read models of processing group "budget".

CREATE TABLE budget_campaign (
    year                           INTEGER     PRIMARY KEY,
    phase                          VARCHAR(16) NOT NULL,
    paris_envelope_cents           BIGINT      NOT NULL,
    arrondissement_envelopes_cents TEXT        NOT NULL,
    max_paris_wide_choices         INTEGER     NOT NULL,
    max_arrondissement_choices     INTEGER     NOT NULL,
    created_at                     TIMESTAMPTZ NOT NULL,
    results                        TEXT,
    results_at                     TIMESTAMPTZ
);

CREATE TABLE budget_project (
    project_id           VARCHAR(20) PRIMARY KEY,
    year                 INTEGER     NOT NULL,
    scope                VARCHAR(8)  NOT NULL,
    title                TEXT        NOT NULL,
    description          TEXT        NOT NULL,
    category             VARCHAR(100),
    estimated_cost_cents BIGINT      NOT NULL,
    cost_cents           BIGINT      NOT NULL,
    submitted_at         TIMESTAMPTZ NOT NULL,
    verdict              VARCHAR(16),
    verdict_reason       TEXT,
    merged_into          VARCHAR(20),
    studied_at           TIMESTAMPTZ,
    votes                BIGINT,
    rank                 INTEGER,
    winner               BOOLEAN
);

CREATE INDEX budget_project_by_campaign ON budget_project (year, scope, submitted_at);

CREATE TABLE budget_realization (
    project_id  VARCHAR(20) NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    status      VARCHAR(16) NOT NULL,
    note        TEXT,
    PRIMARY KEY (project_id, recorded_at, status)
);

-- who has voted, by channel: the live participation count (not the tally, which reads the events)
CREATE TABLE budget_voter (
    year     INTEGER      NOT NULL,
    voter_id VARCHAR(255) NOT NULL,
    channel  VARCHAR(8)   NOT NULL,
    PRIMARY KEY (year, voter_id, channel)
);
