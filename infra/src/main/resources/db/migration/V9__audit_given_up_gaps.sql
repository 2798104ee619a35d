-- Global indexes the sealer gave up waiting for (no committed event there within the gap timeout).
-- An event that later shows up at one of these indexes is never appended to the tree: it is a
-- stray (a commit far too late, or a row inserted into sealed history), reported by the sealer's
-- health and metrics and listed at the end of the export, where the verifier fails on it.
CREATE TABLE audit_gap (
    global_index BIGINT      PRIMARY KEY,
    given_up_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TRIGGER audit_gap_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_gap
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_event_change();
CREATE TRIGGER audit_gap_no_truncate
    BEFORE TRUNCATE ON audit_gap
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_event_change();

-- A ledger sealed before this migration: every global index at or below the watermark without a
-- leaf was given up on (by the look-back rule of V8); recording them makes any event stored there
-- show as a stray from now on.
INSERT INTO audit_gap (global_index)
SELECT g FROM generate_series(1, (SELECT watermark FROM audit_state WHERE id = 1)) g
WHERE NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.global_index = g);
