//! The district directory: stations, legal aid and prevention tips edited in the app, and
//! districts added while the server runs — on both backends.

use std::process::Command;

use reqwest::Method;
use sahayak_domain::access::Role;
use sahayak_domain::case::Lang;
use serde_json::{Value, json};

use crate::helpers::{Browser, TestApp, backends, csrf_of, spawn_app};

/// Whitespace removed: pdftotext puts stray spaces inside some Devanagari clusters.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

async fn letter_text(app: &TestApp, token: &str, id: i64) -> String {
    let r = TestApp::http()
        .get(app.url(&format!("/api/v1/cases/{id}/documents/police-letter.pdf?lang=en")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.pdf");
    std::fs::write(&path, r.bytes().await.unwrap()).unwrap();
    let out = Command::new("pdftotext").arg("-enc").arg("UTF-8").arg(&path).arg("-").output().expect("pdftotext runs");
    squeeze(&String::from_utf8(out.stdout).unwrap())
}

async fn district_id(app: &TestApp, code: &str) -> i64 {
    app.state.store.district_by_code(code).await.unwrap().unwrap().id
}

async fn admins(app: &TestApp) {
    let jaipur = district_id(app, "jaipur").await;
    app.add_user("admin.jaipur", Role::Admin, &[jaipur], Lang::En).await;
    app.add_user("state.admin", Role::StateAdmin, &[], Lang::En).await;
}

/// The station of `district` whose code is `code`, as the API lists it.
async fn station(app: &TestApp, token: &str, district: &str, code: &str) -> Value {
    let (s, list) = app.api(Method::GET, token, &format!("/api/v1/districts/{district}/stations"), None).await;
    assert_eq!(s, 200, "{list}");
    list.as_array().unwrap().iter().find(|s| s["code"] == code).cloned().unwrap_or_else(|| panic!("{code}: {list}"))
}

async fn post_form(b: &Browser, page: &str, action: &str, fields: &[(&str, &str)]) -> (u16, Option<String>, String) {
    let csrf = b.csrf(page).await;
    let mut form: Vec<(&str, &str)> = fields.to_vec();
    form.push(("csrf", &csrf));
    b.post(action, &form).await
}

#[tokio::test]
async fn an_admin_edits_a_station_and_the_police_letter_names_it() {
    for db in backends() {
        let app = spawn_app(db).await;
        admins(&app).await;
        let admin = app.browser("admin.jaipur").await;
        let token = app.token("admin.jaipur").await;

        // The seeded list is there, and the staff navigation leads to it.
        let (s, page) = admin.get("/queue").await;
        assert_eq!(s, 200);
        assert!(page.contains("href=\"/admin/districts\""), "{db:?}: directory link for admins");
        let (s, page) = admin.get("/admin/districts/jaipur/stations").await;
        assert_eq!(s, 200, "{db:?}");
        assert!(page.contains("Police Station Malviya Nagar, Jaipur"), "{db:?}");

        // Edit: a new name, and a new area word.
        let malviya = station(&app, &token, "jaipur", "malviya-nagar").await;
        let sid = malviya["id"].as_i64().unwrap();
        let path = format!("/admin/districts/jaipur/stations/{sid}");
        let (s, location, body) = post_form(
            &admin,
            &path,
            &path,
            &[
                ("name_en", "Police Station Malviya Nagar East, Jaipur"),
                ("name_hi", "पुलिस थाना मालवीय नगर पूर्व, जयपुर"),
                ("areas", "malviya nagar\nमालवीय नगर\njagatpura"),
                ("phone", "0141-2520000"),
                ("officer_title", "Station House Officer"),
                ("active", "on"),
            ],
        )
        .await;
        assert_eq!((s, location.as_deref()), (303, Some("/admin/districts/jaipur/stations")), "{db:?}: {body}");
        let edited = station(&app, &token, "jaipur", "malviya-nagar").await;
        assert_eq!(edited["name_en"], "Police Station Malviya Nagar East, Jaipur");
        assert_eq!(edited["areas"], json!(["malviya nagar", "मालवीय नगर", "jagatpura"]));

        // The letter for a victim living in the new area goes to the edited station.
        let counsellor = app.token("counsellor.jaipur").await;
        let case = app.create_case(&counsellor, json!({"victim_address": "45, Jagatpura, Jaipur"})).await;
        let text = letter_text(&app, &counsellor, case["id"].as_i64().unwrap()).await;
        assert!(text.contains("PoliceStationMalviyaNagarEast"), "{db:?}: {text}");

        // Every change is in the audit log.
        let log = app.state.store.audit_for(&format!("station:{sid}"), 10).await.unwrap();
        assert!(log.iter().any(|(e, _)| e.action == "directory.station_edit"), "{db:?}");

        // Legal aid: the seeded DLSA is there; a lawyer is added through the API.
        let lawyer = json!({"name": "Adv. Test Lawyer", "kind": "lawyer", "phone": "+91 98290 00001",
            "languages": "Hindi", "practice_areas": "Cyber fraud"});
        let (s, added) = app.api(Method::POST, &token, "/api/v1/districts/jaipur/legal-aid", Some(lawyer)).await;
        assert_eq!(s, 201, "{db:?}: {added}");
        let (_, list) = app.api(Method::GET, &counsellor, "/api/v1/districts/jaipur/legal-aid", None).await;
        let kinds: Vec<&str> = list.as_array().unwrap().iter().map(|c| c["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["dlsa", "lawyer"], "{db:?}: {list}");
    }
}

#[tokio::test]
async fn a_district_admin_cannot_touch_another_districts_lists() {
    for db in backends() {
        let app = spawn_app(db).await;
        admins(&app).await;
        let admin = app.browser("admin.jaipur").await;
        let token = app.token("admin.jaipur").await;
        let state = app.token("state.admin").await;
        let jodhpur_station = station(&app, &state, "jodhpur", "cyber").await["id"].as_i64().unwrap();

        for path in ["/admin/districts/jodhpur", "/admin/districts/jodhpur/stations", "/admin/districts/jodhpur/tips"] {
            assert_eq!(admin.get(path).await.0, 404, "{db:?}: {path}");
        }
        let body = json!({"name_en": "Taken over", "name_hi": "कब्ज़ा", "active": true});
        for path in [
            format!("/api/v1/districts/jodhpur/stations/{jodhpur_station}"),
            // Another district's station through one's own district: not found either.
            format!("/api/v1/districts/jaipur/stations/{jodhpur_station}"),
        ] {
            let (s, _) = app.api(Method::PUT, &token, &path, Some(body.clone())).await;
            assert_eq!(s, 404, "{db:?}: {path}");
        }
        let (s, _) = app.api(Method::GET, &token, "/api/v1/districts/jodhpur/stations", None).await;
        assert_eq!(s, 404, "{db:?}");
        assert_eq!(
            station(&app, &state, "jodhpur", "cyber").await["name_en"],
            "Cyber Police Station, Jodhpur Police Commissionerate"
        );

        // Other roles of the district read the lists but may not change them.
        let counsellor = app.token("counsellor.jaipur").await;
        let (s, _) = app.api(Method::GET, &counsellor, "/api/v1/districts/jaipur/stations", None).await;
        assert_eq!(s, 200);
        let (s, _) = app.api(Method::POST, &counsellor, "/api/v1/districts/jaipur/stations", Some(body.clone())).await;
        assert_eq!(s, 403, "{db:?}");
        assert_eq!(app.browser("counsellor.jaipur").await.get("/admin/districts/jaipur/stations").await.0, 403);
        // Only the state admin adds districts.
        let (s, _) = app.api(Method::POST, &token, "/api/v1/districts", Some(json!({"code": "ajmer"}))).await;
        assert_eq!(s, 403, "{db:?}");
        // The state admin edits every district's lists.
        let path = format!("/api/v1/districts/jodhpur/stations/{jodhpur_station}");
        let body =
            json!({"name_en": "Cyber Police Station, Jodhpur", "name_hi": "साइबर थाना, जोधपुर", "is_default": true});
        let (s, v) = app.api(Method::PUT, &state, &path, Some(body)).await;
        assert_eq!(s, 200, "{db:?}: {v}");
    }
}

/// The fields a station or a tip is written with.
const STATION_FIELDS: &[&str] =
    &["name_en", "name_hi", "areas", "phone", "email", "address", "officer_title", "is_default", "active"];
const TIP_FIELDS: &[&str] = &["patterns", "audience", "title_en", "title_hi", "text_en", "text_hi", "source", "active"];

/// `read` (an answer of the API) with only the fields a write takes.
fn writable(read: &Value, fields: &[&str]) -> Value {
    Value::Object(
        read.as_object()
            .unwrap()
            .iter()
            .filter(|(k, _)| fields.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    )
}

#[tokio::test]
async fn a_deactivated_station_is_not_offered() {
    for db in backends() {
        let app = spawn_app(db).await;
        admins(&app).await;
        let token = app.token("admin.jaipur").await;
        let s = station(&app, &token, "jaipur", "mansarovar").await;
        let sid = s["id"].as_i64().unwrap();
        // What was read, less what cannot be written (the id, the district): those are refused.
        let mut body = writable(&s, STATION_FIELDS);
        body["areas"] = json!("mansarovar\nमानसरोवर");
        body["active"] = json!(false);
        let (status, v) =
            app.api(Method::PUT, &token, &format!("/api/v1/districts/jaipur/stations/{sid}"), Some(body)).await;
        assert_eq!((status, v["active"].as_bool()), (200, Some(false)), "{db:?}: {v}");

        // Neither the referral form nor the documents offer it; the letter falls back to the
        // district's default station.
        let counsellor = app.token("counsellor.jaipur").await;
        let case = app.create_case(&counsellor, json!({"victim_address": "B-12 Mansarovar, Jaipur"})).await;
        let (id, reference) = (case["id"].as_i64().unwrap(), case["reference"].as_str().unwrap().to_owned());
        let (_, page) = app.browser("counsellor.jaipur").await.get(&format!("/cases/{reference}")).await;
        assert!(page.contains(&format!("value=\"station:{}\"", station(&app, &token, "jaipur", "cyber").await["id"])));
        assert!(!page.contains(&format!("value=\"station:{sid}\"")), "{db:?}: not offered for referral");
        assert!(!page.contains("value=\"mansarovar\""), "{db:?}: not offered for the letter");
        let text = letter_text(&app, &counsellor, id).await;
        assert!(text.contains("CyberPoliceStation") && !text.contains("Mansarovar,Jaipur\n"), "{db:?}: {text}");

        // Picking it anyway is refused; picking an active one fills the referral.
        let consent = json!({"purpose": "referral_police", "given": true});
        app.api(Method::POST, &counsellor, &format!("/api/v1/cases/{id}/consents"), Some(consent)).await;
        let path = format!("/api/v1/cases/{id}/referrals");
        let (s, p) = app.api(Method::POST, &counsellor, &path, Some(json!({"pick": format!("station:{sid}")}))).await;
        assert_eq!((s, p["errors"][0]["code"].as_str()), (422, Some("referral-error-pick")), "{db:?}: {p}");
        let cyber = station(&app, &token, "jaipur", "cyber").await["id"].as_i64().unwrap();
        let (s, rows) =
            app.api(Method::POST, &counsellor, &path, Some(json!({"pick": format!("station:{cyber}")}))).await;
        assert_eq!(s, 201, "{db:?}: {rows}");
        assert_eq!(
            (rows[0]["kind"].as_str(), rows[0]["to_name"].as_str()),
            (Some("police"), Some("साइबर पुलिस थाना, पुलिस आयुक्तालय जयपुर"))
        );
    }
}

#[tokio::test]
async fn tips_edited_by_the_state_admin_show_on_the_help_page_and_hidden_ones_do_not() {
    for db in backends() {
        let app = spawn_app(db).await;
        admins(&app).await;
        let state = app.token("state.admin").await;
        let admin = app.token("admin.jaipur").await;
        let (_, tips) = app.api(Method::GET, &state, "/api/v1/districts/jaipur/tips", None).await;
        let tip = tips.as_array().unwrap().iter().find(|t| t["key"] == "golden_hour_1930").cloned().expect("seeded");
        let tid = tip["id"].as_i64().unwrap();
        let mut body = writable(&tip, TIP_FIELDS);
        body["title_en"] = json!("EDITED: call 1930 in the very first hour");
        let path = format!("/api/v1/districts/jaipur/tips/{tid}");
        // A district admin may not change the shared library.
        let (s, _) = app.api(Method::PUT, &admin, &path, Some(body.clone())).await;
        assert_eq!(s, 403, "{db:?}");
        let (s, v) = app.api(Method::PUT, &state, &path, Some(body)).await;
        assert_eq!(s, 200, "{db:?}: {v}");

        let help = |q: &'static str| {
            let url = app.url(&format!("/help?lang=en&what=upi_qr&money=yes&when=hour{q}"));
            async move { TestApp::http().get(url).send().await.unwrap().text().await.unwrap() }
        };
        assert!(help("").await.contains("EDITED: call 1930"), "{db:?}: the edit shows on the help page");

        // Jaipur hides it and adds a tip of its own: Jaipur's victims see theirs, not the hidden one.
        let (s, _) = app.api(Method::PUT, &admin, &format!("{path}/hidden"), Some(json!({"hidden": true}))).await;
        assert_eq!(s, 204, "{db:?}");
        let own = json!({"patterns": ["upi_qr"], "audience": ["general"], "title_en": "Jaipur: fake electricity bill QR codes",
            "title_hi": "जयपुर: बिजली बिल के नकली QR कोड", "text_en": "JVVNL never sends a QR code by WhatsApp.",
            "text_hi": "JVVNL कभी WhatsApp पर QR कोड नहीं भेजता।"});
        let (s, added) = app.api(Method::POST, &admin, "/api/v1/districts/jaipur/tips", Some(own)).await;
        assert_eq!(s, 201, "{db:?}: {added}");
        let jaipur = help("&district=jaipur").await;
        assert!(!jaipur.contains("EDITED: call 1930"), "{db:?}: hidden in Jaipur");
        assert!(jaipur.contains("Jaipur: fake electricity bill QR codes"), "{db:?}");
        let jodhpur = help("&district=jodhpur").await;
        assert!(jodhpur.contains("EDITED: call 1930") && !jodhpur.contains("Jaipur: fake"), "{db:?}");

        // The victim's own page at closure follows the same library.
        let jaipur_id = district_id(&app, "jaipur").await;
        let shown = sahayak::prevention::tips_for(&app.state.store, Some(jaipur_id), "upi_qr").await.unwrap();
        assert!(shown.iter().all(|t| t.key != "golden_hour_1930"));
        assert_eq!(shown[0].key, added["key"].as_str().unwrap(), "{db:?}: the district's own first");
        let counsellor = app.token("counsellor.jaipur").await;
        let case = app.create_case(&counsellor, json!({"scam_pattern": "upi_qr", "victim_lang": "en"})).await;
        let (id, reference) = (case["id"].as_i64().unwrap(), case["reference"].as_str().unwrap().to_owned());
        let (_, code) = app.api(Method::POST, &counsellor, &format!("/api/v1/cases/{id}/victim-code"), None).await;
        let status = format!("/api/v1/cases/{id}/status");
        app.api(Method::POST, &counsellor, &status, Some(json!({"status": "in_progress"}))).await;
        let (s, _) = app
            .api(Method::POST, &counsellor, &status, Some(json!({"status": "closed", "closure_reason": "resolved"})))
            .await;
        assert_eq!(s, 200);
        let victim =
            reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let csrf = csrf_of(&victim.get(app.url("/track")).send().await.unwrap().text().await.unwrap());
        let form = [("reference", reference.as_str()), ("code", code["code"].as_str().unwrap()), ("csrf", &csrf)];
        let r = victim.post(app.url("/track")).form(&form).send().await.unwrap();
        assert_eq!(r.status(), 303, "{db:?}");
        let page = victim.get(app.url("/track/case")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Jaipur: fake electricity bill QR codes"), "{db:?}: {page}");
        assert!(!page.contains("EDITED: call 1930"), "{db:?}: hidden in the victim's district");

        // Awareness programmes look tips up by their stable keys.
        let keys = vec!["golden_hour_1930".to_owned(), "no_such_tip".to_owned()];
        let found = sahayak::prevention::by_keys(&app.state.store, &keys, Lang::Hi).await.unwrap();
        assert_eq!(found.len(), 1);
        assert!(found[0].title.contains("1930"));
    }
}

#[tokio::test]
async fn a_state_admin_adds_a_district_through_the_page_and_the_api_and_it_takes_cases_at_once() {
    for db in backends() {
        let app = spawn_app(db).await;
        admins(&app).await;
        let browser = app.browser("state.admin").await;
        let (s, page) = browser.get("/admin/districts/new").await;
        assert_eq!(s, 200, "{db:?}");
        assert!(page.contains("2026-01-26 | Republic Day"), "{db:?}: the shared holidays are proposed");
        let (s, location, body) = post_form(
            &browser,
            "/admin/districts/new",
            "/admin/districts",
            &[
                ("code", "ajmer"),
                ("prefix", "AJM"),
                ("name_en", "Ajmer"),
                ("name_hi", "अजमेर"),
                ("centre_name", "Cyber Support Centre, Ajmer"),
                ("centre_address", "Collectorate campus, Ajmer"),
                ("centre_phone", "0145-2627000"),
                ("holidays", "2026-12-25 | Christmas | क्रिसमस\n2026-08-28 | Urs holiday | उर्स की छुट्टी | ?"),
            ],
        )
        .await;
        assert_eq!((s, location.as_deref()), (303, Some("/admin/districts/ajmer")), "{db:?}: {body}");
        let ajmer = district_id(&app, "ajmer").await;
        let holidays = app.state.store.district_holidays(ajmer).await.unwrap();
        let days: Vec<&str> = holidays.iter().map(|h| h.day.as_str()).collect();
        assert_eq!(days, ["2026-08-28", "2026-12-25"], "{db:?}");
        assert_eq!(holidays[0].estimate, 1);

        // At once, without a restart: a case in it, seen by its staff and by nobody else's.
        let state = app.token("state.admin").await;
        let case = app.create_case(&state, json!({"district": "ajmer"})).await;
        assert!(case["reference"].as_str().unwrap().starts_with("AJM-"), "{db:?}: {case}");
        app.add_user("counsellor.ajmer", Role::Counsellor, &[ajmer], Lang::Hi).await;
        let local = app.token("counsellor.ajmer").await;
        let (_, list) = app.api(Method::GET, &local, "/api/v1/cases", None).await;
        assert_eq!(list["items"][0]["id"], case["id"], "{db:?}: {list}");
        let mine = app.create_case(&local, json!({"district": "ajmer"})).await;
        let jaipur = app.token("counsellor.jaipur").await;
        let (s, _) = app.api(Method::GET, &jaipur, &format!("/api/v1/cases/{}", mine["id"]), None).await;
        assert_eq!(s, 404, "{db:?}");
        // It starts with the shared library, and its help page shows its own centre.
        let (_, tips) = app.api(Method::GET, &local, "/api/v1/districts/ajmer/tips", None).await;
        assert!(tips.as_array().unwrap().len() >= 50, "{db:?}");
        let help = TestApp::http().get(app.url("/help?lang=en&district=ajmer")).send().await.unwrap();
        let help = help.text().await.unwrap();
        assert!(help.contains("Collectorate campus, Ajmer") && help.contains("0145-2627000"), "{db:?}");
        let (_, plans) = app.api(Method::GET, &local, &format!("/api/v1/cases/{}/tasks", mine["id"]), None).await;
        assert!(!plans.as_array().unwrap().is_empty(), "{db:?}: the shared plans make its tasks");

        // Through the API, too.
        let kota = json!({"code": "kota", "prefix": "KTA", "name_en": "Kota", "name_hi": "कोटा"});
        let (s, d) = app.api(Method::POST, &state, "/api/v1/districts", Some(kota)).await;
        assert_eq!((s, d["code"].as_str()), (201, Some("kota")), "{db:?}: {d}");
        let case = app.create_case(&state, json!({"district": "kota"})).await;
        assert!(case["reference"].as_str().unwrap().starts_with("KTA-"), "{db:?}");
        let kota_id = d["id"].as_i64().unwrap();
        assert!(!app.state.store.district_holidays(kota_id).await.unwrap().is_empty(), "the shared calendar");
    }
}

#[tokio::test]
async fn bad_input_is_refused_with_translated_errors_and_nothing_is_saved() {
    for db in backends() {
        let app = spawn_app(db).await;
        admins(&app).await;
        let browser = app.browser("state.admin").await;
        let before = app.state.store.districts().await.unwrap().len();
        let (s, _, page) = post_form(
            &browser,
            "/admin/districts/new",
            "/admin/districts",
            &[("code", "Bad Code"), ("prefix", "a1"), ("name_en", "Ajmer"), ("holidays", "26/01/2026 Republic Day")],
        )
        .await;
        assert_eq!(s, 422, "{db:?}");
        for message in ["Use two to five capital letters.", "Write each holiday as", "This field is required."] {
            assert!(page.contains(message), "{db:?}: {message}");
        }
        assert!(page.contains("value=\"Ajmer\""), "{db:?}: what was typed is kept");
        let (s, _, page) = post_form(
            &browser,
            "/admin/districts/new",
            "/admin/districts?lang=hi",
            &[("code", "jaipur"), ("prefix", "JPX"), ("name_en", "Jaipur 2"), ("name_hi", "जयपुर 2")],
        )
        .await;
        assert_eq!(s, 422, "{db:?}: the code is taken");
        assert!(page.contains("This already exists.") || page.contains("पहले से"), "{db:?}");
        let state = app.token("state.admin").await;
        let (s, p) = app
            .api(
                Method::POST,
                &state,
                "/api/v1/districts",
                Some(json!({"code": "tonk", "prefix": "JPR", "name_en": "Tonk", "name_hi": "टोंक"})),
            )
            .await;
        assert_eq!((s, p["errors"][0]["field"].as_str()), (422, Some("prefix")), "{db:?}: the prefix is taken: {p}");
        assert_eq!(app.state.store.districts().await.unwrap().len(), before, "{db:?}: nothing half-saved");

        // A station with a bad e-mail: a Hindi message, nothing saved.
        let token = app.token("admin.jaipur").await;
        let jaipur = district_id(&app, "jaipur").await;
        let count = app.state.store.stations(jaipur, true).await.unwrap().len();
        let bad = json!({"name_en": "PS New", "name_hi": "नया थाना", "email": "no-at-sign", "phone": "call me"});
        let (s, p) = app.api(Method::POST, &token, "/api/v1/districts/jaipur/stations?lang=hi", Some(bad)).await;
        assert_eq!(s, 422, "{db:?}: {p}");
        let mut codes: Vec<&str> =
            p["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect();
        codes.sort();
        assert_eq!(codes, ["dir-error-email", "dir-error-phone"], "{db:?}");
        let phone = p["errors"].as_array().unwrap().iter().find(|e| e["field"] == "phone").unwrap();
        assert!(phone["message"].as_str().unwrap().contains("फ़ोन"), "{db:?}: {p}");
        assert_eq!(app.state.store.stations(jaipur, true).await.unwrap().len(), count);
        // The page re-renders with the typed values and errors beside the fields.
        let admin = app.browser("admin.jaipur").await;
        let (s, _, page) = post_form(
            &admin,
            "/admin/districts/jaipur/stations",
            "/admin/districts/jaipur/stations",
            &[("name_en", "PS New"), ("email", "nope")],
        )
        .await;
        assert_eq!(s, 422);
        assert!(page.contains("value=\"PS New\"") && page.contains("class=\"field-error\""), "{db:?}");
        assert_eq!(app.state.store.stations(jaipur, true).await.unwrap().len(), count);
        // A tip about no kind of scam, and a default station that is inactive, are refused.
        let (s, p) = app
            .api(
                Method::POST,
                &token,
                "/api/v1/districts/jaipur/tips",
                Some(json!({"title_en": "x", "patterns": ["nope"]})),
            )
            .await;
        assert_eq!(s, 422, "{db:?}: {p}");
        let (s, _) = app
            .api(
                Method::POST,
                &token,
                "/api/v1/districts/jaipur/stations",
                Some(json!({"name_en": "PS", "name_hi": "थाना", "is_default": true, "active": false})),
            )
            .await;
        assert_eq!(s, 422, "{db:?}");
        // Not JSON of the right shape: a 4xx naming the field, never a 5xx.
        let (s, p) =
            app.api(Method::PUT, &token, "/api/v1/districts/jaipur/tips/1/hidden", Some(json!({"hidden": "x"}))).await;
        assert_eq!((s, p["errors"][0]["field"].as_str()), (422, Some("hidden")), "{db:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_directory_pages_pass_axe_in_a_real_browser() {
    use fantoccini::Locator;
    let Some((chromium, driver, axe_js)) = crate::browser::tools() else { return };
    let app = spawn_app(crate::helpers::Db::Sqlite).await;
    admins(&app).await;
    let (_driver, c) = crate::browser::start_browser(&chromium, &driver).await;
    let result = async {
        c.goto(&app.url("/login?lang=hi")).await?;
        c.find(Locator::Id("username")).await?.send_keys("admin.jaipur").await?;
        c.find(Locator::Id("password")).await?.send_keys(&format!("{}\u{E007}", crate::helpers::PASSWORD)).await?;
        c.wait().for_element(Locator::Css("nav a[href='/admin/districts']")).await?;
        for path in [
            "/admin/districts",
            "/admin/districts/jaipur",
            "/admin/districts/jaipur/stations",
            "/admin/districts/jaipur/legal-aid",
            "/admin/districts/jaipur/tips",
            "/help?district=jaipur&what=upi_qr&money=yes&when=hour",
        ] {
            c.goto(&app.url(path)).await?;
            assert_eq!(crate::browser::axe(&c, &axe_js).await, Vec::<String>::new(), "{path}");
        }
        // A form sent back with its errors passes too.
        c.goto(&app.url("/admin/districts/jaipur/stations")).await?;
        c.find(Locator::Id("f-email")).await?.send_keys("not an address").await?;
        c.find(Locator::Css("#add button[type=submit]")).await?.click().await?;
        c.wait().for_element(Locator::Css("#form-errors")).await?;
        assert_eq!(crate::browser::axe(&c, &axe_js).await, Vec::<String>::new(), "errors");
        Ok::<(), fantoccini::error::CmdError>(())
    }
    .await;
    c.close().await.ok();
    result.unwrap();
}

#[tokio::test]
async fn a_district_admin_changes_the_centre_and_holidays_through_the_api() {
    for db in backends() {
        let app = spawn_app(db).await;
        admins(&app).await;
        let token = app.token("admin.jaipur").await;
        let body = json!({"centre_name": "Cyber Support Centre, Jaipur", "centre_address": "Police Commissionerate, Jaipur",
            "centre_phone": "0141-2600000", "holidays": [
                {"date": "2027-01-26", "name_en": "Republic Day", "name_hi": "गणतंत्र दिवस", "estimate": false},
                {"date": "2027-03-22", "name_en": "Holi", "name_hi": "होली", "estimate": true}]});
        let (s, d) = app.api(Method::PUT, &token, "/api/v1/districts/jaipur", Some(body)).await;
        assert_eq!((s, d["centre_phone"].as_str()), (200, Some("0141-2600000")), "{db:?}: {d}");
        let jaipur = district_id(&app, "jaipur").await;
        let days: Vec<String> =
            app.state.store.district_holidays(jaipur).await.unwrap().into_iter().map(|h| h.day).collect();
        assert_eq!(days, ["2027-01-26", "2027-03-22"], "{db:?}: the list sent replaces the one kept");

        // A date that is not a date: a field error, and nothing changes.
        let bad = json!({"centre_phone": "0141-2999999", "holidays": [{"date": "26/01/2027", "name_en": "R", "name_hi": "र"}]});
        let (s, p) = app.api(Method::PUT, &token, "/api/v1/districts/jaipur", Some(bad)).await;
        assert_eq!(s, 422, "{db:?}: {p}");
        let (_, list) = app.api(Method::GET, &token, "/api/v1/districts", None).await;
        let kept = list.as_array().unwrap().iter().find(|d| d["code"] == "jaipur").cloned().unwrap();
        assert_eq!(kept["centre_phone"], "0141-2600000", "{db:?}: {kept}");
        assert_eq!(app.state.store.district_holidays(jaipur).await.unwrap().len(), 2, "{db:?}");

        // Another district's admin page is not found for a Jaipur admin.
        let (s, _) = app.api(Method::PUT, &token, "/api/v1/districts/jodhpur", Some(json!({}))).await;
        assert_eq!(s, 404, "{db:?}");
    }
}
