//! Staff administration: who may add and change whom, one-time sign-in links, deactivation
//! ending sessions, the last state admin, password rules, the first-run link, and the whole
//! story in a real browser (a district admin adds a counsellor, who sets a password, signs in
//! and sees only that district, until the admin deactivates them).

use std::time::Duration;

use fantoccini::{Client, Locator};
use reqwest::Method;
use sahayak::store::crypto::Keyring;
use sahayak_domain::access::Role;
use sahayak_domain::case::Lang;
use serde_json::{Value, json};

use crate::browser::{axe, start_browser, tools};
use crate::helpers::*;

fn id_of(store_id: &Value) -> i64 {
    store_id.as_i64().expect("an id")
}

fn code_of(problem: &Value) -> String {
    problem["errors"][0]["code"].as_str().unwrap_or_default().to_owned()
}

/// A browser-like client with its own cookies that has not signed in.
fn visitor() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// Sets a password with a link as a visitor would: open it, post the form. Returns the status.
async fn use_link(app: &TestApp, url: &str, password: &str, again: &str) -> (u16, String) {
    let client = visitor();
    let page = client.get(url).send().await.unwrap();
    assert_eq!(page.status(), 200, "the link opens");
    let html = page.text().await.unwrap();
    let token = url.split("token=").nth(1).unwrap();
    let r = client
        .post(app.url("/password/new"))
        .form(&[("csrf", csrf_of(&html).as_str()), ("token", token), ("password", password), ("password2", again)])
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.text().await.unwrap())
}

