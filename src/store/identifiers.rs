//! Suspect identifiers and the cases that mention them.

use sahayak_domain::identifiers::IdKind;
use sahayak_domain::rings::Edge;
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

use super::cases::{CaseSummary, SUMMARY_COLUMNS};
use super::sql::Sql;
use super::{Scope, Store, StoreError, StoreResult};

/// What an officer said about an identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// Known to be used by fraudsters (e.g. a mule account): alert when it appears.
    Watch,
    /// Known to be genuine (1930, a bank's official helpline): never links cases.
    Genuine,
}

impl Flag {
    pub fn code(self) -> &'static str {
        match self {
            Flag::Watch => "watch",
            Flag::Genuine => "genuine",
        }
    }

    pub fn parse(s: &str) -> Option<Flag> {
        match s {
            "watch" => Some(Flag::Watch),
            "genuine" => Some(Flag::Genuine),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identifier {
    pub id: i64,
    pub kind: IdKind,
    pub value: String,
    pub flag: Option<Flag>,
    pub flag_note: Option<String>,
}

impl<'r> FromRow<'r, AnyRow> for Identifier {
    fn from_row(r: &'r AnyRow) -> Result<Self, sqlx::Error> {
        let kind: String = r.try_get("kind")?;
        let flag: Option<String> = r.try_get("flag")?;
        Ok(Identifier {
            id: r.try_get("id")?,
            kind: IdKind::parse(&kind)
                .ok_or_else(|| sqlx::Error::ColumnDecode { index: "kind".into(), source: "unknown kind".into() })?,
            value: r.try_get("value")?,
            flag: flag.as_deref().and_then(Flag::parse),
            flag_note: r.try_get("flag_note")?,
        })
    }
}

/// An identifier as confirmed on one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseIdentifier {
    pub identifier: Identifier,
    /// As it was written where it was found.
    pub raw: String,
    /// `narrative`, `suspect`, `pasted` or `manual`.
    pub source: String,
    pub confirmed_at: i64,
}

/// An identifier to link to a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLink {
    pub kind: IdKind,
    pub value: String,
    pub raw: String,
    pub source: String,
}

/// How many cases of one district mention an identifier, and since when.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Spread {
    pub identifier_id: i64,
    pub district_id: i64,
    pub cases: i64,
    pub first_at: i64,
}

/// An edge of the ring graph with what the ring views need about its case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RingEdge {
    pub edge: Edge,
    pub district_id: i64,
    pub money_paise: i64,
}

/// The case a link belongs to, for the place where it was confirmed.
pub struct LinkTarget {
    pub case_id: i64,
    pub district_id: i64,
    pub case_created_at: i64,
}

const IDENTIFIER_COLUMNS: &str = "i.id, i.kind, i.value, i.flag, i.flag_note";

impl Store {
    /// Links identifiers to a case (each once) and notes it in the timeline, in one
    /// transaction. Returns the identifiers newly linked.
    pub async fn link_identifiers(
        &self,
        target: &LinkTarget,
        links: &[NewLink],
        actor: i64,
        at: i64,
    ) -> StoreResult<Vec<Identifier>> {
        let mut w = self.write().await?;
        let mut added = Vec::new();
        for l in links {
            sqlx::query(
                "INSERT INTO identifiers (kind, value, created_at) VALUES ($1, $2, $3) ON CONFLICT (kind, value) DO NOTHING",
            )
            .bind(l.kind.as_str())
            .bind(&l.value)
            .bind(at)
            .execute(w.conn())
            .await?;
            let ident: Identifier = sqlx::query_as(
                "SELECT i.id, i.kind, i.value, i.flag, i.flag_note FROM identifiers i WHERE i.kind = $1 AND i.value = $2",
            )
            .bind(l.kind.as_str())
            .bind(&l.value)
            .fetch_one(w.conn())
            .await?;
            let inserted = sqlx::query(
                "INSERT INTO case_identifiers (case_id, identifier_id, district_id, raw, source, confirmed_by, confirmed_at, case_created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (case_id, identifier_id) DO NOTHING",
            )
            .bind(target.case_id)
            .bind(ident.id)
            .bind(target.district_id)
            .bind(&l.raw)
            .bind(&l.source)
            .bind(actor)
            .bind(at)
            .bind(target.case_created_at)
            .execute(w.conn())
            .await?
            .rows_affected();
            if inserted > 0 {
                added.push(ident);
            }
        }
        if !added.is_empty() {
            let list = added.iter().map(|i| format!("{}: {}", i.kind, i.value)).collect::<Vec<_>>().join("\n");
            super::timeline::append_plain(&mut w, target.case_id, actor, at, "identifiers", &list).await?;
            let watched: Vec<String> = added
                .iter()
                .filter(|i| i.flag == Some(Flag::Watch))
                .map(|i| format!("{}: {}", i.kind, i.value))
                .collect();
            if !watched.is_empty() {
                super::timeline::append_plain(&mut w, target.case_id, actor, at, "watch_match", &watched.join("\n"))
                    .await?;
            }
        }
        w.commit().await?;
        Ok(added)
    }

