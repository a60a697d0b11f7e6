-- Staff administration in the app: when each person last signed in, and one-time links that
-- let a person set their own password (a new account, a reset, the first state admin). Only
-- the SHA-256 of a link's token is kept; a link works once, and only until it expires.
ALTER TABLE users ADD COLUMN last_sign_in_at INTEGER;
CREATE TABLE sign_in_links (
    token_hash  TEXT PRIMARY KEY,
    -- None for the first-run link, which creates the first state admin.
    user_id     INTEGER REFERENCES users(id) ON DELETE CASCADE,
    purpose     TEXT NOT NULL,
    created_by  INTEGER,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
);
CREATE INDEX sign_in_links_user ON sign_in_links(user_id);
