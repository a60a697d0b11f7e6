//! Hostile files (issue 17): each finding reproduced against the real server, which must stay
//! up, answer with a clear, translated error, and write nothing half-way.

use std::io::Write;

use reqwest::Method;
use reqwest::multipart::{Form, Part};
use sahayak_domain::access::Role;
use sahayak_domain::case::Lang;
use serde_json::{Value, json};

use crate::helpers::{TestApp, backends, spawn_app};

/// Posts a trail file to the import preview; status and JSON.
async fn import(app: &TestApp, token: &str, case_id: i64, bytes: Vec<u8>, name: &str) -> (u16, Value) {
    let form = Form::new().part("file", Part::bytes(bytes).file_name(name.to_owned()));
    let r = TestApp::http()
        .post(app.url(&format!("/api/v1/cases/{case_id}/trail/import?lang=en")))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
}

fn code_of(problem: &Value) -> &str {
    problem["errors"][0]["code"].as_str().unwrap_or_default()
}

/// A ZIP of `(name, bytes)` entries, deflated (an XLSX is one).
fn zip(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut out);
    let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        w.start_file(*name, deflated).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap();
    out.into_inner()
}

/// The parts every XLSX has, around a sheet and a shared-strings table of our own.
fn xlsx_by_hand(sheet: &str, shared_strings: &str) -> Vec<u8> {
    let types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let workbook = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Money Transfer to" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    let book_rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
    zip(&[
        ("[Content_Types].xml", types.into()),
        ("_rels/.rels", rels.into()),
        ("xl/workbook.xml", workbook.into()),
        ("xl/_rels/workbook.xml.rels", book_rels.into()),
        ("xl/worksheets/sheet1.xml", sheet.into()),
        ("xl/sharedStrings.xml", shared_strings.into()),
    ])
}

fn sheet(cells: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{cells}</sheetData></worksheet>"#
    )
}

const NO_STRINGS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>"#;

