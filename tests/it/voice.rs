//! One voice (issue 22): every text a person reads — the catalogs, the plans, the prevention
//! tips, the deadline rules, the awareness quiz, and every Hindi paper read back from its PDF —
//! keeps to the glossary's words (`voice/avoid-hi.txt`, `voice/avoid-en.txt`, beside this
//! file); counts read right for 0, 1 and many; letters speak in the signer's recorded gender,
//! and in forms that presume none where it is not recorded.

use std::path::{Path, PathBuf};

use fluent_bundle::FluentValue;
use fluent_syntax::ast;
use regex::Regex;
use sahayak::web::i18n::{EN_FTL, HI_FTL, catalogs};
use sahayak_domain::case::Lang;
use serde_json::{Value, json};
use unicode_normalization::UnicodeNormalization;

use crate::documents::{KINDS, get_pdf, pdftotext, rich_case_with, squeeze};
use crate::helpers::{Db, spawn_app};
use crate::papers::{nested_brackets, slash_forms};

/// The glossary's two columns, and the portal's own strings that keep the portal's words.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Register {
    /// Desk screens, victim pages, plans, tips, the victim's sheet, the portal sheet, the summary.
    Ui,
    /// Papers to the police, banks, courts and the DLSA, and the s.63 certificate.
    Letters,
    /// The national portal's category names (and, in English, its field labels).
    Portal,
}

/// Catalog keys whose words go into letters (`doc-…` keys the letter templates use).
const LETTER_KEYS: &[&str] = &[
    "doc-letter-",
    "doc-police-",
    "docf-police-",
    "doc-bank-",
    "docf-bank-",
    "doc-s63-",
    "doc-restoration-",
    "docf-restoration-",
    "doc-petition-",
    "docf-petition-",
    "doc-affidavit-",
    "doc-bond-",
    "documents-section-",
    "doc-enclosures",
    "doc-amount",
    "doc-helpline-ack",
];

fn register_of(lang: Lang, key: &str) -> Register {
    let portal: &[&str] = match lang {
        Lang::Hi => &["tax-"],
        Lang::En => &["tax-", "doc-portal-"],
    };
    if LETTER_KEYS.iter().any(|p| key.starts_with(p)) {
        Register::Letters
    } else if portal.iter().any(|p| key.starts_with(p)) {
        Register::Portal
    } else {
        Register::Ui
    }
}

/// One line of an avoid list: `term | where | use instead | phrases cut out first …`.
#[derive(Debug)]
struct Rule {
    term: String,
    prefix: bool,
    suffix: bool,
    scope: Option<Register>,
    instead: String,
    except: Vec<String>,
}

fn list(name: &str) -> Vec<Rule> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/voice").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rules: Vec<Rule> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|line| {
            let parts: Vec<&str> = line.split(" | ").map(str::trim).collect();
            assert!(parts.len() >= 3, "{name}: `term | where | use instead` in {line:?}");
            let scope = match parts[1] {
                "all" => None,
                "ui" => Some(Register::Ui),
                "letters" => Some(Register::Letters),
                other => panic!("{name}: where is all, ui or letters, not {other:?}"),
            };
            Rule {
                term: parts[0].trim_matches('*').nfc().collect(),
                prefix: parts[0].starts_with('*'),
                suffix: parts[0].ends_with('*'),
                scope,
                instead: parts[2].to_owned(),
                except: parts[3..].iter().map(|e| e.nfc().collect()).collect(),
            }
        })
        .collect();
    assert!(rules.len() > 20, "{name} has only {} rules", rules.len());
    rules
}

/// Letters, digits and Devanagari's signs (matras, the virama, the nukta) make up a word; the
/// danda does not.
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || (('\u{0900}'..='\u{097F}').contains(&c) && !matches!(c, '\u{0964}' | '\u{0965}'))
}

