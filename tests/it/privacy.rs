//! Personal data: reads are audited in a tamper-evident chain; sensitive fields are encrypted
//! at rest; keys rotate.

use std::process::Command;

use reqwest::Method;
use serde_json::json;

use crate::helpers::{Db, backends, spawn_app, texts};

#[tokio::test]
async fn every_read_of_a_case_is_audited_and_supervisors_see_who_looked() {
    for db in backends() {
        let app = spawn_app(db).await;
        let counsellor = app.token("counsellor.jaipur").await;
        let case = app.create_case(&counsellor, json!({})).await;
        let id = case["id"].as_i64().unwrap();
        app.api(Method::GET, &counsellor, &format!("/api/v1/cases/{id}"), None).await;
        let outsider = app.token("counsellor.jodhpur").await;
        app.api(Method::GET, &outsider, &format!("/api/v1/cases/{id}"), None).await;

        let entries = app.state.store.audit_for(&format!("case:{id}"), 10).await.unwrap();
        let actions: Vec<(&str, Option<&str>)> =
            entries.iter().map(|(e, who)| (e.action.as_str(), who.as_deref())).collect();
        assert!(actions.contains(&("case.read", Some("counsellor.jaipur"))), "{db:?}: {actions:?}");
        assert!(actions.contains(&("case.denied", Some("counsellor.jodhpur"))), "{db:?}: {actions:?}");
        assert!(entries.iter().all(|(e, _)| e.address == "127.0.0.1"), "from where");

        // Supervisors see the log on the case page; counsellors do not.
        let reference = case["reference"].as_str().unwrap();
        let (_, page) = app.browser("supervisor").await.get(&format!("/cases/{reference}")).await;
        let log = texts(&page, "#access-log li");
        assert!(log.iter().any(|l| l.contains("counsellor.jodhpur") && l.contains("another district")), "{log:?}");
        let (_, page) = app.browser("counsellor.jaipur").await.get(&format!("/cases/{reference}")).await;
        assert!(texts(&page, "#access-log").is_empty());

        // Sign-ins and changes are in the chain too, and it verifies.
        let (checked, breaks) = app.state.store.audit_verify(&|_| {}).await.unwrap();
        assert!(breaks.is_empty(), "{db:?}: {breaks:?}");
        assert!(checked >= 6, "{db:?}: {checked}");
    }
}

