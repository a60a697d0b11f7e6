//! Finding cases: a page of the list within the caller's districts, filtered and searched
//! (by reference, mobile number or words), newest first with keyset paging; and the search
//! index every registration and edit writes (FTS5 on SQLite, a `tsvector` with GIN on
//! PostgreSQL).

use sahayak_domain::case::Status;

use super::cases::{CaseSummary, SUMMARY_COLUMNS};
use super::sql::Sql;
use super::{Backend, Store, StoreResult, WriteTx};

/// Which districts a query may look into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    Districts(Vec<i64>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssigneeFilter {
    User(i64),
    Nobody,
}

/// How the search box was read: a reference, a mobile number, or words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchFilter {
    Reference(String),
    Mobile(String),
    Terms(Vec<String>),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFilter {
    pub status: Option<Status>,
    pub category: Option<String>,
    pub assignee: Option<AssigneeFilter>,
    pub district_id: Option<i64>,
    pub created_from: Option<i64>,
    pub created_before: Option<i64>,
    pub search: Option<SearchFilter>,
}

/// A page of results, newest first; `next` is the cursor for the following page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CasePage {
    pub items: Vec<CaseSummary>,
    pub next: Option<i64>,
}

impl Store {
    /// One page of cases within `scope` matching `filter`, newest first, after the cursor
    /// `before` (a case id). Keyset paging: the cost does not grow with the page number.
    pub async fn list_cases(
        &self,
        scope: &Scope,
        filter: &CaseFilter,
        before: Option<i64>,
        limit: u32,
    ) -> StoreResult<CasePage> {
        // A search narrows by its own index (words, reference or mobile number) first.
        let searching = match &filter.search {
            Some(SearchFilter::Terms(t)) => !t.is_empty(),
            Some(SearchFilter::Reference(_) | SearchFilter::Mobile(_)) => true,
            None => false,
        };
        let districts: Vec<Option<i64>> = match (scope, filter.district_id) {
            (Scope::All, d) => vec![d],
            (Scope::Districts(ds), Some(d)) if ds.contains(&d) => vec![Some(d)],
            (Scope::Districts(_), Some(_)) => vec![],
            (Scope::Districts(ds), None) => ds.iter().copied().map(Some).collect(),
        };
        if districts.is_empty() {
            return Ok(CasePage { items: Vec::new(), next: None });
        }
        let fetch = i64::from(limit) + 1;
        let mut sql = Sql::new("");
        if searching || districts.len() == 1 {
            // A search's own index drives the query; one district is one index range.
            let only = if districts.len() == 1 { districts[0] } else { None };
            let within = if searching && districts.len() > 1 { Some(&districts[..]) } else { None };
            self.push_page_query(&mut sql, only, within, filter, before, fetch);
        } else {
            // Several districts: the newest of each district's own index range, merged. One
            // query over `district_id IN (...)` would sort every matching row instead.
            sql.push("SELECT * FROM (");
            for (i, d) in districts.iter().enumerate() {
                if i > 0 {
                    sql.push(" UNION ALL ");
                }
                sql.push("SELECT * FROM (");
                self.push_page_query(&mut sql, *d, None, filter, before, fetch);
                sql.push(&format!(") AS b{i}"));
            }
            sql.push(") AS u ORDER BY u.id DESC LIMIT ").int(fetch);
        }
        self.counted(1);
        let mut items: Vec<CaseSummary> = sql.query_as().fetch_all(&self.pool).await?;
        let next = if items.len() > limit as usize {
            items.truncate(limit as usize);
            items.last().map(|c| c.id)
        } else {
            None
        };
        Ok(CasePage { items, next })
    }

