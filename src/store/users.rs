//! Staff accounts and their sessions.

use sahayak_domain::access::Role;
use sahayak_domain::case::Lang;
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

use super::{Backend, Store, StoreError, StoreResult, on_unique};

/// A staff member as the application sees them: no password hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub lang: Lang,
    pub districts: Vec<i64>,
}

impl<'r> FromRow<'r, AnyRow> for User {
    fn from_row(row: &'r AnyRow) -> Result<Self, sqlx::Error> {
        let decode = |col: &str, e: sahayak_domain::case::UnknownCode| sqlx::Error::ColumnDecode {
            index: col.to_owned(),
            source: Box::new(e),
        };
        let districts: Option<String> = row.try_get("districts")?;
        Ok(User {
            id: row.try_get("id")?,
            username: row.try_get("username")?,
            display_name: row.try_get("display_name")?,
            role: row.try_get::<String, _>("role")?.parse().map_err(|e| decode("role", e))?,
            lang: row.try_get::<String, _>("lang")?.parse().map_err(|e| decode("lang", e))?,
            districts: districts.unwrap_or_default().split(',').filter_map(|d| d.trim().parse().ok()).collect(),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct UserBrief {
    pub id: i64,
    pub display_name: String,
}

pub struct NewUser<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub lang: Lang,
    pub districts: &'a [i64],
}

/// What a session row says beyond its user.
#[derive(Debug, Clone)]
pub struct SessionInfo {
    pub csrf: String,
    pub kind: String,
    pub last_seen_at: i64,
    pub expires_at: i64,
}

/// A session touched less often than this keeps its `last_seen_at`: reads stay reads.
const TOUCH_EVERY_MS: i64 = 60_000;

impl Store {
    pub(super) fn user_columns(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite => {
                "u.id, u.username, u.display_name, u.role, u.lang,
                 (SELECT group_concat(district_id) FROM user_districts WHERE user_id = u.id) AS districts"
            }
            Backend::Postgres => {
                "u.id, u.username, u.display_name, u.role, u.lang,
                 (SELECT string_agg(CAST(district_id AS TEXT), ',') FROM user_districts WHERE user_id = u.id) AS districts"
            }
        }
    }

    pub async fn create_user(&self, u: &NewUser<'_>) -> StoreResult<i64> {
        let mut w = self.write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (username, display_name, password_hash, role, lang, active, created_at)
             VALUES ($1, $2, $3, $4, $5, 1, $6) RETURNING id",
        )
        .bind(u.username)
        .bind(u.display_name)
        .bind(u.password_hash)
        .bind(u.role.code())
        .bind(u.lang.code())
        .bind(self.now_millis())
        .fetch_one(w.conn())
        .await
        .map_err(|e| on_unique(e, "username"))?;
        for d in u.districts {
            sqlx::query("INSERT INTO user_districts (user_id, district_id) VALUES ($1, $2)")
                .bind(id)
                .bind(*d)
                .execute(w.conn())
                .await?;
        }
        w.created(id);
        w.commit().await?;
        Ok(id)
    }

    /// The active user with this username and their password hash, for logging in.
    pub async fn user_for_login(&self, username: &str) -> StoreResult<Option<(User, String)>> {
        let sql = format!(
            "SELECT {}, u.password_hash FROM users u WHERE u.username = $1 AND u.active = 1",
            self.user_columns()
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(username).fetch_optional(self.pool()).await?;
        row.map(|r| Ok((User::from_row(&r)?, r.try_get("password_hash")?))).transpose().map_err(StoreError::Db)
    }

    pub async fn user_by_id(&self, id: i64) -> StoreResult<User> {
        let sql = format!("SELECT {} FROM users u WHERE u.id = $1", self.user_columns());
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(self.pool()).await?.ok_or(StoreError::NotFound)
    }

    /// Active staff who work in any of these districts (for the assignee list).
    pub async fn staff_in(&self, districts: &[i64]) -> StoreResult<Vec<UserBrief>> {
        let mut sql = super::sql::Sql::new(
            "SELECT DISTINCT u.id, u.display_name FROM users u JOIN user_districts ud ON ud.user_id = u.id
             WHERE u.active = 1 AND u.role <> 'auditor' AND ud.district_id IN ",
        );
        sql.int_list(districts).push(" ORDER BY u.display_name");
        if districts.is_empty() {
            return Ok(Vec::new());
        }
        self.counted(1);
        Ok(sql.query_as().fetch_all(&self.pool).await?)
    }

    /// The district the user last registered a case in (the intake form starts there).
    pub async fn last_district(&self, user_id: i64) -> StoreResult<Option<i64>> {
        let id: Option<Option<i64>> = sqlx::query_scalar("SELECT last_district_id FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(self.pool())
            .await?;
        Ok(id.flatten())
    }

    pub async fn set_user_lang(&self, user_id: i64, lang: Lang) -> StoreResult<()> {
        let mut w = self.write().await?;
        sqlx::query("UPDATE users SET lang = $1 WHERE id = $2")
            .bind(lang.code())
            .bind(user_id)
            .execute(w.conn())
            .await?;
        w.commit().await
    }

    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: i64,
        kind: &str,
        csrf: &str,
        ttl_ms: i64,
    ) -> StoreResult<()> {
        let now = self.now_millis();
        let mut w = self.write().await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, kind, csrf, created_at, last_seen_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $5, $6)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(kind)
        .bind(csrf)
        .bind(now)
        .bind(now + ttl_ms)
        .execute(w.conn())
        .await?;
        if kind != "code" {
            // Admins see when each person last signed in.
            sqlx::query("UPDATE users SET last_sign_in_at = $1 WHERE id = $2")
                .bind(now)
                .bind(user_id)
                .execute(w.conn())
                .await?;
        }
        w.commit().await
    }

    /// The user behind a live session, or `None` when it is unknown, expired or idle too long.
    pub async fn session_user(
        &self,
        token_hash: &str,
        idle_timeout_ms: i64,
    ) -> StoreResult<Option<(User, SessionInfo)>> {
        let sql = format!(
            "SELECT {}, s.csrf, s.kind, s.last_seen_at, s.expires_at
             FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = $1 AND u.active = 1",
            self.user_columns()
        );
        let Some(row) = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(token_hash).fetch_optional(self.pool()).await?
        else {
            return Ok(None);
        };
        let user = User::from_row(&row)?;
        let info = SessionInfo {
            csrf: row.try_get("csrf")?,
            kind: row.try_get("kind")?,
            last_seen_at: row.try_get("last_seen_at")?,
            expires_at: row.try_get("expires_at")?,
        };
        let now = self.now_millis();
        if now >= info.expires_at || now - info.last_seen_at > idle_timeout_ms {
            self.delete_session(token_hash).await?;
            return Ok(None);
        }
        if now - info.last_seen_at > TOUCH_EVERY_MS {
            let mut w = self.write().await?;
            sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
                .bind(now)
                .bind(token_hash)
                .execute(w.conn())
                .await?;
            w.commit().await?;
        }
        Ok(Some((user, info)))
    }

    pub async fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
        let mut w = self.write().await?;
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(w.conn()).await?;
        w.commit().await
    }
}

/// The district the user's intake form starts in next time, inside the write `w`.
pub(super) async fn set_last_district_in(w: &mut super::WriteTx, user_id: i64, district_id: i64) -> StoreResult<()> {
    sqlx::query("UPDATE users SET last_district_id = $1 WHERE id = $2 AND last_district_id IS DISTINCT FROM $1")
        .bind(district_id)
        .bind(user_id)
        .execute(w.conn())
        .await?;
    Ok(())
}
