//! The evidence vault: uploads (API and browser), limits, interrupted uploads, type sniffing,
//! deduplication, custody, tampering detected, the bundle checked by the real `sha256sum -c`,
//! and S3 storage against a local S3 server.

use std::path::{Path, PathBuf};
use std::time::Duration;

use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use crate::helpers::{Db, TestApp, backends, spawn_app, spawn_app_with, texts};

/// A small but real PNG (1×1), whatever name it is sent under.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\0\x05\0\x01\xff\x89\x99=\x1d\0\0\0\0IEND\xaeB`\x82";
const CHAT: &str =
    "12/03/26, 10:45 - +91 98290 12345: आपका बिजली कनेक्शन आज रात काट दिया जाएगा। तुरंत 9876543210 पर कॉल करें\n";

fn sha_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

fn file_part(data: &[u8], name: &str) -> Part {
    Part::bytes(data.to_vec()).file_name(name.to_owned())
}

/// Sends an upload to the API; returns status and JSON.
async fn upload(app: &TestApp, token: &str, case_id: i64, form: Form) -> (u16, Value) {
    let r = TestApp::http()
        .post(app.url(&format!("/api/v1/cases/{case_id}/evidence")))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

fn evidence_dir(app: &TestApp) -> PathBuf {
    app.state.config.data_dir.join("evidence")
}

/// Every file under `dir` (none if it does not exist).
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() { stack.push(p) } else { out.push(p) }
        }
    }
    out
}

async fn new_case(app: &TestApp, token: &str) -> (i64, String) {
    let case = app.create_case(token, json!({})).await;
    (case["id"].as_i64().unwrap(), case["reference"].as_str().unwrap().to_owned())
}

async fn verify(app: &TestApp, token: &str, case_id: i64) -> Value {
    let (s, v) = app.api(Method::GET, token, &format!("/api/v1/cases/{case_id}/evidence/verify"), None).await;
    assert_eq!(s, 200, "{v}");
    v
}

/// Plays the intruder with direct database access.
async fn sql(app: &TestApp, statement: &str) {
    sahayak::store::testing::execute(&app.state.store, statement).await.unwrap();
}

fn codes(v: &Value) -> Vec<String> {
    v["problems"].as_array().unwrap().iter().map(|p| p["code"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn files_are_hashed_typed_by_their_bytes_and_stored_once() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("counsellor.jaipur").await;
        let (case_id, _) = new_case(&app, &token).await;
        let form = Form::new()
            .text("description", "स्क्रीनशॉट और चैट")
            .text("capture_method", "screenshot")
            .text("device_type", "mobile")
            .text("device_make_model", "Redmi Note 12")
            .text("device_id", "356938035643809")
            .text("captured_by", "Victim")
            .text("captured_at", "2026-03-12T10:45")
            .text("captured_where", "Jaipur")
            .part("file", file_part(PNG, "bank statement.pdf"))
            .part("file", file_part(CHAT.as_bytes(), "WhatsApp Chat.txt"));
        let (s, v) = upload(&app, &token, case_id, form).await;
        assert_eq!(s, 201, "{db:?} {v}");
        let items = v["items"].as_array().unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0]["sha256"], sha_hex(PNG));
        assert_eq!(items[0]["mime"], "image/png", "the bytes, not the .pdf name");
        assert_eq!(items[0]["original_name"], "bank statement.pdf");
        assert_eq!(items[0]["size_bytes"], PNG.len());
        assert_eq!(items[0]["device_id"], "356938035643809");
        assert_eq!(items[0]["captured_at"], "2026-03-12T05:15:00.000Z", "IST as typed, UTC as stored");
        assert_eq!(items[1]["mime"], "text/plain");
        assert_eq!(items[1]["sha256"], sha_hex(CHAT.as_bytes()));

        // The same screenshot again, under another name: linked again, stored once.
        let (s, v) = upload(&app, &token, case_id, Form::new().part("file", file_part(PNG, "../../copy.png"))).await;
        assert_eq!(s, 201, "{v}");
        assert_eq!(v["items"][0]["sha256"], sha_hex(PNG));
        assert_eq!(v["items"][0]["original_name"], "copy.png", "a sent name is never a path");
        let (_, list) = app.api(Method::GET, &token, &format!("/api/v1/cases/{case_id}/evidence"), None).await;
        assert_eq!(list["items"].as_array().unwrap().len(), 3);
        let stored = files_under(&evidence_dir(&app).join("blobs"));
        assert_eq!(stored.len(), 2, "two distinct files: {stored:?}");
        assert!(stored.iter().any(|p| p.ends_with(sha_hex(PNG))));
        assert!(files_under(&evidence_dir(&app).join("tmp")).is_empty(), "no spool left");

        // Each item starts its chain of custody with "received".
        let id = v["items"][0]["id"].as_i64().unwrap();
        let (_, item) = app.api(Method::GET, &token, &format!("/api/v1/cases/{case_id}/evidence/{id}"), None).await;
        let custody = item["custody"].as_array().unwrap();
        assert_eq!(custody.len(), 1);
        assert_eq!(custody[0]["action"], "received");
        assert_eq!(custody[0]["prev_hash"], "0".repeat(64));
        assert_eq!(verify(&app, &token, case_id).await["ok"], true);
    }
}