/// Where `rules` find a word to avoid in `text`, read in `register`: "term → instead: …context…".
fn offences(rules: &[Rule], register: Register, text: &str) -> Vec<String> {
    let text: String = text.nfc().collect();
    let mut found = Vec::new();
    for rule in rules {
        let applies = match rule.scope {
            None => true,
            Some(scope) => scope == register,
        };
        if !applies {
            continue;
        }
        let mut text = text.clone();
        for phrase in &rule.except {
            text = text.replace(phrase.as_str(), " ");
        }
        for (at, _) in text.match_indices(rule.term.as_str()) {
            let end = at + rule.term.len();
            let glued_before = text[..at].chars().next_back().is_some_and(in_word);
            let glued_after = text[end..].chars().next().is_some_and(in_word);
            if (glued_before && !rule.prefix) || (glued_after && !rule.suffix) {
                continue;
            }
            let from = text[..at].char_indices().rev().nth(15).map_or(0, |(i, _)| i);
            let to = text[end..].char_indices().nth(15).map_or(text.len(), |(i, _)| end + i);
            found.push(format!("{} → {}: …{}…", rule.term, rule.instead, &text[from..to]));
        }
    }
    found
}

/// Every text of a pattern, each variant of a selection on its own line.
fn flatten(pattern: &ast::Pattern<&str>, out: &mut String) {
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => out.push_str(value),
            ast::PatternElement::Placeable { expression: ast::Expression::Select { variants, .. } } => {
                for variant in variants {
                    out.push('\n');
                    flatten(&variant.value, out);
                }
                out.push('\n');
            }
            ast::PatternElement::Placeable { .. } => out.push(' '),
        }
    }
}

fn messages(source: &str) -> Vec<ast::Message<&str>> {
    let resource = fluent_syntax::parser::parse(source).unwrap_or_else(|(r, _)| r);
    resource
        .body
        .into_iter()
        .filter_map(|e| match e {
            ast::Entry::Message(m) => Some(m),
            _ => None,
        })
        .collect()
}

/// A text a person reads: where it is from, the glossary column it follows, the words.
struct Text {
    place: String,
    register: Register,
    text: String,
}

fn catalog_texts(lang: Lang) -> Vec<Text> {
    let source = match lang {
        Lang::Hi => HI_FTL,
        Lang::En => EN_FTL,
    };
    messages(source)
        .iter()
        .filter_map(|m| {
            let mut text = String::new();
            flatten(m.value.as_ref()?, &mut text);
            Some(Text { place: format!("catalog {}", m.id.name), register: register_of(lang, m.id.name), text })
        })
        .collect()
}

/// The `en` or `hi` strings of a data file, wherever they sit.
fn strings_in(value: &toml::Value, lang: &str, place: &str, out: &mut Vec<Text>) {
    match value {
        toml::Value::Table(table) => {
            for (key, inner) in table {
                if key == lang {
                    let texts: Vec<&str> = match inner {
                        toml::Value::String(s) => vec![s.as_str()],
                        toml::Value::Array(a) => a.iter().filter_map(|v| v.as_str()).collect(),
                        _ => vec![],
                    };
                    out.extend(texts.into_iter().map(|t| Text {
                        place: place.to_owned(),
                        register: Register::Ui,
                        text: t.to_owned(),
                    }));
                } else {
                    let id = table.get("id").and_then(|v| v.as_str()).unwrap_or("");
                    strings_in(inner, lang, &format!("{place} {id}.{key}"), out);
                }
            }
        }
        toml::Value::Array(items) => items.iter().for_each(|v| strings_in(v, lang, place, out)),
        _ => {}
    }
}

/// The plans, the prevention tips, the deadline rules and the awareness quiz.
fn data_texts(lang: Lang) -> Vec<Text> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = root.join("crates/domain/data");
    let mut files: Vec<PathBuf> = std::fs::read_dir(data.join("plans")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files.extend([
        data.join("prevention/tips.toml"),
        data.join("deadlines/rules.toml"),
        root.join("src/awareness/quiz.toml"),
    ]);
    let mut out = Vec::new();
    for file in files {
        let value: toml::Value = toml::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        strings_in(&value, lang.code(), &name, &mut out);
    }
    assert!(out.len() > 400, "only {} {lang:?} texts found in the data files", out.len());
    out
}

fn all_texts(lang: Lang) -> Vec<Text> {
    let mut texts = catalog_texts(lang);
    texts.extend(data_texts(lang));
    texts
}

