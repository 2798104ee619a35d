-- Paris Pétition: the read models (the event table's prefix index is V5, in infra).

-- Read model of processing group "petitions": the petitions, their timeline and comments.
CREATE TABLE petition (
    petition_id       VARCHAR(16)  PRIMARY KEY,
    author            VARCHAR(255) NOT NULL,
    title             TEXT         NOT NULL,
    text              TEXT         NOT NULL,
    category          VARCHAR(100),
    arrondissement    SMALLINT,
    status            VARCHAR(24)  NOT NULL,
    filed_at          TIMESTAMPTZ  NOT NULL,
    opens_at          TIMESTAMPTZ,
    closes_at         TIMESTAMPTZ,
    ended_at          TIMESTAMPTZ,
    moderation_reason TEXT,
    withdrawal_reason TEXT,
    council_session   DATE,
    decision_reason   TEXT,
    decided_at        TIMESTAMPTZ
);

CREATE INDEX petition_by_status ON petition (status, filed_at DESC);

CREATE TABLE petition_history (
    petition_id VARCHAR(16) NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    type        VARCHAR(40) NOT NULL,
    PRIMARY KEY (petition_id, at, type)
);

CREATE TABLE petition_comment (
    comment_id   VARCHAR(64)  PRIMARY KEY,
    petition_id  VARCHAR(16)  NOT NULL,
    author       VARCHAR(255) NOT NULL,
    text         TEXT         NOT NULL,
    commented_at TIMESTAMPTZ  NOT NULL
);

CREATE INDEX petition_comment_by_petition ON petition_comment (petition_id, commented_at);

-- Read model of processing group "petition-signatures": one row per signer and the live tallies.
CREATE TABLE petition_signature (
    petition_id    VARCHAR(16)  NOT NULL,
    participant_id VARCHAR(255) NOT NULL,
    arrondissement SMALLINT     NOT NULL,
    signed_at      TIMESTAMPTZ  NOT NULL,
    withdrawn_at   TIMESTAMPTZ,
    PRIMARY KEY (petition_id, participant_id)
);

CREATE INDEX petition_signature_standing ON petition_signature (petition_id, signed_at) WHERE withdrawn_at IS NULL;

CREATE TABLE petition_tally (
    petition_id    VARCHAR(16) NOT NULL,
    arrondissement SMALLINT    NOT NULL,
    valid          BIGINT      NOT NULL,
    PRIMARY KEY (petition_id, arrondissement)
);