#[tokio::test]
async fn bad_uploads_are_refused_with_a_reason_and_record_nothing() {
    let app = spawn_app_with(Db::Sqlite, |c| {
        c.evidence.max_file_bytes = 100_000;
        c.evidence.max_case_bytes = 250_000;
    })
    .await;
    let token = app.token("counsellor.jaipur").await;
    let (case_id, _) = new_case(&app, &token).await;
    let big = vec![7u8; 100_001];

    let (s, p) = upload(&app, &token, case_id, Form::new().part("file", file_part(&big, "video.mp4"))).await;
    assert_eq!(s, 413, "{p}");
    assert_eq!(p["type"], "evidence-error-file-too-large");
    assert!(p["title"].as_str().unwrap().contains("सीमा"), "{p}");

    let (s, _) = upload(&app, &token, case_id, Form::new().part("file", file_part(&big[..90_000], "a.bin"))).await;
    assert_eq!(s, 201);
    let (s, _) = upload(&app, &token, case_id, Form::new().part("file", file_part(&big[..90_001], "b.bin"))).await;
    assert_eq!(s, 201);
    let (s, p) = upload(&app, &token, case_id, Form::new().part("file", file_part(&big[..90_002], "c.bin"))).await;
    assert_eq!((s, p["type"].as_str().unwrap()), (413, "evidence-error-case-full"));

    let (s, p) = upload(&app, &token, case_id, Form::new().text("description", "nothing attached")).await;
    assert_eq!(s, 422);
    assert_eq!(p["errors"][0]["field"], "file");
    let form = Form::new()
        .text("device_type", "mobile")
        .text("device_id", "356938035643808")
        .text("captured_at", "कल")
        .part("file", file_part(PNG, "x.png"));
    let (s, p) = upload(&app, &token, case_id, form).await;
    assert_eq!(s, 422, "{p}");
    let fields: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["device_id", "captured_at"]);

    let r = TestApp::http()
        .post(app.url(&format!("/api/v1/cases/{case_id}/evidence")))
        .bearer_auth(&token)
        .json(&json!({"file": "not multipart"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 415);

    let (_, list) = app.api(Method::GET, &token, &format!("/api/v1/cases/{case_id}/evidence"), None).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 2, "only the two accepted files");
    assert_eq!(files_under(&evidence_dir(&app).join("blobs")).len(), 2);
    assert!(files_under(&evidence_dir(&app).join("tmp")).is_empty(), "refused files leave no spool");

    // Another district's case is not found; an auditor reads but does not add.
    let other = app.token("counsellor.jodhpur").await;
    let (s, _) = upload(&app, &other, case_id, Form::new().part("file", file_part(PNG, "x.png"))).await;
    assert_eq!(s, 404);
    let (s, _) = app.api(Method::GET, &other, &format!("/api/v1/cases/{case_id}/evidence"), None).await;
    assert_eq!(s, 404);
    let auditor = app.token("auditor.jaipur").await;
    let (s, _) = upload(&app, &auditor, case_id, Form::new().part("file", file_part(PNG, "x.png"))).await;
    assert_eq!(s, 403);
    let (s, _) = app.api(Method::GET, &auditor, &format!("/api/v1/cases/{case_id}/evidence"), None).await;
    assert_eq!(s, 200);
}

