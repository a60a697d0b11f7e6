//! Failure injection on the critical writes: the database refuses one step (a trigger that
//! raises, installed for the test), and the request must leave nothing half-written — no case
//! without its audit entry, no audit entry without its change, no evidence record without its
//! custody entry. Each write is one transaction; these tests check that it really is.

use reqwest::Method;
use reqwest::multipart::{Form, Part};
use sahayak::store::Store;
use sahayak_domain::access::Role;
use sahayak_domain::case::Lang;
use serde_json::json;

use crate::helpers::{Db, TestApp, backends, spawn_app, valid_case};

/// Makes `op` (INSERT or UPDATE) on `table` fail until [`heal`].
pub async fn break_writes(store: &Store, db: Db, table: &str, op: &str) {
    let sql = match db {
        Db::Sqlite => {
            format!(
                "CREATE TRIGGER injected_fault BEFORE {op} ON {table} BEGIN SELECT RAISE(ABORT, 'injected fault'); END"
            )
        }
        Db::Postgres => format!(
            "CREATE OR REPLACE FUNCTION injected_fault() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$; \
             CREATE TRIGGER injected_fault BEFORE {op} ON {table} FOR EACH ROW EXECUTE FUNCTION injected_fault()"
        ),
    };
    sahayak::store::testing::execute(store, &sql).await.unwrap();
}

pub async fn heal(store: &Store, db: Db, table: &str) {
    let sql = match db {
        Db::Sqlite => "DROP TRIGGER injected_fault".to_owned(),
        Db::Postgres => format!("DROP TRIGGER injected_fault ON {table}"),
    };
    sahayak::store::testing::execute(store, &sql).await.unwrap();
}

/// Row counts of the tables a write touches (the audit log without the request log's `http.*`
/// entries, which record the failed request itself, nor the reads the request made first).
async fn snapshot(app: &TestApp, tables: &[&str]) -> Vec<(String, i64)> {
    let pool = sahayak::store::testing::pool(&app.state.store);
    let mut out = Vec::new();
    for t in tables {
        let sql = if *t == "audit_log" {
            "SELECT COUNT(*) FROM audit_log WHERE action NOT LIKE 'http.%' AND action <> 'case.read'".to_owned()
        } else {
            format!("SELECT COUNT(*) FROM {t}")
        };
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await.unwrap();
        out.push(((*t).to_owned(), n));
    }
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE last_district_id IS NOT NULL")
        .fetch_one(pool)
        .await
        .unwrap();
    out.push(("users with a last district".into(), users));
    out
}

/// Runs `write` once with each step broken; each time it must fail and change nothing. Then,
/// healed, it must succeed (so every step listed was really on the write's path).
async fn each_step_fails_cleanly<F, Fut>(app: &TestApp, db: Db, steps: &[(&str, &str)], watched: &[&str], write: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = u16>,
{
    for (table, op) in steps {
        let before = snapshot(app, watched).await;
        break_writes(&app.state.store, db, table, op).await;
        let status = write().await;
        heal(&app.state.store, db, table).await;
        assert_eq!(status, 500, "{db:?}: with {op} on {table} refused the write fails");
        assert_eq!(snapshot(app, watched).await, before, "{db:?}: {op} on {table} refused: nothing written");
        let (checked, breaks) = app.state.store.audit_verify(&|_| {}).await.unwrap();
        assert!(breaks.is_empty(), "{db:?}: {op} on {table}: chain intact after {checked}: {breaks:?}");
    }
    assert!((200..300).contains(&write().await), "{db:?}: healed, the write succeeds");
}

#[tokio::test]
async fn registration_fails_whole_at_every_step() {
    for db in backends() {
        let app = spawn_app(db).await;
        // A supervisor of two districts: registering also remembers the district for next time.
        let token = app.token("supervisor").await;
        let search = match db {
            Db::Sqlite => None, // FTS5 is a virtual table: no trigger can sit on it
            Db::Postgres => Some(("case_search", "INSERT")),
        };
        let mut steps = vec![
            ("case_counters", "INSERT"),
            ("cases", "INSERT"),
            ("case_events", "INSERT"),
            ("case_tasks", "INSERT"),
            ("cases", "UPDATE"),
            ("audit_log", "INSERT"),
            ("audit_head", "UPDATE"),
            ("users", "UPDATE"),
        ];
        steps.extend(search);
        let watched = ["cases", "case_events", "case_tasks", "audit_log", "case_counters"];
        each_step_fails_cleanly(&app, db, &steps, &watched, || async {
            let mut case = valid_case();
            case["money_left"] = json!("yes");
            case["money_left_at"] = json!("20 minutes ago");
            let r = TestApp::http().post(app.url("/api/v1/cases")).bearer_auth(&token).json(&case).send().await;
            r.unwrap().status().as_u16()
        })
        .await;
    }
}

#[tokio::test]
async fn a_status_change_fails_whole_at_every_step() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("counsellor.jaipur").await;
        let id = app.create_case(&token, json!({})).await["id"].as_i64().unwrap();
        let steps = [
            ("cases", "UPDATE"),
            ("case_events", "INSERT"),
            ("follow_ups", "INSERT"),
            ("audit_log", "INSERT"),
            ("audit_head", "UPDATE"),
        ];
        let watched = ["case_events", "follow_ups", "audit_log"];
        each_step_fails_cleanly(&app, db, &steps, &watched, || async {
            let body = json!({"status": "closed", "closure_reason": "advice_only"});
            app.api(Method::POST, &token, &format!("/api/v1/cases/{id}/status"), Some(body)).await.0
        })
        .await;
        let (_, case) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}"), None).await;
        assert_eq!(case["status"], "closed", "{db:?}: {case}");
    }
}

