-- Privacy by design (docs/privacy.md): the read models for the new event format (the keys, journals
-- and indexes are V10, in infra). Events of format revision 1 held identities: a database that still
-- holds them is refused at start-up (LegacyEventFormatCheck), so these are rebuilt empty.

-- Read models for the new format: no postal code, birth year or card number.
DROP TABLE citizen_card;
CREATE TABLE citizen_card (
    card_id         VARCHAR(64)  PRIMARY KEY,
    participant_id  VARCHAR(40)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    arrondissement  SMALLINT     NOT NULL,
    age_band        VARCHAR(8)   NOT NULL,
    channel         VARCHAR(16)  NOT NULL,
    issued_at       TIMESTAMPTZ  NOT NULL,
    cancelled_at    TIMESTAMPTZ,
    cancellation    VARCHAR(32)
);
CREATE INDEX citizen_card_participant ON citizen_card (participant_id, issued_at DESC);
CREATE INDEX citizen_card_active ON citizen_card (arrondissement) WHERE status = 'ACTIVE';

ALTER TABLE petition_comment RENAME COLUMN text TO sealed_text;