    /// Removes a link confirmed by mistake (the identifier itself stays).
    pub async fn unlink_identifier(&self, case_id: i64, identifier_id: i64, actor: i64, at: i64) -> StoreResult<()> {
        let mut w = self.write().await?;
        let ident: Option<Identifier> = sqlx::query_as(
            "SELECT i.id, i.kind, i.value, i.flag, i.flag_note FROM identifiers i
             JOIN case_identifiers ci ON ci.identifier_id = i.id WHERE ci.case_id = $1 AND i.id = $2",
        )
        .bind(case_id)
        .bind(identifier_id)
        .fetch_optional(w.conn())
        .await?;
        let ident = ident.ok_or(StoreError::NotFound)?;
        sqlx::query("DELETE FROM case_identifiers WHERE case_id = $1 AND identifier_id = $2")
            .bind(case_id)
            .bind(identifier_id)
            .execute(w.conn())
            .await?;
        super::timeline::append_plain(
            &mut w,
            case_id,
            actor,
            at,
            "identifier_removed",
            &format!("{}: {}", ident.kind, ident.value),
        )
        .await?;
        w.commit().await
    }

    /// The identifiers confirmed on a case, in the order they were confirmed.
    pub async fn case_identifiers(&self, case_id: i64) -> StoreResult<Vec<CaseIdentifier>> {
        let rows = sqlx::query(
            "SELECT i.id, i.kind, i.value, i.flag, i.flag_note, ci.raw, ci.source, ci.confirmed_at
             FROM case_identifiers ci JOIN identifiers i ON i.id = ci.identifier_id
             WHERE ci.case_id = $1 ORDER BY ci.confirmed_at, i.id",
        )
        .bind(case_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(CaseIdentifier {
                    identifier: Identifier::from_row(r)?,
                    raw: r.try_get("raw")?,
                    source: r.try_get("source")?,
                    confirmed_at: r.try_get("confirmed_at")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::Db)
    }

    pub async fn identifier(&self, kind: IdKind, value: &str) -> StoreResult<Option<Identifier>> {
        let sql = format!("SELECT {IDENTIFIER_COLUMNS} FROM identifiers i WHERE i.kind = $1 AND i.value = $2");
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(kind.as_str()).bind(value).fetch_optional(self.pool()).await?)
    }

    pub async fn identifiers_by_id(&self, ids: &[i64]) -> StoreResult<Vec<Identifier>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = Sql::new(&format!("SELECT {IDENTIFIER_COLUMNS} FROM identifiers i WHERE i.id IN "));
        sql.int_list(ids).push(" ORDER BY i.kind, i.value");
        self.counted(1);
        Ok(sql.query_as().fetch_all(&self.pool).await?)
    }

