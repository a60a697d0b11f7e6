//! A real browser (headless Chromium through chromedriver): sign in, register a case in Hindi
//! with the keyboard, find it by a Hindi word, and check each page with axe-core.
//!
//! Needs `chromium`, `chromedriver` (Debian packages) and axe-core (`npm install` at the repo
//! root). Where they are missing the test is skipped with a notice, unless
//! `SAHAYAK_REQUIRE_BROWSER=1` (CI sets it), in which case it fails.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use crate::helpers::{Db, PASSWORD, spawn_app};

pub struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn find_tool(names: &[&str]) -> Option<String> {
    names.iter().find(|p| std::path::Path::new(p).exists()).map(|p| p.to_string())
}

fn axe_source() -> Option<String> {
    let root = env!("CARGO_MANIFEST_DIR");
    let candidates =
        [std::env::var("SAHAYAK_AXE_JS").unwrap_or_default(), format!("{root}/node_modules/axe-core/axe.min.js")];
    candidates.iter().filter(|p| !p.is_empty()).find_map(|p| std::fs::read_to_string(p).ok())
}

/// The tools, or `None` (with a notice) when they are missing and not required.
pub fn tools() -> Option<(String, String, String)> {
    let chromium = find_tool(&["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]);
    let driver = find_tool(&["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]);
    let axe = axe_source();
    match (chromium, driver, axe) {
        (Some(c), Some(d), Some(a)) => Some((c, d, a)),
        missing => {
            let what = format!(
                "chromium: {}, chromedriver: {}, axe-core: {}",
                missing.0.is_some(),
                missing.1.is_some(),
                missing.2.is_some()
            );
            if std::env::var("SAHAYAK_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
                panic!("browser test required but tools are missing ({what})");
            }
            eprintln!(
                "notice: browser test skipped, tools missing ({what}); install chromium, chromium-driver and run npm install"
            );
            None
        }
    }
}

pub async fn start_browser(chromium: &str, driver: &str) -> (Driver, Client) {
    start_browser_at(chromium, driver, (1280, 900)).await
}

/// A browser whose window is `size` (width, height) CSS pixels.
pub async fn start_browser_at(chromium: &str, driver: &str, size: (u32, u32)) -> (Driver, Client) {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let guard = Driver(child);
    let profile = tempfile::tempdir().unwrap().keep();
    let caps: serde_json::Map<String, Value> = serde_json::from_value(json!({
        "goog:chromeOptions": {
            "binary": chromium,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--no-first-run", format!("--window-size={},{}", size.0, size.1), "--lang=hi-IN",
                     format!("--user-data-dir={}", profile.display())]
        }
    }))
    .unwrap();
    let url = format!("http://127.0.0.1:{port}");
    let mut last = None;
    for _ in 0..50 {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector).capabilities(caps.clone()).connect(&url).await {
            Ok(client) => {
                fit_viewport(&client, size).await;
                return (guard, client);
            }
            Err(e) => last = Some(e),
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("chromedriver did not accept a session: {last:?}");
}

/// Sizes the window so that the page's viewport is `size` (the command-line size is the outer
/// window, and has a floor of 500 px in width).
pub async fn fit_viewport(client: &Client, size: (u32, u32)) {
    let _ = client.set_window_size(size.0, size.1).await;
    let inner = client.execute("return [window.innerWidth, window.innerHeight]", vec![]).await.unwrap_or_default();
    let (w, h) = (inner[0].as_u64().unwrap_or(0) as u32, inner[1].as_u64().unwrap_or(0) as u32);
    if (w, h) != size && w > 0 {
        let _ = client.set_window_size(size.0 * 2 - w.min(size.0 * 2), size.1 * 2 - h.min(size.1 * 2)).await;
    }
}

/// The Nu HTML checker (`vnu.jar` from npm `vnu-jar`, run with the system's Java), or `None`
/// with a notice when missing and not required.
pub fn vnu() -> Option<String> {
    let jar = format!("{}/node_modules/vnu-jar/build/dist/vnu.jar", env!("CARGO_MANIFEST_DIR"));
    let java = Command::new("java").arg("-version").stderr(Stdio::null()).status().is_ok_and(|s| s.success());
    if std::path::Path::new(&jar).exists() && java {
        return Some(jar);
    }
    if std::env::var("SAHAYAK_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
        panic!("the Nu HTML checker is required but missing (java: {java}, {jar}); run npm ci");
    }
    eprintln!("notice: Nu HTML checker skipped (java: {java}, vnu.jar present: false); install Java and run npm ci");
    None
}

/// Checks pages' HTML with the Nu checker in one run; returns its errors as "name: line: message".
pub fn nu_errors(jar: &str, pages: &[(String, String)]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (i, (_, html)) in pages.iter().enumerate() {
        let path = dir.path().join(format!("{i:03}.html"));
        std::fs::write(&path, html).unwrap();
        files.push(path);
    }
    let out = Command::new("java")
        .args(["-jar", jar, "--errors-only", "--format", "json"])
        .args(&files)
        .output()
        .expect("the Nu checker runs");
    let report: Value = serde_json::from_slice(&out.stderr).unwrap_or_else(|_| {
        panic!("Nu checker output: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    });
    report["messages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|m| m["type"] == "error" || m["subType"] == "fatal")
        .map(|m| {
            let url = m["url"].as_str().unwrap_or_default();
            let i: usize = url.rsplit('/').next().and_then(|f| f.get(..3)).and_then(|n| n.parse().ok()).unwrap_or(0);
            let name = pages.get(i).map(|p| p.0.as_str()).unwrap_or(url);
            format!("{name}: line {}: {}", m["lastLine"], m["message"].as_str().unwrap_or_default())
        })
        .collect()
}

/// Runs axe-core on the current page and returns the WCAG A/AA violations found.
pub async fn axe(client: &Client, axe_js: &str) -> Vec<String> {
    client.execute(axe_js, vec![]).await.expect("axe loads");
    let result = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
               .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' +
                   v.nodes.map(n => n.target.join(' ')).join(', '))))
               .catch(e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .expect("axe runs");
    serde_json::from_value(result).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_a_case_in_hindi_and_find_it_by_search_in_a_real_browser() {
    let Some((chromium, driver, axe_js)) = tools() else { return };
    let app = spawn_app(Db::Sqlite).await;
    // A Jodhpur case already names the UPI id this victim will mention.
    let sup = app.token("supervisor").await;
    let earlier = app.create_case(&sup, json!({"district": "jodhpur"})).await;
    let path = format!("/api/v1/cases/{}/identifiers", earlier["id"]);
    app.api(reqwest::Method::POST, &sup, &path, Some(json!({"identifiers": [{"value": "bank.kyc@okaxis"}]}))).await;
    let path = format!("/api/v1/cases/{}/victim-code", earlier["id"]);
    let victim_code = app.api(reqwest::Method::POST, &sup, &path, None).await.1["code"].as_str().unwrap().to_owned();
    let (_driver, c) = start_browser(&chromium, &driver).await;
    let result = async {
        c.goto(&app.url("/login?lang=hi")).await?;
        assert_eq!(axe(&c, &axe_js).await, Vec::<String>::new(), "login page");
        // Keyboard: the username field has focus; type, tab to the password, press Enter.
        let focused = c.execute("return document.activeElement.id", vec![]).await?;
        assert_eq!(focused, json!("username"));
        c.find(Locator::Id("username")).await?.send_keys("counsellor.jaipur").await?;
        c.find(Locator::Id("password")).await?.send_keys(&format!("{PASSWORD}\u{E007}")).await?;
        c.wait().for_element(Locator::Css("table.cases, p.empty")).await?;
        assert_eq!(axe(&c, &axe_js).await, Vec::<String>::new(), "list page");

        c.goto(&app.url("/cases/new")).await?;
        assert_eq!(axe(&c, &axe_js).await, Vec::<String>::new(), "intake page");
        let focused = c.execute("return document.activeElement.id", vec![]).await?;
        assert_eq!(focused, json!("money_left_yes"), "the first question has focus: did money leave?");
        // Space ticks the focused "yes"; the time it left, then the rest of the form.
        c.find(Locator::Id("money_left_yes")).await?.send_keys(" ").await?;
        let when = c
            .execute("return new Date(Date.now() + 5.5 * 3600e3 - 40 * 60e3).toISOString().slice(0, 16)", vec![])
            .await?;
        c.execute("document.getElementById('money_left_at').value = arguments[0]", vec![when]).await?;
        c.find(Locator::Id("channel")).await?.select_by_value("helpline_call").await?;
        c.find(Locator::Id("victim_name")).await?.send_keys("कमला देवी शर्मा").await?;
        c.find(Locator::Id("victim_mobile")).await?.send_keys("+91 90011 22334").await?;
        c.find(Locator::Id("narrative"))
            .await?
            .send_keys("बैंक अधिकारी बनकर कॉल आया, ओटीपी पूछा और खाते से ₹32,500 की ठगी हो गई। UPI: bank.kyc@okaxis")
            .await?;
        // The script shows, while typing, that this UPI id was seen before (in Jodhpur).
        let seen = c.wait().for_element(Locator::Css("#ident-preview li.seen")).await?;
        assert!(seen.text().await?.contains("जोधपुर 1"));
        c.find(Locator::Id("category")).await?.select_by_value("Online Financial Fraud|Fraud Call/Vishing").await?;
        c.find(Locator::Id("scam_pattern")).await?.select_by_value("kyc_otp").await?;
        c.find(Locator::Id("amount_lost")).await?.send_keys("32,500").await?;
        c.find(Locator::Id("payment_channel")).await?.select_by_value("net_banking").await?;
        c.find(Locator::Css("form.case-form .actions button[type=submit]")).await?.click().await?;
        let heading = c.wait().for_element(Locator::Css("h1 .badge")).await?;
        assert_eq!(heading.text().await?, "नया");
        let reference = c.find(Locator::Css("h1")).await?.text().await?;
        let reference = reference.split_whitespace().next().unwrap().to_owned();
        assert!(reference.starts_with("JPR-"), "{reference}");
        assert_eq!(axe(&c, &axe_js).await, Vec::<String>::new(), "case page");

        c.goto(&app.url("/cases")).await?;
        c.find(Locator::Id("q")).await?.send_keys("ठगी\u{E007}").await?;
        // The search form sends its (empty) filters too; wait until the query is in the URL.
        for _ in 0..100 {
            if c.current_url().await?.query().is_some_and(|q| q.starts_with("q=%E0%A4%A0%E0%A4%97%E0%A5%80")) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(c.current_url().await?.query().is_some_and(|q| q.contains("%E0%A4%A0%E0%A4%97%E0%A5%80")));
        let found = c.find(Locator::Css("table.cases tbody td:first-child a")).await?.text().await?;
        assert_eq!(found, reference);
        assert_eq!(axe(&c, &axe_js).await, Vec::<String>::new(), "search results");

        // The dashboard: charts (SVG images) with their data tables, in Hindi.
        c.goto(&app.url("/dashboard")).await?;
        c.find(Locator::Css("section.chart svg[role=img]")).await?;
        assert_eq!(axe(&c, &axe_js).await, Vec::<String>::new(), "dashboard");

        // The public help page with the self-check's answer, and a victim opening their case.
        c.goto(&app.url("/help?lang=hi&what=upi_qr&money=yes&when=hour")).await?;
        assert_eq!(axe(&c, &axe_js).await, Vec::<String>::new(), "help page");
        c.goto(&app.url("/track?lang=en")).await?;
        assert_eq!(axe(&c, &axe_js).await, Vec::<String>::new(), "follow your case");
        c.find(Locator::Id("reference")).await?.send_keys(earlier["reference"].as_str().unwrap()).await?;
        c.find(Locator::Id("code")).await?.send_keys(&victim_code).await?;
        c.find(Locator::Css("form[action='/track'] button")).await?.click().await?;
        c.wait().for_element(Locator::Css("form[action='/track/case/info']")).await?;
        assert_eq!(axe(&c, &axe_js).await, Vec::<String>::new(), "the victim's case page");
        Ok::<(), fantoccini::error::CmdError>(())
    }
    .await;
    if result.is_err() {
        let url = c.current_url().await.map(|u| u.to_string()).unwrap_or_default();
        let html = c.source().await.unwrap_or_default();
        eprintln!("browser flow stopped at {url}:\n{}", html.chars().take(3000).collect::<String>());
    }
    let _ = c.close().await;
    result.expect("browser flow");
}