/// Finding 1: a tiny workbook whose cells sit at A1 and XFD1048576 (a dense range of 17
/// billion cells), a shared-strings table announcing four billion strings, an entry that
/// inflates to gigabytes: each is refused with its reason, and the server goes on.
#[tokio::test]
async fn spreadsheets_that_would_exhaust_memory_are_refused_and_the_server_goes_on() {
    let app = spawn_app(crate::helpers::Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let id = app.create_case(&token, json!({})).await["id"].as_i64().unwrap();

    // Written by a real spreadsheet writer: two cells, far apart.
    let mut book = rust_xlsxwriter::Workbook::new();
    let s = book.add_worksheet();
    s.write_string(0, 0, "Transaction Amount").unwrap();
    s.write_string(1_048_575, 16_383, "x").unwrap();
    let far_apart = book.save_to_buffer().unwrap();
    assert!(far_apart.len() < 10_000, "a small file: {} bytes", far_apart.len());
    let (status, problem) = import(&app, &token, id, far_apart, "trail.xlsx").await;
    assert_eq!((status, code_of(&problem)), (422, "trail-import-too-many"), "{problem}");
    assert!(problem["errors"][0]["message"].as_str().unwrap().contains("more rows"), "translated: {problem}");

    // The same by hand, cells at A1 and XFD1 only (too wide rather than too long).
    let wide = xlsx_by_hand(
        &sheet(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Amount</t></is></c><c r="XFD1"><v>1</v></c></row>"#),
        NO_STRINGS,
    );
    let (status, problem) = import(&app, &token, id, wide, "trail.xlsx").await;
    assert_eq!((status, code_of(&problem)), (422, "trail-import-too-wide"), "{problem}");

    // Four billion strings announced: the reader would reserve room for them at once.
    let strings = r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="4000000000"><si><t>Amount</t></si></sst>"#;
    let announced = xlsx_by_hand(&sheet(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#), strings);
    let (status, problem) = import(&app, &token, id, announced, "trail.xlsx").await;
    assert_eq!((status, code_of(&problem)), (422, "trail-import-too-complex"), "{problem}");

    // A sheet that inflates to 100 MB of spaces from a few hundred kilobytes.
    let padded = format!("{}{}", sheet(""), " ".repeat(100 << 20));
    let bomb = xlsx_by_hand(&padded, NO_STRINGS);
    assert!(bomb.len() < 1 << 20, "compressed: {} bytes", bomb.len());
    let (status, problem) = import(&app, &token, id, bomb, "trail.xlsx").await;
    assert_eq!((status, code_of(&problem)), (422, "trail-import-too-complex"), "{problem}");

    // Old binary Excel is not read at all: the message says what to do instead.
    let (status, problem) = import(&app, &token, id, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest".to_vec(), "t.xls").await;
    assert_eq!((status, code_of(&problem)), (422, "trail-import-format"), "{problem}");

    // Nothing was kept, and the server still reads a real trail.
    let (_, trail) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/trail"), None).await;
    assert!(trail["rows"].as_array().unwrap().is_empty());
    let mut book = rust_xlsxwriter::Workbook::new();
    let s = book.add_worksheet().set_name("Money Transfer to").unwrap();
    for (c, h) in ["Account No.", "Transaction Amount", "Layer"].iter().enumerate() {
        s.write_string(0, c as u16, *h).unwrap();
    }
    s.write_string(1, 0, "50100234567891").unwrap();
    s.write_number(1, 1, 2500.0).unwrap();
    s.write_number(1, 2, 1.0).unwrap();
    let (status, preview) = import(&app, &token, id, book.save_to_buffer().unwrap(), "trail.xlsx").await;
    assert_eq!(status, 200, "{preview}");
    assert_eq!(preview["rows"][0]["amount_paise"], 250_000);
    assert_eq!(reqwest::get(app.url("/healthz")).await.unwrap().status(), 200);
}

/// Finding 5: a NUL (and other control characters) in an imported trail pass neither the
/// preview nor the confirmation into the database; on PostgreSQL the confirmation used to fail.
#[tokio::test]
async fn control_characters_in_an_imported_trail_never_reach_the_database() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("counsellor.jaipur").await;
        let id = app.create_case(&token, json!({})).await["id"].as_i64().unwrap();
        let csv =
            "Account No.,Bank,Transaction Amount,Remarks\n5010\u{0}0234,HDFC\u{0} Bank,2500,held\u{7}\u{1b}[31m\n";
        let (status, preview) = import(&app, &token, id, csv.as_bytes().to_vec(), "trail.csv").await;
        assert_eq!(status, 200, "{db:?}: {preview}");
        let import_id = preview["import_id"].as_i64().unwrap();
        let (status, done) =
            app.api(Method::POST, &token, &format!("/api/v1/cases/{id}/trail/import/{import_id}"), None).await;
        assert_eq!((status, done["imported"].as_i64()), (200, Some(1)), "{db:?}: {done}");
        let (_, trail) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/trail"), None).await;
        let row = &trail["rows"][0];
        assert_eq!(row["from_account"], "50100234", "{db:?}");
        assert_eq!(row["bank"], "HDFC Bank", "{db:?}");
        assert_eq!(row["remarks"], "held[31m", "{db:?}");

        // The same in an XLSX, where a NUL is written `_x0000_`.
        let mut book = rust_xlsxwriter::Workbook::new();
        let s = book.add_worksheet();
        for (c, h) in ["Bank", "Transaction Amount"].iter().enumerate() {
            s.write_string(0, c as u16, *h).unwrap();
        }
        s.write_string(1, 0, "SBI\u{0}\u{1}").unwrap();
        s.write_number(1, 1, 10.0).unwrap();
        let (status, preview) = import(&app, &token, id, book.save_to_buffer().unwrap(), "t.xlsx").await;
        assert_eq!(status, 200, "{db:?}: {preview}");
        assert_eq!(preview["rows"][0]["bank"], "SBI", "{db:?}");
    }
}

/// A PNG that declares `w` × `h` pixels, with `pad` bytes in a private chunk so that the file
/// is large enough to need a smaller copy; its pixel data is only the start of a stream.
fn huge_png(w: u32, h: u32, pad: usize) -> Vec<u8> {
    fn crc32(data: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        let body = [kind, data].concat();
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        png.extend_from_slice(&body);
        png.extend_from_slice(&crc32(&body).to_be_bytes());
    };
    chunk(b"IHDR", &[&w.to_be_bytes()[..], &h.to_be_bytes(), &[8, 2, 0, 0, 0]].concat());
    chunk(b"prVt", &vec![0u8; pad]);
    chunk(b"IDAT", &[0x78, 0x9c]);
    chunk(b"IEND", &[]);
    png
}

/// Finding 2: an image declaring 18000 × 18000 pixels is refused from its header, before
/// anything is decoded; several at once leave the server answering and record nothing.
#[tokio::test]
async fn an_image_declaring_too_many_pixels_is_refused_before_it_is_decoded() {
    let app = spawn_app(crate::helpers::Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let id = app.create_case(&token, json!({})).await["id"].as_i64().unwrap();
    let png = huge_png(18_000, 18_000, 5_100_000);
    let form = Form::new().part("file", Part::bytes(png).file_name("screenshot.png"));
    let r = TestApp::http()
        .post(app.url(&format!("/api/v1/cases/{id}/evidence")))
        .bearer_auth(&token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let item = r.json::<Value>().await.unwrap()["items"][0]["id"].as_i64().unwrap();
    let path = format!("/api/v1/cases/{id}/evidence/{item}/portal-copy?lang=en");
    let tries = (0..6).map(|_| app.api(Method::POST, &token, &path, Some(json!({"target": "id_proof"}))));
    for (status, problem) in futures_util::future::join_all(tries).await {
        // Refused (or, beyond the waiting line, told to come back): never a 500.
        assert!(matches!(status, 422 | 503), "{status}: {problem}");
        if status == 422 {
            assert_eq!(code_of(&problem), "evidence-error-image-too-large");
            assert!(problem["errors"][0]["message"].as_str().unwrap().contains("50 megapixels"));
        }
    }
    let (_, list) = app.api(Method::GET, &token, &format!("/api/v1/cases/{id}/evidence"), None).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1, "no copy recorded");
    assert_eq!(reqwest::get(app.url("/healthz")).await.unwrap().status(), 200);
}

/// Finding 6: text that a spreadsheet would run as a formula reaches neither the rings CSV nor
/// the monthly report CSV as a formula.
#[tokio::test]
async fn formula_cells_are_neutralised_in_every_csv_export() {
    let app = spawn_app(crate::helpers::Db::Sqlite).await;
    app.add_user("state.admin", Role::StateAdmin, &[], Lang::En).await;
    let admin = app.token("state.admin").await;
    let evil = "=HYPERLINK(\"http://evil.example\",\"Click\")";
    let body = json!({"code": "evil", "prefix": "EVL", "name_en": evil, "name_hi": "+cmd|' /C calc'!A0"});
    let (status, district) = app.api(Method::POST, &admin, "/api/v1/districts", Some(body)).await;
    assert_eq!(status, 201, "{district}");
    let evil_id = app.state.store.district_by_code("evil").await.unwrap().unwrap().id;
    app.add_user("supervisor.evil", Role::Supervisor, &[evil_id], Lang::En).await;
    let token = app.token("supervisor.evil").await;
    for _ in 0..2 {
        let case = app.create_case(&token, json!({"district": "evil"})).await;
        let id = case["id"].as_i64().unwrap();
        let confirm = json!({"identifiers": [{"kind": "upi", "value": "9876543210@ybl"}]});
        let (s, v) = app.api(Method::POST, &token, &format!("/api/v1/cases/{id}/identifiers"), Some(confirm)).await;
        assert!(s < 300, "{v}");
    }
    let (_, rings) = app.api(Method::GET, &token, "/api/v1/rings", None).await;
    let list = rings.as_array().or(rings["rings"].as_array()).cloned().unwrap_or_default();
    let ring = list.first().and_then(|r| r["id"].as_i64()).unwrap_or_else(|| panic!("a ring: {rings}"));
    let browser = app.browser("supervisor.evil").await;
    let (status, _, csv) = browser.get_bytes(&format!("/rings/{ring}/export.csv?lang=en")).await;
    assert_eq!(status, 200);
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    let month = chrono::Utc::now().format("%Y-%m");
    let (status, _, report) = browser.get_bytes(&format!("/dashboard/report.csv?month={month}&district=evil")).await;
    assert_eq!(status, 200);
    let report = String::from_utf8(report).unwrap();
    assert!(report.contains("'=HYPERLINK"), "{report}");
    for (name, text) in [("ring", &csv), ("report", &report)] {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                let formula = cell.starts_with(['=', '+', '@', '\t', '\r'])
                    || cell.starts_with('-') && cell.parse::<f64>().is_err();
                assert!(!formula, "{name}: a cell a spreadsheet would run: {cell:?}");
            }
        }
    }
}

/// Finding 8: a stored file no record refers to (a crash between storing and recording) is
/// listed by `evidence verify` and removed on request; spool files of a process that died
/// are gone at the next start.
#[tokio::test]
async fn files_a_crash_left_behind_are_found_and_swept() {
    let app = spawn_app(crate::helpers::Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let id = app.create_case(&token, json!({})).await["id"].as_i64().unwrap();
    let form = Form::new().part("file", Part::bytes(b"kept: a record refers to it".to_vec()).file_name("a.txt"));
    let r = TestApp::http()
        .post(app.url(&format!("/api/v1/cases/{id}/evidence")))
        .bearer_auth(&token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    // The crash: stored, never recorded.
    let data_dir = app.state.config.data_dir.clone();
    let orphan_bytes = b"stored, then the server died";
    let spooled = data_dir.join("orphan.tmp");
    std::fs::write(&spooled, orphan_bytes).unwrap();
    let sha: sahayak_domain::evidence::Sha256Hex =
        hex::encode(<sha2::Sha256 as sha2::Digest>::digest(orphan_bytes)).parse().unwrap();
    app.state.evidence.blobs().put(&sha, &spooled).await.unwrap();
    // And a spool directory whose process is gone.
    let dead = data_dir.join("evidence/tmp/00000000deadbeef");
    std::fs::create_dir_all(&dead).unwrap();
    std::fs::write(dead.join("upload-1.part"), b"half an upload").unwrap();

    let verify = |extra: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_sahayak"))
            .arg("--data-dir")
            .arg(&data_dir)
            .arg("--database-url")
            .arg(app.state.config.database_url.expose())
            .args(["evidence", "verify"])
            .args(extra)
            .env("SAHAYAK_KEYS", app.state.store.keys().to_json())
            .output()
            .unwrap();
        (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let (code, out) = verify(&[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(&format!("ORPHAN sha256 {sha}")), "{out}");
    assert!(out.contains("1 stored file(s) without a record"), "{out}");
    assert!(!dead.exists(), "the dead process's spool was swept at start");
    // Too recent to remove by default (it may be an upload being recorded).
    let (_, out) = verify(&["--remove-orphans"]);
    assert!(out.contains("kept: stored too recently"), "{out}");
    let (_, out) = verify(&["--remove-orphans", "--older-than-minutes", "0"]);
    assert!(out.contains("1 removed"), "{out}");
    assert!(!app.state.evidence.blobs().exists(&sha).await.unwrap());
    let (code, out) = verify(&[]);
    assert_eq!(code, 0);
    assert!(out.contains("No stored file without a record."), "{out}");
}
