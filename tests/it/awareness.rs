//! Awareness programmes: institutions and programmes planned and held through the pages and
//! the API; bad input refused in the user's language with nothing saved; the public feedback
//! page (no sign-in, wrong token, throttle) and the quiz averages; other districts; the
//! certificates read back from the PDF; the dashboard's figures against a hand-made fixture.

use std::process::Command;

use reqwest::Method;
use sahayak::store::{CaseFields, InstitutionFields, NewCase, ProgrammeFields};
use sahayak_domain::case::{Channel, Lang, ScamPattern};
use sahayak_domain::deadlines::clock::ist_at;
use serde_json::{Value, json};

use crate::helpers::*;

fn institution_body(district: &str) -> Value {
    json!({"district": district, "name": "Govt. Girls School, Bapu Nagar", "kind": "school",
        "address": "Bapu Nagar, Jaipur", "contact_person": "Smt. Rekha Sharma", "phone": "0141 270 1234",
        "email": "principal@example.org"})
}

fn programme_body(institution: i64) -> Value {
    json!({"institution_id": institution, "starts_at": "2099-01-15T11:00", "venue": "Assembly hall",
        "audience": ["students", "teachers"], "classes": "Class 9–10", "language": "hi",
        "speakers": "Anita Sharma", "topics": ["otp_never_share", "blackmail_dont_pay"],
        "materials": "Slides", "use_quiz": true})
}

async fn institution(app: &TestApp, token: &str, district: &str) -> i64 {
    let (s, i) = app.api(Method::POST, token, "/api/v1/awareness/institutions", Some(institution_body(district))).await;
    assert_eq!(s, 201, "{i}");
    i["id"].as_i64().unwrap()
}

async fn programme(app: &TestApp, token: &str, institution: i64) -> Value {
    let (s, p) = app.api(Method::POST, token, "/api/v1/awareness/programmes", Some(programme_body(institution))).await;
    assert_eq!(s, 201, "{p}");
    p
}

async fn count(app: &TestApp, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table}");
    sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql))
        .fetch_one(sahayak::store::testing::pool(&app.state.store))
        .await
        .unwrap()
}

fn has_error(html: &str, key: &str) -> bool {
    let c = sahayak::web::i18n::catalogs();
    html.contains(&c.get(Lang::En, key)) || html.contains(&c.get(Lang::Hi, key))
}