#[test]
fn the_word_lists_find_words_not_pieces_of_words() {
    let hi = list("avoid-hi.txt");
    let found = |register, text: &str| offences(&hi, register, text);
    assert_eq!(found(Register::Ui, "यह केस दर्ज हुआ").len(), 1);
    assert!(found(Register::Ui, "केसर की खेती").is_empty(), "a word that only starts like one");
    assert_eq!(found(Register::Ui, "सभी साक्ष्यों की जाँच").len(), 1, "साक्ष्य* goes on");
    assert!(found(Register::Ui, "धारा 63 प्रमाणपत्र (भारतीय साक्ष्य अधिनियम, 2023)").is_empty(), "the Act's name");
    assert!(found(Register::Letters, "साक्ष्य की प्रति").is_empty(), "letters keep साक्ष्य");
    assert_eq!(found(Register::Letters, "ठगी की रकम").len(), 2, "letters say धोखाधड़ी and राशि");
    assert!(found(Register::Letters, "मेरा मामला लोक अदालत के समक्ष रखा जाए").is_empty(), "an authority's name");
    assert!(found(Register::Portal, "ऑनलाइन वित्तीय धोखाधड़ी").is_empty(), "the portal's own category names");
    // A nukta on ख, as one code point or two, is found either way; ज़ and फ़ keep theirs.
    assert_eq!(found(Register::Ui, "काम \u{0959}त्म हुआ").len(), 1);
    assert_eq!(found(Register::Ui, "काम \u{0916}\u{093C}त्म हुआ").len(), 1);
    assert!(found(Register::Ui, "ज़िला, फ़ोन, तारीख").is_empty());
    let en = list("avoid-en.txt");
    assert_eq!(offences(&en, Register::Ui, "The counseling center").len(), 2);
    assert!(offences(&en, Register::Ui, "The counselling centre").is_empty());
    assert!(offences(&en, Register::Portal, "Email Phishing").is_empty());
}