/// Sends the start of a 20 MB upload over a raw connection, waits until the server is spooling
/// it, then hangs up.
async fn cut_off_upload(app: &TestApp, token: &str, case_id: i64) {
    let host = app.addr.trim_start_matches("http://").to_owned();
    let mut s = tokio::net::TcpStream::connect(&host).await.unwrap();
    let boundary = "sahayak-test-boundary";
    let part_head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nhalf a video\r\n--{boundary}\r\n\
         Content-Disposition: form-data; name=\"file\"; filename=\"call.mp4\"\r\nContent-Type: video/mp4\r\n\r\n"
    );
    let announced = part_head.len() + 20_000_000 + boundary.len() + 8;
    let head = format!(
        "POST /api/v1/cases/{case_id}/evidence HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {announced}\r\n\r\n{part_head}"
    );
    s.write_all(head.as_bytes()).await.unwrap();
    let chunk = vec![0x42u8; 256 * 1024];
    for _ in 0..12 {
        s.write_all(&chunk).await.unwrap();
    }
    s.flush().await.unwrap();
    let tmp = evidence_dir(app).join("tmp");
    let mut spooling = false;
    for _ in 0..100 {
        if !files_under(&tmp).is_empty() {
            spooling = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(spooling, "the server was receiving the file into a spool");
    drop(s);
}

#[tokio::test]
async fn an_upload_cut_off_half_way_leaves_no_record_and_no_file() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("counsellor.jaipur").await;
        let (case_id, _) = new_case(&app, &token).await;
        cut_off_upload(&app, &token, case_id).await;
        let tmp = evidence_dir(&app).join("tmp");
        let mut left = files_under(&tmp);
        for _ in 0..250 {
            if left.is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
            left = files_under(&tmp);
        }
        assert!(left.is_empty(), "{db:?}: spool files left behind: {left:?}");
        assert!(files_under(&evidence_dir(&app).join("blobs")).is_empty(), "{db:?}: nothing stored");
        assert_eq!(app.state.store.evidence_item_count().await.unwrap(), 0, "{db:?}: no evidence row");
        // The server is fine afterwards.
        let (s, _) = upload(&app, &token, case_id, Form::new().part("file", file_part(PNG, "x.png"))).await;
        assert_eq!(s, 201);
    }
}

/// Runs `sahayak evidence verify` against the app's data; returns exit code and output.
fn cli_verify(app: &TestApp) -> (i32, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sahayak"))
        .arg("--data-dir")
        .arg(&app.state.config.data_dir)
        .args(["--database-url", app.state.config.database_url.expose(), "evidence", "verify"])
        // The server's keys: a command never opens a database that has data with other keys.
        .env("SAHAYAK_KEYS", app.state.store.keys().to_json())
        .output()
        .unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

#[tokio::test]
async fn tampered_files_and_custody_entries_are_detected() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("counsellor.jaipur").await;
        let (case_id, _) = new_case(&app, &token).await;
        let form = Form::new()
            .part("file", file_part(PNG, "shot.png"))
            .part("file", file_part(CHAT.as_bytes(), "chat.txt"))
            .part("file", file_part(b"Subject: x\r\n\r\nthird", "third.eml"));
        let (s, v) = upload(&app, &token, case_id, form).await;
        assert_eq!(s, 201, "{v}");
        let ids: Vec<i64> = v["items"].as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()).collect();
        // Give the chat a longer chain: downloaded, handed over, downloaded.
        for reason in ["for the IO", "", "again"] {
            let path = format!("/api/v1/cases/{case_id}/evidence/{}/content?reason={reason}", ids[1]);
            let (s, body) = app.api(Method::GET, &token, &path, None).await;
            assert_eq!(s, 200);
            assert_eq!(body, CHAT);
        }
        let (s, chain) = app
            .api(
                Method::POST,
                &token,
                &format!("/api/v1/cases/{case_id}/evidence/{}/custody", ids[2]),
                Some(json!({"action": "handed_to_police", "reason": "Pen drive to SI Meena, Cyber PS Jaipur"})),
            )
            .await;
        assert_eq!(s, 201, "{chain}");
        assert_eq!(chain.as_array().unwrap().len(), 2);
        app.api(Method::GET, &token, &format!("/api/v1/cases/{case_id}/evidence/{}/content", ids[2]), None).await;
        assert_eq!(verify(&app, &token, case_id).await["ok"], true);
        let (code, out) = cli_verify(&app);
        assert_eq!(code, 0, "{db:?}: CLI finds nothing wrong: {out}");

        // Someone changes the stored screenshot.
        let blob =
            files_under(&evidence_dir(&app).join("blobs")).into_iter().find(|p| p.ends_with(sha_hex(PNG))).unwrap();
        let mut perms = std::fs::metadata(&blob).unwrap().permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        perms.set_readonly(false);
        std::fs::set_permissions(&blob, perms).unwrap();
        std::fs::write(&blob, b"\x89PNG edited").unwrap();
        let v = verify(&app, &token, case_id).await;
        assert_eq!(v["ok"], false);
        assert_eq!(codes(&v), ["file_changed"]);
        assert_eq!(v["problems"][0]["item_id"], ids[0]);

        // Someone edits a custody entry, removes one from the middle of a chain, and one from
        // the end of another.
        sql(&app, &format!("UPDATE evidence_custody SET reason = 'nobody' WHERE item_id = {} AND seq = 2", ids[1]))
            .await;
        sql(&app, &format!("DELETE FROM evidence_custody WHERE item_id = {} AND seq = 3", ids[1])).await;
        sql(&app, &format!("DELETE FROM evidence_custody WHERE item_id = {} AND seq = 3", ids[2])).await;
        let v = verify(&app, &token, case_id).await;
        let found: Vec<(i64, String)> = v["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["item_id"].as_i64().unwrap(), p["code"].as_str().unwrap().to_owned()))
            .collect();
        assert_eq!(
            found,
            [
                (ids[0], "file_changed".to_owned()),
                (ids[1], "custody_edited".to_owned()),
                (ids[1], "custody_missing".to_owned()),
                (ids[2], "custody_wrong_end".to_owned()),
            ],
            "{db:?}"
        );
        let (code, out) = cli_verify(&app);
        assert_eq!(code, 1, "{db:?}: {out}");
        assert_eq!(out.matches("MISMATCH").count(), 4, "{out}");
        assert!(out.contains(&format!("item #{}", ids[1])), "{out}");
    }
}

