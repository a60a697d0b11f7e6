//! The test harness: the real app on a random port, on a fresh database per test.
//!
//! SQLite runs everywhere. PostgreSQL runs when `SAHAYAK_TEST_DATABASE_URL` is set (CI sets
//! it); then a test fails, not skips, if the server cannot be reached. Each PostgreSQL test
//! gets its own database, cloned from a template migrated once per schema version.

use std::sync::atomic::{AtomicU64, Ordering};

use sahayak::config::Config;
use sahayak::store::crypto::Keyring;
use sahayak::store::{NewDistrict, NewUser, Store};
use sahayak::web::AppState;
use sahayak_domain::access::Role;
use sahayak_domain::case::Lang;
use serde_json::{Value, json};

pub const PASSWORD: &str = "correct horse battery";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// Both backends where PostgreSQL is configured; SQLite alone (with a notice) elsewhere.
pub fn backends() -> Vec<Db> {
    if pg_url().is_some() {
        vec![Db::Sqlite, Db::Postgres]
    } else {
        static NOTICE: std::sync::Once = std::sync::Once::new();
        NOTICE.call_once(|| {
            eprintln!("notice: SAHAYAK_TEST_DATABASE_URL is not set; PostgreSQL tests are skipped (CI sets it)")
        });
        vec![Db::Sqlite]
    }
}

pub fn pg_url() -> Option<String> {
    std::env::var("SAHAYAK_TEST_DATABASE_URL").ok().filter(|u| !u.is_empty())
}

pub struct TestApp {
    pub addr: String,
    /// The database URL (another server can be started on the same database).
    pub url: String,
    pub state: AppState,
    _dir: tempfile::TempDir,
    pg_db: Option<String>,
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

pub async fn spawn_app(db: Db) -> TestApp {
    spawn_app_with(db, |_| {}).await
}

/// Like [`spawn_app`], with the configuration adjusted first (limits, storage...).
pub async fn spawn_app_with(db: Db, adjust: impl FnOnce(&mut Config)) -> TestApp {
    spawn_app_on(db, adjust, std::sync::Arc::new(sahayak::clock::SystemClock)).await
}

/// Like [`spawn_app`], on a clock the test sets (every "now" of the server comes from it).
pub async fn spawn_app_at(db: Db, clock: std::sync::Arc<sahayak::clock::SetClock>) -> TestApp {
    spawn_app_on(db, |_| {}, clock).await
}

async fn spawn_app_on(
    db: Db,
    adjust: impl FnOnce(&mut Config),
    clock: std::sync::Arc<dyn sahayak::clock::Clock>,
) -> TestApp {
    let app = spawn_empty_app_on(db, adjust, clock).await;
    let jaipur = app
        .state
        .store
        .ensure_district(&NewDistrict { code: "jaipur", prefix: "JPR", name_en: "Jaipur", name_hi: "जयपुर" })
        .await
        .unwrap()
        .id;
    let jodhpur = app
        .state
        .store
        .ensure_district(&NewDistrict {
            code: "jodhpur", prefix: "JDH", name_en: "Jodhpur", name_hi: "जोधपुर"
        })
        .await
        .unwrap()
        .id;
    app.add_user("counsellor.jaipur", Role::Counsellor, &[jaipur], Lang::Hi).await;
    app.add_user("counsellor.jodhpur", Role::Counsellor, &[jodhpur], Lang::Hi).await;
    app.add_user("supervisor", Role::Supervisor, &[jaipur, jodhpur], Lang::En).await;
    app.add_user("auditor.jaipur", Role::Auditor, &[jaipur], Lang::En).await;
    app
}

/// The app on a fresh, migrated database with no districts and no staff (the demo loads its own).
pub async fn spawn_empty_app(db: Db) -> TestApp {
    spawn_empty_app_on(db, |_| {}, std::sync::Arc::new(sahayak::clock::SystemClock)).await
}

async fn spawn_empty_app_on(
    db: Db,
    adjust: impl FnOnce(&mut Config),
    clock: std::sync::Arc<dyn sahayak::clock::Clock>,
) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let (url, pg_db) = match db {
        Db::Sqlite => (format!("sqlite://{}", dir.path().join("test.db").display()), None),
        Db::Postgres => {
            let (url, name) = pg_database().await;
            (url, Some(name))
        }
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = format!("http://{}", listener.local_addr().unwrap());
    let mut config = Config::for_tests(&url, dir.path());
    // Links the server writes out (sign-in links, feedback QR codes) lead back to it.
    config.public_url = Some(addr.clone());
    adjust(&mut config);
    let store = Store::connect(&url).await.expect("database reachable").with_clock(clock);
    store.migrate(&|_, _, _| {}).await.expect("migrations apply");
    let state = AppState::new(store, config);
    tokio::spawn(sahayak::web::serve(listener, state.clone()));
    TestApp { addr, url, state, _dir: dir, pg_db }
}

/// The app on a database that already holds its data (a restored backup), reading encrypted
/// fields with `keys`; no districts or users are added.
pub async fn serve_existing(url: &str, dir: tempfile::TempDir, keys: Keyring) -> TestApp {
    let config = Config::for_tests(url, dir.path());
    let store = Store::connect(url).await.expect("database reachable").with_keys(keys);
    store.migrate(&|_, _, _| {}).await.expect("migrations apply");
    let state = AppState::new(store, config);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(sahayak::web::serve(listener, state.clone()));
    TestApp { addr, url: url.to_owned(), state, _dir: dir, pg_db: None }
}

/// A fresh PostgreSQL database cloned from the migrated template.
async fn pg_database() -> (String, String) {
    let base = pg_url().expect("PostgreSQL URL");
    let admin = sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .connect(&base)
        .await
        .unwrap_or_else(|e| panic!("SAHAYAK_TEST_DATABASE_URL is set but PostgreSQL cannot be reached: {e}"));
    let template = format!("sahayak_tpl_{}", schema_fingerprint());
    // One process at a time builds the template (nextest runs tests in separate processes).
    sqlx::query("SELECT pg_advisory_lock(8675309)").execute(&admin).await.unwrap();
    let exists: Option<i32> = sqlx::query_scalar("SELECT 1 FROM pg_database WHERE datname = $1")
        .bind(&template)
        .fetch_optional(&admin)
        .await
        .unwrap();
    if exists.is_none() {
        let tmp = format!("{template}_building");
        let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {tmp} WITH (FORCE)")))
            .execute(&admin)
            .await;
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {tmp}"))).execute(&admin).await.unwrap();
        let store = Store::connect(&with_db(&base, &tmp)).await.unwrap();
        store.migrate(&|_, _, _| {}).await.expect("migrations apply on PostgreSQL");
        store.close().await;
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("ALTER DATABASE {tmp} RENAME TO {template}")))
            .execute(&admin)
            .await
            .unwrap();
    }
    let name = format!("sahayak_t_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed));
    let created =
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name} TEMPLATE {template}"))).execute(&admin).await;
    sqlx::query("SELECT pg_advisory_unlock(8675309)").execute(&admin).await.unwrap();
    created.unwrap();
    admin.close().await;
    (with_db(&base, &name), name)
}

