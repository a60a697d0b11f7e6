//! Staff administration: the people of some districts as their admins see them, changes to a
//! person's role, districts and standing, and the one-time links with which people set their
//! own password (a new account, a reset, the first state admin of a new installation).

use sahayak_domain::access::Role;
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

use super::{Backend, NewUser, Store, StoreResult, User, on_unique};

/// A staff member with what an admin needs to know about their account.
#[derive(Debug, Clone)]
pub struct StaffMember {
    pub user: User,
    pub active: bool,
    pub last_sign_in_at: Option<i64>,
    /// Two-step sign-in is on.
    pub two_step: bool,
}

impl<'r> FromRow<'r, AnyRow> for StaffMember {
    fn from_row(row: &'r AnyRow) -> Result<Self, sqlx::Error> {
        Ok(StaffMember {
            user: User::from_row(row)?,
            active: row.try_get::<i64, _>("active")? != 0,
            last_sign_in_at: row.try_get("last_sign_in_at")?,
            two_step: row.try_get::<Option<String>, _>("totp_secret")?.is_some(),
        })
    }
}

/// What an admin may change about a person.
pub struct StaffChange<'a> {
    pub role: Role,
    pub districts: &'a [i64],
    pub active: bool,
}

/// What a one-time link is for.
pub const LINK_PASSWORD: &str = "password";
pub const LINK_SETUP: &str = "setup";

/// A link that still works: unused and not expired.
#[derive(Debug, Clone)]
pub struct LiveLink {
    /// `None` for the first-run link.
    pub user_id: Option<i64>,
    pub purpose: String,
    pub expires_at: i64,
}

impl Store {
    fn staff_columns(&self) -> String {
        format!("{}, u.active, u.last_sign_in_at, u.totp_secret", self.user_columns())
    }

    /// Everyone (`None`: the state admin's view), or the people who work in any of these
    /// districts; active people first, then by name.
    pub async fn staff_members(&self, districts: Option<&[i64]>) -> StoreResult<Vec<StaffMember>> {
        let mut sql =
            super::sql::Sql::new(&format!("SELECT {} FROM users u WHERE u.username <> ", self.staff_columns()));
        sql.text(super::SYSTEM_USERNAME);
        if let Some(ids) = districts {
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            sql.push(" AND u.id IN (SELECT user_id FROM user_districts WHERE district_id IN ");
            sql.int_list(ids).push(")");
        }
        sql.push(" ORDER BY u.active DESC, u.display_name, u.id");
        Ok(sql.query_as().fetch_all(self.pool()).await?)
    }