    /// For each identifier, per district: how many cases mention it (leaving out `except`)
    /// and when the first of them was registered. Counts cover every district; callers
    /// decide what a user may see.
    pub async fn identifier_spread(&self, ids: &[i64], except: Option<i64>) -> StoreResult<Vec<Spread>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = Sql::new(
            "SELECT identifier_id, district_id, COUNT(*) AS cases, MIN(case_created_at) AS first_at
             FROM case_identifiers WHERE identifier_id IN ",
        );
        sql.int_list(ids);
        if let Some(c) = except {
            sql.push(" AND case_id <> ").int(c);
        }
        sql.push(" GROUP BY identifier_id, district_id ORDER BY identifier_id, district_id");
        self.counted(1);
        Ok(sql.query_as().fetch_all(&self.pool).await?)
    }

    /// Cases within `scope` that mention any of the identifiers (leaving out `except`), newest
    /// first, at most `limit`, each with the identifier that ties it.
    pub async fn identifier_cases(
        &self,
        ids: &[i64],
        except: Option<i64>,
        scope: &Scope,
        limit: i64,
    ) -> StoreResult<Vec<(i64, CaseSummary)>> {
        if ids.is_empty() || matches!(scope, Scope::Districts(d) if d.is_empty()) {
            return Ok(Vec::new());
        }
        let mut sql = Sql::new("SELECT ci.identifier_id AS tie, ");
        sql.push(SUMMARY_COLUMNS);
        sql.push(
            " FROM case_identifiers ci JOIN cases c ON c.id = ci.case_id LEFT JOIN users a ON a.id = c.assignee_id
              WHERE ci.identifier_id IN ",
        );
        sql.int_list(ids);
        if let Some(c) = except {
            sql.push(" AND ci.case_id <> ").int(c);
        }
        if let Scope::Districts(d) = scope {
            sql.push(" AND ci.district_id IN ").int_list(d);
        }
        sql.push(" ORDER BY ci.case_id DESC LIMIT ").int(limit);
        self.counted(1);
        let rows = sql.query().fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| Ok((r.try_get("tie")?, CaseSummary::from_row(r)?)))
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::Db)
    }

    /// Flags (or unflags, with `None`) an identifier, creating it if no case has it yet.
    pub async fn set_identifier_flag(
        &self,
        kind: IdKind,
        value: &str,
        flag: Option<Flag>,
        note: Option<&str>,
        actor: i64,
        at: i64,
    ) -> StoreResult<Identifier> {
        let mut w = self.write().await?;
        sqlx::query(
            "INSERT INTO identifiers (kind, value, created_at) VALUES ($1, $2, $3) ON CONFLICT (kind, value) DO NOTHING",
        )
        .bind(kind.as_str())
        .bind(value)
        .bind(at)
        .execute(w.conn())
        .await?;
        sqlx::query(
            "UPDATE identifiers SET flag = $1, flag_note = $2, flagged_by = $3, flagged_at = $4 WHERE kind = $5 AND value = $6",
        )
        .bind(flag.map(Flag::code))
        .bind(note)
        .bind(actor)
        .bind(at)
        .bind(kind.as_str())
        .bind(value)
        .execute(w.conn())
        .await?;
        let ident = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {IDENTIFIER_COLUMNS} FROM identifiers i WHERE i.kind = $1 AND i.value = $2"
        )))
        .bind(kind.as_str())
        .bind(value)
        .fetch_one(w.conn())
        .await?;
        w.commit().await?;
        Ok(ident)
    }

    /// Identifiers with a flag, newest flags first.
    pub async fn flagged_identifiers(&self) -> StoreResult<Vec<Identifier>> {
        let sql = format!(
            "SELECT {IDENTIFIER_COLUMNS} FROM identifiers i WHERE i.flag IS NOT NULL ORDER BY i.flagged_at DESC LIMIT 1000"
        );
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(self.pool()).await?)
    }

    /// Every link of an identifier that two or more cases share, except genuine ones and
    /// kinds that do not link cases — the edges of the fraud-ring graph — each with its
    /// case's district and money lost, so the rings need no further reads.
    pub async fn ring_edges(&self) -> StoreResult<Vec<RingEdge>> {
        let rows: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT ci.case_id, ci.identifier_id, ci.district_id, COALESCE(c.amount_lost_paise, 0)
             FROM case_identifiers ci
             JOIN (SELECT identifier_id FROM case_identifiers GROUP BY identifier_id HAVING COUNT(*) > 1) shared
               ON shared.identifier_id = ci.identifier_id
             JOIN identifiers i ON i.id = ci.identifier_id
             JOIN cases c ON c.id = ci.case_id
             WHERE (i.flag IS NULL OR i.flag <> 'genuine') AND i.kind <> 'ifsc'",
        )
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(case_id, identifier_id, district_id, money_paise)| RingEdge {
                edge: Edge { case_id, identifier_id },
                district_id,
                money_paise,
            })
            .collect())
    }

    /// Summaries of the given cases (any district; callers filter by what a user may see).
    pub async fn case_summaries(&self, ids: &[i64]) -> StoreResult<Vec<CaseSummary>> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let mut sql = Sql::new("SELECT ");
            sql.push(SUMMARY_COLUMNS);
            sql.push(" FROM cases c LEFT JOIN users a ON a.id = c.assignee_id WHERE c.id IN ");
            sql.int_list(chunk).push(" ORDER BY c.id");
            self.counted(1);
            out.extend(sql.query_as::<CaseSummary>().fetch_all(&self.pool).await?);
        }
        Ok(out)
    }
}