fn check(lang: Lang, list_name: &str) {
    let rules = list(list_name);
    let mut problems = Vec::new();
    for t in all_texts(lang) {
        problems.extend(offences(&rules, t.register, &t.text).into_iter().map(|o| format!("{}: {o}", t.place)));
        if lang == Lang::Hi {
            problems.extend(slash_forms(&t.text).into_iter().map(|s| format!("{}: slash form {s}", t.place)));
        }
    }
    assert!(problems.is_empty(), "{} texts leave the glossary ({list_name}):\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn hindi_texts_keep_to_the_glossary() {
    check(Lang::Hi, "avoid-hi.txt");
}

#[test]
fn english_texts_keep_to_their_own_terms() {
    check(Lang::En, "avoid-en.txt");
}

#[test]
fn the_victims_sheet_and_its_pdf_say_the_same() {
    let c = catalogs();
    for (sheet, paper) in [
        ("sheet-title", "doc-plan-title"),
        ("sheet-helpline", "doc-plan-helpline"),
        ("sheet-by", "doc-plan-by"),
        ("sheet-done", "doc-plan-done"),
        ("sheet-deadlines", "doc-plan-deadlines"),
        ("sheet-keep", "doc-plan-keep"),
    ] {
        for lang in Lang::ALL.iter().copied() {
            assert_eq!(c.get(lang, sheet), c.get(lang, paper), "{lang:?}: {sheet} and {paper}");
        }
    }
    // Hindi puts तक after the date: a label printed before one asks "कब तक:".
    assert_eq!(c.get(Lang::Hi, "doc-plan-by"), "कब तक:");
}

/// A count printed outside a plural selection, or a selection on it without `[one]` (and
/// without `[0]` where the count can be zero: Hindi's `one` also takes 0).
fn count_problems(lang: Lang, source: &str) -> Vec<String> {
    // A fraud ring has two cases at least.
    const NEVER_ZERO: &[&str] = &["ident-ring-link"];
    fn walk(pattern: &ast::Pattern<&str>, inside: bool, selects: &mut Vec<Vec<String>>, bare: &mut bool) {
        for element in &pattern.elements {
            let ast::PatternElement::Placeable { expression } = element else { continue };
            match expression {
                ast::Expression::Select { selector, variants } => {
                    if let ast::InlineExpression::VariableReference { id } = selector
                        && id.name == "count"
                    {
                        selects.push(
                            variants
                                .iter()
                                .map(|v| match &v.key {
                                    ast::VariantKey::Identifier { name } => name.to_string(),
                                    ast::VariantKey::NumberLiteral { value } => value.to_string(),
                                })
                                .collect(),
                        );
                        for v in variants {
                            walk(&v.value, true, selects, bare);
                        }
                    } else {
                        for v in variants {
                            walk(&v.value, inside, selects, bare);
                        }
                    }
                }
                ast::Expression::Inline(ast::InlineExpression::VariableReference { id }) => {
                    if id.name == "count" && !inside {
                        *bare = true;
                    }
                }
                ast::Expression::Inline(_) => {}
            }
        }
    }
    let mut problems = Vec::new();
    for m in messages(source) {
        let Some(value) = &m.value else { continue };
        let (mut selects, mut bare) = (Vec::new(), false);
        walk(value, false, &mut selects, &mut bare);
        let key = m.id.name;
        if bare {
            problems.push(format!("{lang:?} {key}: the count is printed without a plural selection"));
        }
        for keys in selects {
            if !keys.iter().any(|k| k == "one") {
                problems.push(format!("{lang:?} {key}: no [one] variant"));
            }
            if !keys.iter().any(|k| k == "0") && !NEVER_ZERO.contains(&key) {
                problems.push(format!("{lang:?} {key}: no [0] variant (Hindi's [one] also takes 0)"));
            }
        }
    }
    problems
}

#[test]
fn counts_read_right_for_zero_one_and_many() {
    let mut problems = count_problems(Lang::Hi, HI_FTL);
    problems.extend(count_problems(Lang::En, EN_FTL));
    assert!(problems.is_empty(), "{problems:#?}");

    let c = catalogs();
    let say = |lang, key: &str, n: i64| c.get_with(lang, key, &[("count", FluentValue::from(n))]);
    // Every message that counts reads differently for 0, 1 and many, in both languages.
    let counting: Vec<&str> = messages(HI_FTL)
        .iter()
        .filter(|m| {
            m.value.as_ref().is_some_and(|v| {
                v.elements.iter().any(|e| {
                    matches!(e, ast::PatternElement::Placeable { expression: ast::Expression::Select {
                        selector: ast::InlineExpression::VariableReference { id }, .. } } if id.name == "count")
                })
            })
        })
        .map(|m| m.id.name)
        .collect();
    assert!(counting.len() >= 15, "only {} counting messages: {counting:?}", counting.len());
    for key in counting {
        for lang in Lang::ALL.iter().copied() {
            let (zero, one, many) = (say(lang, key, 0), say(lang, key, 1), say(lang, key, 7));
            assert!(many.contains('7'), "{lang:?} {key}: {many}");
            if lang == Lang::Hi {
                assert!(!one.contains("सभी"), "{key}: 'all' of one: {one}");
            }
            if key == "ident-ring-link" {
                continue; // a ring has two cases at least
            }
            assert_ne!(zero, one, "{lang:?} {key}: 0 reads like 1");
            if lang == Lang::Hi {
                assert!(!zero.contains("एक "), "{key}: 0 reads as one: {zero}");
            }
        }
    }

    // The cases the issue names.
    assert_eq!(say(Lang::Hi, "trail-preview-count", 0), "कोई पंक्ति इम्पोर्ट नहीं हो सकती।");
    assert_eq!(say(Lang::Hi, "trail-preview-count", 1), "एक पंक्ति इम्पोर्ट हो सकती है।");
    assert_eq!(say(Lang::Hi, "trail-preview-count", 12), "12 पंक्तियाँ इम्पोर्ट हो सकती हैं।");
    assert_eq!(say(Lang::En, "trail-preview-count", 0), "No rows can be imported.");
    assert!(say(Lang::Hi, "evidence-verify-ok", 1).starts_with("सबूत मेल खाता है"));
    assert!(say(Lang::Hi, "evidence-verify-ok", 3).starts_with("सभी 3 सबूत मेल खाते हैं"));
    assert_eq!(say(Lang::Hi, "list-count", 0), "कोई मामला नहीं");
    assert_eq!(say(Lang::Hi, "awareness-attended", 1), "एक व्यक्ति आया");
}

/// What a Hindi paper must say whatever the signer's gender: its formal phrases (squeezed,
/// as `pdftotext` puts stray spaces inside some clusters).
fn formal_phrases(paper: &str) -> &'static [&'static str] {
    match paper {
        "portal-complaint" => &["राष्ट्रीयसाइबरअपराधरिपोर्टिंगपोर्टल", "शिकायतकर्ताकाविवरण", "पावतीनंबर"],
        "police-letter" => &[
            "सेवामें,",
            "थानाप्रभारीमहोदय,",
            "विषय:",
            "महोदय/महोदया,",
            "प्राथमिकी(FIR)",
            "केअंतर्गत",
            "होल्ड(लियन)",
            "पावतीसंख्या",
        ],
        "bank-letter" => &["सेवामें,", "विषय:", "निवेदनहैकि", "अतःआपसेअनुरोधहैकि:", "लेनदेनों", "राशि", "UTRसंख्या"],
        "s63-certificate" => &[
            "भारतीयसाक्ष्यअधिनियम,2023कीधारा63केअंतर्गतप्रमाणपत्र",
            "सत्यनिष्ठासेप्रतिज्ञान",
            "मेरेस्वामित्वमें",
            "मेरेद्वाराअनुरक्षित",
            "मेरेद्वारासंचालित",
            "है(जोलागूहो,उसेचुनें)।",
            "हैशमान",
        ],
        "victim-plan" => &["अबक्याकरें", "कबतक:", "याद रखने की तारीखें"],
        "case-summary" => &["मामलेकासारांश", "होल्डपर", "विवादितरकम"],
        "admin_under_50k" => &["सेवामें,", "केसमक्ष", "आवेदन-पत्र", "वचनपत्र", "न्यायालयकेआदेशकेबिना", "राशि"],
        "lok_adalat" => &["सेवामें,", "ज़िलाविधिकसेवाप्राधिकरण", "लोकअदालतकेसमक्ष", "आवेदन-पत्र", "क्षतिपूर्तिबंधपत्र"],
        "magistrate_order" => &[
            "न्यायालयमुख्यन्यायिकमजिस्ट्रेट",
            "राज्यबनामअज्ञातव्यक्ति",
            "सविनयनिवेदनहैकि",
            "प्रार्थना",
            "सत्यापन",
            "शपथपत्र",
            "क्षतिपूर्तिबंधपत्र",
        ],
        other => panic!("no phrases for {other}"),
    }
}