/// Runs `sahayak audit verify` on a SQLite database.
fn verify(data: &std::path::Path, db: &std::path::Path, extra: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_sahayak"))
        .arg("--data-dir")
        .arg(data)
        .arg("--database-url")
        .arg(format!("sqlite://{}", db.display()))
        .args(["audit", "verify"])
        .args(extra)
        .output()
        .unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[tokio::test]
async fn audit_verify_names_edited_deleted_and_reordered_entries() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("supervisor").await;
    for _ in 0..3 {
        let c = app.create_case(&token, json!({})).await;
        app.api(Method::GET, &token, &format!("/api/v1/cases/{}", c["id"]), None).await;
    }
    let dir = tempfile::tempdir().unwrap();
    // The commands below read the copy with the server's keys, as an operator's would.
    app.state.store.keys().save(&dir.path().join("sahayak.keys")).unwrap();
    let db = dir.path().join("copy.db");
    let store = &app.state.store;
    let path = db.display().to_string().replace('\'', "''");
    sahayak::store::testing::execute(store, &format!("VACUUM INTO '{path}'")).await.unwrap();
    let (ok, out) = verify(dir.path(), &db, &[]);
    assert!(ok, "{out}");
    let anchor = {
        let o = Command::new(env!("CARGO_BIN_EXE_sahayak"))
            .arg("--data-dir")
            .arg(dir.path())
            .arg("--database-url")
            .arg(format!("sqlite://{}", db.display()))
            .args(["audit", "anchor"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).trim().to_owned()
    };
    let head: i64 = anchor.split(':').next().unwrap().parse().unwrap();

    let tamper = |sql: &str| {
        let copy = dir.path().join(format!("t{}.db", rand_suffix()));
        std::fs::copy(&db, &copy).unwrap();
        run_sql_on(&copy)(sql);
        copy
    };
    // Edited.
    let t = tamper("UPDATE audit_log SET detail = 'nothing to see' WHERE id = 3");
    let (ok, out) = verify(dir.path(), &t, &[]);
    assert!(!ok && out.contains("entry 3 was changed"), "{out}");
    // Deleted from the middle.
    let t = tamper("DELETE FROM audit_log WHERE id = 4");
    let (ok, out) = verify(dir.path(), &t, &[]);
    assert!(!ok && out.contains("between 3 and 5 are missing"), "{out}");
    // Reordered: two entries swap places.
    let t = tamper(
        "UPDATE audit_log SET id = -1 WHERE id = 5; UPDATE audit_log SET id = 5 WHERE id = 6; UPDATE audit_log SET id = 6 WHERE id = -1",
    );
    let (ok, out) = verify(dir.path(), &t, &[]);
    assert!(!ok && out.contains("entry 5 does not follow"), "{out}");
    // The last entry deleted, and the head moved back to hide it: the anchor catches it.
    let t = tamper(&format!(
        "DELETE FROM audit_log WHERE id = {head}; UPDATE audit_head SET last_id = {prev}, last_hash = (SELECT hash FROM audit_log WHERE id = {prev})",
        prev = head - 1
    ));
    let (ok, _) = verify(dir.path(), &t, &[]);
    assert!(ok, "without an anchor a clean cut at the end cannot be seen");
    let (ok, out) = verify(dir.path(), &t, &["--anchor", &anchor]);
    assert!(!ok && out.contains("entries were removed"), "{out}");
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

/// Runs SQL on a SQLite file, on a runtime of its own.
fn run_sql_on(path: &std::path::Path) -> impl Fn(&str) {
    let url = format!("sqlite://{}", path.display());
    move |sql: &str| {
        let url = url.clone();
        let sql = sql.to_owned();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            rt.block_on(async {
                let pool = sqlx::sqlite::SqlitePoolOptions::new().max_connections(1).connect(&url).await.unwrap();
                sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&pool).await.unwrap();
                pool.close().await;
            })
        })
        .join()
        .unwrap();
    }
}

#[tokio::test]
async fn sensitive_fields_are_not_readable_in_the_database_file() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let case = app
        .create_case(&token, json!({"victim_mobile": "98290 77341", "victim_address": "Plot 14, Sector 8, Mansarovar"}))
        .await;
    let id = case["id"].as_i64().unwrap();
    app.api(
        Method::POST,
        &token,
        &format!("/api/v1/cases/{id}/trail"),
        Some(json!({"layer": "0", "from_account": "50100911223344", "to_account": "33445566778", "amount": "5000"})),
    )
    .await;
    sahayak::store::testing::execute(&app.state.store, "PRAGMA wal_checkpoint(TRUNCATE)").await.unwrap();
    let url = app.state.config.database_url.expose().trim_start_matches("sqlite://").to_owned();
    let mut bytes = std::fs::read(&url).unwrap();
    bytes.extend(std::fs::read(format!("{url}-wal")).unwrap_or_default());
    let raw = String::from_utf8_lossy(&bytes);
    for secret in ["9829077341", "Plot 14", "50100911223344", "33445566778"] {
        assert!(!raw.contains(secret), "{secret} is readable in the database file");
    }
    // The application still reads them, and still finds the case by mobile.
    let (_, back) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}"), None).await;
    assert_eq!(back["victim_mobile"], "+919829077341");
    assert_eq!(back["victim_address"], "Plot 14, Sector 8, Mansarovar");
    let (_, found) = app.api(Method::GET, &token, "/api/v1/cases?q=%2B91-98290-77341", None).await;
    assert_eq!(found["items"][0]["id"], id);
    let (_, trail) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/trail"), None).await;
    assert_eq!(trail["rows"][0]["from_account"], "50100911223344");
}

