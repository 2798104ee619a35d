-- Read model of the citizen cards (processing group "citizen-cards").
CREATE TABLE citizen_card (
    card_number     VARCHAR(20)  PRIMARY KEY,
    participant_id  VARCHAR(255) NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    postal_code     VARCHAR(5)   NOT NULL,
    arrondissement  SMALLINT     NOT NULL,
    birth_year      SMALLINT     NOT NULL,
    channel         VARCHAR(16)  NOT NULL,
    issued_at       TIMESTAMPTZ  NOT NULL,
    cancelled_at    TIMESTAMPTZ,
    cancellation    VARCHAR(32)
);

CREATE INDEX citizen_card_participant ON citizen_card (participant_id, issued_at DESC);
CREATE INDEX citizen_card_active ON citizen_card (arrondissement) WHERE status = 'ACTIVE';
