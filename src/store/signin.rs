//! What sign-in security needs from the database: attempt counts (for throttling), every
//! session of a user (to end them all), and the encrypted second-factor secret.

use super::{Store, StoreError, StoreResult};

/// A session as its owner sees it in their account page (never its token).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SessionRow {
    pub kind: String,
    pub created_at: i64,
    pub last_seen_at: i64,
}

impl Store {
    /// Counts one attempt under `key` and returns the count in the key's window, and when that
    /// window began. One statement increments and returns, so parallel attempts (from one
    /// server or several) each see their own number. A window that ended (began at or before
    /// `window_ended`) starts again at `now` with this attempt. Keys whose windows ended are
    /// forgotten in the same transaction.
    pub async fn count_attempt(&self, key: &str, now: i64, window_ended: i64) -> StoreResult<(i64, i64)> {
        let mut w = self.write().await?;
        let counted: (i64, i64) = sqlx::query_as(
            "INSERT INTO throttle_counts (key, window_start, attempts) VALUES ($1, $2, 1)
             ON CONFLICT (key) DO UPDATE SET
                attempts = CASE WHEN throttle_counts.window_start <= $3 THEN 1
                                ELSE throttle_counts.attempts + 1 END,
                window_start = CASE WHEN throttle_counts.window_start <= $3 THEN $2
                                    ELSE throttle_counts.window_start END
             RETURNING attempts, window_start",
        )
        .bind(key)
        .bind(now)
        .bind(window_ended)
        .fetch_one(w.conn())
        .await?;
        sqlx::query("DELETE FROM throttle_counts WHERE window_start <= $1")
            .bind(window_ended)
            .execute(w.conn())
            .await?;
        w.commit().await?;
        Ok(counted)
    }

    /// Gives one attempt back (one that turned out right must not count against an address
    /// shared by many honest people).
    pub async fn uncount_attempt(&self, key: &str) -> StoreResult<()> {
        let mut w = self.write().await?;
        sqlx::query("UPDATE throttle_counts SET attempts = attempts - 1 WHERE key = $1 AND attempts > 0")
            .bind(key)
            .execute(w.conn())
            .await?;
        w.commit().await
    }

    /// Forgets a key's count (a right password clears its account's count; not its address's:
    /// one good password from an address must not reopen it to guessing at other accounts).
    pub async fn clear_attempts(&self, key: &str) -> StoreResult<()> {
        let mut w = self.write().await?;
        sqlx::query("DELETE FROM throttle_counts WHERE key = $1").bind(key).execute(w.conn()).await?;
        w.commit().await
    }

    /// Every live session of a user, newest first.
    pub async fn sessions_of(&self, user_id: i64) -> StoreResult<Vec<SessionRow>> {
        Ok(sqlx::query_as(
            "SELECT kind, created_at, last_seen_at FROM sessions
             WHERE user_id = $1 AND expires_at > $2 AND kind IN ('web', 'api') ORDER BY last_seen_at DESC",
        )
        .bind(user_id)
        .bind(self.now_millis())
        .fetch_all(self.pool())
        .await?)
    }

    /// Ends every session of a user, in browsers and API tokens alike. Returns how many.
    pub async fn delete_sessions_of(&self, user_id: i64) -> StoreResult<u64> {
        let mut w = self.write().await?;
        let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(w.conn()).await?;
        w.commit().await?;
        Ok(done.rows_affected())
    }

    /// The user's second-factor secret (decrypted), if they have turned it on.
    pub async fn totp_secret(&self, user_id: i64) -> StoreResult<Option<String>> {
        let stored: Option<String> = sqlx::query_scalar("SELECT totp_secret FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(self.pool())
            .await?
            .flatten();
        stored.map(|s| self.keys.decrypt("totp_secret", &s).map_err(|e| StoreError::Crypto(e.to_string()))).transpose()
    }

    /// Turns the second factor on (with a secret) or off (`None`).
    pub async fn set_totp_secret(&self, user_id: i64, secret: Option<&str>) -> StoreResult<()> {
        let stored = secret.map(|s| self.keys.encrypt("totp_secret", s));
        let mut w = self.write().await?;
        sqlx::query("UPDATE users SET totp_secret = $1, totp_last_step = NULL WHERE id = $2")
            .bind(stored)
            .bind(user_id)
            .execute(w.conn())
            .await?;
        w.commit().await
    }

    /// Marks a code's time step as used; false when it (or a later one) was used already, so a
    /// code overheard or replayed within its 30 seconds is refused.
    pub async fn use_totp_step(&self, user_id: i64, step: i64) -> StoreResult<bool> {
        let mut w = self.write().await?;
        let done = sqlx::query(
            "UPDATE users SET totp_last_step = $1 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)",
        )
        .bind(step)
        .bind(user_id)
        .execute(w.conn())
        .await?;
        w.commit().await?;
        Ok(done.rows_affected() == 1)
    }
}
