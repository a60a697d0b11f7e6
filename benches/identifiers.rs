//! Identifier linking at state scale: seed 2 million cases with 10 million identifier links,
//! then report the lookup latency ("which cases mention this identifier?") in-process and the
//! time to compute the fraud rings.
//!
//! `cargo bench --bench identifiers -- [--cases 2000000] [--links 10000000] [--data-dir DIR]`
//!
//! Seeding writes rows directly (multi-row inserts) rather than through intake, which would
//! take hours at this size; the tables and indexes are the application's own, from its
//! migrations. About one link in ten goes to an identifier of one of 50,000 "rings" (groups of
//! four identifiers shared by a handful of cases); the rest are unique, as most are in life.

use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sahayak::store::{NewDistrict, Scope, Store};
use sahayak_domain::identifiers::IdKind;
use sqlx::AssertSqlSafe;

struct Args {
    cases: u64,
    links: u64,
    data_dir: Option<std::path::PathBuf>,
}

fn args() -> Args {
    let mut a = Args { cases: 2_000_000, links: 10_000_000, data_dir: None };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--cases" => a.cases = value().parse().expect("--cases N"),
            "--links" => a.links = value().parse().expect("--links N"),
            "--data-dir" => a.data_dir = Some(value().into()),
            "--bench" => {}
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

const RINGS: u64 = 50_000;
const PER_RING: u64 = 4;
const KINDS: [IdKind; 5] = [IdKind::Phone, IdKind::Upi, IdKind::BankAccount, IdKind::Domain, IdKind::Handle];

/// The value of identifier number `n` (deterministic, so lookups can pick existing ones).
fn value_of(n: u64) -> (IdKind, String) {
    let kind = KINDS[(n % KINDS.len() as u64) as usize];
    let v = match kind {
        IdKind::Phone => format!("+919{:09}", n % 1_000_000_000),
        IdKind::Upi => format!("payee{n}@ybl"),
        IdKind::BankAccount => format!("{:014}", 10_000_000_000_000 + n),
        IdKind::Domain => format!("offer-{n}.in"),
        _ => format!("telegram:chan{n}"),
    };
    (kind, v)
}

fn main() {
    let a = args();
    let temp = tempfile::tempdir().unwrap();
    let dir = a.data_dir.clone().unwrap_or_else(|| temp.path().to_owned());
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}", dir.join("identifiers.db").display());
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(async {
        let store = Store::connect(&url).await.unwrap();
        store.migrate(&|_, _, _| {}).await.unwrap();
        seed(&store, &url, &a).await;
        measure(&store).await;
    });
}

