-- The ledger's events are facts: once written they are never changed or removed.
-- These triggers make any UPDATE, DELETE or TRUNCATE of the event table fail, whoever runs it
-- (short of a superuser disabling the trigger, which the audit seal of a later migration detects).

CREATE FUNCTION ledger_refuse_event_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'the event log is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER domain_event_entry_no_update_or_delete
    BEFORE UPDATE OR DELETE ON domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_event_change();

CREATE TRIGGER domain_event_entry_no_truncate
    BEFORE TRUNCATE ON domain_event_entry
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_event_change();

-- Axon stores payloads as bytea; this view shows every event as readable JSON.
CREATE VIEW event_log AS
SELECT global_index,
       event_identifier,
       aggregate_identifier,
       sequence_number,
       type                                   AS aggregate_type,
       time_stamp,
       payload_type,
       payload_revision,
       convert_from(payload, 'UTF8')::jsonb   AS payload,
       convert_from(meta_data, 'UTF8')::jsonb AS metadata
FROM domain_event_entry;
