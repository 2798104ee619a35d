-- Card benefits (issue 16): the read models (the service-side index is V21, in infra).

-- Read model of processing group "card-benefits": one row per event or workshop, its counts kept
-- in step by the projection. last_sequence is the aggregate sequence number of the last event
-- applied: a handler applies an event once (a replayed or redelivered one changes nothing).
CREATE TABLE card_event (
    event_id      VARCHAR(64)  PRIMARY KEY,
    kind          VARCHAR(16)  NOT NULL,
    title         TEXT         NOT NULL,
    starts_at     TIMESTAMPTZ  NOT NULL,
    seats         INTEGER      NOT NULL,
    confirmed     INTEGER      NOT NULL DEFAULT 0,
    waitlisted    INTEGER      NOT NULL DEFAULT 0,
    cancelled     BOOLEAN      NOT NULL DEFAULT false,
    scheduled_at  TIMESTAMPTZ  NOT NULL,
    cancelled_at  TIMESTAMPTZ,
    last_sequence BIGINT       NOT NULL
);
CREATE INDEX card_event_listing ON card_event (starts_at, event_id);

-- Each holder's reservation of an event (by their card reference): CONFIRMED, WAITLISTED or
-- CANCELLED (cancellation says why: BY_HOLDER, CARD_CANCELLED, EVENT_CANCELLED). queue is the
-- sequence number of the event that put the holder on the waiting list: the position is the rank of
-- queue among the rows still waiting.
CREATE TABLE card_reservation (
    event_id       VARCHAR(64)  NOT NULL,
    participant_id VARCHAR(40)  NOT NULL,
    card_id        VARCHAR(64)  NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    queue          BIGINT,
    requested_at   TIMESTAMPTZ  NOT NULL,
    changed_at     TIMESTAMPTZ  NOT NULL,
    cancellation   VARCHAR(32),
    PRIMARY KEY (event_id, participant_id)
);
CREATE INDEX card_reservation_waiting ON card_reservation (event_id, queue) WHERE status = 'WAITLISTED';
