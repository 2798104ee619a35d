-- Card benefits (issue 16): events and workshops with seats reserved for card holders. The events
-- themselves are in domain_event_entry (aggregate card-event:<id>); this is the service-side index,
-- the read models are in the projections module (V21_1__card_benefit_read_models.sql). V21 rather
-- than the next number: other branches add migrations in between.

-- Which events a holder (card reference) asked a place at, written by the service before the
-- reservation is sent (as card_number_index is before a card is issued): how an erasure and the
-- process that follows card cancellations find a holder's reservations without scanning the log.
-- It links nothing the public log does not (a reservation event names the same reference and event);
-- an erasure deletes the holder's rows.
CREATE TABLE card_reservation_index (
    holder   VARCHAR(40) NOT NULL,
    event_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (holder, event_id)
);
