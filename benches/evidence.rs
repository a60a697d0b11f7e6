//! Evidence ingest: a 1 GiB file uploaded over HTTP to the running app (multipart, streamed into
//! a spool file while hashed, moved into the vault, recorded), next to `openssl dgst -sha256` of
//! the same file in the same run; then the vault's re-hash (`sahayak evidence verify`'s work).
//!
//! `cargo bench --bench evidence` (`-- --mib 256` for a smaller file; `--dir D` for where the
//! file and the data go: a disk, not a RAM filesystem).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use sahayak::config::Config;
use sahayak::store::{NewDistrict, NewUser, Store};
use sahayak::web::AppState;
use sahayak_domain::access::Role;
use sahayak_domain::case::Lang;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn args() -> (u64, Option<PathBuf>) {
    let (mut mib, mut dir) = (1024, None);
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        match flag.as_str() {
            "--mib" => mib = it.next().and_then(|v| v.parse().ok()).expect("--mib N"),
            "--dir" => dir = it.next().map(PathBuf::from),
            "--bench" => {}
            other => panic!("unknown argument {other}"),
        }
    }
    (mib, dir)
}

/// Incompressible bytes, made fast (xorshift), written once.
fn make_file(path: &Path, mib: u64) {
    let mut f = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path).unwrap());
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut buf = vec![0u8; 1 << 20];
    for _ in 0..mib {
        for chunk in buf.chunks_exact_mut(8) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            chunk.copy_from_slice(&x.to_le_bytes());
        }
        f.write_all(&buf).unwrap();
    }
    f.flush().unwrap();
}

fn mbps(bytes: u64, secs: f64) -> f64 {
    bytes as f64 / 1e6 / secs
}

/// `openssl dgst -sha256 FILE`: its digest and its time.
fn openssl(path: &Path) -> (String, f64) {
    let started = Instant::now();
    let out =
        std::process::Command::new("openssl").args(["dgst", "-sha256", "-r"]).arg(path).output().expect("openssl");
    let secs = started.elapsed().as_secs_f64();
    let text = String::from_utf8(out.stdout).unwrap();
    (text.split_whitespace().next().unwrap().to_owned(), secs)
}

fn main() {
    let (mib, dir) = args();
    let base_dir = dir.unwrap_or_else(|| {
        // Next to the build, on disk (a temp dir may be memory).
        PathBuf::from(std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into())).join("bench-evidence")
    });
    std::fs::create_dir_all(&base_dir).unwrap();
    let work = tempfile::tempdir_in(&base_dir).unwrap();
    let file = work.path().join("upload.bin");
    let size = mib << 20;
    eprintln!("making a {mib} MiB file in {}", work.path().display());
    make_file(&file, mib);
    openssl(&file); // brings the file into the page cache, like the upload's read below

    let data_dir = work.path().join("data");
    let url = format!("sqlite://{}", data_dir.join("bench.db").display());
    std::fs::create_dir_all(&data_dir).unwrap();
    let server_rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let (state, addr, token, case_id) = server_rt.block_on(async {
        let store = Store::connect(&url).await.unwrap();
        store.migrate(&|_, _, _| {}).await.unwrap();
        let state = AppState::new(store, Config::for_tests(&url, &data_dir));
        let d = state
            .store
            .ensure_district(&NewDistrict {
                code: "jaipur", prefix: "JPR", name_en: "Jaipur", name_hi: "जयपुर"
            })
            .await
            .unwrap();
        let hash = state.passwords.hash("bench-password".into()).await.unwrap();
        state
            .store
            .create_user(&NewUser {
                username: "bench",
                display_name: "Bench",
                password_hash: &hash,
                role: Role::Counsellor,
                lang: Lang::En,
                districts: &[d.id],
            })
            .await
            .unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        tokio::spawn(sahayak::web::serve(listener, state.clone()));
        let http = reqwest::Client::new();
        let token = http
            .post(format!("http://{addr}/api/v1/auth/login"))
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
        let case: serde_json::Value = http
            .post(format!("http://{addr}/api/v1/cases"))
            .bearer_auth(&token)
            .json(&json!({"channel": "walk_in", "victim_name": "Bench", "victim_mobile": "9829012345",
                "narrative": "benchmark", "category": "Online Financial Fraud", "sub_category": "UPI Related Frauds",
                "scam_pattern": "upi_qr"}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        (state, addr, token, case["id"].as_i64().unwrap())
    });

    // The client: a plain connection writing the multipart body from the file, 1 MiB at a time.
    let client_rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let (status, body, upload_secs) = client_rt.block_on(async {
        let boundary = "sahayak-bench-boundary";
        let head = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"call-recording.bin\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        );
        let tail = format!("\r\n--{boundary}--\r\n");
        let length = head.len() as u64 + size + tail.len() as u64;
        let started = Instant::now();
        let mut s = tokio::net::TcpStream::connect(&addr).await.unwrap();
        let request = format!(
            "POST /api/v1/cases/{case_id}/evidence HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\
             Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n{head}"
        );
        s.write_all(request.as_bytes()).await.unwrap();
        let mut f = tokio::fs::File::open(&file).await.unwrap();
        let mut buf = vec![0u8; 1 << 20];
        loop {
            let n = f.read(&mut buf).await.unwrap();
            if n == 0 {
                break;
            }
            s.write_all(&buf[..n]).await.unwrap();
        }
        s.write_all(tail.as_bytes()).await.unwrap();
        let mut response = String::new();
        s.read_to_string(&mut response).await.unwrap();
        let secs = started.elapsed().as_secs_f64();
        let status = response.split_whitespace().nth(1).unwrap_or_default().to_owned();
        (status, response, secs)
    });
    let (digest, openssl_secs) = openssl(&file);
    assert_eq!(status, "201", "{body}");
    assert!(body.contains(&digest), "the vault's hash is openssl's");

    // Re-hashing the stored file, as `sahayak evidence verify` does.
    let verify_secs = server_rt.block_on(async {
        let items = state.store.evidence_items(case_id).await.unwrap();
        let started = Instant::now();
        let reports = sahayak::evidence::verify::check_items(&state.store, state.evidence.blobs(), &items, &|_| {})
            .await
            .unwrap();
        assert!(reports.iter().all(|r| r.findings.is_empty()));
        started.elapsed().as_secs_f64()
    });

    let upload = mbps(size, upload_secs);
    let reference = mbps(size, openssl_secs);
    println!("evidence ingest of a {mib} MiB file ({size} bytes), same run:");
    println!("  upload over HTTP (hash + spool + store + record): {upload:>7.0} MB/s  ({upload_secs:.2} s)");
    println!("  openssl dgst -sha256 of the same file:           {reference:>7.0} MB/s  ({openssl_secs:.2} s)");
    println!("  ratio: {:.2} of openssl's rate (goal: at least 0.5)", upload / reference);
    println!(
        "  re-hash of the stored file (evidence verify):     {:>7.0} MB/s  ({verify_secs:.2} s)",
        mbps(size, verify_secs)
    );
    drop(server_rt);
}
