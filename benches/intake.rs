//! The foundation benchmark: seed a large case file, then measure over real HTTP
//!   - case creation with 8 concurrent clients (requests/s, p50/p95/p99),
//!   - the case list (first page, filtered, deep page) and search (Hindi word, English word,
//!     mobile number, reference) latency at that size.
//!
//! `cargo bench --bench intake -- --cases 1000000` (SQLite under a temp dir by default;
//! `--database-url postgres://...` for PostgreSQL; `--data-dir D` keeps the seeded database
//! for the next run).

use std::sync::Arc;
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sahayak::config::Config;
use sahayak::store::{CaseFields, NewCase, NewDistrict, NewUser, Store};
use sahayak::web::AppState;
use sahayak_domain::access::Role;
use sahayak_domain::case::{Channel, Lang, PaymentChannel, ScamPattern};
use serde_json::json;

struct Args {
    cases: u64,
    database_url: Option<String>,
    data_dir: Option<std::path::PathBuf>,
    concurrency: usize,
    seconds: u64,
}

fn args() -> Args {
    let mut a = Args { cases: 1_000_000, database_url: None, data_dir: None, concurrency: 8, seconds: 20 };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--cases" => a.cases = value().parse().expect("--cases N"),
            "--database-url" => a.database_url = Some(value()),
            "--data-dir" => a.data_dir = Some(value().into()),
            "--concurrency" => a.concurrency = value().parse().expect("--concurrency N"),
            "--seconds" => a.seconds = value().parse().expect("--seconds N"),
            "--bench" => {}
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

const HI_WORDS: &[&str] = &[
    "ठगी",
    "पैसे",
    "खाते",
    "कॉल",
    "बैंक",
    "अधिकारी",
    "ओटीपी",
    "लिंक",
    "बिजली",
    "बिल",
    "पार्सल",
    "पुलिस",
    "धमकी",
    "नौकरी",
    "टास्क",
    "निवेश",
    "मुनाफ़ा",
    "लोन",
    "ऐप",
    "फोटो",
    "वीडियो",
    "केवाईसी",
    "अपडेट",
    "सिम",
    "बंद",
    "रिफंड",
    "इनाम",
    "लॉटरी",
];
const EN_WORDS: &[&str] = &[
    "fraud",
    "upi",
    "refund",
    "customer",
    "care",
    "courier",
    "parcel",
    "cbi",
    "officer",
    "telegram",
    "task",
    "youtube",
    "likes",
    "investment",
    "trading",
    "profit",
    "loan",
    "app",
    "morphed",
    "photos",
    "instagram",
    "hacked",
    "otp",
    "kyc",
    "electricity",
    "bill",
    "link",
    "qr",
    "scan",
    "olx",
    "army",
    "buyer",
    "lottery",
    "prize",
    "job",
    "whatsapp",
];
const NAMES: &[&str] = &[
    "सुनीता",
    "मीणा",
    "रामेश्वर",
    "शर्मा",
    "Pooja",
    "Rathore",
    "Imran",
    "Khan",
    "गीता",
    "जाट",
    "Vikram",
    "Singh",
    "Kavita",
    "Joshi",
    "मोहन",
    "लाल",
    "Neha",
    "Saini",
    "Arjun",
    "Choudhary",
];
const CATEGORIES: &[(&str, Option<&str>, ScamPattern)] = &[
    ("Online Financial Fraud", Some("UPI Related Frauds"), ScamPattern::UpiQr),
    ("Online Financial Fraud", Some("Fraud Call/Vishing"), ScamPattern::KycOtp),
    ("Online Financial Fraud", Some("Debit/Credit Card Fraud/Sim Swap Fraud"), ScamPattern::SimSwap),
    ("Online Financial Fraud", Some("Internet Banking Related Fraud"), ScamPattern::Phishing),
    ("Online and Social Media Related Crime", Some("Online Job Fraud"), ScamPattern::TaskJob),
    ("Online and Social Media Related Crime", Some("Profile Hacking/Identity Theft"), ScamPattern::SocialMediaHacking),
    ("Cryptocurrency Crime", None, ScamPattern::Investment),
    ("Any Other Cyber Crime", Some("Cyber blackmailing/threatening"), ScamPattern::Sextortion),
];

fn random_case(rng: &mut StdRng, district: (i64, &str), user: i64, at: i64) -> NewCase {
    let words: Vec<&str> = (0..rng.random_range(25..60))
        .map(|_| {
            if rng.random_bool(0.5) {
                HI_WORDS[rng.random_range(0..HI_WORDS.len())]
            } else {
                EN_WORDS[rng.random_range(0..EN_WORDS.len())]
            }
        })
        .collect();
    let narrative = words.join(" ");
    let name = format!("{} {}", NAMES[rng.random_range(0..NAMES.len())], NAMES[rng.random_range(0..NAMES.len())]);
    let (category, sub, scam) = CATEGORIES[rng.random_range(0..CATEGORIES.len())];
    let mobile = format!("+919{:09}", rng.random_range(0..1_000_000_000u64));
    let fields = CaseFields {
        channel: Channel::ALL[rng.random_range(0..Channel::ALL.len())],
        victim_name: name,
        victim_mobile: mobile,
        victim_lang: if rng.random_bool(0.8) { Lang::Hi } else { Lang::En },
        victim_age: Some(rng.random_range(16..80)),
        victim_gender: None,
        victim_address: None,
        narrative,
        incident_at: Some(at - 3_600_000),
        noticed_at: Some(at - 1_800_000),
        taxonomy_version: "ncrp-2024".into(),
        category: category.into(),
        sub_category: sub.map(Into::into),
        category_other: None,
        scam_pattern: scam,
        amount_lost_paise: Some(rng.random_range(100..5_000_000) * 100),
        payment_channel: Some(PaymentChannel::Upi),
        suspect_details: None,
        pasted_messages: None,
        money_left: Some(sahayak_domain::case::MoneyLeft::Yes),
        money_left_at: Some(at - 3_600_000),
    };
    let search_text = sahayak::cases::input::search_terms(&fields);
    NewCase {
        district_id: district.0,
        year: 2026,
        prefix: district.1.into(),
        fields,
        assignee_id: None,
        created_by: user,
        at,
        search_text,
        tasks: Vec::new(),
        remember_district_for: None,
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn summary(label: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "| {label} | {} | {:.2} | {:.2} | {:.2} |",
        samples.len(),
        ms(percentile(&samples, 0.50)),
        ms(percentile(&samples, 0.95)),
        ms(percentile(&samples, 0.99))
    );
}

fn main() {
    let a = args();
    let temp = tempfile::tempdir().unwrap();
    let data_dir = a.data_dir.clone().unwrap_or_else(|| temp.path().to_owned());
    std::fs::create_dir_all(&data_dir).unwrap();
    let url = a.database_url.clone().unwrap_or_else(|| format!("sqlite://{}", data_dir.join("bench.db").display()));
    let server_rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let (state, base) = server_rt.block_on(async {
        let store = Store::connect(&url).await.expect("database");
        store.migrate(&|_, _, _| {}).await.expect("migrate");
        let state = AppState::new(store, Config::for_tests(&url, &data_dir));
        seed(&state, a.cases).await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(sahayak::web::serve(listener, state.clone()));
        (state, base)
    });
    let client_rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    client_rt.block_on(measure(&a, &state, &base));
    drop(server_rt);
}

async fn seed(state: &AppState, target: u64) {
    let store = &state.store;
    let mut districts = Vec::new();
    for (code, prefix, en, hi) in [("jaipur", "JPR", "Jaipur", "जयपुर"), ("jodhpur", "JDH", "Jodhpur", "जोधपुर")]
    {
        let d = store.ensure_district(&NewDistrict { code, prefix, name_en: en, name_hi: hi }).await.unwrap();
        districts.push((d.id, d.prefix));
    }
    let user = match store.user_for_login("bench").await.unwrap() {
        Some((u, _)) => u.id,
        None => {
            let hash = state.passwords.hash("bench-password".into()).await.unwrap();
            let ids: Vec<i64> = districts.iter().map(|d| d.0).collect();
            store
                .create_user(&NewUser {
                    username: "bench",
                    display_name: "Bench",
                    password_hash: &hash,
                    role: Role::Supervisor,
                    lang: Lang::En,
                    districts: &ids,
                })
                .await
                .unwrap()
        }
    };
    let have = store.count_cases().await.unwrap() as u64;
    if have >= target {
        eprintln!("database already holds {have} cases; not seeding");
        return;
    }
    let bar = indicatif::ProgressBar::new(target - have);
    bar.set_style(indicatif::ProgressStyle::with_template("seeding {bar:40} {pos}/{len} {per_sec} eta {eta}").unwrap());
    let mut rng = StdRng::seed_from_u64(have);
    let start_ms = chrono::Utc::now().timestamp_millis() - 5 * 365 * 86_400_000;
    let started = Instant::now();
    let mut done = have;
    while done < target {
        let n = (target - done).min(2_000);
        let batch: Vec<NewCase> = (0..n)
            .map(|i| {
                let d = &districts[((done + i) % 2) as usize];
                random_case(&mut rng, (d.0, &d.1), user, start_ms + ((done + i) as i64) * 150_000)
            })
            .collect();
        store.insert_cases_bulk(&batch).await.unwrap();
        done += n;
        bar.inc(n);
    }
    bar.finish_and_clear();
    eprintln!("seeded {} cases in {:.0?}", target - have, started.elapsed());
}

async fn measure(a: &Args, state: &AppState, base: &str) {
    let http = reqwest::Client::new();
    let token: String = http
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"username": "bench", "password": "bench-password"}))
        .send()
        .await
        .unwrap()
        .json::<serde_json::Value>()
        .await
        .unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let total = state.store.count_cases().await.unwrap();
    println!("\n{} cases in {:?} ({})\n", total, state.store.backend(), std::env::consts::ARCH);

    // Case creation: `concurrency` clients, each sending one request after another.
    let deadline = Instant::now() + Duration::from_secs(a.seconds);
    let latencies = Arc::new(std::sync::Mutex::new(Vec::new()));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..a.concurrency {
        let (http, token, base, latencies) = (http.clone(), token.clone(), base.to_owned(), latencies.clone());
        tasks.push(tokio::spawn(async move {
            let mut n = 0u64;
            while Instant::now() < deadline {
                let body = json!({
                    "district": if (c + n as usize).is_multiple_of(2) { "jaipur" } else { "jodhpur" },
                    "channel": "helpline_call",
                    "victim_name": "बेंचमार्क पीड़ित",
                    "victim_mobile": format!("9{:09}", (c as u64) * 10_000_000 + n),
                    "narrative": "कॉल करने वाले ने बैंक अधिकारी बनकर ओटीपी पूछा और UPI से ₹9,999 काट लिए। refund ke naam par link bheja.",
                    "category": "Online Financial Fraud", "sub_category": "UPI Related Frauds",
                    "scam_pattern": "kyc_otp", "amount_lost_paise": 999_900, "payment_channel": "upi"
                });
                let t = Instant::now();
                let r = http.post(format!("{base}/api/v1/cases")).bearer_auth(&token).json(&body).send().await.unwrap();
                assert_eq!(r.status(), 201);
                let _ = r.bytes().await;
                latencies.lock().unwrap().push(t.elapsed());
                n += 1;
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let elapsed = started.elapsed();
    let created = latencies.lock().unwrap().clone();
    println!("| what | requests | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|");
    let rate = created.len() as f64 / elapsed.as_secs_f64();
    summary(&format!("create case, {} clients ({rate:.0} req/s)", a.concurrency), created);

    let get = |path: String| {
        let (http, token) = (http.clone(), token.clone());
        let url = format!("{base}{path}");
        async move {
            let t = Instant::now();
            let r = http.get(&url).bearer_auth(&token).send().await.unwrap();
            assert_eq!(r.status(), 200, "{url}");
            let _ = r.bytes().await;
            t.elapsed()
        }
    };
    let mid = total / 2;
    let probe: serde_json::Value = http
        .get(format!("{base}/api/v1/cases?limit=1"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let newest_ref = probe["items"][0]["reference"].as_str().unwrap_or_default().to_owned();
    let newest_id = probe["items"][0]["id"].as_i64().unwrap_or(1);
    let queries: Vec<(&str, String)> = vec![
        ("list: first page (50)", "/api/v1/cases".into()),
        ("list: status=new", "/api/v1/cases?status=new".into()),
        ("list: district + category", "/api/v1/cases?district=jodhpur&category=Cryptocurrency%20Crime".into()),
        ("list: deep page (keyset)", format!("/api/v1/cases?before={}", newest_id - mid)),
        ("search: Hindi word (ठगी)", "/api/v1/cases?q=%E0%A4%A0%E0%A4%97%E0%A5%80".into()),
        ("search: two words (upi refund)", "/api/v1/cases?q=upi%20refund".into()),
        ("search: rare word (lottery army)", "/api/v1/cases?q=lottery%20army%20olx".into()),
        ("search: mobile number", "/api/v1/cases?q=9000000123".into()),
        ("search: reference", format!("/api/v1/cases?q={newest_ref}")),
    ];
    for (label, path) in queries {
        for _ in 0..5 {
            get(path.clone()).await; // warm caches
        }
        let mut samples = Vec::new();
        for _ in 0..200 {
            samples.push(get(path.clone()).await);
        }
        summary(label, samples);
    }
}
