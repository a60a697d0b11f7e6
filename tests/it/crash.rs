//! Crashes and hang-ups: an acknowledged case survives `kill -9` with exactly its audit entry,
//! and a client that goes away mid-request leaves a whole case or none.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rand::Rng;
use sahayak::store::Store;
use serde_json::{Value, json};
use tokio::io::AsyncWriteExt;

use crate::helpers::{Db, backends, empty_pg_database, spawn_app, valid_case};

const PASS: &str = "long enough pass";

fn sahayak(data: &std::path::Path, url: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sahayak"));
    c.arg("--data-dir").arg(data).args(["--database-url", url]);
    c.env_remove("SAHAYAK_CONFIG").env_remove("SAHAYAK_KEYS").env_remove("SAHAYAK_ADDR");
    c
}

fn run(data: &std::path::Path, url: &str, args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = sahayak(data, url)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn start(data: &std::path::Path, url: &str, port: u16) -> Child {
    let mut child = sahayak(data, url)
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let health = format!("http://127.0.0.1:{port}/healthz");
    for _ in 0..300 {
        if reqwest::get(&health).await.is_ok_and(|r| r.status().is_success()) {
            return child;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    child.kill().unwrap();
    child.wait().unwrap();
    panic!("the server did not start");
}

/// Cases and the audit entries naming them, read straight from the database.
async fn cases_and_entries(url: &str) -> (HashMap<String, i64>, HashMap<String, Vec<String>>) {
    let store = Store::connect(url).await.unwrap();
    let pool = sahayak::store::testing::pool(&store);
    let cases: Vec<(i64, String)> = sqlx::query_as("SELECT id, reference FROM cases").fetch_all(pool).await.unwrap();
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT subject, action FROM audit_log WHERE subject LIKE 'case:%'")
            .fetch_all(pool)
            .await
            .unwrap();
    let mut entries: HashMap<String, Vec<String>> = HashMap::new();
    for (subject, action) in rows {
        entries.entry(subject).or_default().push(action);
    }
    store.close().await;
    (cases.into_iter().map(|(id, r)| (r, id)).collect(), entries)
}

/// Eight desks register cases as fast as they can; the server is killed (SIGKILL) in the middle.
/// Afterwards the audit chain verifies, every case the server acknowledged is there with its one
/// `case.created` entry, and no case is there without it (acknowledged or not).
#[tokio::test]
async fn acknowledged_cases_survive_kill_9_with_their_audit_entries() {
    for db in backends() {
        let data = tempfile::tempdir().unwrap();
        let _pg;
        let url = match db {
            Db::Sqlite => format!("sqlite://{}", data.path().join("sahayak.db").display()),
            Db::Postgres => {
                _pg = empty_pg_database().await;
                _pg.url.clone()
            }
        };
        let out = run(
            data.path(),
            &url,
            &["district", "add", "jaipur", "--prefix", "JPR", "--name-en", "Jaipur", "--name-hi", "जयपुर"],
            "",
        );
        assert!(out.status.success(), "{out:?}");
        let out =
            run(data.path(), &url, &["user", "add", "desk", "--role", "counsellor", "--district", "jaipur"], PASS);
        assert!(out.status.success(), "{out:?}");

        let port = free_port();
        let mut server = start(data.path(), &url, port).await;
        let base = format!("http://127.0.0.1:{port}");
        let http = reqwest::Client::new();
        let login: Value = http
            .post(format!("{base}/api/v1/auth/login"))
            .json(&json!({"username": "desk", "password": PASS}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let token = login["token"].as_str().expect("token").to_owned();

        let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
        let mut clients = Vec::new();
        for _ in 0..8 {
            let (http, base, token, acknowledged) = (http.clone(), base.clone(), token.clone(), acknowledged.clone());
            clients.push(tokio::spawn(async move {
                loop {
                    let sent = http.post(format!("{base}/api/v1/cases")).bearer_auth(&token).json(&valid_case()).send();
                    let Ok(r) = sent.await else { return };
                    if !r.status().is_success() {
                        return;
                    }
                    let Ok(body) = r.json::<Value>().await else { return };
                    acknowledged.lock().unwrap().push(body["reference"].as_str().unwrap().to_owned());
                }
            }));
        }
        // Let them get going, then pull the plug.
        for _ in 0..200 {
            if acknowledged.lock().unwrap().len() >= 40 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        server.kill().unwrap();
        server.wait().unwrap();
        for c in clients {
            c.await.unwrap();
        }
        let acknowledged = acknowledged.lock().unwrap().clone();
        assert!(acknowledged.len() >= 8, "{db:?}: the clients registered cases before the kill");

        let out = run(data.path(), &url, &["audit", "verify"], "");
        assert!(out.status.success(), "{db:?}: audit verify after kill -9: {out:?}");

        let (cases, entries) = cases_and_entries(&url).await;
        for reference in &acknowledged {
            assert!(cases.contains_key(reference), "{db:?}: acknowledged {reference} is gone");
        }
        for (reference, id) in &cases {
            let mine = entries.get(&format!("case:{id}")).cloned().unwrap_or_default();
            let created = mine.iter().filter(|a| *a == "case.created").count();
            assert_eq!(created, 1, "{db:?}: {reference} has exactly one case.created entry: {mine:?}");
        }
        let unique: HashSet<&String> = acknowledged.iter().collect();
        assert_eq!(unique.len(), acknowledged.len(), "{db:?}: references are unique");

        // The server starts again on what the crash left.
        let mut again = start(data.path(), &url, port).await;
        again.kill().unwrap();
        again.wait().unwrap();
    }
}

/// A phone on a weak network: the request is cut at a random point (while the body is being
/// sent, or while the server works on it). Every case that exists afterwards is whole — its
/// tasks, search entry, timeline, audit entry and queue rank — and the audit chain verifies.
#[tokio::test]
async fn a_client_that_hangs_up_leaves_a_whole_case_or_none() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("counsellor.jaipur").await;
        let host = app.addr.trim_start_matches("http://").to_owned();
        let body = valid_case().to_string();
        let mut rng = rand::rng();
        for attempt in 0..60 {
            let request = format!(
                "POST /api/v1/cases HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n\
                 Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            );
            let bytes = request.as_bytes();
            // A third of the attempts stop inside the body; the rest send it all and hang up
            // after up to 30 ms, while the case is being registered.
            let cut =
                if attempt % 3 == 0 { rng.random_range(bytes.len() - body.len()..bytes.len()) } else { bytes.len() };
            let mut s = tokio::net::TcpStream::connect(&host).await.unwrap();
            s.write_all(&bytes[..cut]).await.unwrap();
            tokio::time::sleep(Duration::from_micros(rng.random_range(0..30_000))).await;
            drop(s);
        }
        // Let whatever was in flight finish or roll back.
        tokio::time::sleep(Duration::from_millis(500)).await;

        let pool = sahayak::store::testing::pool(&app.state.store);
        let search = match db {
            Db::Sqlite => "(SELECT COUNT(*) FROM case_fts s WHERE s.rowid = c.id)",
            Db::Postgres => "(SELECT COUNT(*) FROM case_search s WHERE s.case_id = c.id)",
        };
        let rows: Vec<(i64, i64, i64, i64, i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT c.id,
                    (SELECT COUNT(*) FROM case_tasks t WHERE t.case_id = c.id),
                    (SELECT COUNT(*) FROM case_events e WHERE e.case_id = c.id AND e.kind = 'created'),
                    {search},
                    (SELECT COUNT(*) FROM audit_log l WHERE l.subject = 'case:' || c.id AND l.action = 'case.created'),
                    c.queue_rank
             FROM cases c"
        )))
        .fetch_all(pool)
        .await
        .unwrap();
        for (id, tasks, created, search, audited, rank) in &rows {
            assert!(*tasks > 0, "{db:?}: case {id} has its plan tasks");
            assert_eq!((*created, *search, *audited), (1, 1, 1), "{db:?}: case {id} is whole");
            assert_ne!(*rank, 50_000_000_000_000, "{db:?}: case {id} has its place in the queue");
        }
        let (checked, breaks) = app.state.store.audit_verify(&|_| {}).await.unwrap();
        assert!(breaks.is_empty(), "{db:?}: {breaks:?} after {checked} entries");
        eprintln!("{db:?}: {} whole cases after 60 hang-ups", rows.len());
    }
}