#[tokio::test]
async fn a_programme_is_planned_held_and_changed_through_the_api_and_the_pages() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("counsellor.jaipur").await;
        let inst = institution(&app, &token, "jaipur").await;
        let p = programme(&app, &token, inst).await;
        let id = p["id"].as_i64().unwrap();
        assert_eq!((p["status"].as_str(), p["district"].as_str()), (Some("planned"), Some("jaipur")), "{db:?}");
        assert_eq!(p["starts_at"], "2099-01-15T05:30:00Z");
        assert_eq!(p["quiz"].as_array().unwrap().len(), 5);
        assert_eq!(p["quiz"][0], "otp_share", "questions on the topics come first");
        assert!(p["feedback_path"].as_str().unwrap().starts_with("/feedback/"));

        // Bad input: every mistake named, translated, and nothing saved.
        let before = count(&app, "awareness_programmes").await;
        // What the published schema refuses is named first (issue 17), then what only the
        // programme's rules see.
        let bad = json!({"institution_id": inst, "starts_at": "tomorrow", "audience": ["aliens"], "language": "fr",
            "topics": ["no_such_tip"], "status": "held"});
        let (s, problem) = app.api(Method::POST, &token, "/api/v1/awareness/programmes?lang=hi", Some(bad)).await;
        assert_eq!(s, 422, "{problem}");
        let fields: Vec<&str> =
            problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        for f in ["starts_at", "audience[0]", "language"] {
            assert!(fields.contains(&f), "{f} in {problem}");
        }
        let message = problem["errors"][0]["message"].as_str().unwrap();
        assert!(message.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c)), "Hindi: {message}");
        let bad = json!({"institution_id": inst, "starts_at": "2099-01-15T11:00", "audience": ["students"],
            "language": "hi", "topics": ["no_such_tip"], "status": "held"});
        let (s, problem) = app.api(Method::POST, &token, "/api/v1/awareness/programmes?lang=hi", Some(bad)).await;
        assert_eq!(s, 422, "{problem}");
        let fields: Vec<&str> =
            problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        for f in ["topics", "attendance"] {
            assert!(fields.contains(&f), "{f} in {problem}");
        }
        assert_eq!(count(&app, "awareness_programmes").await, before, "{db:?}: nothing saved");
        let (s, _) = app
            .api(
                Method::POST,
                &token,
                "/api/v1/awareness/institutions",
                Some(json!({"district": "jaipur",
            "name": "X", "kind": "school", "phone": "call me", "email": "nobody"})),
            )
            .await;
        assert_eq!(s, 422);
        assert_eq!(count(&app, "awareness_institutions").await, 1);

        // Held: the attendance is needed, then recorded.
        let path = format!("/api/v1/awareness/programmes/{id}/attendance");
        let (s, problem) = app.api(Method::POST, &token, &path, Some(json!({"status": "held"}))).await;
        assert_eq!((s, problem["errors"][0]["code"].as_str()), (422, Some("error-awareness-attendance-required")));
        let (s, held) = app.api(Method::POST, &token, &path, Some(json!({"status": "held", "attendance": 42}))).await;
        assert_eq!((s, held["status"].as_str(), held["attendance"].as_i64()), (200, Some("held"), Some(42)), "{held}");
        let (_, list) = app.api(Method::GET, &token, "/api/v1/awareness/institutions", None).await;
        assert_eq!(list[0]["last_visited"], "2099-01-15T05:30:00Z");

        // The pages: plan a second programme with the form, see it on the calendar.
        let browser = app.browser("counsellor.jaipur").await;
        let csrf = browser.csrf("/awareness/programmes/new").await;
        let inst_s = inst.to_string();
        let (s, _, html) = browser
            .post("/awareness/programmes", &[("csrf", &csrf), ("institution_id", &inst_s), ("starts_at", "")])
            .await;
        assert_eq!(s, 422, "{db:?}");
        assert!(has_error(&html, "error-awareness-topics") && has_error(&html, "error-awareness-audience"));
        assert_eq!(count(&app, "awareness_programmes").await, 1);
        let starts = (chrono::Utc::now() + chrono::Duration::days(3)).with_timezone(&sahayak_domain::time::ist());
        let starts = starts.format("%Y-%m-%dT10:30").to_string();
        let form = [
            ("csrf", csrf.as_str()),
            ("institution_id", &inst_s),
            ("starts_at", &starts),
            ("audience", "parents"),
            ("audience", "senior_citizens"),
            ("language", "both"),
            ("topics", "no_digital_arrest"),
            ("status", "planned"),
        ];
        let (s, location, _) = browser.post("/awareness/programmes", &form).await;
        assert_eq!(s, 303, "{db:?}");
        let location = location.unwrap();
        let (s, page) = browser.get(&location).await;
        assert_eq!(s, 200);
        assert!(page.contains("Govt. Girls School, Bapu Nagar") && page.contains("<svg"), "the QR code is on the page");
        assert!(page.contains("/feedback/"));
        let (_, calendar) = browser.get("/awareness").await;
        assert!(calendar.contains(&location), "{db:?}: the calendar lists the new programme");
        let (_, past) = browser.get("/awareness?from=2099-01-01").await;
        assert!(past.contains(&format!("/awareness/programmes/{id}")), "other periods are reachable");
        let (_, institutions) = browser.get("/awareness/institutions").await;
        assert!(institutions.contains("15-01-2099"), "{db:?}: last visit shown");

        // Changed through the form: still in its district, and the quiz stays the same.
        let csrf = browser.csrf(&format!("/awareness/programmes/{id}?edit=1")).await;
        let form = [
            ("csrf", csrf.as_str()),
            ("institution_id", &inst_s),
            ("starts_at", "2099-01-15T12:00"),
            ("audience", "students"),
            ("language", "en"),
            ("topics", "two_step_verification"),
            ("status", "held"),
            ("attendance", "55"),
            ("use_quiz", "on"),
        ];
        let (s, _, _) = browser.post(&format!("/awareness/programmes/{id}"), &form).await;
        assert_eq!(s, 303);
        let (_, after) = app.api(Method::GET, &token, &format!("/api/v1/awareness/programmes/{id}"), None).await;
        assert_eq!((after["attendance"].as_i64(), after["language"].as_str()), (Some(55), Some("en")));
        assert_eq!(after["quiz"], p["quiz"], "{db:?}");
    }
}

