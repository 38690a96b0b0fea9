-- The tamper-evident log (issue 16; docs/architecture.md "Integrity"): per account, an RFC 9162 Merkle tree whose
-- leaves are the events in the change feed's order, its complete subtrees, and signed tree heads.

-- The sealer's place in the change feed ('' is the start); advanced in the transaction that writes the leaves.
CREATE TABLE seal_position (
    id            smallint    PRIMARY KEY CHECK (id = 1),
    position      text        NOT NULL DEFAULT '',
    events_sealed bigint      NOT NULL DEFAULT 0,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
INSERT INTO seal_position (id) VALUES (1);

-- Each account's tree: how many leaves it has.
CREATE TABLE seal_tree (
    account_id text COLLATE "C" PRIMARY KEY,
    tree_size  bigint      NOT NULL CHECK (tree_size >= 0),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- One leaf per event: its index in the account's tree and SHA-256(0x00 || canonical event). The unique event id
-- is the last guard against sealing an event twice.
CREATE TABLE seal_leaf (
    account_id text COLLATE "C" NOT NULL,
    leaf_index bigint NOT NULL CHECK (leaf_index >= 0),
    event_id   text COLLATE "C" NOT NULL,
    leaf_hash  bytea  NOT NULL CHECK (length(leaf_hash) = 32),
    PRIMARY KEY (account_id, leaf_index),
    UNIQUE (account_id, event_id)
);

-- The complete subtrees above the leaves: level L, index i covers leaves [i * 2^L, (i + 1) * 2^L). Written once,
-- when the leaf that completes them is sealed; any proof of any size reads O(log n) of them.
CREATE TABLE seal_node (
    account_id text COLLATE "C" NOT NULL,
    level      smallint NOT NULL CHECK (level BETWEEN 1 AND 62),
    node_index bigint   NOT NULL CHECK (node_index >= 0),
    hash       bytea    NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (account_id, level, node_index)
);

-- Signed tree heads, newest last; the same size may be signed again (at least hourly while nothing arrives).
CREATE TABLE seal_tree_head (
    head_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id text COLLATE "C" NOT NULL,
    tree_size  bigint      NOT NULL CHECK (tree_size >= 0),
    root_hash  bytea       NOT NULL CHECK (length(root_hash) = 32),
    issued_at  timestamptz NOT NULL,
    key_id     text        NOT NULL,
    signature  bytea       NOT NULL
);
CREATE INDEX seal_tree_head_account ON seal_tree_head (account_id, head_id);
CREATE INDEX seal_tree_head_size ON seal_tree_head (account_id, tree_size, head_id);
