-- Privacy by design (docs/privacy.md). Events of format revision 1 held identities: a database that
-- still holds them is refused at start-up (LegacyEventFormatCheck), so the read models are rebuilt
-- empty for the new format (in the projections module: V10_1__privacy_by_design_read_models.sql).

-- One row per subject: the keyed hash (HMAC with the lookup key) of the identity provider's sub,
-- never the sub; the subject's random 256-bit key wrapped (AES-256-GCM) under the master key.
CREATE TABLE subject_key (
    lookup      BYTEA       PRIMARY KEY,
    wrapped_key BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    erasing_since TIMESTAMPTZ
);

-- The keyed hashes of erased subjects and when: applied again at start-up, so that a restored
-- backup cannot bring a destroyed key back. Nothing else about the person.
CREATE TABLE erasure_journal (
    lookup    BYTEA       NOT NULL,
    erased_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (lookup, erased_at)
);

-- A check value sealed with the master key and the lookup key's hash of a constant: a service
-- started with other keys than the ones the database was created with refuses to start rather than
-- mint new keys for known subjects.
CREATE TABLE privacy_key_check (
    id          SMALLINT PRIMARY KEY CHECK (id = 1),
    lookup_hash BYTEA    NOT NULL,
    sealed      BYTEA    NOT NULL
);

-- Staff references (s-...) and the staff member each names: accountable acts, readable by AUDITOR
-- and ADMIN only, never shredded.
CREATE TABLE staff_member (
    reference  VARCHAR(40)  PRIMARY KEY,
    subject    VARCHAR(255) NOT NULL,
    first_seen TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Card numbers are derived from the holder's subject key and never written to the log; an agent
-- finds a card by the keyed hash of its number.
CREATE TABLE card_number_index (
    number_hash BYTEA       PRIMARY KEY,
    holder      VARCHAR(40) NOT NULL,
    card_id     VARCHAR(64) NOT NULL
);
CREATE INDEX card_number_index_holder ON card_number_index (holder);

-- Which subject key opens a sealed text (a comment): deleted with the key on erasure.
CREATE TABLE sealed_text_owner (
    text_id VARCHAR(64) PRIMARY KEY,
    lookup  BYTEA       NOT NULL
);
CREATE INDEX sealed_text_owner_lookup ON sealed_text_owner (lookup);

-- Idempotency records are keyed by the lookup hash of the sub (hex), never the plain sub.
DELETE FROM idempotency_key;