#[tokio::test]
async fn reordered_custody_entries_and_rewritten_item_details_are_detected() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let (case_id, _) = new_case(&app, &token).await;
    let (_, v) =
        upload(&app, &token, case_id, Form::new().text("captured_by", "Victim").part("file", file_part(PNG, "a.png")))
            .await;
    let id = v["items"][0]["id"].as_i64().unwrap();
    for _ in 0..3 {
        app.api(Method::GET, &token, &format!("/api/v1/cases/{case_id}/evidence/{id}/content"), None).await;
    }
    // Entries 2 and 3 trade places.
    sql(&app, &format!("UPDATE evidence_custody SET seq = 99 WHERE item_id = {id} AND seq = 2")).await;
    sql(&app, &format!("UPDATE evidence_custody SET seq = 2 WHERE item_id = {id} AND seq = 3")).await;
    sql(&app, &format!("UPDATE evidence_custody SET seq = 3 WHERE item_id = {id} AND seq = 99")).await;
    let v = verify(&app, &token, case_id).await;
    assert!(codes(&v).contains(&"custody_broken_link".to_owned()), "{v}");
    // The item is pointed at other bytes' hash... or its capture details are rewritten.
    let (_, w) = upload(&app, &token, case_id, Form::new().part("file", file_part(b"other bytes", "b.txt"))).await;
    let other_id = w["items"][0]["id"].as_i64().unwrap();
    sql(&app, &format!("UPDATE evidence_items SET captured_by = 'Someone else' WHERE id = {other_id}")).await;
    let v = verify(&app, &token, case_id).await;
    let on_other: Vec<&Value> = v["problems"].as_array().unwrap().iter().filter(|p| p["item_id"] == other_id).collect();
    assert_eq!(on_other.len(), 1);
    assert_eq!(on_other[0]["code"], "custody_edited");
}