/// The forms a paper must and must not use for a signer of this gender.
fn gendered(paper: &str, gender: Option<&str>) -> (Vec<&'static str>, Vec<&'static str>) {
    let letter = matches!(paper, "police-letter" | "bank-letter" | "admin_under_50k" | "lok_adalat");
    let mut must = Vec::new();
    let mut never = vec!["भवदीय/", "चाहता/", "करता/"];
    match gender {
        Some("female") => {
            never.extend(["भवदीय,", "चाहताहूँ", "करताहूँ", "सधन्यवाद,"]);
            if letter {
                must.push("भवदीया,");
            }
            match paper {
                "police-letter" => must.push("चाहतीहूँ"),
                "s63-certificate" => must.extend(["पुत्री/पत्नी", "प्रतिज्ञानकरतीहूँ", "कथनकरतीहूँ"]),
                "magistrate_order" => {
                    must.extend(["आवेदिका", "घोषणाकरतीहूँ", "आबद्धकरतीहूँ", "लौटादेगी"]);
                }
                _ => {}
            }
        }
        Some("male") => {
            never.extend(["भवदीया", "चाहतीहूँ", "करतीहूँ", "सधन्यवाद,", "आवेदिका"]);
            if letter {
                must.push("भवदीय,");
            }
            match paper {
                "police-letter" => must.push("चाहताहूँ"),
                "s63-certificate" => must.extend(["पुत्र/पति", "प्रतिज्ञानकरताहूँ", "कथनकरताहूँ"]),
                "magistrate_order" => must.extend(["आवेदक", "घोषणाकरताहूँ", "आबद्धकरताहूँ"]),
                _ => {}
            }
        }
        _ => {
            // Not recorded: sentences turned so as to presume no gender.
            never.extend(["भवदीया", "भवदीय,", "चाहता", "चाहती", "करताहूँ", "करतीहूँ", "आवेदिका", "लौटादेगी"]);
            if letter {
                must.push("सधन्यवाद,");
            }
            match paper {
                "police-letter" => must.push("निवेदनहैकि"),
                "s63-certificate" => must.extend(["मैंने,", "प्रतिज्ञानकरनिष्ठापूर्वक", "कथनहैकि"]),
                "magistrate_order" => must.extend(["आवेदक", "घोषणाकीहै", "आबद्धकियाहै", "लौटादियाजाएगा"]),
                _ => {}
            }
        }
    }
    (must, never)
}