fn token_of(p: &Value) -> String {
    p["feedback_path"].as_str().unwrap().trim_start_matches("/feedback/").to_owned()
}

/// Answers to the programme's quiz, `right` of them right.
fn answers(quiz: &Value, right: usize) -> Value {
    let mut out = serde_json::Map::new();
    for (i, q) in quiz.as_array().unwrap().iter().enumerate() {
        let id = q.as_str().unwrap();
        let answer = sahayak::awareness::quiz::get(id).unwrap().answer;
        out.insert(id.into(), json!(if i < right { answer } else { (answer + 1) % 2 }));
    }
    Value::Object(out)
}

#[tokio::test]
async fn attendees_give_feedback_without_signing_in_and_the_quiz_averages_add_up() {
    for db in backends() {
        let app = spawn_app(db).await;
        let token = app.token("counsellor.jaipur").await;
        let p = programme(&app, &token, institution(&app, &token, "jaipur").await).await;
        let quiz = p["quiz"].clone();
        let fb = token_of(&p);
        let http = TestApp::http();

        let r = http.get(app.url(&format!("/feedback/{fb}?stage=before&lang=en"))).send().await.unwrap();
        assert_eq!(r.status(), 200);
        let html = r.text().await.unwrap();
        assert!(!html.contains("<script"), "script-free");
        assert!(html.contains("name=\"q_otp_share\""), "{db:?}: the quiz is asked at the start");
        assert!(!html.contains("name=\"rating\""));
        let hindi = http.get(app.url(&format!("/feedback/{fb}"))).send().await.unwrap().text().await.unwrap();
        assert!(hindi.contains("आपकी राय"), "the programme's language by default");
        for wrong in ["nope", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"] {
            let r = http.get(app.url(&format!("/feedback/{wrong}"))).send().await.unwrap();
            assert_eq!(r.status(), 404, "{wrong}");
            let r = http.post(app.url(&format!("/api/v1/feedback/{wrong}"))).json(&json!({"rating": 5})).send().await;
            assert_eq!(r.unwrap().status(), 404);
        }

        // Before: 2 and 4 of 5 right (60 % on average); after: 5 and 4 (90 %), rated 5 and 4.
        let mut form: Vec<(String, String)> = vec![("stage".into(), "before".into())];
        for (id, a) in answers(&quiz, 2).as_object().unwrap() {
            form.push((format!("q_{id}"), a.to_string()));
        }
        let r = http.post(app.url(&format!("/feedback/{fb}"))).form(&form).send().await.unwrap();
        assert_eq!(r.status(), 200, "{db:?}");
        assert!(r.text().await.unwrap().contains("role=\"status\""), "thanked");
        let post = |body: Value| {
            let url = app.url(&format!("/api/v1/feedback/{fb}"));
            let http = http.clone();
            async move { http.post(url).json(&body).send().await.unwrap().status().as_u16() }
        };
        assert_eq!(post(json!({"stage": "before", "answers": answers(&quiz, 4)})).await, 201);
        assert_eq!(post(json!({"stage": "after", "rating": 5, "answers": answers(&quiz, 5)})).await, 201);
        let change = "I will never share an OTP";
        assert_eq!(post(json!({"rating": "4", "change": change, "answers": answers(&quiz, 4)})).await, 201);
        // Refused, with nothing kept: a rating of 7, a missing answer, a novel.
        let saved = count(&app, "awareness_feedback").await;
        assert_eq!(post(json!({"rating": 7, "answers": answers(&quiz, 5)})).await, 422);
        assert_eq!(post(json!({"rating": 3, "answers": {}})).await, 422);
        assert_eq!(post(json!({"rating": 3, "change": "x".repeat(501), "answers": answers(&quiz, 5)})).await, 422);
        let r = http.post(app.url(&format!("/feedback/{fb}?lang=en"))).form(&[("rating", "9")]).send().await.unwrap();
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains("Choose a rating from 1 to 5."));
        assert_eq!(count(&app, "awareness_feedback").await, saved, "{db:?}");

        let path = format!("/api/v1/awareness/programmes/{}/feedback", p["id"]);
        let (_, s) = app.api(Method::GET, &token, &path, None).await;
        assert_eq!((s["responses"].as_i64(), s["ratings"].as_i64()), (Some(4), Some(2)), "{db:?}: {s}");
        assert_eq!(s["average_rating"].as_f64(), Some(4.5));
        assert_eq!((s["before_count"].as_i64(), s["after_count"].as_i64()), (Some(2), Some(2)));
        assert!((s["before_average"].as_f64().unwrap() - 0.6).abs() < 1e-9, "{s}");
        assert!((s["after_average"].as_f64().unwrap() - 0.9).abs() < 1e-9, "{s}");
        assert_eq!(s["changes"], json!([change]));
        let browser = app.browser("counsellor.jaipur").await;
        let (_, page) = browser.get(&format!("/awareness/programmes/{}", p["id"])).await;
        assert!(page.contains("60%") && page.contains("90%"), "before vs after on the programme page");

        // The throttle: one address gets FEEDBACK_LIMIT sheets per window, then waits.
        let mut accepted = 4;
        loop {
            let status = post(json!({"rating": 5, "answers": answers(&quiz, 5)})).await;
            if status == 429 {
                break;
            }
            assert_eq!(status, 201);
            accepted += 1;
            assert!(accepted <= sahayak::awareness::FEEDBACK_LIMIT, "never throttled");
        }
        assert_eq!(accepted, sahayak::awareness::FEEDBACK_LIMIT, "{db:?}");
        // No address is kept, not even in the throttle's keys.
        let keys: Vec<String> = sqlx::query_scalar("SELECT key FROM throttle_counts")
            .fetch_all(sahayak::store::testing::pool(&app.state.store))
            .await
            .unwrap();
        assert!(keys.iter().all(|k| !k.contains("127.0.0.1")), "{keys:?}");

        // A cancelled programme takes no more feedback.
        let path = format!("/api/v1/awareness/programmes/{}/attendance", p["id"]);
        app.api(Method::POST, &token, &path, Some(json!({"status": "cancelled"}))).await;
        let r = http.get(app.url(&format!("/feedback/{fb}"))).send().await.unwrap();
        assert_eq!(r.status(), 404);
    }
}