    pub async fn staff_member(&self, id: i64) -> StoreResult<Option<StaffMember>> {
        let sql = format!("SELECT {} FROM users u WHERE u.id = $1 AND u.username <> $2", self.staff_columns());
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .bind(super::SYSTEM_USERNAME)
            .fetch_optional(self.pool())
            .await?)
    }

    /// How many people have accounts (none: the first start). The automatic jobs' own
    /// account is not a person.
    pub async fn count_users(&self) -> StoreResult<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE username <> $1")
            .bind(super::SYSTEM_USERNAME)
            .fetch_one(self.pool())
            .await?)
    }

    /// Changes a person's role, districts and standing in one transaction. A deactivated
    /// person's sessions and unused links end with it. Returns `false`, changing nothing, when
    /// the change would leave no active state admin.
    pub async fn change_staff(&self, id: i64, change: &StaffChange<'_>) -> StoreResult<bool> {
        let mut w = self.write().await?;
        let stays_state_admin = change.role == Role::StateAdmin && change.active;
        if !stays_state_admin {
            // PostgreSQL: lock the active state admins, so that two of them removing each
            // other at once cannot both succeed (SQLite's write transaction is exclusive).
            let lock = if self.backend == Backend::Postgres { " FOR UPDATE" } else { "" };
            let sql = format!("SELECT id FROM users WHERE role = 'state_admin' AND active = 1{lock}");
            let admins: Vec<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_all(w.conn()).await?;
            if admins.contains(&id) && admins.len() == 1 {
                return Ok(false);
            }
        }
        sqlx::query("UPDATE users SET role = $1, active = $2 WHERE id = $3")
            .bind(change.role.code())
            .bind(i64::from(change.active))
            .bind(id)
            .execute(w.conn())
            .await?;
        sqlx::query("DELETE FROM user_districts WHERE user_id = $1").bind(id).execute(w.conn()).await?;
        for d in change.districts {
            sqlx::query("INSERT INTO user_districts (user_id, district_id) VALUES ($1, $2)")
                .bind(id)
                .bind(*d)
                .execute(w.conn())
                .await?;
        }
        if !change.active {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(id).execute(w.conn()).await?;
            sqlx::query("DELETE FROM sign_in_links WHERE user_id = $1").bind(id).execute(w.conn()).await?;
        }
        w.commit().await?;
        Ok(true)
    }

    /// Keeps a new one-time link (its token's hash); an older unused link of the same person
    /// stops working. Returns when it expires.
    pub async fn create_sign_in_link(
        &self,
        token_hash: &str,
        user_id: Option<i64>,
        purpose: &str,
        created_by: Option<i64>,
        ttl_ms: i64,
    ) -> StoreResult<i64> {
        let now = self.now_millis();
        let mut w = self.write().await?;
        if let Some(user) = user_id {
            sqlx::query("DELETE FROM sign_in_links WHERE user_id = $1").bind(user).execute(w.conn()).await?;
        }
        sqlx::query(
            "INSERT INTO sign_in_links (token_hash, user_id, purpose, created_by, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(purpose)
        .bind(created_by)
        .bind(now)
        .bind(now + ttl_ms)
        .execute(w.conn())
        .await?;
        w.commit().await?;
        Ok(now + ttl_ms)
    }

    /// The link behind a token, if it still works.
    pub async fn live_link(&self, token_hash: &str) -> StoreResult<Option<LiveLink>> {
        let row = sqlx::query(
            "SELECT user_id, purpose, expires_at FROM sign_in_links
             WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(self.now_millis())
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            Ok(LiveLink {
                user_id: r.try_get("user_id")?,
                purpose: r.try_get("purpose")?,
                expires_at: r.try_get("expires_at")?,
            })
        })
        .transpose()
        .map_err(super::StoreError::Db)
    }

    /// Uses a password link: sets the (active) person's password and ends their sessions, in
    /// one transaction. Returns the person's id, or `None` when the link does not work.
    pub async fn set_password_by_link(&self, token_hash: &str, password_hash: &str) -> StoreResult<Option<i64>> {
        let now = self.now_millis();
        let mut w = self.write().await?;
        let user: Option<Option<i64>> = sqlx::query_scalar(
            "UPDATE sign_in_links SET used_at = $1
             WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 AND purpose = 'password'
             RETURNING user_id",
        )
        .bind(now)
        .bind(token_hash)
        .fetch_optional(w.conn())
        .await?;
        let Some(Some(user)) = user else { return Ok(None) };
        let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2 AND active = 1")
            .bind(password_hash)
            .bind(user)
            .execute(w.conn())
            .await?;
        if done.rows_affected() == 0 {
            return Ok(None);
        }
        sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user).execute(w.conn()).await?;
        w.created(user);
        w.commit().await?;
        Ok(Some(user))
    }

    /// Uses the first-run link: creates the first state admin, if there is still nobody.
    /// `Ok(None)` when the link does not work or someone was added meanwhile.
    pub async fn create_first_admin(&self, token_hash: &str, u: &NewUser<'_>) -> StoreResult<Option<i64>> {
        let now = self.now_millis();
        let mut w = self.write().await?;
        let used = sqlx::query(
            "UPDATE sign_in_links SET used_at = $1
             WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 AND purpose = 'setup'",
        )
        .bind(now)
        .bind(token_hash)
        .execute(w.conn())
        .await?;
        let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE username <> $1")
            .bind(super::SYSTEM_USERNAME)
            .fetch_one(w.conn())
            .await?;
        if used.rows_affected() == 0 || users > 0 {
            return Ok(None);
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (username, display_name, password_hash, role, lang, active, created_at)
             VALUES ($1, $2, $3, $4, $5, 1, $6) RETURNING id",
        )
        .bind(u.username)
        .bind(u.display_name)
        .bind(u.password_hash)
        .bind(u.role.code())
        .bind(u.lang.code())
        .bind(now)
        .fetch_one(w.conn())
        .await
        .map_err(|e| on_unique(e, "username"))?;
        w.created(id);
        w.commit().await?;
        Ok(Some(id))
    }
}
