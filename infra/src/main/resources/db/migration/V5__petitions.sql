-- Paris Pétition: the prefix index of the event table. The read models of processing groups
-- "petitions" and "petition-signatures" are in the projections module (V5_1__petition_read_models.sql).

-- Auditors' reads of one petition's signatures select aggregate identifiers by prefix
-- ('signature:<petition>:'), which the unique index on (aggregate_identifier, sequence_number)
-- cannot serve under a non-C collation.
CREATE INDEX domain_event_entry_aggregate_prefix
    ON domain_event_entry (aggregate_identifier text_pattern_ops, sequence_number);
