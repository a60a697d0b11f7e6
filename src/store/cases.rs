//! The case aggregate: the case row, its search terms and its timeline, always written together.

use sahayak_domain::case::{Channel, ClosureReason, Gender, Lang, MoneyLeft, PaymentChannel, ScamPattern, Status};
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

use super::sql::{Param, Sql};
use super::timeline::{self, CaseEvent, Event};
use super::{Store, StoreError, StoreResult, WriteTx, on_unique};

/// Everything recorded about a case at intake or edited since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFields {
    pub channel: Channel,
    pub victim_name: String,
    pub victim_mobile: String,
    pub victim_lang: Lang,
    pub victim_age: Option<i64>,
    pub victim_gender: Option<Gender>,
    pub victim_address: Option<String>,
    pub narrative: String,
    pub incident_at: Option<i64>,
    pub noticed_at: Option<i64>,
    pub taxonomy_version: String,
    pub category: String,
    pub sub_category: Option<String>,
    pub category_other: Option<String>,
    pub scam_pattern: ScamPattern,
    pub amount_lost_paise: Option<i64>,
    pub payment_channel: Option<PaymentChannel>,
    pub suspect_details: Option<String>,
    /// SMS, WhatsApp or e-mail text the victim showed, pasted as it was.
    pub pasted_messages: Option<String>,
    /// Did money leave the victim's account, and when (the golden hour runs from then).
    pub money_left: Option<MoneyLeft>,
    pub money_left_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub id: i64,
    pub reference: String,
    pub district_id: i64,
    pub status: Status,
    pub closure_reason: Option<ClosureReason>,
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
    pub created_by: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub version: i64,
    /// Money left recently and the golden-hour actions are not all done.
    pub urgent: bool,
    /// The nearest open deadline or task.
    pub next_due_at: Option<i64>,
    /// When the case was last closed (retention counts from here).
    pub closed_at: Option<i64>,
    /// Why the personal data must be kept past retention (an order, a trial), if it must.
    pub legal_hold: Option<String>,
    /// When the personal data was erased; the anonymous facts remain.
    pub erased_at: Option<i64>,
    pub fields: CaseFields,
}

/// One line of a case list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseSummary {
    pub id: i64,
    pub reference: String,
    pub district_id: i64,
    pub status: Status,
    pub category: String,
    pub sub_category: Option<String>,
    pub scam_pattern: ScamPattern,
    pub victim_name: String,
    pub amount_lost_paise: Option<i64>,
    pub assignee_name: Option<String>,
    pub created_at: i64,
}

/// A correction of a case's recorded facts.
#[derive(Clone, Copy)]
pub struct CaseEdit<'a> {
    pub fields: &'a CaseFields,
    pub actor: i64,
    pub at: i64,
    pub search_text: &'a [String],
}

/// A move along the workflow.
#[derive(Clone, Copy)]
pub struct StatusChange<'a> {
    pub from: Status,
    pub to: Status,
    pub reason: Option<ClosureReason>,
    pub note: Option<&'a str>,
    pub actor: i64,
    pub at: i64,
    /// Follow-up calls to schedule with the change (on closure): when, and the task's title.
    pub follow_ups: &'a [(i64, String)],
}

pub struct NewCase {
    pub district_id: i64,
    pub year: i64,
    pub prefix: String,
    pub fields: CaseFields,
    pub assignee_id: Option<i64>,
    pub created_by: i64,
    pub at: i64,
    pub search_text: Vec<String>,
    /// The guided plan's steps, created with the case.
    pub tasks: Vec<super::triage::NewTask>,
    /// The intake form of this user starts in the case's district next time.
    pub remember_district_for: Option<i64>,
}

pub(super) fn bad_code(col: &str) -> sqlx::Error {
    sqlx::Error::ColumnDecode { index: col.to_owned(), source: "unknown code".into() }
}