#[tokio::test]
async fn the_bundle_streams_a_zip_that_sha256sum_accepts() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("counsellor.jaipur").await;
        let (case_id, reference) = new_case(&app, &token).await;
        let big: Vec<u8> = (0..3_000_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let form = Form::new()
            .text("description", "UPI ठगी के सबूत")
            .text("device_type", "mobile")
            .part("file", file_part(PNG, "स्क्रीनशॉट 1.png"))
            .part("file", file_part(CHAT.as_bytes(), "WhatsApp Chat with +91 98290.txt"))
            .part("file", file_part(&big, "recording.amr"));
        let (s, v) = upload(&app, &token, case_id, form).await;
        assert_eq!(s, 201, "{v}");
        let r = TestApp::http()
            .get(app.url(&format!("/api/v1/cases/{case_id}/evidence/bundle.zip?reason=For%20the%20IO&lang=hi")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["content-type"], "application/zip");
        assert!(r.headers().get("content-length").is_none(), "streamed, not built first");
        let zip = r.bytes().await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("bundle.zip"), &zip).unwrap();
        let unzip = std::process::Command::new("unzip").arg("-q").arg("bundle.zip").current_dir(dir.path()).status();
        assert!(unzip.expect("unzip is installed (.ci/run installs it)").success());
        let check = std::process::Command::new("sha256sum")
            .args(["-c", "manifest.sha256"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&check.stdout);
        assert!(check.status.success(), "{db:?}: {report}");
        assert_eq!(report.matches(": OK").count(), 4, "three files and the index: {report}");
        let manifest = std::fs::read_to_string(dir.path().join("manifest.sha256")).unwrap();
        assert!(manifest.contains(&format!("{}  files/", sha_hex(&big))));
        let index = std::fs::read_to_string(dir.path().join("index.html")).unwrap();
        assert!(index.contains(&reference));
        assert!(index.contains("स्क्रीनशॉट 1.png"));
        assert!(index.contains("बंडल में एक्सपोर्ट हुआ"), "the export is in the custody history, in Hindi");
        assert!(index.contains("For the IO"));
        // Each item's custody records the export, with its reason.
        let id = v["items"][0]["id"].as_i64().unwrap();
        let (_, item) = app.api(Method::GET, &token, &format!("/api/v1/cases/{case_id}/evidence/{id}"), None).await;
        let last = item["custody"].as_array().unwrap().last().unwrap().clone();
        assert_eq!((last["action"].as_str(), last["reason"].as_str()), (Some("exported"), Some("For the IO")));
    }
}

#[tokio::test]
async fn portal_copies_are_new_items_that_point_to_their_original() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let (case_id, _) = new_case(&app, &token).await;
    // Noise does not compress: a PNG over the 5 MB ID-proof limit.
    let mut img = image::RgbImage::new(1400, 1300);
    let mut x: u32 = 99;
    for p in img.pixels_mut() {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        *p = image::Rgb([(x >> 16) as u8, (x >> 8) as u8, (x >> 24) as u8]);
    }
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(img).write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png).unwrap();
    assert!(png.len() > 5_000_000);
    let (_, v) = upload(&app, &token, case_id, Form::new().part("file", file_part(&png, "aadhaar.png"))).await;
    let original = v["items"][0]["id"].as_i64().unwrap();
    let (_, small) = upload(&app, &token, case_id, Form::new().part("file", file_part(PNG, "tiny.png"))).await;
    let tiny = small["items"][0]["id"].as_i64().unwrap();

    let path = format!("/api/v1/cases/{case_id}/evidence/{original}/portal-copy");
    let (s, copy) = app.api(Method::POST, &token, &path, Some(json!({"target": "id_proof"}))).await;
    assert_eq!(s, 201, "{copy}");
    assert_eq!(copy["derived_from"], original);
    assert_eq!(copy["mime"], "image/jpeg");
    assert!(copy["size_bytes"].as_i64().unwrap() <= 5_000_000);
    assert_ne!(copy["sha256"], sha_hex(&png));
    let (_, orig) = app.api(Method::GET, &token, &format!("/api/v1/cases/{case_id}/evidence/{original}"), None).await;
    assert_eq!(orig["sha256"], sha_hex(&png), "the original is untouched");
    let actions: Vec<&str> =
        orig["custody"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["received", "copied"]);
    let copy_id = copy["id"].as_i64().unwrap();
    let (_, c) = app.api(Method::GET, &token, &format!("/api/v1/cases/{case_id}/evidence/{copy_id}"), None).await;
    assert_eq!(c["custody"][0]["action"], "derived");

    let path = format!("/api/v1/cases/{case_id}/evidence/{tiny}/portal-copy");
    let (s, p) = app.api(Method::POST, &token, &path, Some(json!({}))).await;
    assert_eq!((s, p["errors"][0]["code"].as_str()), (422, Some("evidence-error-already-small")));
    // An uploaded derived copy must name an original of the same case.
    let form = Form::new().text("derived_from", "999999").part("file", file_part(b"crop", "crop.png"));
    let (s, p) = upload(&app, &token, case_id, form).await;
    assert_eq!((s, p["errors"][0]["field"].as_str()), (422, Some("derived_from")));
    assert_eq!(verify(&app, &token, case_id).await["ok"], true);
}