/// `phrase` cut out of `text` however `pdftotext` spaced or broke it.
fn cut(text: &str, phrase: &str) -> String {
    let pattern: Vec<String> =
        phrase.chars().filter(|c| !c.is_whitespace()).map(|c| regex::escape(&c.to_string())).collect();
    Regex::new(&pattern.join(r"\s*")).unwrap().replace_all(text, " ").into_owned()
}

#[tokio::test]
async fn every_hindi_paper_reads_formally_in_the_signers_gender() {
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token("counsellor.jaipur").await;
    let rules = list("avoid-hi.txt");
    // The portal's category names are its own words, printed as the portal has them.
    let c = catalogs();
    let portal_names: Vec<String> = sahayak::web::i18n::keys(HI_FTL)
        .into_iter()
        .filter(|k| k.starts_with("tax-"))
        .map(|k| c.get(Lang::Hi, &k))
        .collect();
    let mut papers: Vec<(&str, String)> =
        KINDS.iter().filter(|k| **k != "restoration-application").map(|k| (*k, format!("{k}.pdf?lang=hi"))).collect();
    for route in ["admin_under_50k", "lok_adalat", "magistrate_order"] {
        papers.push((route, format!("restoration-application.pdf?lang=hi&route={route}")));
    }
    for gender in [Some("female"), Some("male"), None, Some("undisclosed")] {
        let narrative = "बिजली बिल के नाम पर कॉल आया और UPI से ₹15,000 कट गए।";
        let (id, _) = rich_case_with(
            &app,
            &token,
            json!({"victim_gender": gender.map_or(Value::Null, |g| json!(g)), "narrative": narrative}),
        )
        .await;
        for (paper, path) in &papers {
            let (status, _, pdf) = get_pdf(&app, &token, &format!("/api/v1/cases/{id}/documents/{path}")).await;
            assert_eq!(status, 200, "{paper}");
            let raw: String = pdftotext(&pdf).nfc().collect();
            let text = squeeze(&raw);
            let who = gender.unwrap_or("not recorded");
            for phrase in formal_phrases(paper) {
                assert!(text.contains(&squeeze(phrase)), "{paper} ({who}): no {phrase:?} in {raw}");
            }
            let (must, never) = gendered(paper, gender.filter(|g| *g == "female" || *g == "male"));
            for form in must {
                assert!(text.contains(form), "{paper} ({who}): no {form:?} in {raw}");
            }
            for form in never {
                assert!(!text.contains(form), "{paper} ({who}): {form:?} in {raw}");
            }
            assert!(slash_forms(&text).is_empty(), "{paper} ({who}): {:?}", slash_forms(&text));
            assert!(!nested_brackets(&text), "{paper} ({who}): nested brackets in {raw}");
            let register = match *paper {
                "portal-complaint" | "victim-plan" | "case-summary" => Register::Ui,
                _ => Register::Letters,
            };
            let mut checked = cut(&raw, narrative);
            for name in &portal_names {
                checked = cut(&checked, name);
            }
            let found = offences(&rules, register, &checked);
            assert!(found.is_empty(), "{paper} ({who}), read as {register:?}:\n{}", found.join("\n"));
        }
    }
}