#[tokio::test]
async fn another_district_neither_sees_nor_touches_a_programme() {
    for db in backends() {
        let app = spawn_app(db).await;
        let jaipur = app.token("counsellor.jaipur").await;
        let inst = institution(&app, &jaipur, "jaipur").await;
        let p = programme(&app, &jaipur, inst).await;
        let id = p["id"].as_i64().unwrap();
        let jodhpur = app.token("counsellor.jodhpur").await;
        for path in [
            format!("/api/v1/awareness/programmes/{id}"),
            format!("/api/v1/awareness/programmes/{id}/feedback"),
            format!("/api/v1/awareness/institutions/{inst}"),
        ] {
            assert_eq!(app.api(Method::GET, &jodhpur, &path, None).await.0, 404, "{db:?} {path}");
        }
        let (s, _) = app
            .api(Method::PUT, &jodhpur, &format!("/api/v1/awareness/programmes/{id}"), Some(programme_body(inst)))
            .await;
        assert_eq!(s, 404);
        let (s, _) = app.api(Method::POST, &jodhpur, "/api/v1/awareness/programmes", Some(programme_body(inst))).await;
        assert_eq!(s, 422, "another district's institution is no choice");
        let (s, _) =
            app.api(Method::POST, &jodhpur, "/api/v1/awareness/institutions", Some(institution_body("jaipur"))).await;
        assert_eq!(s, 422);
        let (_, list) = app.api(Method::GET, &jodhpur, "/api/v1/awareness/programmes?from=2099-01-01", None).await;
        assert_eq!(list, json!([]));
        let (_, list) = app.api(Method::GET, &jodhpur, "/api/v1/awareness/institutions", None).await;
        assert_eq!(list, json!([]));
        let (s, _) = app.api(Method::GET, &jodhpur, "/api/v1/awareness/institutions?district=jaipur", None).await;
        assert_eq!(s, 422);
        let browser = app.browser("counsellor.jodhpur").await;
        assert_eq!(browser.get(&format!("/awareness/programmes/{id}")).await.0, 404);
        assert!(!browser.get("/awareness?from=2099-01-01").await.1.contains("Bapu Nagar"));
        // The auditor of the district reads, never writes.
        let auditor = app.token("auditor.jaipur").await;
        assert_eq!(app.api(Method::GET, &auditor, &format!("/api/v1/awareness/programmes/{id}"), None).await.0, 200);
        let path = format!("/api/v1/awareness/programmes/{id}/attendance");
        let (s, _) = app.api(Method::POST, &auditor, &path, Some(json!({"status": "held", "attendance": 1}))).await;
        assert_eq!(s, 403);
    }
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn keep_png(name: &str, pdf: &[u8]) {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("awareness");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    let status = Command::new("pdftoppm").args(["-r", "60", "-png"]).arg(&path).arg(dir.join(name)).status().unwrap();
    assert!(status.success(), "pdftoppm");
    eprintln!("certificate PNGs in {}", dir.display());
}

#[tokio::test]
async fn certificates_of_participation_in_hindi_and_english() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let p = programme(&app, &token, institution(&app, &token, "jaipur").await).await;
    let id = p["id"].as_i64().unwrap();
    let browser = app.browser("counsellor.jaipur").await;
    let cert = format!("/awareness/programmes/{id}/certificate.pdf");
    let r = browser.client.get(app.url(&format!("{cert}?lang=en"))).send().await.unwrap();
    assert_eq!(r.status(), 400, "not held yet");
    let path = format!("/api/v1/awareness/programmes/{id}/attendance");
    app.api(Method::POST, &token, &path, Some(json!({"status": "held", "attendance": 42}))).await;

    let get = |lang: &'static str| {
        let url = app.url(&format!("{cert}?lang={lang}"));
        let client = browser.client.clone();
        async move {
            let r = client.get(url).send().await.unwrap();
            assert_eq!(r.status(), 200);
            assert_eq!(r.headers()["content-type"], "application/pdf");
            r.bytes().await.unwrap().to_vec()
        }
    };
    let en = get("en").await;
    let text = crate::documents::pdftotext(&en);
    for words in
        ["Certificate of Participation", "Govt. Girls School, Bapu Nagar", "attended by 42 people", "15-01-2099"]
    {
        assert!(text.contains(words), "{words} in {text}");
    }
    let hi = get("hi").await;
    let text = squeeze(&crate::documents::pdftotext(&hi));
    for words in ["भागीदारी", "प्रमाणितकियाजाताहैकि", "42लोगोंनेभागलिया", "जयपुर"]
    {
        assert!(text.contains(words), "{words} in {text}");
    }
    keep_png("institution-hi", &hi);

    // A page per name; a name with markup characters prints as typed.
    let csrf = browser.csrf(&format!("/awareness/programmes/{id}")).await;
    let names = "Ravi #Kumar *Meena*\n\n  सुनीता देवी  \n$Pooja [x]\n";
    let r = browser
        .client
        .post(app.url(&format!("/awareness/programmes/{id}/certificates")))
        .form(&[("csrf", csrf.as_str()), ("names", names), ("lang", "hi")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let pdf = r.bytes().await.unwrap().to_vec();
    let text = crate::documents::pdftotext(&pdf);
    assert_eq!(text.matches('\u{c}').count(), 3, "three pages: {text}");
    assert!(text.contains("Ravi #Kumar *Meena*") && text.contains("$Pooja [x]"), "{text}");
    assert!(squeeze(&text).contains("सुनीतादेवी"));
    keep_png("people-hi", &pdf);
    let (s, _, html) = browser
        .post(&format!("/awareness/programmes/{id}/certificates"), &[("csrf", csrf.as_str()), ("names", " \n ")])
        .await;
    assert_eq!(s, 422);
    assert!(has_error(&html, "error-awareness-names"));
}

fn ms(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> i64 {
    ist_at(y, mo, d, h, mi).unwrap().timestamp_millis()
}

async fn case_at(app: &TestApp, district: &str, at: i64) {
    let actor = app.state.store.user_for_login("supervisor").await.unwrap().unwrap().0.id;
    let d = app.state.store.district_by_code(district).await.unwrap().unwrap();
    let fields = CaseFields {
        channel: Channel::WalkIn,
        victim_name: "परीक्षण".into(),
        victim_mobile: "+919829012345".into(),
        victim_lang: Lang::Hi,
        victim_age: None,
        victim_gender: None,
        victim_address: None,
        narrative: "जागरूकता के आँकड़ों की जाँच".into(),
        incident_at: None,
        noticed_at: None,
        taxonomy_version: "ncrp-2024".into(),
        category: "Online Financial Fraud".into(),
        sub_category: None,
        category_other: None,
        scam_pattern: ScamPattern::KycOtp,
        amount_lost_paise: None,
        payment_channel: None,
        suspect_details: None,
        pasted_messages: None,
        money_left: None,
        money_left_at: None,
    };
    let search_text = sahayak::cases::input::search_terms(&fields);
    let new = NewCase {
        district_id: d.id,
        year: 2026,
        prefix: d.prefix,
        fields,
        assignee_id: None,
        created_by: actor,
        at,
        search_text,
        tasks: Vec::new(),
        remember_district_for: None,
    };
    app.state.store.insert_cases_bulk(&[new]).await.unwrap();
}

async fn held(app: &TestApp, institution: i64, district: i64, at: i64, status: &str, attendance: Option<i64>) {
    let topics = vec!["otp_never_share".to_owned()];
    let f = ProgrammeFields {
        institution_id: institution,
        starts_at: at,
        venue: None,
        audience: &["students".to_owned()],
        classes: None,
        language: "hi",
        speakers: None,
        topics: &topics,
        materials: None,
        status,
        attendance,
        quiz: &[],
    };
    let token = format!("{:0>43}", at);
    let actor = app.state.store.user_for_login("supervisor").await.unwrap().unwrap().0.id;
    app.state.store.add_programme(district, &f, &token, actor, at).await.unwrap();
}

/// The fixture, worked out by hand (times IST). Jaipur's first held programme of March–May
/// 2026 is on 15 March 10:00: the 90 days before run from 15 December 2025 10:00, the 90 days
/// after to 13 June 10:00. Jodhpur's is on 10 April.
#[tokio::test]
async fn the_dashboard_counts_programmes_people_and_complaints_around_them() {
    for db in backends() {
        let app = spawn_app(db).await;
        let store = &app.state.store;
        let jaipur = store.district_by_code("jaipur").await.unwrap().unwrap().id;
        let jodhpur = store.district_by_code("jodhpur").await.unwrap().unwrap().id;
        let school = |d: i64| {
            let f = InstitutionFields {
                name: "School",
                kind: "school",
                address: None,
                contact_person: None,
                phone: None,
                email: None,
            };
            async move {
                let actor = store.user_for_login("supervisor").await.unwrap().unwrap().0.id;
                store.add_institution(d, &f, actor, 0).await.unwrap()
            }
        };
        let (ij, io) = (school(jaipur).await, school(jodhpur).await);
        held(&app, ij, jaipur, ms(2026, 2, 10, 10, 0), "held", Some(30)).await; // before the period
        held(&app, ij, jaipur, ms(2026, 3, 1, 10, 0), "cancelled", None).await;
        held(&app, ij, jaipur, ms(2026, 3, 15, 10, 0), "held", Some(100)).await;
        held(&app, ij, jaipur, ms(2026, 4, 2, 10, 0), "held", Some(50)).await;
        held(&app, ij, jaipur, ms(2026, 4, 20, 10, 0), "planned", None).await;
        held(&app, io, jodhpur, ms(2026, 4, 10, 16, 0), "held", Some(70)).await;
        for at in [
            ms(2025, 12, 10, 12, 0), // more than 90 days before: not counted
            ms(2026, 1, 20, 12, 0),  // before
            ms(2026, 3, 15, 9, 59),  // before (a minute earlier)
            ms(2026, 3, 15, 10, 0),  // after (from the programme on)
            ms(2026, 5, 1, 12, 0),   // after
            ms(2026, 6, 20, 12, 0),  // more than 90 days after: not counted
        ] {
            case_at(&app, "jaipur", at).await;
        }
        case_at(&app, "jodhpur", ms(2026, 3, 20, 12, 0)).await; // Jodhpur, before its programme

        let token = app.token("supervisor").await;
        let (s, d) =
            app.api(Method::GET, &token, "/api/v1/dashboard?district=jaipur&from=2026-03&to=2026-05", None).await;
        assert_eq!(s, 200, "{d}");
        let a = &d["awareness"];
        assert_eq!(a["programmes_held"]["months"], json!([1, 1, 0]), "{db:?}: {a}");
        assert_eq!(a["people_reached"]["months"], json!([100, 50, 0]));
        assert_eq!(a["people_reached"]["total"], 150);
        assert_eq!(
            a["complaints_around"],
            json!([{"district": "jaipur", "first_programme": "2026-03-15T04:30:00Z", "cases_before": 2,
                "cases_after": 2, "after_days": 90}]),
            "{db:?}"
        );
        let (_, d) = app.api(Method::GET, &token, "/api/v1/dashboard?from=2026-03&to=2026-05", None).await;
        let a = &d["awareness"];
        assert_eq!(a["programmes_held"]["months"], json!([1, 2, 0]), "{db:?}");
        assert_eq!(a["people_reached"]["months"], json!([100, 120, 0]));
        assert_eq!(
            a["by_district"],
            json!([{"district": "jaipur", "programmes_held": 2, "people_reached": 150},
                {"district": "jodhpur", "programmes_held": 1, "people_reached": 70}])
        );
        let jodhpur_row = &a["complaints_around"][1];
        assert_eq!((jodhpur_row["cases_before"].as_i64(), jodhpur_row["cases_after"].as_i64()), (Some(1), Some(0)));
        // A Jaipur counsellor sees Jaipur's figures only.
        let own = app.token("counsellor.jaipur").await;
        let (_, d) = app.api(Method::GET, &own, "/api/v1/dashboard?from=2026-03&to=2026-05", None).await;
        assert_eq!(d["awareness"]["complaints_around"].as_array().unwrap().len(), 1, "{db:?}");
        let browser = app.browser("supervisor").await;
        let (_, html) = browser.get("/dashboard?from=2026-03&to=2026-05").await;
        assert!(html.contains("Complaints before and after awareness programmes"), "{db:?}");
        assert!(html.contains("not what they caused"), "the page says what the comparison means");
    }
}

/// axe-core on the calendar, the programme page and the public feedback page, in Hindi.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_calendar_and_the_feedback_page_pass_axe() {
    use crate::browser::{axe, start_browser, tools};
    use fantoccini::Locator;
    let Some((chromium, driver, axe_js)) = tools() else { return };
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let mut body = programme_body(institution(&app, &token, "jaipur").await);
    let soon = (chrono::Utc::now() + chrono::Duration::days(2)).with_timezone(&sahayak_domain::time::ist());
    body["starts_at"] = json!(soon.format("%Y-%m-%dT11:00").to_string());
    let (_, p) = app.api(Method::POST, &token, "/api/v1/awareness/programmes", Some(body)).await;
    let (_driver, c) = start_browser(&chromium, &driver).await;
    let result = async {
        c.goto(&app.url("/login?lang=hi")).await?;
        c.find(Locator::Id("username")).await?.send_keys("counsellor.jaipur").await?;
        c.find(Locator::Id("password")).await?.send_keys(&format!("{PASSWORD}\u{E007}")).await?;
        c.wait().for_element(Locator::Css("table.cases, p.empty")).await?;
        c.goto(&app.url("/awareness")).await?;
        c.find(Locator::Css("ol.agenda .agenda-item")).await?;
        assert_eq!(axe(&c, &axe_js).await, Vec::<String>::new(), "calendar");
        c.goto(&app.url(&format!("/awareness/programmes/{}", p["id"]))).await?;
        assert_eq!(axe(&c, &axe_js).await, Vec::<String>::new(), "programme page");
        c.goto(&app.url("/awareness/programmes/new")).await?;
        assert_eq!(axe(&c, &axe_js).await, Vec::<String>::new(), "programme form");
        c.goto(&app.url("/awareness/institutions")).await?;
        assert_eq!(axe(&c, &axe_js).await, Vec::<String>::new(), "institutions");
        c.goto(&app.url(&format!("{}?stage=before", p["feedback_path"].as_str().unwrap()))).await?;
        assert_eq!(axe(&c, &axe_js).await, Vec::<String>::new(), "feedback, before");
        c.goto(&app.url(&format!("{}?lang=en", p["feedback_path"].as_str().unwrap()))).await?;
        assert_eq!(axe(&c, &axe_js).await, Vec::<String>::new(), "feedback, after");
        Ok::<(), fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.expect("browser flow");
}
