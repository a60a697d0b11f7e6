//! Districts: the tenants of one deployment. Each has a code (`jaipur`) used in URLs and the
//! CLI, and a prefix (`JPR`) that starts its case references. A district may carry its own
//! centre's name, address and helpline (shown on the public help page).

use serde::Serialize;

use super::{Store, StoreError, StoreResult, WriteTx, on_unique};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct District {
    pub id: i64,
    pub code: String,
    pub prefix: String,
    pub name_en: String,
    pub name_hi: String,
    /// The district centre's own name, address and helpline, when it has its own.
    pub centre_name: Option<String>,
    /// The centre's own name in Hindi, if it has one.
    pub centre_name_hi: Option<String>,
    pub centre_address: Option<String>,
    pub centre_phone: Option<String>,
}

impl District {
    /// The district centre's own name in `lang` (the English one where it has no Hindi one).
    pub fn centre_name_in(&self, lang: sahayak_domain::case::Lang) -> Option<&str> {
        let hi = self.centre_name_hi.as_deref().filter(|n| !n.is_empty());
        let en = self.centre_name.as_deref().filter(|n| !n.is_empty());
        match lang {
            sahayak_domain::case::Lang::Hi => hi.or(en),
            sahayak_domain::case::Lang::En => en,
        }
    }

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

/// A district's centre details.
#[derive(Debug, Clone, Default)]
pub struct CentreDetails {
    pub name: Option<String>,
    pub name_hi: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
}

const COLUMNS: &str = "id, code, prefix, name_en, name_hi, centre_name, centre_name_hi, centre_address, centre_phone";

impl Store {
    pub async fn districts(&self) -> StoreResult<Vec<District>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM districts ORDER BY name_en")))
            .fetch_all(self.pool())
            .await?)
    }

    pub async fn district_by_code(&self, code: &str) -> StoreResult<Option<District>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM districts WHERE code = $1")))
            .bind(code)
            .fetch_optional(self.pool())
            .await?)
    }

    /// Adds a district, or returns the existing one with the same code unchanged. A new
    /// district gets the directory's seed data (its stations, if a list is shipped for its
    /// code, and the shared holiday calendars).
    pub async fn ensure_district(&self, d: &NewDistrict<'_>) -> StoreResult<District> {
        if let Some(existing) = self.district_by_code(d.code).await? {
            return Ok(existing);
        }
        let mut w = self.write().await?;
        let district = match self.insert_district(&mut w, d, &CentreDetails::default()).await {
            Ok(district) => district,
            // Another server starting at the same moment added it between the look and the
            // write: theirs is the one (a different district with this prefix is still refused).
            Err(StoreError::Duplicate(field)) => {
                drop(w);
                return self.district_by_code(d.code).await?.ok_or(StoreError::Duplicate(field));
            }
            Err(e) => return Err(e),
        };
        super::directory_seed::seed_district(w.conn(), district.id, &district.code, self.now_millis()).await?;
        w.commit().await?;
        Ok(district)
    }

    /// Inserts a district inside a write that is already open.
    pub(crate) async fn insert_district(
        &self,
        w: &mut WriteTx,
        d: &NewDistrict<'_>,
        centre: &CentreDetails,
    ) -> StoreResult<District> {
        let district = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "INSERT INTO districts (code, prefix, name_en, name_hi, centre_name, centre_address, centre_phone, created_at,
               centre_name_hi)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING {COLUMNS}"
        )))
        .bind(d.code)
        .bind(d.prefix)
        .bind(d.name_en)
        .bind(d.name_hi)
        .bind(centre.name.as_deref())
        .bind(centre.address.as_deref())
        .bind(centre.phone.as_deref())
        .bind(self.now_millis())
        .bind(centre.name_hi.as_deref())
        .fetch_one(w.conn())
        .await
        .map_err(|e| on_unique(e, "prefix"))?;
        Ok(district)
    }

    /// Changes a district's centre details.
    pub async fn set_district_centre(&self, w: &mut WriteTx, id: i64, centre: &CentreDetails) -> StoreResult<()> {
        sqlx::query(
            "UPDATE districts SET centre_name = $1, centre_address = $2, centre_phone = $3, centre_name_hi = $5
             WHERE id = $4",
        )
        .bind(centre.name.as_deref())
        .bind(centre.address.as_deref())
        .bind(centre.phone.as_deref())
        .bind(id)
        .bind(centre.name_hi.as_deref())
        .execute(w.conn())
        .await?;
        Ok(())
    }
}