    /// Appends one page query: cases in `district` (or in any of `within`, or anywhere)
    /// matching `filter`, older than `before`, newest first.
    fn push_page_query(
        &self,
        sql: &mut Sql,
        district: Option<i64>,
        within: Option<&[Option<i64>]>,
        filter: &CaseFilter,
        before: Option<i64>,
        fetch: i64,
    ) {
        sql.push("SELECT ").push(SUMMARY_COLUMNS);
        let terms = match &filter.search {
            Some(SearchFilter::Terms(t)) if !t.is_empty() => Some(t),
            _ => None,
        };
        let id_col = match (terms, self.backend) {
            (Some(t), Backend::Sqlite) => {
                sql.push(" FROM case_fts f CROSS JOIN cases c ON c.id = f.rowid");
                sql.push(" LEFT JOIN users a ON a.id = c.assignee_id WHERE case_fts MATCH ");
                sql.text(fts5_query(t));
                "f.rowid"
            }
            (Some(t), Backend::Postgres) => {
                sql.push(" FROM case_search s JOIN cases c ON c.id = s.case_id");
                sql.push(" LEFT JOIN users a ON a.id = c.assignee_id WHERE s.terms @@ CAST(");
                sql.text(tsquery(t)).push(" AS tsquery)");
                "c.id"
            }
            (None, _) => {
                sql.push(" FROM cases c LEFT JOIN users a ON a.id = c.assignee_id WHERE 1 = 1");
                "c.id"
            }
        };
        if let Some(d) = district {
            sql.push(" AND c.district_id = ").int(d);
        }
        if let Some(ds) = within {
            let ids: Vec<i64> = ds.iter().flatten().copied().collect();
            sql.push(" AND c.district_id IN ").int_list(&ids);
        }
        if let Some(s) = filter.status {
            sql.push(" AND c.status = ").text(s.code());
        }
        if let Some(c) = &filter.category {
            sql.push(" AND c.category = ").text(c.as_str());
        }
        match filter.assignee {
            Some(AssigneeFilter::User(u)) => {
                sql.push(" AND c.assignee_id = ").int(u);
            }
            Some(AssigneeFilter::Nobody) => {
                sql.push(" AND c.assignee_id IS NULL");
            }
            None => {}
        }
        if let Some(t) = filter.created_from {
            sql.push(" AND c.created_at >= ").int(t);
        }
        if let Some(t) = filter.created_before {
            sql.push(" AND c.created_at < ").int(t);
        }
        match &filter.search {
            Some(SearchFilter::Reference(r)) => {
                sql.push(" AND c.reference = ").text(r.as_str());
            }
            Some(SearchFilter::Mobile(m)) => {
                sql.push(" AND c.victim_mobile_idx = ").text(self.keys.index(m));
            }
            _ => {}
        }
        if let Some(b) = before {
            sql.push(" AND ").push(id_col).push(" < ").int(b);
        }
        sql.push(" ORDER BY ").push(id_col).push(" DESC LIMIT ").int(fetch);
    }

    pub(super) async fn index_case(
        &self,
        w: &mut WriteTx,
        id: i64,
        terms: &[String],
        replace: bool,
    ) -> StoreResult<()> {
        let joined = terms.join(" ");
        match self.backend {
            Backend::Sqlite => {
                if replace {
                    sqlx::query("DELETE FROM case_fts WHERE rowid = $1").bind(id).execute(w.conn()).await?;
                }
                sqlx::query("INSERT INTO case_fts (rowid, terms) VALUES ($1, $2)")
                    .bind(id)
                    .bind(joined)
                    .execute(w.conn())
                    .await?;
            }
            Backend::Postgres => {
                sqlx::query(
                    "INSERT INTO case_search (case_id, terms)
                     VALUES ($1, array_to_tsvector(string_to_array($2, ' ')))
                     ON CONFLICT (case_id) DO UPDATE SET terms = excluded.terms",
                )
                .bind(id)
                .bind(joined)
                .execute(w.conn())
                .await?;
            }
        }
        Ok(())
    }
}

/// `"term"* "term"*`: every term must start a word of the case (implicit AND in FTS5).
fn fts5_query(terms: &[String]) -> String {
    terms.iter().map(|t| format!("\"{}\"*", t.replace('"', "\"\""))).collect::<Vec<_>>().join(" ")
}

/// `'term':* & 'term':*` for PostgreSQL's tsquery input syntax.
fn tsquery(terms: &[String]) -> String {
    terms.iter().map(|t| format!("'{}':*", t.replace('\\', "\\\\").replace('\'', "''"))).collect::<Vec<_>>().join(" & ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_syntax_quotes_terms() {
        let t = vec!["ठगी".to_owned(), "upi".to_owned()];
        assert_eq!(fts5_query(&t), "\"ठगी\"* \"upi\"*");
        assert_eq!(tsquery(&t), "'ठगी':* & 'upi':*");
        assert_eq!(tsquery(&["it's".to_owned()]), "'it''s':*");
    }
}