pub(super) fn code<T: std::str::FromStr>(row: &AnyRow, col: &str) -> Result<T, sqlx::Error> {
    row.try_get::<String, _>(col)?.parse().map_err(|_| bad_code(col))
}

pub(super) fn opt_code<T: std::str::FromStr>(row: &AnyRow, col: &str) -> Result<Option<T>, sqlx::Error> {
    row.try_get::<Option<String>, _>(col)?.map(|s| s.parse().map_err(|_| bad_code(col))).transpose()
}

impl<'r> FromRow<'r, AnyRow> for Case {
    fn from_row(r: &'r AnyRow) -> Result<Self, sqlx::Error> {
        Ok(Case {
            id: r.try_get("id")?,
            reference: r.try_get("reference")?,
            district_id: r.try_get("district_id")?,
            status: code(r, "status")?,
            closure_reason: opt_code(r, "closure_reason")?,
            assignee_id: r.try_get("assignee_id")?,
            assignee_name: r.try_get("assignee_name")?,
            created_by: r.try_get("created_by")?,
            created_at: r.try_get("created_at")?,
            updated_at: r.try_get("updated_at")?,
            version: r.try_get("version")?,
            urgent: r.try_get::<i64, _>("urgent")? != 0,
            next_due_at: Some(r.try_get::<i64, _>("next_due_at")?).filter(|d| *d < super::triage::NOTHING_DUE),
            closed_at: r.try_get("closed_at")?,
            legal_hold: r.try_get("legal_hold")?,
            erased_at: r.try_get("erased_at")?,
            fields: CaseFields {
                channel: code(r, "channel")?,
                victim_name: r.try_get("victim_name")?,
                victim_mobile: r.try_get("victim_mobile")?,
                victim_lang: code(r, "victim_lang")?,
                victim_age: r.try_get("victim_age")?,
                victim_gender: opt_code(r, "victim_gender")?,
                victim_address: r.try_get("victim_address")?,
                narrative: r.try_get("narrative")?,
                incident_at: r.try_get("incident_at")?,
                noticed_at: r.try_get("noticed_at")?,
                taxonomy_version: r.try_get("taxonomy_version")?,
                category: r.try_get("category")?,
                sub_category: r.try_get("sub_category")?,
                category_other: r.try_get("category_other")?,
                scam_pattern: code(r, "scam_pattern")?,
                amount_lost_paise: r.try_get("amount_lost_paise")?,
                payment_channel: opt_code(r, "payment_channel")?,
                suspect_details: r.try_get("suspect_details")?,
                pasted_messages: r.try_get("pasted_messages")?,
                money_left: opt_code(r, "money_left")?,
                money_left_at: r.try_get("money_left_at")?,
            },
        })
    }
}

impl<'r> FromRow<'r, AnyRow> for CaseSummary {
    fn from_row(r: &'r AnyRow) -> Result<Self, sqlx::Error> {
        Ok(CaseSummary {
            id: r.try_get("id")?,
            reference: r.try_get("reference")?,
            district_id: r.try_get("district_id")?,
            status: code(r, "status")?,
            category: r.try_get("category")?,
            sub_category: r.try_get("sub_category")?,
            scam_pattern: code(r, "scam_pattern")?,
            victim_name: r.try_get("victim_name")?,
            amount_lost_paise: r.try_get("amount_lost_paise")?,
            assignee_name: r.try_get("assignee_name")?,
            created_at: r.try_get("created_at")?,
        })
    }
}

const CASE_COLUMNS: &str = "c.id, c.reference, c.district_id, c.status, c.closure_reason, c.assignee_id,
    a.display_name AS assignee_name, c.created_by, c.created_at, c.updated_at, c.version,
    c.channel, c.victim_name, c.victim_mobile, c.victim_lang, c.victim_age, c.victim_gender,
    c.victim_address, c.narrative, c.incident_at, c.noticed_at, c.taxonomy_version, c.category,
    c.sub_category, c.category_other, c.scam_pattern, c.amount_lost_paise, c.payment_channel,
    c.suspect_details, c.pasted_messages, c.money_left, c.money_left_at, c.urgent, c.next_due_at,
    c.closed_at, c.legal_hold, c.erased_at";

