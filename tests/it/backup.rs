//! Backup and restore, run as an operator runs them: a backup taken while the server keeps
//! writing, restored into a fresh database and evidence store (on the same backend and across
//! backends), read back through the API; damaged backups, wrong keys and databases that already
//! hold data are refused without writing anything.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use reqwest::Method;
use reqwest::multipart::{Form, Part};
use sahayak::store::Store;
use sahayak::store::crypto::Keyring;
use serde_json::{Value, json};

use crate::helpers::{
    Db, PgDatabase, TestApp, backends, empty_pg_database, pg_url, serve_existing, spawn_app, valid_case,
};

/// A small but real PNG (1×1).
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\0\x05\0\x01\xff\x89\x99=\x1d\0\0\0\0IEND\xaeB`\x82";

/// Runs `sahayak` on a database and data dir with the given keys (none: no `SAHAYAK_KEYS`), on
/// the blocking pool so the server under test keeps serving meanwhile.
async fn sahayak(data: &Path, url: &str, keys: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sahayak"));
    cmd.arg("--data-dir").arg(data).arg("--database-url").arg(url).args(args).env_remove("SAHAYAK_CONFIG");
    match keys {
        Some(k) => cmd.env("SAHAYAK_KEYS", k),
        None => cmd.env_remove("SAHAYAK_KEYS"),
    };
    tokio::task::spawn_blocking(move || cmd.output().unwrap()).await.unwrap()
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// What the source app held when it was backed up.
struct Source {
    app: TestApp,
    keys: String,
    case_id: i64,
    case: Value,
    trail: Value,
    evidence: Value,
}

impl Source {
    fn data_dir(&self) -> PathBuf {
        self.app.state.config.data_dir.clone()
    }

    fn url(&self) -> String {
        self.app.state.config.database_url.expose().to_owned()
    }

    async fn backup(&self, out: &Path, extra: &[&str]) -> Output {
        let mut args = vec!["backup", "--out", out.to_str().unwrap()];
        args.extend(extra);
        sahayak(&self.data_dir(), &self.url(), Some(&self.keys), &args).await
    }
}

/// Cases in two districts with encrypted fields, a money trail, evidence, notes and reads (so
/// the audit chain has entries of every kind).
async fn populate(db: Db) -> Source {
    let app = spawn_app(db).await;
    let token = app.token("counsellor.jaipur").await;
    let case = app
        .create_case(
            &token,
            json!({"victim_mobile": "+91 98290 77341", "victim_address": "Plot 14, Sector 8, Mansarovar",
                   "narrative": "बिजली बिल के नाम पर ठगी, ₹15,000 कटे"}),
        )
        .await;
    let id = case["id"].as_i64().unwrap();
    let (s, _) = app
        .api(Method::POST, &token, &format!("/api/v1/cases/{id}/notes"), Some(json!({"body": "बैंक को फ़ोन किया"})))
        .await;
    assert_eq!(s, 201, "note");
    let (s, _) = app
        .api(
            Method::POST,
            &token,
            &format!("/api/v1/cases/{id}/trail"),
            Some(
                json!({"layer": "0", "from_account": "50100911223344", "to_account": "33445566778", "amount": "5000"}),
            ),
        )
        .await;
    assert!(s < 300, "trail row: {s}");
    let form = Form::new().part("file", Part::bytes(PNG.to_vec()).file_name("screenshot.png"));
    let r = TestApp::http()
        .post(app.url(&format!("/api/v1/cases/{id}/evidence")))
        .bearer_auth(&token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201, "evidence upload");
    let other = app.token("counsellor.jodhpur").await;
    app.create_case(&other, json!({"district": "jodhpur", "victim_mobile": "70234 81956"})).await;
    // The district directory: an edited station, a district's own tip, a shared tip hidden.
    let store = &app.state.store;
    let jaipur = store.district_by_code("jaipur").await.unwrap().unwrap().id;
    let station = store.stations(jaipur, false).await.unwrap().remove(0);
    let fields = sahayak::store::StationFields {
        name_en: "Cyber Police Station, Jaipur (restored)".into(),
        name_hi: station.name_hi.clone(),
        areas: station.areas.clone(),
        is_default: station.is_default,
        active: true,
        ..Default::default()
    };
    store.update_station(station.id, jaipur, &fields, 1).await.unwrap();
    let shared = store.library_tips(None).await.unwrap().remove(0);
    store.set_tip_hidden(jaipur, shared.id, true, 1).await.unwrap();

    let (_, case) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}"), None).await;
    assert_eq!(case["victim_mobile"], "+919829077341");
    let (_, trail) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/trail"), None).await;
    let (_, evidence) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/evidence"), None).await;
    let keys = app.state.store.keys().to_json();
    Source { app, keys, case_id: id, case, trail, evidence }
}

/// A database to restore into, with its own data dir (evidence storage): a SQLite file that
/// does not exist yet, or a PostgreSQL database without any schema.
struct Target {
    dir: tempfile::TempDir,
    url: String,
    _pg: Option<PgDatabase>,
}

async fn target(db: Db) -> Target {
    let dir = tempfile::tempdir().unwrap();
    match db {
        Db::Sqlite => {
            let url = format!("sqlite://{}", dir.path().join("restored.db").display());
            Target { dir, url, _pg: None }
        }
        Db::Postgres => {
            let pg = empty_pg_database().await;
            Target { dir, url: pg.url.clone(), _pg: Some(pg) }
        }
    }
}

impl Target {
    async fn restore(&self, from: &Path, keys: Option<&str>, extra: &[&str]) -> Output {
        let mut args = vec!["restore", "--from", from.to_str().unwrap()];
        args.extend(extra);
        sahayak(self.dir.path(), &self.url, keys, &args).await
    }

    /// Nothing at all was written: no schema, no rows.
    async fn assert_untouched(&self) {
        let store = Store::connect(&self.url).await.unwrap();
        assert_eq!(store.applied_migrations().await.unwrap(), Vec::<i64>::new(), "no migration was applied");
        assert_eq!(store.first_table_with_data().await.unwrap(), None);
        store.close().await;
    }
}

async fn count(url: &str, table: &str) -> i64 {
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(url).await.unwrap();
    let n = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
        .fetch_one(&pool)
        .await
        .unwrap();
    pool.close().await;
    n
}

fn manifest(dir: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap()
}

/// The manifest's row count of a table.
fn rows_of(manifest: &Value, table: &str) -> i64 {
    manifest["tables"].as_array().unwrap().iter().find(|t| t["name"] == table).unwrap()["rows"].as_i64().unwrap()
}

/// Registers cases through the API until told to stop; returns how many.
fn keep_writing(app: &TestApp, token: String) -> (Arc<AtomicBool>, tokio::task::JoinHandle<usize>) {
    let stop = Arc::new(AtomicBool::new(false));
    let url = app.url("/api/v1/cases");
    let flag = stop.clone();
    let handle = tokio::spawn(async move {
        let mut n = 0;
        while !flag.load(Ordering::Relaxed) {
            let r = TestApp::http().post(&url).bearer_auth(&token).json(&valid_case()).send().await.unwrap();
            assert_eq!(r.status(), 201);
            n += 1;
        }
        n
    });
    (stop, handle)
}

async fn round_trip(from: Db, to: Db) {
    let src = populate(from).await;
    let backups = tempfile::tempdir().unwrap();
    let out = backups.path().join("backup-1");

    // Act: back up while the server keeps registering cases.
    let token = src.app.token("supervisor").await;
    let (stop, writer) = keep_writing(&src.app, token);
    let made = src.backup(&out, &["--with-evidence"]).await;
    stop.store(true, Ordering::Relaxed);
    let written = writer.await.unwrap();
    assert!(made.status.success(), "{from:?}: {}", text(&made));
    assert!(written > 0, "cases were registered while the backup ran");
    assert!(text(&made).contains("key file"), "the output tells to keep the key file: {}", text(&made));
    let m = manifest(&out);
    assert_eq!(m["evidence"]["included"], true);
    assert_eq!(m["evidence"]["files"].as_array().unwrap().len(), 1);

    let target = target(to).await;
    let restored = target.restore(&out, Some(&src.keys), &[]).await;
    assert!(restored.status.success(), "{from:?} -> {to:?}: {}", text(&restored));
    assert!(text(&restored).contains("The audit log is intact"), "{}", text(&restored));

    // The same rows as the snapshot, table by table; the snapshot is consistent although
    // cases were being written (the audit chain ends where the manifest says).
    for t in m["tables"].as_array().unwrap() {
        let name = t["name"].as_str().unwrap();
        assert_eq!(count(&target.url, name).await, t["rows"].as_i64().unwrap(), "{from:?} -> {to:?}: rows of {name}");
    }
    assert!(count(&src.url(), "cases").await >= rows_of(&m, "cases"));
    let audit = sahayak(target.dir.path(), &target.url, Some(&src.keys), &["audit", "verify"]).await;
    assert!(audit.status.success(), "{}", text(&audit));
    let anchor = format!("{}:{}", m["audit_head"]["id"], m["audit_head"]["hash"].as_str().unwrap());
    let audit =
        sahayak(target.dir.path(), &target.url, Some(&src.keys), &["audit", "verify", "--anchor", &anchor]).await;
    assert!(audit.status.success(), "{}", text(&audit));
    let evidence = sahayak(target.dir.path(), &target.url, Some(&src.keys), &["evidence", "verify"]).await;
    assert!(evidence.status.success(), "{}", text(&evidence));

    // The restored app reads the case back as it was, decrypted, and finds it by word and mobile.
    let url = target.url.clone();
    let app = serve_existing(&url, target.dir, Keyring::from_json(&src.keys).unwrap()).await;
    let token = app.token("counsellor.jaipur").await;
    let id = src.case_id;
    let (s, case) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}"), None).await;
    assert_eq!(s, 200);
    assert_eq!(case, src.case, "{from:?} -> {to:?}");
    let (_, trail) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/trail"), None).await;
    assert_eq!(trail, src.trail);
    assert_eq!(trail["rows"][0]["from_account"], "50100911223344");
    let (_, evidence) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/evidence"), None).await;
    assert_eq!(evidence, src.evidence);
    let (_, verified) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/evidence/verify"), None).await;
    assert_eq!(verified["ok"], true, "{verified}");
    let (_, found) = app.api(Method::GET, &token, "/api/v1/cases?q=%E0%A4%A0%E0%A4%97%E0%A5%80", None).await;
    assert!(found["items"].as_array().unwrap().iter().any(|c| c["id"] == id), "search by word: {found}");
    let (_, found) = app.api(Method::GET, &token, "/api/v1/cases?q=9829077341", None).await;
    assert_eq!(found["items"][0]["id"], id, "search by mobile");
    let (_, stations) = app.api(Method::GET, &token, "/api/v1/districts/jaipur/stations", None).await;
    assert!(stations.to_string().contains("Cyber Police Station, Jaipur (restored)"), "{from:?} -> {to:?}");
    let (_, tips) = app.api(Method::GET, &token, "/api/v1/districts/jaipur/tips", None).await;
    assert_eq!(tips.as_array().unwrap().iter().filter(|t| t["hidden"] == true).count(), 1, "{from:?} -> {to:?}");
    // New rows get new ids (PostgreSQL's sequences were moved past the restored ones).
    let new = app.create_case(&token, json!({})).await;
    assert!(new["id"].as_i64().unwrap() > id);
    drop(app);
    drop(target._pg);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn round_trip_on_sqlite_while_the_server_works() {
    round_trip(Db::Sqlite, Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn round_trip_on_postgres_while_the_server_works() {
    if pg_url().is_none() {
        return eprintln!("notice: SAHAYAK_TEST_DATABASE_URL is not set; skipped");
    }
    round_trip(Db::Postgres, Db::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_restores_across_backends() {
    if pg_url().is_none() {
        return eprintln!("notice: SAHAYAK_TEST_DATABASE_URL is not set; skipped");
    }
    round_trip(Db::Sqlite, Db::Postgres).await;
    round_trip(Db::Postgres, Db::Sqlite).await;
}

#[tokio::test]
async fn every_table_in_the_schema_is_covered_by_backups() {
    for db in backends() {
        let app = spawn_app(db).await;
        assert_eq!(app.state.store.tables_not_covered_by_backup().await.unwrap(), Vec::<String>::new(), "{db:?}");
    }
}

/// Replaces the first `from` in a file of the backup with `to` (same length).
fn tamper(path: &Path, from: &[u8], to: &[u8]) {
    let mut bytes = std::fs::read(path).unwrap();
    let at = bytes.windows(from.len()).position(|w| w == from).expect("text to tamper with");
    bytes[at..at + from.len()].copy_from_slice(to);
    std::fs::write(path, bytes).unwrap();
}

#[tokio::test]
async fn a_damaged_backup_is_refused_and_nothing_is_written() {
    for db in backends() {
        let src = populate(db).await;
        let backups = tempfile::tempdir().unwrap();
        let out = backups.path().join("b");
        assert!(src.backup(&out, &["--with-evidence"]).await.status.success());
        let target = target(db).await;

        // A row edited (a reference moved to another district).
        let cases = out.join("tables/cases.jsonl");
        let original = std::fs::read(&cases).unwrap();
        tamper(&cases, b"JPR", b"JDH");
        let r = target.restore(&out, Some(&src.keys), &[]).await;
        assert!(!r.status.success());
        assert!(text(&r).contains("the backup is damaged: tables/cases.jsonl"), "{db:?}: {}", text(&r));
        assert!(text(&r).contains("nothing was restored"));
        target.assert_untouched().await;
        std::fs::write(&cases, original).unwrap();

        // An evidence file changed.
        let sha = manifest(&out)["evidence"]["files"][0]["sha256"].as_str().unwrap().to_owned();
        let file = out.join(format!("evidence/{}/{sha}", &sha[..2]));
        let png = std::fs::read(&file).unwrap();
        let mut perms = std::fs::metadata(&file).unwrap().permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        perms.set_readonly(false);
        std::fs::set_permissions(&file, perms).unwrap();
        tamper(&file, b"IHDR", b"IHDX");
        let r = target.restore(&out, Some(&src.keys), &[]).await;
        assert!(!r.status.success());
        assert!(text(&r).contains(&format!("evidence/{}/{sha} does not match", &sha[..2])), "{}", text(&r));
        target.assert_untouched().await;
        std::fs::write(&file, png).unwrap();

        // A row removed, with the manifest's hash "fixed" to match: the count gives it away.
        let users = out.join("tables/users.jsonl");
        let kept: Vec<String> =
            std::fs::read_to_string(&users).unwrap().lines().skip(1).map(|l| format!("{l}\n")).collect();
        std::fs::write(&users, kept.concat()).unwrap();
        let mut m = manifest(&out);
        let entry = m["tables"].as_array_mut().unwrap().iter_mut().find(|t| t["name"] == "users").unwrap();
        entry["sha256"] = json!(hex::encode(<sha2::Sha256 as sha2::Digest>::digest(kept.concat().as_bytes())));
        std::fs::write(out.join("manifest.json"), serde_json::to_vec(&m).unwrap()).unwrap();
        let r = target.restore(&out, Some(&src.keys), &[]).await;
        assert!(!r.status.success());
        assert!(text(&r).contains("tables/users.jsonl has"), "{}", text(&r));
        target.assert_untouched().await;

        // Not a backup at all.
        let r = target.restore(backups.path(), Some(&src.keys), &[]).await;
        assert!(text(&r).contains("is not a Sahayak backup"), "{}", text(&r));
    }
}

#[tokio::test]
async fn restore_into_a_database_with_data_is_refused_unless_forced() {
    for db in backends() {
        let src = populate(db).await;
        let backups = tempfile::tempdir().unwrap();
        let out = backups.path().join("b");
        assert!(src.backup(&out, &[]).await.status.success());

        // Another centre's database, in use.
        let other = spawn_app(db).await;
        let token = other.token("counsellor.jaipur").await;
        other.create_case(&token, json!({})).await;
        let (data, url) = (other.state.config.data_dir.clone(), other.state.config.database_url.expose().to_owned());
        let r = sahayak(&data, &url, Some(&src.keys), &["restore", "--from", out.to_str().unwrap()]).await;
        assert!(!r.status.success());
        assert!(text(&r).contains("already holds data") && text(&r).contains("--force"), "{db:?}: {}", text(&r));
        assert_eq!(count(&url, "cases").await, 1, "nothing changed");

        // With --force the database is replaced by the backup. (Its evidence storage does not
        // hold the source's file, which the restore reports.)
        let r = sahayak(&data, &url, Some(&src.keys), &["restore", "--from", out.to_str().unwrap(), "--force"]).await;
        assert!(text(&r).contains("The audit log is intact"), "{db:?}: {}", text(&r));
        assert!(text(&r).contains("1 file(s) the database refers to are NOT in storage"), "{}", text(&r));
        assert!(!r.status.success(), "missing evidence is a failure the operator must see");
        assert_eq!(count(&url, "cases").await, rows_of(&manifest(&out), "cases"));
        let restored = Store::connect(&url).await.unwrap().with_keys(Keyring::from_json(&src.keys).unwrap());
        assert_eq!(restored.case(src.case_id).await.unwrap().fields.victim_mobile, "+919829077341");
        restored.close().await;
    }
}

#[tokio::test]
async fn restore_with_another_installations_keys_is_refused() {
    let src = populate(Db::Sqlite).await;
    let backups = tempfile::tempdir().unwrap();
    let out = backups.path().join("b");
    assert!(src.backup(&out, &[]).await.status.success());
    let target = target(Db::Sqlite).await;

    let wrong = Keyring::generate().to_json();
    let r = target.restore(&out, Some(&wrong), &[]).await;
    assert!(!r.status.success());
    assert!(text(&r).contains("cannot decrypt"), "{}", text(&r));
    target.assert_untouched().await;

    // No key file at all: refused, and no new key file is made up.
    let r = target.restore(&out, None, &[]).await;
    assert!(text(&r).contains("no key file was found"), "{}", text(&r));
    assert!(!target.dir.path().join("sahayak.keys").exists());
    target.assert_untouched().await;
}

#[tokio::test]
async fn a_failed_backup_leaves_nothing_behind() {
    let src = populate(Db::Sqlite).await;
    let backups = tempfile::tempdir().unwrap();
    let out = backups.path().join("b");

    // An evidence file has gone missing from storage.
    let sha = src.evidence["items"][0]["sha256"].as_str().unwrap().to_owned();
    let blob = src.data_dir().join(format!("evidence/blobs/{}/{}/{sha}", &sha[..2], &sha[2..4]));
    std::fs::remove_file(&blob).unwrap();
    let r = src.backup(&out, &["--with-evidence"]).await;
    assert!(!r.status.success());
    assert!(text(&r).contains(&format!("evidence file {sha} is missing")), "{}", text(&r));
    assert_eq!(std::fs::read_dir(backups.path()).unwrap().count(), 0, "no backup and no partial directory");

    // Without the files the backup lists them; an existing directory is never overwritten.
    assert!(src.backup(&out, &[]).await.status.success());
    let r = src.backup(&out, &[]).await;
    assert!(!r.status.success());
    assert!(text(&r).contains("already exists"), "{}", text(&r));
}

#[tokio::test]
async fn without_evidence_files_the_restore_names_the_missing_ones() {
    let src = populate(Db::Sqlite).await;
    let backups = tempfile::tempdir().unwrap();
    let out = backups.path().join("b");
    assert!(src.backup(&out, &[]).await.status.success());
    let sha = src.evidence["items"][0]["sha256"].as_str().unwrap().to_owned();
    assert_eq!(manifest(&out)["evidence"], json!({"included": false, "files": [{"sha256": sha, "size": PNG.len()}]}));

    let target = target(Db::Sqlite).await;
    let r = target.restore(&out, Some(&src.keys), &[]).await;
    assert!(!r.status.success());
    assert!(text(&r).contains(&sha), "{}", text(&r));
    assert!(text(&r).contains("The audit log is intact"), "the database itself was restored: {}", text(&r));

    // Once the operator copies the evidence storage across, everything verifies.
    let from = src.data_dir().join(format!("evidence/blobs/{}/{}/{sha}", &sha[..2], &sha[2..4]));
    let to = target.dir.path().join(format!("evidence/blobs/{}/{}/{sha}", &sha[..2], &sha[2..4]));
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(from, to).unwrap();
    let v = sahayak(target.dir.path(), &target.url, Some(&src.keys), &["evidence", "verify"]).await;
    assert!(v.status.success(), "{}", text(&v));
}

/// Failure injection: the target refuses the audit log's rows (loaded after the cases, their
/// timelines and evidence records). The restore fails and leaves the database without a row;
/// healed, the same backup restores.
#[tokio::test]
async fn a_restore_that_fails_half_way_restores_nothing() {
    for db in backends() {
        let src = populate(db).await;
        let backups = tempfile::tempdir().unwrap();
        let out = backups.path().join("b");
        assert!(src.backup(&out, &["--with-evidence"]).await.status.success());
        let target = target(db).await;
        let migrated = sahayak(target.dir.path(), &target.url, Some(&src.keys), &["migrate"]).await;
        assert!(migrated.status.success(), "{}", text(&migrated));
        let store = Store::connect(&target.url).await.unwrap();
        crate::faults::break_writes(&store, db, "audit_log", "INSERT").await;

        let r = target.restore(&out, Some(&src.keys), &[]).await;
        assert!(!r.status.success(), "{db:?}: {}", text(&r));
        assert_eq!(store.first_table_with_data().await.unwrap(), None, "{db:?}: no row was left behind");
        let stored = walkdir_files(&target.dir.path().join("evidence"));
        assert!(stored.is_empty(), "{db:?}: no evidence file was copied: {stored:?}");

        crate::faults::heal(&store, db, "audit_log").await;
        let r = target.restore(&out, Some(&src.keys), &[]).await;
        assert!(r.status.success(), "{db:?}: {}", text(&r));
        assert!(text(&r).contains("The audit log is intact"), "{}", text(&r));
        store.close().await;
    }
}

/// Every file under `dir`, skipping the spool (none if it does not exist).
fn walkdir_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                if !p.ends_with("spool") {
                    stack.push(p);
                }
            } else {
                out.push(p);
            }
        }
    }
    out
}