/// Changes when any migration changes, so a stale template is never reused.
fn schema_fingerprint() -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/postgres")).unwrap() {
        let path = entry.unwrap().path();
        h.update(path.file_name().unwrap().to_string_lossy().as_bytes());
        h.update(std::fs::read(&path).unwrap());
    }
    hex::encode(&h.finalize()[..6])
}

fn with_db(url: &str, db: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let root = base.rsplit_once('/').map_or(base, |(r, _)| r);
    match query {
        Some(q) => format!("{root}/{db}?{q}"),
        None => format!("{root}/{db}"),
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(name) = self.pg_db.take() {
            drop_pg_database(name);
        }
    }
}

/// Drop runs outside async; a short-lived runtime on its own thread does the cleanup.
fn drop_pg_database(name: String) {
    let base = pg_url().expect("PostgreSQL URL");
    let _ = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            if let Ok(admin) = sqlx::postgres::PgPoolOptions::new().max_connections(1).connect(&base).await {
                let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")))
                    .execute(&admin)
                    .await;
            }
        });
    })
    .join();
}

/// A PostgreSQL database of a test's own, without any schema (a restore target), dropped when
/// this is dropped.
pub struct PgDatabase {
    pub url: String,
    name: String,
}

pub async fn empty_pg_database() -> PgDatabase {
    let base = pg_url().expect("PostgreSQL URL");
    let admin = sqlx::postgres::PgPoolOptions::new().max_connections(1).connect(&base).await.unwrap();
    let name = format!("sahayak_e_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed));
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&admin).await.unwrap();
    admin.close().await;
    PgDatabase { url: with_db(&base, &name), name }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        drop_pg_database(std::mem::take(&mut self.name));
    }
}