async fn seed(store: &Store, url: &str, a: &Args) {
    let have = store.count_cases().await.unwrap() as u64;
    if have >= a.cases {
        eprintln!("database already holds {have} cases; not seeding");
        return;
    }
    let d = store
        .ensure_district(&NewDistrict { code: "jaipur", prefix: "JPR", name_en: "Jaipur", name_hi: "जयपुर" })
        .await
        .unwrap();
    let raw = sqlx::sqlite::SqlitePoolOptions::new().max_connections(1).connect(url).await.unwrap();
    sqlx::query("PRAGMA synchronous = OFF").execute(&raw).await.unwrap();
    sqlx::query(AssertSqlSafe(
        "INSERT INTO users (id, username, display_name, password_hash, role, lang, active, created_at)
         VALUES (1, 'bench', 'Bench', 'x', 'supervisor', 'en', 1, 0) ON CONFLICT DO NOTHING",
    ))
    .execute(&raw)
    .await
    .unwrap();
    let started = Instant::now();
    let mut rng = StdRng::seed_from_u64(7);
    let bar = indicatif::ProgressBar::new(a.cases);
    const BATCH: u64 = 500;
    let links_per_case = a.links / a.cases;
    let mut next_identifier = RINGS * PER_RING; // 0.. are the rings' shared identifiers
    let mut tx = raw.begin().await.unwrap();
    let mut case = 1u64;
    while case <= a.cases {
        let end = (case + BATCH).min(a.cases + 1);
        let mut cases = String::from(
            "INSERT INTO cases (id, reference, district_id, channel, status, victim_name, victim_mobile, victim_lang,
             narrative, taxonomy_version, category, scam_pattern, amount_lost_paise, created_by, created_at, updated_at) VALUES ",
        );
        let mut idents = String::from("INSERT INTO identifiers (id, kind, value, created_at) VALUES ");
        let mut links = String::from(
            "INSERT INTO case_identifiers (case_id, identifier_id, district_id, raw, source, confirmed_by, confirmed_at, case_created_at) VALUES ",
        );
        let (mut first_ident, mut first_link) = (true, true);
        for c in case..end {
            let at = 1_600_000_000_000 + (c as i64) * 60_000;
            if c > case {
                cases.push(',');
            }
            cases.push_str(&format!(
                "({c}, 'JPR-2026-{c:09}', {}, 'walk_in', 'new', 'v', '+919000000000', 'hi', 'n', 'ncrp-2024',
                  'Online Financial Fraud', 'upi_qr', {}, 1, {at}, {at})",
                d.id,
                rng.random_range(1_000..5_000_000) * 100
            ));
            let ring = if rng.random_bool(0.4) { Some(rng.random_range(0..RINGS)) } else { None };
            let mut chosen = Vec::with_capacity(links_per_case as usize);
            for l in 0..links_per_case {
                let id = match ring {
                    Some(r) if l == 0 => r * PER_RING + rng.random_range(0..PER_RING),
                    _ => {
                        next_identifier += 1;
                        next_identifier
                    }
                };
                if chosen.contains(&id) {
                    continue;
                }
                chosen.push(id);
                let (kind, value) = value_of(id);
                if !first_ident {
                    idents.push(',');
                }
                first_ident = false;
                idents.push_str(&format!("({}, '{}', '{}', {at})", id + 1, kind.as_str(), value));
                if !first_link {
                    links.push(',');
                }
                first_link = false;
                links.push_str(&format!("({c}, {}, {}, 'r', 'narrative', 1, {at}, {at})", id + 1, d.id));
            }
        }
        sqlx::query(AssertSqlSafe(cases)).execute(&mut *tx).await.unwrap();
        if !first_ident {
            idents.push_str(" ON CONFLICT DO NOTHING");
            sqlx::query(AssertSqlSafe(idents)).execute(&mut *tx).await.unwrap();
        }
        if !first_link {
            sqlx::query(AssertSqlSafe(links)).execute(&mut *tx).await.unwrap();
        }
        bar.inc(end - case);
        case = end;
        if case % 50_000 < BATCH {
            tx.commit().await.unwrap();
            tx = raw.begin().await.unwrap();
        }
    }
    tx.commit().await.unwrap();
    bar.finish_and_clear();
    let links: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM case_identifiers").fetch_one(&raw).await.unwrap();
    eprintln!("seeded {} cases and {links} links in {:.0?}", a.cases, started.elapsed());
}

fn percentiles(mut v: Vec<Duration>) -> (f64, f64, f64) {
    v.sort();
    let at = |p: f64| v[((v.len() - 1) as f64 * p).round() as usize].as_secs_f64() * 1000.0;
    (at(0.5), at(0.99), at(1.0))
}

async fn measure(store: &Store) {
    let cases = store.count_cases().await.unwrap();
    let (links, identifiers) = store.count_identifier_links().await.unwrap();
    println!("\n{cases} cases, {links} identifier links, {identifiers} distinct identifiers (SQLite)\n");
    println!("| what | samples | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|");
    for (label, max_id) in
        [("lookup: any identifier", None), ("lookup: a ring's shared identifier", Some((RINGS * PER_RING) as i64))]
    {
        let sample = store.sample_identifiers(2_100, max_id).await.unwrap();
        let mut samples = Vec::new();
        for (i, (kind, value)) in sample.iter().enumerate() {
            let t = Instant::now();
            let ident = store.identifier(*kind, value).await.unwrap().expect("sampled identifiers exist");
            let cases = store.identifier_cases(&[ident.id], None, &Scope::All, 10).await.unwrap();
            assert!(!cases.is_empty());
            if i >= 100 {
                samples.push(t.elapsed());
            }
        }
        let (p50, p99, max) = percentiles(samples.clone());
        println!("| {label} (identifier + its cases) | {} | {p50:.3} | {p99:.3} | {max:.3} |", samples.len());
    }
    let t = Instant::now();
    let set = sahayak::identifiers::compute_rings(store).await.unwrap();
    let in_rings: usize = set.rings.iter().map(|r| r.cases.len()).sum();
    println!(
        "\nfraud rings: {} rings covering {in_rings} cases, computed in {:.2} s\n",
        set.rings.len(),
        t.elapsed().as_secs_f64()
    );
}