#[tokio::test]
async fn key_rotation_reencrypts_everything_and_old_keys_are_still_needed_until_then() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("counsellor.jaipur").await;
        let case = app.create_case(&token, json!({"victim_address": "Ratanada, Jodhpur"})).await;
        let id = case["id"].as_i64().unwrap();
        let mut keys = app.state.store.keys().clone();
        keys.rotate();
        let rotated = app.state.store.clone().with_keys(keys.clone());
        let changed = rotated.reencrypt_all().await.unwrap();
        assert!(changed >= 2, "{db:?}: mobile and address at least, got {changed}");
        assert_eq!(rotated.reencrypt_all().await.unwrap(), 0, "nothing left on the old key");
        let back = rotated.case(id).await.unwrap();
        assert_eq!(back.fields.victim_address.as_deref(), Some("Ratanada, Jodhpur"));
        // The mobile's search index does not change with the key.
        let (_, found) = app.api(Method::GET, &token, "/api/v1/cases?q=9829012345", None).await;
        assert_eq!(found["items"][0]["id"], id, "{db:?}");
        // A keyring without the new key cannot read the re-encrypted values.
        let stale = app.state.store.clone().with_keys(sahayak::store::crypto::Keyring::generate());
        assert!(stale.case(id).await.is_err());
    }
}

#[tokio::test]
async fn consent_per_purpose_guardians_for_children_and_supervisor_overrides() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("counsellor.jaipur").await;
        let child = app.create_case(&token, json!({"victim_age": 15, "scam_pattern": "sextortion"})).await;
        let id = child["id"].as_i64().unwrap();
        let path = format!("/api/v1/cases/{id}/consents");
        let (s, p) =
            app.api(Method::POST, &token, &path, Some(json!({"purpose": "referral_police", "given": true}))).await;
        assert_eq!((s, p["errors"][0]["code"].as_str()), (422, Some("consent-guardian-needed")), "{db:?}");
        let (s, rows) = app
            .api(
                Method::POST,
                &token,
                &path,
                Some(json!({"purpose": "counselling", "given": true, "given_by": "guardian", "guardian_name": "Ramesh Meena"})),
            )
            .await;
        assert_eq!(s, 200, "{rows}");
        let counselling = rows.as_array().unwrap().iter().find(|r| r["purpose"] == "counselling").unwrap();
        assert_eq!(
            (counselling["status"].as_str(), counselling["guardian_name"].as_str()),
            (Some("given"), Some("Ramesh Meena"))
        );

        // Referral needs consent; a counsellor cannot override, a supervisor can, with a reason.
        let store = &app.state.store;
        let counsellor = store.user_for_login("counsellor.jaipur").await.unwrap().unwrap().0;
        let supervisor = store.user_for_login("supervisor").await.unwrap().unwrap().0;
        let handle = sahayak::cases::access::open(&app.state, &supervisor, id).await.unwrap();
        let r = sahayak::privacy::consent::require_or_override(&app.state, &counsellor, &handle, "referral_police", "")
            .await;
        assert!(matches!(r, Err(sahayak::web::AppError::Invalid(_))));
        let r = sahayak::privacy::consent::require_or_override(
            &app.state,
            &counsellor,
            &handle,
            "referral_police",
            "urgent",
        )
        .await;
        assert!(matches!(r, Err(sahayak::web::AppError::Forbidden)));
        sahayak::privacy::consent::require_or_override(
            &app.state,
            &supervisor,
            &handle,
            "referral_police",
            "child at risk",
        )
        .await
        .unwrap();
        let log = store.audit_for(&format!("case:{id}"), 20).await.unwrap();
        assert!(
            log.iter().any(|(e, _)| e.action == "consent.override" && e.detail.contains("child at risk")),
            "{db:?}"
        );
        sahayak::privacy::consent::require_or_override(&app.state, &counsellor, &handle, "counselling", "")
            .await
            .unwrap();

        // The case page tells of the POCSO duty.
        let (_, page) = app
            .browser("counsellor.jaipur")
            .await
            .get(&format!("/cases/{}", child["reference"].as_str().unwrap()))
            .await;
        assert!(texts(&page, "#consent [role=alert]")[0].contains("पॉक्सो"), "{db:?}");
    }
}
