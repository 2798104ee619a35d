-- The roles the request that claimed a key ran with (sorted authorities, comma-separated): a retry
-- holding other roles is not replayed (issue 14; ADR 004). NULL for keys claimed before this column:
-- treated as other roles.
ALTER TABLE idempotency_key ADD COLUMN roles TEXT;