impl TestApp {
    pub async fn add_user(&self, name: &str, role: Role, districts: &[i64], lang: Lang) -> i64 {
        let hash = self.state.passwords.hash(PASSWORD.into()).await.unwrap();
        self.state
            .store
            .create_user(&NewUser { username: name, display_name: name, password_hash: &hash, role, lang, districts })
            .await
            .unwrap()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.addr)
    }

    pub fn http() -> reqwest::Client {
        reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
    }

    /// A bearer token for `user`.
    pub async fn token(&self, user: &str) -> String {
        self.token_for(user, PASSWORD).await
    }

    /// A bearer token for `user` with this password.
    pub async fn token_for(&self, user: &str, password: &str) -> String {
        let r = Self::http()
            .post(self.url("/api/v1/auth/login"))
            .json(&json!({"username": user, "password": password}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "login of {user}");
        r.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_owned()
    }

    pub async fn api(&self, method: reqwest::Method, token: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut req = Self::http().request(method, self.url(path)).bearer_auth(token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let r = req.send().await.unwrap();
        let status = r.status().as_u16();
        let text = r.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }

    /// Registers a valid case through the API and returns its JSON.
    pub async fn create_case(&self, token: &str, overrides: Value) -> Value {
        let mut body = valid_case();
        for (k, v) in overrides.as_object().unwrap() {
            body[k] = v.clone();
        }
        let (status, case) = self.api(reqwest::Method::POST, token, "/api/v1/cases", Some(body)).await;
        assert_eq!(status, 201, "{case}");
        case
    }

    /// A browser-like client (cookies, no automatic redirects) signed in as `user`.
    pub async fn browser(&self, user: &str) -> Browser {
        let client =
            reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let page = client.get(self.url("/login")).send().await.unwrap().text().await.unwrap();
        let csrf = csrf_of(&page);
        let r = client
            .post(self.url("/login"))
            .form(&[("username", user), ("password", PASSWORD), ("csrf", &csrf), ("next", "/cases")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "UI sign-in of {user}");
        Browser { client, base: self.addr.clone() }
    }
}

pub struct Browser {
    pub client: reqwest::Client,
    base: String,
}

impl Browser {
    pub async fn get(&self, path: &str) -> (u16, String) {
        let r = self.client.get(format!("{}{path}", self.base)).send().await.unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    }

    /// Gets a download: status, content type and the body's bytes.
    pub async fn get_bytes(&self, path: &str) -> (u16, String, Vec<u8>) {
        let r = self.client.get(format!("{}{path}", self.base)).send().await.unwrap();
        let kind = r.headers().get("content-type").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
        (r.status().as_u16(), kind, r.bytes().await.unwrap().to_vec())
    }

    /// Posts a form; returns status, the redirect target (if any) and the body.
    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> (u16, Option<String>, String) {
        let r = self.client.post(format!("{}{path}", self.base)).form(form).send().await.unwrap();
        let location = r.headers().get("location").map(|l| l.to_str().unwrap().to_owned());
        (r.status().as_u16(), location, r.text().await.unwrap())
    }

    /// The anti-forgery token of the page at `path`.
    pub async fn csrf(&self, path: &str) -> String {
        csrf_of(&self.get(path).await.1)
    }
}

pub fn csrf_of(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("input[name=csrf]").unwrap();
    doc.select(&sel).next().and_then(|e| e.value().attr("value")).expect("page has a form token").to_owned()
}

/// Texts of elements matching `selector`.
pub fn texts(html: &str, selector: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel).map(|e| e.text().collect::<String>().trim().to_owned()).collect()
}

pub fn valid_case() -> Value {
    json!({
        "district": "jaipur",
        "channel": "walk_in",
        "victim_name": "सुनीता मीणा",
        "victim_mobile": "98290 12345",
        "victim_lang": "hi",
        "narrative": "मेरे साथ UPI पर ठगी हुई। किसी ने बिजली बिल के नाम पर कॉल किया और ₹15,000 कटवा लिए।",
        "category": "Online Financial Fraud",
        "sub_category": "UPI Related Frauds",
        "scam_pattern": "kyc_otp",
        "amount_lost_paise": 1_500_000,
        "payment_channel": "upi"
    })
}