pub(crate) const SUMMARY_COLUMNS: &str = "c.id, c.reference, c.district_id, c.status, c.category, c.sub_category,
    c.scam_pattern, c.victim_name, c.amount_lost_paise, a.display_name AS assignee_name, c.created_at";

/// Binds the editable fields (and the mobile's search index) as `$1..$22`, in the order of [`FIELD_COLUMNS`].
fn field_params(f: &CaseFields, keys: &super::crypto::Keyring) -> Vec<Param> {
    let text = |s: &str| Param::Text(Some(s.to_owned()));
    let opt_text = |s: Option<&str>| Param::Text(s.map(str::to_owned));
    vec![
        text(f.channel.code()),
        text(&f.victim_name),
        text(&keys.encrypt("victim_mobile", &f.victim_mobile)),
        text(f.victim_lang.code()),
        Param::Int(f.victim_age),
        opt_text(f.victim_gender.map(|g| g.code())),
        opt_text(f.victim_address.as_deref().map(|a| keys.encrypt("victim_address", a)).as_deref()),
        text(&f.narrative),
        Param::Int(f.incident_at),
        Param::Int(f.noticed_at),
        text(&f.taxonomy_version),
        text(&f.category),
        opt_text(f.sub_category.as_deref()),
        opt_text(f.category_other.as_deref()),
        text(f.scam_pattern.code()),
        Param::Int(f.amount_lost_paise),
        opt_text(f.payment_channel.map(|p| p.code())),
        opt_text(f.suspect_details.as_deref()),
        opt_text(f.pasted_messages.as_deref()),
        opt_text(f.money_left.map(|m| m.code())),
        Param::Int(f.money_left_at),
        text(&keys.index(&f.victim_mobile)),
    ]
}

const FIELD_COLUMNS: [&str; 22] = [
    "channel",
    "victim_name",
    "victim_mobile",
    "victim_lang",
    "victim_age",
    "victim_gender",
    "victim_address",
    "narrative",
    "incident_at",
    "noticed_at",
    "taxonomy_version",
    "category",
    "sub_category",
    "category_other",
    "scam_pattern",
    "amount_lost_paise",
    "payment_channel",
    "suspect_details",
    "pasted_messages",
    "money_left",
    "money_left_at",
    "victim_mobile_idx",
];

impl Store {
    /// Registers a case: allocates its reference, stores it with its plan tasks, indexes it for
    /// search, opens its timeline (with the audit entry) and sets its place in the queue from
    /// `rank` (given the case and its tasks as stored), all in one transaction: a failure or a
    /// cancelled request at any step leaves no trace of the case.
    pub async fn create_case(
        &self,
        new: &NewCase,
        rank: impl FnOnce(&Case, &[super::Task]) -> super::Urgency,
    ) -> StoreResult<Case> {
        let mut w = self.write().await?;
        let seq: i64 = sqlx::query_scalar(
            "INSERT INTO case_counters (district_id, year, last_seq) VALUES ($1, $2, 1)
             ON CONFLICT (district_id, year) DO UPDATE SET last_seq = case_counters.last_seq + 1
             RETURNING last_seq",
        )
        .bind(new.district_id)
        .bind(new.year)
        .fetch_one(w.conn())
        .await?;
        let reference = sahayak_domain::case::CaseRef::new(&new.prefix, new.year as u16, seq as u32)
            .map_err(|_| StoreError::Duplicate("reference"))?
            .to_string();

        let mut sql = Sql::new("INSERT INTO cases (");
        sql.push(&FIELD_COLUMNS.join(", "));
        sql.push(
            ", reference, district_id, status, assignee_id, created_by, created_at, updated_at, version) VALUES (",
        );
        for (i, p) in field_params(&new.fields, &self.keys).into_iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.bind(p);
        }
        sql.push(", ").text(reference.as_str());
        sql.push(", ").int(new.district_id);
        sql.push(", ").text(Status::New.code());
        sql.push(", ").bind(Param::Int(new.assignee_id));
        sql.push(", ").int(new.created_by);
        sql.push(", ").int(new.at);
        sql.push(", ").int(new.at);
        sql.push(", 1) RETURNING id");
        let id: i64 = sql.query().fetch_one(w.conn()).await.map_err(|e| on_unique(e, "reference"))?.try_get("id")?;