#[tokio::test]
async fn the_case_page_has_an_evidence_panel_that_works_without_javascript() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let (_, reference) = new_case(&app, &token).await;
    let b = app.browser("counsellor.jaipur").await;
    let (s, page) = b.get(&format!("/cases/{reference}")).await;
    assert_eq!(s, 200);
    assert_eq!(texts(&page, "#evidence-title"), ["सबूत (0)"]);
    let csrf = crate::helpers::csrf_of(&page);

    let send = |form: Form| b.client.post(app.url(&format!("/cases/{reference}/evidence"))).multipart(form).send();
    // A forged post (no token before the file) writes nothing.
    let r = send(Form::new().part("file", file_part(PNG, "x.png")).text("csrf", csrf.clone())).await.unwrap();
    assert_eq!(r.status(), 403);
    assert!(files_under(&evidence_dir(&app)).is_empty());
    // A mistake comes back as the form, in Hindi, with the message beside the field.
    let form = Form::new()
        .text("csrf", csrf.clone())
        .text("captured_at", "2099-01-01T10:00")
        .part("file", file_part(PNG, "x.png"));
    let r = send(form).await.unwrap();
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert_eq!(texts(&body, "#ev-captured_at-error"), ["यह समय भविष्य का है।"]);
    assert_eq!(texts(&body, "#ev-captured_at").len(), 1);

    let form = Form::new()
        .text("csrf", csrf.clone())
        .text("description", "कॉल करने वाले की स्क्रीनशॉट")
        .text("device_type", "mobile")
        .text("victim_supplied", "1")
        .part("file", file_part(PNG, "call.png"))
        .part("file", file_part(CHAT.as_bytes(), "chat.txt"));
    let r = send(form).await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], format!("/cases/{reference}#evidence"));
    let (_, page) = b.get(&format!("/cases/{reference}")).await;
    assert_eq!(texts(&page, "#evidence-title"), ["सबूत (2)"]);
    let names = texts(&page, ".ev-name a");
    assert!(names[0].ends_with("call.png"), "{names:?}");
    assert!(page.contains(&sha_hex(PNG)[..12]));
    let (_, en) = b.get(&format!("/cases/{reference}?lang=en")).await;
    assert_eq!(texts(&en, "#evidence-title"), ["Evidence (2)"]);

    // The item page, opening the file (recorded), a hand-over, and the case's verification.
    let item_href = scraper::Html::parse_document(&page)
        .select(&scraper::Selector::parse(".ev-name a").unwrap())
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_owned();
    let r = b.client.get(app.url(&format!("{item_href}/file"))).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/png");
    assert!(r.headers()["content-security-policy"].to_str().unwrap().starts_with("sandbox"));
    assert_eq!(r.bytes().await.unwrap().as_ref(), PNG);
    let (s, _, _) = b
        .post(&format!("{item_href}/custody"), &[("csrf", &csrf), ("action", "handed_to_police"), ("reason", "")])
        .await;
    assert_eq!(s, 422);
    let (s, location, _) = b
        .post(
            &format!("{item_href}/custody"),
            &[("csrf", &csrf), ("action", "handed_to_police"), ("reason", "थाना प्रभारी को सौंपा")],
        )
        .await;
    assert_eq!(s, 303, "{location:?}");
    let (_, item) = b.get(&item_href).await;
    let actions = texts(&item, "table.custody td[data-label=\"कार्रवाई\"]");
    assert_eq!(actions, ["प्राप्त हुआ", "देखा गया", "पुलिस को सौंपा"]);
    let (s, check) = b.get(&format!("/cases/{reference}/evidence/verify")).await;
    assert_eq!(s, 200);
    assert_eq!(texts(&check, ".verdict.ok").len(), 1, "{check}");
    let r = b.client.get(app.url(&format!("/cases/{reference}/evidence/bundle.zip"))).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.bytes().await.unwrap().starts_with(b"PK\x03\x04"));
}

/// The S3 server for the S3 tests (`.ci/run` starts moto's and sets this).
fn s3_endpoint() -> Option<String> {
    match std::env::var("SAHAYAK_TEST_S3_ENDPOINT").ok().filter(|e| !e.is_empty()) {
        Some(e) => Some(e),
        None if std::env::var("SAHAYAK_REQUIRE_S3").is_ok_and(|v| v == "1") => {
            panic!("SAHAYAK_REQUIRE_S3=1 but SAHAYAK_TEST_S3_ENDPOINT is not set")
        }
        None => {
            eprintln!("notice: SAHAYAK_TEST_S3_ENDPOINT is not set; the S3 evidence test is skipped (CI sets it)");
            None
        }
    }
}