async fn sign_in_api(app: &TestApp, user: &str, password: &str) -> Option<String> {
    let r = TestApp::http()
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"username": user, "password": password}))
        .send()
        .await
        .unwrap();
    if r.status() != 200 {
        return None;
    }
    Some(r.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn district_admins_manage_their_own_districts_up_to_their_own_role() {
    for db in backends() {
        let app = spawn_app(db).await;
        let store = &app.state.store;
        let jaipur = store.district_by_code("jaipur").await.unwrap().unwrap().id;
        app.add_user("admin.jaipur", Role::Admin, &[jaipur], Lang::En).await;
        let admin = app.token("admin.jaipur").await;

        // Adding: a counsellor of Jaipur, with a link to set the password (never a password).
        let body = json!({"username": "Pooja.Meena", "display_name": "Pooja Meena", "role": "counsellor",
            "districts": ["jaipur"], "lang": "hi"});
        let (s, added) = app.api(Method::POST, &admin, "/api/v1/users", Some(body)).await;
        assert_eq!(s, 201, "{added}");
        assert_eq!(added["user"]["username"], "pooja.meena", "kept in small letters");
        assert_eq!(added["user"]["districts"], json!(["jaipur"]));
        assert_eq!(added["user"]["last_sign_in_at"], Value::Null);
        let url = added["sign_in_link"]["url"].as_str().unwrap().to_owned();
        assert!(url.starts_with(&format!("{}/password/new?token=", app.addr)), "{url}");
        assert!(added["sign_in_link"]["expires_at"].as_str().unwrap().ends_with('Z'));
        let pooja = id_of(&added["user"]["id"]);
        assert_eq!(sign_in_api(&app, "pooja.meena", PASSWORD).await, None, "no password until they set one");

        // Nobody above one's own role, nor outside one's own districts; names are unique.
        let cases = [
            (json!({"username": "x.state", "display_name": "X", "role": "state_admin"}), "error-staff-role-above"),
            (
                json!({"username": "x.jdh", "display_name": "X", "role": "counsellor", "districts": ["jodhpur"]}),
                "error-staff-district-outside",
            ),
            (json!({"username": "x.none", "display_name": "X", "role": "counsellor"}), "error-staff-districts"),
            (
                json!({"username": "pooja.meena", "display_name": "X", "role": "counsellor", "districts": ["jaipur"]}),
                "error-staff-username-taken",
            ),
            (
                json!({"username": "a b", "display_name": "X", "role": "counsellor", "districts": ["jaipur"]}),
                "error-staff-username",
            ),
        ];
        for (body, code) in cases {
            let (s, p) = app.api(Method::POST, &admin, "/api/v1/users", Some(body.clone())).await;
            assert_eq!((s, code_of(&p)), (422, code.to_owned()), "{body}");
        }
        let (s, p) = app
            .api(Method::PATCH, &admin, &format!("/api/v1/users/{pooja}"), Some(json!({"role": "state_admin"})))
            .await;
        assert_eq!((s, code_of(&p)), (422, "error-staff-role-above".into()));

        // The list holds the admin's districts' people only; another district's person is
        // "not found"; someone also working elsewhere is seen but not changed.
        let (s, list) = app.api(Method::GET, &admin, "/api/v1/users", None).await;
        assert_eq!(s, 200);
        let names: Vec<&str> = list.as_array().unwrap().iter().map(|u| u["username"].as_str().unwrap()).collect();
        assert!(names.contains(&"pooja.meena") && names.contains(&"counsellor.jaipur"), "{names:?}");
        assert!(!names.contains(&"counsellor.jodhpur"), "{names:?}");
        let jodhpur_person = store.user_for_login("counsellor.jodhpur").await.unwrap().unwrap().0.id;
        let (s, _) = app.api(Method::GET, &admin, &format!("/api/v1/users/{jodhpur_person}"), None).await;
        assert_eq!(s, 404);
        let both = store.user_for_login("supervisor").await.unwrap().unwrap().0.id;
        let (s, _) = app.api(Method::GET, &admin, &format!("/api/v1/users/{both}"), None).await;
        assert_eq!(s, 200);
        let (s, _) =
            app.api(Method::PATCH, &admin, &format!("/api/v1/users/{both}"), Some(json!({"active": false}))).await;
        assert_eq!(s, 403, "the supervisor also works in Jodhpur");
        let counsellor = app.token("counsellor.jaipur").await;
        let (s, _) = app.api(Method::GET, &counsellor, "/api/v1/users", None).await;
        assert_eq!(s, 403);

        // The link works once: weak passwords are refused with the reason, then it is set.
        let (s, html) = use_link(&app, &url, "jaipur@2026", "jaipur@2026").await;
        assert_eq!(s, 422);
        assert!(texts(&html, "#password-error")[0].contains("पहले आज़माते"), "Hindi, the person's language");
        let (s, html) = use_link(&app, &url, "short", "short").await;
        assert_eq!(s, 422);
        assert!(texts(&html, "#password-error")[0].contains("10"));
        let (s, html) = use_link(&app, &url, "blue kite over the fort", "blue kite over the forts").await;
        assert_eq!(s, 422, "the two must be the same");
        assert!(!texts(&html, "#password-error").is_empty());
        let (s, _) = use_link(&app, &url, "blue kite over the fort", "blue kite over the fort").await;
        assert_eq!(s, 303);
        let token = sign_in_api(&app, "pooja.meena", "blue kite over the fort").await.expect("signs in");
        let r = visitor().get(&url).send().await.unwrap();
        assert_eq!(r.status(), 410, "used once");
        let (_, me) = app.api(Method::GET, &admin, &format!("/api/v1/users/{pooja}"), None).await;
        assert!(me["last_sign_in_at"].is_string(), "{me}");

        // Deactivating ends her sessions at once; she cannot sign in, and no link is made for her.
        let (s, v) =
            app.api(Method::PATCH, &admin, &format!("/api/v1/users/{pooja}"), Some(json!({"active": false}))).await;
        assert_eq!((s, v["active"].clone()), (200, json!(false)), "{v}");
        let (s, _) = app.api(Method::GET, &token, "/api/v1/cases", None).await;
        assert_eq!(s, 401, "her token ended with her account");
        assert_eq!(sign_in_api(&app, "pooja.meena", "blue kite over the fort").await, None);
        let (s, p) = app.api(Method::POST, &admin, &format!("/api/v1/users/{pooja}/reset-link"), None).await;
        assert_eq!((s, code_of(&p)), (422, "error-staff-inactive".into()));

        // Active again, a reset link: her old password works until she uses it.
        let (s, _) =
            app.api(Method::PATCH, &admin, &format!("/api/v1/users/{pooja}"), Some(json!({"active": true}))).await;
        assert_eq!(s, 200);
        let (s, link) = app.api(Method::POST, &admin, &format!("/api/v1/users/{pooja}/reset-link"), None).await;
        assert_eq!(s, 200, "{link}");
        let old = sign_in_api(&app, "pooja.meena", "blue kite over the fort").await.expect("old password still works");
        let (s, _) =
            use_link(&app, link["url"].as_str().unwrap(), "green parrot on the wall", "green parrot on the wall").await;
        assert_eq!(s, 303);
        let (s, _) = app.api(Method::GET, &old, "/api/v1/cases", None).await;
        assert_eq!(s, 401, "a new password ends the sessions of the old one");
        assert!(sign_in_api(&app, "pooja.meena", "green parrot on the wall").await.is_some());

        // An expired link does not work.
        let (s, link) = app.api(Method::POST, &admin, &format!("/api/v1/users/{pooja}/reset-link"), None).await;
        assert_eq!(s, 200);
        let token = link["url"].as_str().unwrap().split("token=").nth(1).unwrap().to_owned();
        let hash = sahayak::web::session::token_hash(&token);
        store.create_sign_in_link(&hash, Some(pooja), "password", None, -1).await.unwrap();
        let r = visitor().get(link["url"].as_str().unwrap()).send().await.unwrap();
        assert_eq!(r.status(), 410);

        // Two-step sign-in turned off for a lost phone.
        store.set_totp_secret(pooja, Some("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")).await.unwrap();
        let (_, v) = app.api(Method::GET, &admin, &format!("/api/v1/users/{pooja}"), None).await;
        assert_eq!(v["two_step"], true);
        let (s, v) = app.api(Method::POST, &admin, &format!("/api/v1/users/{pooja}/reset-two-step"), None).await;
        assert_eq!((s, v["two_step"].clone()), (200, json!(false)));
        assert_eq!(store.totp_secret(pooja).await.unwrap(), None);

        // Every change is audited, under the person.
        let actions: Vec<String> =
            store.audit_for(&format!("user:{pooja}"), 50).await.unwrap().into_iter().map(|(e, _)| e.action).collect();
        for a in [
            "staff.add",
            "staff.sign_in_link",
            "password.set",
            "staff.deactivate",
            "staff.reactivate",
            "staff.two_step_off",
        ] {
            assert!(actions.iter().any(|x| x == a), "{a} missing from {actions:?}");
        }
        assert!(!format!("{actions:?}").contains("blue kite"));
    }
}

#[tokio::test]
async fn the_last_state_admin_stays() {
    for db in backends() {
        let app = spawn_app(db).await;
        let first = app.add_user("state.admin", Role::StateAdmin, &[], Lang::En).await;
        let token = app.token("state.admin").await;
        let path = format!("/api/v1/users/{first}");
        for body in [json!({"active": false}), json!({"role": "admin", "districts": ["jaipur"]})] {
            let (s, p) = app.api(Method::PATCH, &token, &path, Some(body)).await;
            assert_eq!((s, code_of(&p)), (422, "error-staff-last-state-admin".into()));
        }
        // The state admin gives any role, in any district.
        let body = json!({"username": "second.state", "display_name": "Second", "role": "state_admin"});
        let (s, added) = app.api(Method::POST, &token, "/api/v1/users", Some(body)).await;
        assert_eq!(s, 201, "{added}");
        assert_eq!(added["user"]["districts"], json!([]));
        let (s, _) = app.api(Method::GET, &token, "/api/v1/users", None).await;
        assert_eq!(s, 200);
        // With another active state admin, the first may step down.
        let (s, v) =
            app.api(Method::PATCH, &token, &path, Some(json!({"role": "admin", "districts": ["jaipur"]}))).await;
        assert_eq!((s, v["role"].clone()), (200, json!("admin")), "{v}");
    }
}

#[tokio::test]
async fn the_first_start_prints_a_link_that_creates_the_first_state_admin() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("fresh.db").display());
    let app = serve_existing(&url, dir, Keyring::generate()).await;
    let link = sahayak::auth::links::first_run_link(&app.state).await.unwrap().expect("nobody yet: a link");
    let path = &link[link.find("/setup?token=").unwrap()..];
    let client = visitor();
    let token = path.split("token=").nth(1).unwrap();
    let page = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(page.status(), 200, "the link opens the setup page");
    let post = |name: &'static str, password: &'static str| {
        let client = client.clone();
        let (form_url, url) = (app.url("/login"), app.url("/setup?lang=hi"));
        async move {
            // The sign-in page's anti-forgery token serves every form of someone not signed in.
            let html = client.get(form_url).send().await.unwrap().text().await.unwrap();
            let form = [
                ("csrf", csrf_of(&html)),
                ("token", token.to_owned()),
                ("display_name", "Anita Sharma".to_owned()),
                ("username", name.to_owned()),
                ("password", password.to_owned()),
                ("password2", password.to_owned()),
            ];
            let r = client.post(url).form(&form).send().await.unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    let (s, body) = post("anita", "password123").await;
    assert_eq!(s, 422);
    assert!(texts(&body, "#password-error")[0].contains("पहले आज़माते"), "the reason, in Hindi");
    let (s, _) = post("anita", "a long walk to amer fort").await;
    assert_eq!(s, 303);
    let token = app.token_for("anita", "a long walk to amer fort").await;
    let (s, me) = app.api(Method::GET, &token, "/api/v1/users", None).await;
    assert_eq!(s, 200);
    assert_eq!(me[0]["role"], "state_admin");
    let (s, _) = post("someone.else", "a long walk to amer fort").await;
    assert_eq!(s, 410, "the link works once");
    assert_eq!(sahayak::auth::links::first_run_link(&app.state).await.unwrap(), None, "people exist now");
}

#[tokio::test]
async fn absolute_links_use_public_url_and_never_the_host_header() {
    let app = spawn_app_with(Db::Sqlite, |c| c.public_url = Some("https://sahayak.example.org".into())).await;
    let sup = app.token("supervisor").await;
    let body = json!({"district": "jaipur", "name": "Public URL School", "kind": "school"});
    let (_, inst) = app.api(Method::POST, &sup, "/api/v1/awareness/institutions", Some(body)).await;
    let body = json!({"institution_id": inst["id"], "starts_at": "2099-01-01T10:00", "audience": ["students"],
        "language": "hi", "topics": ["otp_never_share"]});
    let (s, prog) = app.api(Method::POST, &sup, "/api/v1/awareness/programmes", Some(body)).await;
    assert_eq!(s, 201, "{prog}");
    let browser = app.browser("supervisor").await;
    let page = browser
        .client
        .get(app.url(&format!("/awareness/programmes/{}", prog["id"])))
        .header("host", "evil.example")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("https://sahayak.example.org/feedback/"), "the feedback link");
    assert!(!page.contains("evil.example"));
    app.add_user(
        "admin.jaipur",
        Role::Admin,
        &[app.state.store.district_by_code("jaipur").await.unwrap().unwrap().id],
        Lang::En,
    )
    .await;
    let admin = app.token("admin.jaipur").await;
    let body = json!({"username": "ravi", "display_name": "Ravi", "role": "counsellor", "districts": ["jaipur"]});
    let r = TestApp::http()
        .post(app.url("/api/v1/users"))
        .bearer_auth(&admin)
        .header("host", "evil.example")
        .json(&body)
        .send()
        .await
        .unwrap();
    let added: Value = r.json().await.unwrap();
    assert!(
        added["sign_in_link"]["url"].as_str().unwrap().starts_with("https://sahayak.example.org/password/new?token=")
    );
}

