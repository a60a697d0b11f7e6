//! Bulk loading for benchmarks and imports: many cases per transaction, no timeline entries.

use sqlx::Row;

use super::cases::{CaseFields, NewCase};
use super::{Backend, Store, StoreResult};

impl Store {
    /// Inserts `cases` in one transaction with references numbered on from each district's
    /// counter. Returns the ids. Meant for seeding large databases; intake uses `create_case`.
    pub async fn insert_cases_bulk(&self, cases: &[NewCase]) -> StoreResult<Vec<i64>> {
        let mut w = self.write().await?;
        let mut ids = Vec::with_capacity(cases.len());
        for new in cases {
            let seq: i64 = sqlx::query_scalar(
                "INSERT INTO case_counters (district_id, year, last_seq) VALUES ($1, $2, 1)
                 ON CONFLICT (district_id, year) DO UPDATE SET last_seq = case_counters.last_seq + 1
                 RETURNING last_seq",
            )
            .bind(new.district_id)
            .bind(new.year)
            .fetch_one(w.conn())
            .await?;
            let reference = format!("{}-{}-{:06}", new.prefix, new.year, seq);
            let f: &CaseFields = &new.fields;
            let id: i64 = sqlx::query(
                "INSERT INTO cases (channel, victim_name, victim_mobile, victim_lang, victim_age, victim_gender,
                    victim_address, narrative, incident_at, noticed_at, taxonomy_version, category, sub_category,
                    category_other, scam_pattern, amount_lost_paise, payment_channel, suspect_details, pasted_messages,
                    money_left, money_left_at, reference, district_id, status, assignee_id, created_by, created_at, updated_at, version)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
                    $21, $22, $23, $24, $25, $26, $27, $27, 1) RETURNING id",
            )
            .bind(f.channel.code())
            .bind(&f.victim_name)
            .bind(&f.victim_mobile)
            .bind(f.victim_lang.code())
            .bind(f.victim_age)
            .bind(f.victim_gender.map(|g| g.code()))
            .bind(&f.victim_address)
            .bind(&f.narrative)
            .bind(f.incident_at)
            .bind(f.noticed_at)
            .bind(&f.taxonomy_version)
            .bind(&f.category)
            .bind(&f.sub_category)
            .bind(&f.category_other)
            .bind(f.scam_pattern.code())
            .bind(f.amount_lost_paise)
            .bind(f.payment_channel.map(|p| p.code()))
            .bind(&f.suspect_details)
            .bind(&f.pasted_messages)
            .bind(f.money_left.map(|m| m.code()))
            .bind(f.money_left_at)
            .bind(reference)
            .bind(new.district_id)
            .bind("new")
            .bind(new.assignee_id)
            .bind(new.created_by)
            .bind(new.at)
            .fetch_one(w.conn())
            .await?
            .try_get("id")?;
            let terms = new.search_text.join(" ");
            match self.backend {
                Backend::Sqlite => {
                    sqlx::query("INSERT INTO case_fts (rowid, terms) VALUES ($1, $2)")
                        .bind(id)
                        .bind(terms)
                        .execute(w.conn())
                        .await?;
                }
                Backend::Postgres => {
                    sqlx::query(
                        "INSERT INTO case_search (case_id, terms) VALUES ($1, array_to_tsvector(string_to_array($2, ' ')))",
                    )
                    .bind(id)
                    .bind(terms)
                    .execute(w.conn())
                    .await?;
                }
            }
            ids.push(id);
        }
        w.commit().await?;
        Ok(ids)
    }

    pub async fn count_cases(&self) -> StoreResult<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM cases").fetch_one(self.pool()).await?)
    }
}
