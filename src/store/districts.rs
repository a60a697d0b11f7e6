//! Districts: the tenants of one deployment. Each has a code (`jaipur`) used in URLs and the
//! CLI, and a prefix (`JPR`) that starts its case references.

use serde::Serialize;

use super::{Store, StoreResult, now_millis, on_unique};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct District {
    pub id: i64,
    pub code: String,
    pub prefix: String,
    pub name_en: String,
    pub name_hi: String,
}

impl District {
    pub fn name(&self, lang: sahayak_domain::case::Lang) -> &str {
        match lang {
            sahayak_domain::case::Lang::Hi => &self.name_hi,
            sahayak_domain::case::Lang::En => &self.name_en,
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewDistrict<'a> {
    pub code: &'a str,
    pub prefix: &'a str,
    pub name_en: &'a str,
    pub name_hi: &'a str,
}

impl Store {
    pub async fn districts(&self) -> StoreResult<Vec<District>> {
        Ok(sqlx::query_as("SELECT id, code, prefix, name_en, name_hi FROM districts ORDER BY name_en")
            .fetch_all(self.pool())
            .await?)
    }

    pub async fn district_by_code(&self, code: &str) -> StoreResult<Option<District>> {
        Ok(sqlx::query_as("SELECT id, code, prefix, name_en, name_hi FROM districts WHERE code = $1")
            .bind(code)
            .fetch_optional(self.pool())
            .await?)
    }

    /// Adds a district, or returns the existing one with the same code unchanged.
    pub async fn ensure_district(&self, d: &NewDistrict<'_>) -> StoreResult<District> {
        if let Some(existing) = self.district_by_code(d.code).await? {
            return Ok(existing);
        }
        let mut w = self.write().await?;
        let district = sqlx::query_as(
            "INSERT INTO districts (code, prefix, name_en, name_hi, created_at) VALUES ($1, $2, $3, $4, $5)
             RETURNING id, code, prefix, name_en, name_hi",
        )
        .bind(d.code)
        .bind(d.prefix)
        .bind(d.name_en)
        .bind(d.name_hi)
        .bind(now_millis())
        .fetch_one(w.conn())
        .await
        .map_err(|e| on_unique(e, "prefix"))?;
        w.commit().await?;
        Ok(district)
    }
}