async fn current_path(c: &Client) -> String {
    c.current_url().await.unwrap().path().to_owned()
}

/// Waits until the browser is at `path`.
async fn wait_for_path(c: &Client, path: &str) {
    for _ in 0..100 {
        if current_path(c).await == path {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the browser stayed at {}", current_path(c).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_district_admin_adds_a_counsellor_who_signs_in_until_deactivated_in_a_real_browser() {
    let Some((chromium, driver, axe_js)) = tools() else { return };
    let app = spawn_app(Db::Sqlite).await;
    let jaipur = app.state.store.district_by_code("jaipur").await.unwrap().unwrap().id;
    app.add_user("admin.jaipur", Role::Admin, &[jaipur], Lang::En).await;
    let sup = app.token("supervisor").await;
    let own = app.create_case(&sup, json!({"district": "jaipur"})).await["reference"].as_str().unwrap().to_owned();
    let other = app.create_case(&sup, json!({"district": "jodhpur"})).await["reference"].as_str().unwrap().to_owned();
    let (_admin_driver, a) = start_browser(&chromium, &driver).await;
    let (_person_driver, p) = start_browser(&chromium, &driver).await;
    let result = async {
        // The admin adds Pooja, a counsellor of Jaipur, and gets her link.
        a.goto(&app.url("/login?lang=en")).await?;
        a.find(Locator::Id("username")).await?.send_keys("admin.jaipur").await?;
        a.find(Locator::Id("password")).await?.send_keys(&format!("{PASSWORD}\u{E007}")).await?;
        a.wait().for_element(Locator::Css("a[href='/admin/staff']")).await?.click().await?;
        a.wait().for_element(Locator::Id("f-display_name")).await?;
        assert_eq!(axe(&a, &axe_js).await, Vec::<String>::new(), "staff list");
        a.find(Locator::Id("f-display_name")).await?.send_keys("Pooja Meena").await?;
        a.find(Locator::Id("f-username")).await?.send_keys("pooja.meena").await?;
        a.find(Locator::Id("f-role")).await?.select_by_value("counsellor").await?;
        a.find(Locator::Css("#f-districts input[value='jaipur']")).await?.click().await?;
        a.find(Locator::Id("f-lang")).await?.select_by_value("en").await?;
        a.find(Locator::Css("#add button[type=submit]")).await?.click().await?;
        let link = a.wait().for_element(Locator::Id("sign-in-link")).await?.prop("value").await?.expect("the link");
        assert!(link.starts_with(&app.url("/password/new?token=")), "{link}");
        assert_eq!(axe(&a, &axe_js).await, Vec::<String>::new(), "the link page");

        // Pooja opens it, is told why a short password is refused, then sets a good one.
        p.goto(&link).await?;
        assert_eq!(axe(&p, &axe_js).await, Vec::<String>::new(), "the password page");
        p.find(Locator::Id("password")).await?.send_keys("short").await?;
        p.find(Locator::Id("password2")).await?.send_keys("short\u{E007}").await?;
        let error = p.wait().for_element(Locator::Id("password-error")).await?.text().await?;
        assert!(error.contains("at least 10 characters"), "{error}");
        p.find(Locator::Id("password")).await?.send_keys("blue kite over the fort").await?;
        p.find(Locator::Id("password2")).await?.send_keys("blue kite over the fort\u{E007}").await?;
        wait_for_path(&p, "/login").await;
        // She signs in and sees Jaipur's cases only.
        p.find(Locator::Id("username")).await?.send_keys("pooja.meena").await?;
        p.find(Locator::Id("password")).await?.send_keys("blue kite over the fort\u{E007}").await?;
        wait_for_path(&p, "/queue").await;
        p.goto(&app.url("/cases")).await?;
        let listed = p.find(Locator::Css("table.cases")).await?.text().await?;
        assert!(listed.contains(&own), "{listed}");
        assert!(!p.source().await?.contains(&other), "another district's case");
        p.goto(&link).await?;
        p.find(Locator::Id("link-dead")).await?;

        // The admin deactivates her; her open session ends at once.
        a.goto(&app.url("/admin/staff")).await?;
        a.find(Locator::LinkText("Pooja Meena")).await?.click().await?;
        a.wait().for_element(Locator::Id("f-active")).await?;
        assert_eq!(axe(&a, &axe_js).await, Vec::<String>::new(), "a person's page");
        a.find(Locator::Id("f-active")).await?.click().await?;
        a.find(Locator::Css("#change button[type=submit]")).await?.click().await?;
        a.wait().for_element(Locator::Css("p.note[role=status]")).await?;
        p.goto(&app.url("/cases")).await?;
        wait_for_path(&p, "/login").await;
        Ok::<(), fantoccini::error::CmdError>(())
    }
    .await;
    let _ = a.close().await;
    let _ = p.close().await;
    result.unwrap();
}