#[tokio::test]
async fn evidence_intake_fails_whole_at_every_step_and_leaves_no_stray_file_for_long() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("counsellor.jaipur").await;
        let id = app.create_case(&token, json!({})).await["id"].as_i64().unwrap();
        let steps = [
            ("evidence_blobs", "INSERT"),
            ("evidence_items", "INSERT"),
            ("evidence_custody", "INSERT"),
            ("audit_log", "INSERT"),
            ("audit_head", "UPDATE"),
        ];
        let watched = ["evidence_blobs", "evidence_items", "evidence_custody", "audit_log"];
        let n = std::sync::atomic::AtomicU32::new(0);
        each_step_fails_cleanly(&app, db, &steps, &watched, || async {
            // A new file each time, so every attempt stores a file of its own.
            let k = n.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let text = format!("statement line {k}: ₹15,000 debited by UPI\n");
            let form = Form::new()
                .text("description", "bank statement")
                .part("file", Part::bytes(text.into_bytes()).file_name("statement.txt"));
            let r = TestApp::http()
                .post(app.url(&format!("/api/v1/cases/{id}/evidence")))
                .bearer_auth(&token)
                .multipart(form)
                .send()
                .await;
            r.unwrap().status().as_u16()
        })
        .await;
        // The five failed attempts each stored a file that no record names; the sweep removes
        // them once they are older than its grace period, and keeps the one with a record.
        let orphans = sahayak::evidence::orphans::find(&app.state).await.unwrap();
        assert_eq!(orphans.len(), steps.len(), "{db:?}: one unrecorded file per failed attempt");
        assert_eq!(
            sahayak::evidence::orphans::remove(&app.state, &orphans, 60).await.unwrap().len(),
            0,
            "{db:?}: too new"
        );
        assert_eq!(sahayak::evidence::orphans::remove(&app.state, &orphans, 0).await.unwrap().len(), steps.len());
        assert!(sahayak::evidence::orphans::find(&app.state).await.unwrap().is_empty());
        let (_, report) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/evidence/verify"), None).await;
        assert_eq!(report["problems"], json!([]), "{db:?}: the recorded file is intact: {report}");
    }
}

/// Every change names itself in the audit log — the action, the record it changed (a new
/// record's own id) — and a case's timeline event and its entry point at each other.
#[tokio::test]
async fn each_change_has_its_audit_entry_naming_what_changed() {
    for db in backends() {
        let app = spawn_app(db).await;
        let jaipur = app.state.store.district_by_code("jaipur").await.unwrap().unwrap().id;
        app.add_user("admin.jaipur", Role::Admin, &[jaipur], Lang::En).await;
        let admin = app.token("admin.jaipur").await;
        let token = app.token("counsellor.jaipur").await;
        let id = app.create_case(&token, json!({})).await["id"].as_i64().unwrap();
        let (s, note) =
            app.api(Method::POST, &token, &format!("/api/v1/cases/{id}/notes"), Some(json!({"body": "called"}))).await;
        assert_eq!(s, 201, "{note}");
        let (s, station) = app
            .api(
                Method::POST,
                &admin,
                "/api/v1/districts/jaipur/stations",
                Some(json!({"name_en": "Cyber PS", "name_hi": "साइबर थाना", "is_default": false, "active": true})),
            )
            .await;
        assert_eq!(s, 201, "{station}");
        let (s, institution) = app
            .api(
                Method::POST,
                &token,
                "/api/v1/awareness/institutions",
                Some(json!({"district": "jaipur", "name": "Govt. School, Sanganer", "kind": "school"})),
            )
            .await;
        assert_eq!(s, 201, "{institution}");

        let pool = sahayak::store::testing::pool(&app.state.store);
        let entries: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT action, subject, detail FROM audit_log
             WHERE action NOT LIKE 'http.%' AND action NOT LIKE 'login.%' AND action <> 'case.read' ORDER BY id",
        )
        .fetch_all(pool)
        .await
        .unwrap();
        let case = format!("case:{id}");
        let actions: Vec<(&str, &str)> = entries.iter().map(|(a, s, _)| (a.as_str(), s.as_str())).collect();
        assert_eq!(
            actions,
            [
                ("case.created", case.as_str()),
                ("case.note", case.as_str()),
                ("directory.station_add", format!("station:{}", station["id"]).as_str()),
                ("awareness.institution_create", format!("institution:{}", institution["id"]).as_str()),
            ],
            "{db:?}"
        );
        // The note's entry names its timeline event.
        assert_eq!(entries[1].2, note["id"].to_string(), "{db:?}");
    }
}
