//! What sign-in security needs from the database: failed attempts (for throttling), every
//! session of a user (to end them all), and the encrypted second-factor secret.

use super::{Store, StoreError, StoreResult, now_millis};

/// A session as its owner sees it in their account page (never its token).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SessionRow {
    pub kind: String,
    pub created_at: i64,
    pub last_seen_at: i64,
}

impl Store {
    /// Failed attempts per key since `since`, and the oldest of them (when the count will drop).
    pub async fn login_failures(&self, key: &str, since: i64) -> StoreResult<(i64, Option<i64>)> {
        let row: (i64, Option<i64>) =
            sqlx::query_as("SELECT COUNT(*), MIN(at) FROM login_failures WHERE key = $1 AND at >= $2")
                .bind(key)
                .bind(since)
                .fetch_one(self.pool())
                .await?;
        Ok(row)
    }

    /// Records a failed attempt under each key, and forgets attempts older than `forget_before`.
    pub async fn record_login_failure(&self, keys: &[&str], forget_before: i64) -> StoreResult<()> {
        let now = now_millis();
        let mut w = self.write().await?;
        for key in keys {
            sqlx::query("INSERT INTO login_failures (key, at) VALUES ($1, $2)")
                .bind(*key)
                .bind(now)
                .execute(w.conn())
                .await?;
        }
        sqlx::query("DELETE FROM login_failures WHERE at < $1").bind(forget_before).execute(w.conn()).await?;
        w.commit().await
    }

    /// A good sign-in clears the account's count (not the address's: one good password from an
    /// address must not reopen it to guessing at other accounts).
    pub async fn clear_login_failures(&self, key: &str) -> StoreResult<()> {
        let mut w = self.write().await?;
        sqlx::query("DELETE FROM login_failures WHERE key = $1").bind(key).execute(w.conn()).await?;
        w.commit().await
    }

    /// Every live session of a user, newest first.
    pub async fn sessions_of(&self, user_id: i64) -> StoreResult<Vec<SessionRow>> {
        Ok(sqlx::query_as(
            "SELECT kind, created_at, last_seen_at FROM sessions
             WHERE user_id = $1 AND expires_at > $2 AND kind IN ('web', 'api') ORDER BY last_seen_at DESC",
        )
        .bind(user_id)
        .bind(now_millis())
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
