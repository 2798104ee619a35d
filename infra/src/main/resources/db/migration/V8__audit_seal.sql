-- Audit sealing: the events in an append-only RFC 9162 Merkle tree, and its signed checkpoints.

-- one leaf per sealed event, in sealing order (leaf_index 0, 1, 2, ... without gaps)
CREATE TABLE audit_leaf (
    leaf_index   BIGINT      PRIMARY KEY,
    global_index BIGINT      NOT NULL UNIQUE,
    event_id     VARCHAR(255) NOT NULL UNIQUE,
    leaf_hash    BYTEA       NOT NULL,
    sealed_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- the hash of every complete subtree: level L, index i covers leaves [i * 2^L, (i + 1) * 2^L);
-- level 0 holds the leaf hashes. Proofs read O(log n) of these rows, never rehash leaves.
CREATE TABLE audit_node (
    level      SMALLINT NOT NULL,
    node_index BIGINT   NOT NULL,
    hash       BYTEA    NOT NULL,
    PRIMARY KEY (level, node_index)
);

CREATE TABLE audit_checkpoint (
    tree_size  BIGINT      PRIMARY KEY,
    root_hash  BYTEA       NOT NULL,
    note       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- the sealer's position: every global index at or below the watermark is sealed or a gap given up on
CREATE TABLE audit_state (
    id        SMALLINT PRIMARY KEY CHECK (id = 1),
    watermark BIGINT   NOT NULL,
    tree_size BIGINT   NOT NULL
);
INSERT INTO audit_state (id, watermark, tree_size) VALUES (1, 0, 0);

-- the tree is append-only too (audit_state, the sealer's position, is the one table it updates)
CREATE TRIGGER audit_node_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_node
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_event_change();
CREATE TRIGGER audit_leaf_no_truncate
    BEFORE TRUNCATE ON audit_leaf
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_event_change();
CREATE TRIGGER audit_node_no_truncate
    BEFORE TRUNCATE ON audit_node
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_event_change();
CREATE TRIGGER audit_checkpoint_no_truncate
    BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_event_change();
CREATE TRIGGER audit_leaf_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_leaf
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_event_change();
CREATE TRIGGER audit_checkpoint_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_event_change();
