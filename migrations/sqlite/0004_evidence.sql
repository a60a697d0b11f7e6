-- The evidence vault: each file stored once under its SHA-256 (evidence_blobs), linked to cases
-- as items with the s.63 capture details (evidence_items), and each item's hash-chained chain of
-- custody (evidence_custody). Items and custody entries are only ever inserted; the item row
-- keeps where its chain ends, so that entries removed from the end are noticed too.

CREATE TABLE evidence_blobs (
    sha256      TEXT PRIMARY KEY,
    size_bytes  INTEGER NOT NULL,
    mime        TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE evidence_items (
    id                 INTEGER PRIMARY KEY,
    case_id            INTEGER NOT NULL REFERENCES cases(id),
    sha256             TEXT NOT NULL REFERENCES evidence_blobs(sha256),
    original_name      TEXT NOT NULL,
    description        TEXT,
    capture_method     TEXT,
    device_type        TEXT,
    device_make_model  TEXT,
    device_id          TEXT,
    captured_by        TEXT,
    captured_at        INTEGER,
    captured_where     TEXT,
    derived_from       INTEGER REFERENCES evidence_items(id),
    victim_supplied    INTEGER NOT NULL DEFAULT 0,
    created_by         INTEGER NOT NULL REFERENCES users(id),
    created_at         INTEGER NOT NULL,
    custody_seq        INTEGER NOT NULL DEFAULT 0,
    custody_head       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX evidence_items_case ON evidence_items(case_id, id);
CREATE INDEX evidence_items_sha256 ON evidence_items(sha256);

CREATE TABLE evidence_custody (
    item_id     INTEGER NOT NULL REFERENCES evidence_items(id),
    seq         INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    actor_id    INTEGER NOT NULL REFERENCES users(id),
    actor_name  TEXT NOT NULL,
    action      TEXT NOT NULL,
    reason      TEXT,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL,
    PRIMARY KEY (item_id, seq)
);
