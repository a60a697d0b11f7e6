-- Throttles (sign-in, victims' codes, public feedback) count every attempt first, with one
-- statement that increments a key's count and returns it, and only then decide: parallel
-- requests, and several servers on one database, cannot all slip under a limit. A key's count
-- starts again when its window (the sign-in window) has passed.
DROP TABLE login_failures;
CREATE TABLE throttle_counts (
    key          TEXT PRIMARY KEY,
    window_start INTEGER NOT NULL,
    attempts     INTEGER NOT NULL
);
CREATE INDEX throttle_counts_window ON throttle_counts(window_start);