        self.index_case(&mut w, id, &new.search_text, false).await?;
        let created = Event { case_id: id, actor: new.created_by, at: new.at, kind: "created", ..Default::default() };
        timeline::append(&mut w, &created).await?;
        for t in &new.tasks {
            super::triage::insert_task(&mut w, id, t, new.at).await?;
        }
        let case = self.case_on(w.conn(), id).await?;
        let tasks = super::triage::tasks_on(w.conn(), id).await?;
        super::triage::set_urgency_in(&mut w, id, &rank(&case, &tasks)).await?;
        if let Some(user) = new.remember_district_for {
            super::users::set_last_district_in(&mut w, user, new.district_id).await?;
        }
        w.commit().await?;
        self.case(id).await
    }

    /// Replaces the editable fields if nobody changed the case since `expected_version`.
    /// `rank` gives the case's queue columns as the edit leaves it; they are written with it.
    pub async fn update_case(
        &self,
        id: i64,
        expected_version: i64,
        edit: &CaseEdit<'_>,
        rank: impl FnOnce(&Case) -> super::Urgency,
    ) -> StoreResult<Case> {
        let CaseEdit { fields, actor, at, search_text } = *edit;
        let mut w = self.write().await?;
        let mut sql = Sql::new("UPDATE cases SET ");
        for (i, (col, p)) in FIELD_COLUMNS.iter().zip(field_params(fields, &self.keys)).enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.push(col).push(" = ").bind(p);
        }
        sql.push(", updated_at = ").int(at);
        sql.push(", version = version + 1 WHERE id = ").int(id);
        sql.push(" AND version = ").int(expected_version);
        let changed = sql.query().execute(w.conn()).await?.rows_affected();
        if changed == 0 {
            return Err(self.missing_or_conflict(&mut w, id).await);
        }
        self.index_case(&mut w, id, search_text, true).await?;
        timeline::append(&mut w, &Event { case_id: id, actor, at, kind: "edited", ..Default::default() }).await?;
        let case = self.rank_in(&mut w, id, rank).await?;
        w.commit().await?;
        Ok(case)
    }

    pub async fn add_note(&self, id: i64, actor: i64, at: i64, body: &str) -> StoreResult<CaseEvent> {
        let mut w = self.write().await?;
        let event_id = timeline::touch_and_append(&mut w, id, actor, at, "note", body).await?;
        w.commit().await?;
        self.event(event_id).await
    }

    /// Moves the case along the workflow; the caller has checked the move is allowed. Fails
    /// with `Conflict` if the case is no longer in `change.from`. `rank` gives the case's queue
    /// columns in its new status; they are written with the change.
    pub async fn change_status(
        &self,
        id: i64,
        change: &StatusChange<'_>,
        rank: impl FnOnce(&Case) -> super::Urgency,
    ) -> StoreResult<Case> {
        let StatusChange { from, to, reason, note, actor, at, follow_ups } = *change;
        let mut w = self.write().await?;
        let changed = sqlx::query(
            "UPDATE cases SET status = $1, closure_reason = $2, updated_at = $3, version = version + 1,
                    closed_at = CASE WHEN $1 = 'closed' THEN $3 ELSE NULL END
             WHERE id = $4 AND status = $5",
        )
        .bind(to.code())
        .bind(reason.map(|r| r.code()))
        .bind(at)
        .bind(id)
        .bind(from.code())
        .execute(w.conn())
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(self.missing_or_conflict(&mut w, id).await);
        }
        let event = Event {
            case_id: id,
            actor,
            at,
            kind: "status",
            body: note,
            from_status: Some(from),
            to_status: Some(to),
            closure_reason: reason,
            assignee_id: None,
        };
        timeline::append(&mut w, &event).await?;
        for (due_at, title) in follow_ups {
            super::follow_ups::schedule(&mut w, id, *due_at, title, at).await?;
        }
        let case = self.rank_in(&mut w, id, rank).await?;
        w.commit().await?;
        Ok(case)
    }

    pub async fn assign(&self, id: i64, assignee: Option<i64>, actor: i64, at: i64) -> StoreResult<Case> {
        let mut w = self.write().await?;
        let changed =
            sqlx::query("UPDATE cases SET assignee_id = $1, updated_at = $2, version = version + 1 WHERE id = $3")
                .bind(assignee)
                .bind(at)
                .bind(id)
                .execute(w.conn())
                .await?
                .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        let event = Event { case_id: id, actor, at, kind: "assigned", assignee_id: assignee, ..Default::default() };
        timeline::append(&mut w, &event).await?;
        w.commit().await?;
        self.case(id).await
    }

    pub async fn case(&self, id: i64) -> StoreResult<Case> {
        self.counted(1);
        let mut conn = self.pool.acquire().await?;
        self.case_on(&mut conn, id).await
    }

    /// Writes the queue columns `rank` gives the case as `w` has changed it; returns the case.
    async fn rank_in(&self, w: &mut WriteTx, id: i64, rank: impl FnOnce(&Case) -> super::Urgency) -> StoreResult<Case> {
        let case = self.case_on(w.conn(), id).await?;
        super::triage::set_urgency_in(w, id, &rank(&case)).await?;
        self.case_on(w.conn(), id).await
    }

    /// The case as `conn` sees it (inside a write, before it commits).
    async fn case_on(&self, conn: &mut sqlx::AnyConnection, id: i64) -> StoreResult<Case> {
        let sql =
            format!("SELECT {CASE_COLUMNS} FROM cases c LEFT JOIN users a ON a.id = c.assignee_id WHERE c.id = $1");
        let case = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(conn).await?;
        self.decrypted(case.ok_or(StoreError::NotFound)?)
    }

    /// Reads the encrypted fields back in clear.
    fn decrypted(&self, mut case: Case) -> StoreResult<Case> {
        let f = &mut case.fields;
        let err = |e: super::crypto::KeyError| StoreError::Crypto(e.to_string());
        // Erased cases keep an empty mobile, never encrypted.
        if !f.victim_mobile.is_empty() {
            f.victim_mobile = self.keys.decrypt("victim_mobile", &f.victim_mobile).map_err(err)?;
        }
        f.victim_address =
            f.victim_address.as_deref().map(|a| self.keys.decrypt("victim_address", a)).transpose().map_err(err)?;
        Ok(case)
    }

    pub async fn case_by_reference(&self, reference: &str) -> StoreResult<Case> {
        let sql = format!(
            "SELECT {CASE_COLUMNS} FROM cases c LEFT JOIN users a ON a.id = c.assignee_id WHERE c.reference = $1"
        );
        let case = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(reference).fetch_optional(self.pool()).await?;
        self.decrypted(case.ok_or(StoreError::NotFound)?)
    }

    async fn missing_or_conflict(&self, w: &mut WriteTx, id: i64) -> StoreError {
        let exists =
            sqlx::query_scalar::<_, i64>("SELECT id FROM cases WHERE id = $1").bind(id).fetch_optional(w.conn()).await;
        match exists {
            Ok(Some(_)) => StoreError::Conflict,
            Ok(None) => StoreError::NotFound,
            Err(e) => StoreError::Db(e),
        }
    }
}