#[tokio::test]
async fn evidence_in_s3_compatible_storage() {
    let Some(endpoint) = s3_endpoint() else { return };
    let bucket = format!("sahayak-test-{}-{}", std::process::id(), rand_suffix());
    let r = reqwest::Client::new().put(format!("{endpoint}/{bucket}")).send().await.expect("S3 server reachable");
    assert!(r.status().is_success(), "bucket created: {}", r.status());
    let s3 = sahayak::config::S3Config {
        endpoint: Some(endpoint.clone()),
        bucket: bucket.clone(),
        region: "us-east-1".into(),
        prefix: "evidence".into(),
        access_key_id: Some("testing".into()),
        secret_access_key: Some(sahayak::config::Secret::new("testing")),
        allow_http: true,
    };
    for db in backends() {
        let config_s3 = s3.clone();
        let app = spawn_app_with(db, |c| c.evidence.storage = sahayak::config::EvidenceStorage::S3(config_s3)).await;
        let token = app.token("counsellor.jaipur").await;
        let (case_id, _) = new_case(&app, &token).await;
        // Over one multipart part (8 MiB), so the multipart upload path runs too.
        let big: Vec<u8> = (0..9_000_000u32).map(|i| (i % 253) as u8).collect();
        let form = Form::new().part("file", file_part(PNG, "a.png")).part("file", file_part(&big, "video.mp4"));
        let (s, v) = upload(&app, &token, case_id, form).await;
        assert_eq!(s, 201, "{db:?} {v}");
        let (s, _) = upload(&app, &token, case_id, Form::new().part("file", file_part(PNG, "again.png"))).await;
        assert_eq!(s, 201);
        assert!(files_under(&evidence_dir(&app)).is_empty(), "nothing kept on local disk");
        let id = v["items"][1]["id"].as_i64().unwrap();
        let (s, _) =
            app.api(Method::GET, &token, &format!("/api/v1/cases/{case_id}/evidence/{id}/content"), None).await;
        assert_eq!(s, 200);
        let r = TestApp::http()
            .get(app.url(&format!("/api/v1/cases/{case_id}/evidence/{id}/content")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(sha_hex(&r.bytes().await.unwrap()), sha_hex(&big));
        assert_eq!(verify(&app, &token, case_id).await["ok"], true);
        // The bucket is listed for `evidence verify`'s files-without-a-record check (issue 17).
        let listed = app.state.evidence.blobs().list().await.unwrap();
        for data in [PNG, big.as_slice()] {
            assert!(listed.iter().any(|b| b.sha256 == sha_hex(data) && b.size == data.len() as u64), "{db:?}");
        }

        // Someone overwrites the object in the bucket.
        let store = sahayak::evidence::storage::S3Store::new(&s3).unwrap();
        let sha: sahayak_domain::evidence::Sha256Hex = sha_hex(PNG).parse().unwrap();
        use object_store::ObjectStoreExt;
        store.object_store().put(&store.object_key(&sha), b"tampered".to_vec().into()).await.unwrap();
        let v = verify(&app, &token, case_id).await;
        assert_eq!(codes(&v), ["file_changed", "file_changed"], "{db:?}: both items of that file: {v}");
        // Put it back for the next backend's run.
        store.object_store().put(&store.object_key(&sha), PNG.to_vec().into()).await.unwrap();
    }
}

fn rand_suffix() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 % 1_000_000_007
}

#[tokio::test]
async fn many_people_opening_one_file_at_once_keep_its_chain_intact() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("counsellor.jaipur").await;
        let (case_id, _) = new_case(&app, &token).await;
        let (_, v) = upload(&app, &token, case_id, Form::new().part("file", file_part(PNG, "a.png"))).await;
        let id = v["items"][0]["id"].as_i64().unwrap();
        let path = format!("/api/v1/cases/{case_id}/evidence/{id}/content");
        let downloads = (0..12).map(|_| app.api(Method::GET, &token, &path, None));
        let statuses: Vec<u16> = futures_util::future::join_all(downloads).await.into_iter().map(|(s, _)| s).collect();
        assert!(statuses.iter().all(|s| *s == 200), "{db:?}: {statuses:?}");
        let (_, item) = app.api(Method::GET, &token, &format!("/api/v1/cases/{case_id}/evidence/{id}"), None).await;
        assert_eq!(item["custody"].as_array().unwrap().len(), 13);
        assert_eq!(verify(&app, &token, case_id).await["ok"], true, "{db:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_a_real_browser_the_upload_checks_sizes_sends_with_progress_and_pages_pass_axe() {
    use fantoccini::Locator;
    let Some((chromium, driver, axe_js)) = crate::browser::tools() else { return };
    let app = spawn_app_with(Db::Sqlite, |c| c.evidence.max_file_bytes = 1_000_000).await;
    let token = app.token("counsellor.jaipur").await;
    let (case_id, reference) = new_case(&app, &token).await;
    upload(&app, &token, case_id, Form::new().part("file", file_part(PNG, "first.png"))).await;
    let files = tempfile::tempdir().unwrap();
    let too_big = files.path().join("video.mp4");
    std::fs::write(&too_big, vec![1u8; 1_500_000]).unwrap();
    let (shot, recording) = (files.path().join("shot.png"), files.path().join("call.amr"));
    std::fs::write(&shot, PNG).unwrap();
    std::fs::write(&recording, [b"#!AMR\n".as_slice(), &[9u8; 600_000]].concat()).unwrap();

    let (_driver, c) = crate::browser::start_browser(&chromium, &driver).await;
    let result = async {
        c.goto(&app.url("/login")).await?;
        c.find(Locator::Id("username")).await?.send_keys("counsellor.jaipur").await?;
        c.find(Locator::Id("password")).await?.send_keys(&format!("{}\u{E007}", crate::helpers::PASSWORD)).await?;
        c.wait().for_element(Locator::Css("table.cases, p.empty")).await?;
        c.goto(&app.url(&format!("/cases/{reference}"))).await?;
        c.find(Locator::Css("details.evidence-add summary")).await?.click().await?;
        assert_eq!(crate::browser::axe(&c, &axe_js).await, Vec::<String>::new(), "case page with the upload form");

        // Too large for one file: refused in the browser, before a byte is sent.
        c.find(Locator::Id("ev-file")).await?.send_keys(&too_big.display().to_string()).await?;
        c.find(Locator::Css("form.evidence-upload button[type=submit]")).await?.click().await?;
        let status = c.find(Locator::Css(".upload-status")).await?.text().await?;
        assert!(status.contains("सीमा से बड़ी") && status.contains("video.mp4"), "{status}");

        // Two files at once, sent by the script with a progress bar, then back at the list.
        c.goto(&app.url(&format!("/cases/{reference}"))).await?;
        c.find(Locator::Css("details.evidence-add summary")).await?.click().await?;
        let both = format!("{}\n{}", shot.display(), recording.display());
        c.find(Locator::Id("ev-file")).await?.send_keys(&both).await?;
        c.find(Locator::Id("ev-description")).await?.send_keys("कॉल रिकॉर्डिंग और स्क्रीनशॉट").await?;
        c.find(Locator::Css("form.evidence-upload button[type=submit]")).await?.click().await?;
        let mut title = String::new();
        for _ in 0..200 {
            // The page is replaced when the upload ends: between the two there may be no title yet.
            title = match c.find(Locator::Id("evidence-title")).await {
                Ok(e) => e.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if title == "सबूत (3)" {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let status = c.find(Locator::Css(".upload-status")).await.ok();
        let status = match status {
            Some(s) => s.text().await.unwrap_or_default(),
            None => String::new(),
        };
        assert_eq!(title, "सबूत (3)", "the counsellor works in Hindi; status: {status}");
        assert_eq!(c.current_url().await?.fragment(), Some("evidence"));
        let names = c.find_all(Locator::Css(".ev-name a")).await?;
        assert_eq!(names.len(), 3);
        assert!(names[2].text().await?.ends_with("call.amr"));

        let href = names[2].attr("href").await?.unwrap();
        c.goto(&app.url(&href)).await?;
        assert_eq!(crate::browser::axe(&c, &axe_js).await, Vec::<String>::new(), "item page");
        c.goto(&app.url(&format!("/cases/{reference}/evidence/verify"))).await?;
        assert_eq!(crate::browser::axe(&c, &axe_js).await, Vec::<String>::new(), "verification page");
        Ok::<(), fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.expect("browser flow");
    let (_, list) = app.api(Method::GET, &token, &format!("/api/v1/cases/{case_id}/evidence"), None).await;
    let mimes: Vec<&str> = list["items"].as_array().unwrap().iter().map(|i| i["mime"].as_str().unwrap()).collect();
    assert_eq!(mimes, ["image/png", "image/png", "audio/amr"]);
}