impl Store {
    /// `(case id, identifier id)` for every identifier confirmed on the given cases.
    pub async fn case_identifier_ids(&self, case_ids: &[i64]) -> StoreResult<Vec<(i64, i64)>> {
        let mut out = Vec::new();
        for chunk in case_ids.chunks(500) {
            let mut sql = Sql::new("SELECT case_id, identifier_id FROM case_identifiers WHERE case_id IN ");
            sql.int_list(chunk);
            self.counted(1);
            out.extend(sql.query_as::<(i64, i64)>().fetch_all(&self.pool).await?);
        }
        Ok(out)
    }
}

impl Store {
    /// The flagged ones among these identifiers (one query, however many are asked about).
    pub async fn flagged_among(&self, items: &[(IdKind, String)]) -> StoreResult<Vec<Identifier>> {
        self.known_among(items, true).await
    }

    /// Those of these identifiers already known (confirmed on some case, or flagged).
    pub async fn known_among(&self, items: &[(IdKind, String)], flagged_only: bool) -> StoreResult<Vec<Identifier>> {
        let mut out = Vec::new();
        for chunk in items.chunks(200) {
            let mut sql = Sql::new(&format!("SELECT {IDENTIFIER_COLUMNS} FROM identifiers i WHERE "));
            if flagged_only {
                sql.push("i.flag IS NOT NULL AND ");
            }
            sql.push("(");
            for (n, (kind, value)) in chunk.iter().enumerate() {
                if n > 0 {
                    sql.push(" OR ");
                }
                sql.push("(i.kind = ").text(kind.as_str()).push(" AND i.value = ").text(value.as_str()).push(")");
            }
            sql.push(")");
            self.counted(1);
            out.extend(sql.query_as::<Identifier>().fetch_all(&self.pool).await?);
        }
        Ok(out)
    }
}

impl Store {
    /// `(links, distinct identifiers)`, for reports and benchmarks.
    pub async fn count_identifier_links(&self) -> StoreResult<(i64, i64)> {
        let links = sqlx::query_scalar("SELECT COUNT(*) FROM case_identifiers").fetch_one(self.pool()).await?;
        let idents = sqlx::query_scalar("SELECT COUNT(*) FROM identifiers").fetch_one(self.pool()).await?;
        Ok((links, idents))
    }
}

impl Store {
    /// A random sample of identifiers (for benchmarks), optionally among the first `max_id`.
    pub async fn sample_identifiers(&self, limit: i64, max_id: Option<i64>) -> StoreResult<Vec<(IdKind, String)>> {
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT kind, value FROM identifiers WHERE id <= $1 ORDER BY random() LIMIT $2")
                .bind(max_id.unwrap_or(i64::MAX))
                .bind(limit)
                .fetch_all(self.pool())
                .await?;
        Ok(rows.into_iter().filter_map(|(k, v)| IdKind::parse(&k).map(|k| (k, v))).collect())
    }
}
