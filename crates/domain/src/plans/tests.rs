//! The loader's rules and the matcher, on small hand-written catalogs. The built-in data
//! is checked in `tests/plans.rs`.

use super::*;

const SHARED: &str = r#"
[[step]]
id = "call_1930"
where = "helpline_1930"
owner = "counsellor"
urgent = true
due = { after = "incident", within = "PT1H" }
source = "REFERENCE §2.2"
title = { en = "Call 1930", hi = "1930 पर कॉल करें" }
why = { en = "Golden hour.", hi = "गोल्डन आवर।" }
victim_text = { en = "Call 1930 now.", hi = "अभी 1930 पर कॉल करें।" }

[[step]]
id = "evidence"
where = "centre"
owner = "counsellor"
due = { after = "registration", within = "PT2H" }
source = "REFERENCE §1.3"
title = { en = "Save evidence", hi = "सबूत सहेजें" }
why = { en = "Chats vanish.", hi = "चैट मिट जाती हैं।" }
victim_text = { en = "Keep the chats.", hi = "चैट रखें।" }
collect = { en = ["Screenshots"], hi = ["स्क्रीनशॉट"] }
"#;

const TIPS: &str = r#"
[[tip]]
id = "t"
patterns = ["upi_qr"]
audience = ["general"]
source = "REFERENCE §2.2"
title = { en = "T", hi = "टी" }
text = { en = "Text.", hi = "पाठ।" }
"#;

fn plan(id: &str, money: bool, matches: &str, steps: &str) -> String {
    format!(
        "id = \"{id}\"\nversion = 1\nmoney = {money}\ntitle = {{ en = \"{id}\", hi = \"योजना\" }}\n\
         summary = {{ en = \"S\", hi = \"सार\" }}\n{matches}\n{steps}"
    )
}

const GENERAL_STEPS: &str = "[[steps]]\nuse = \"call_1930\"\nwhen = \"money_lost\"\n[[steps]]\nuse = \"evidence\"\n";

fn general() -> String {
    plan("general", false, "", GENERAL_STEPS)
}

fn load(plans: &[(&str, String)]) -> Result<Catalog, DataError> {
    let files: Vec<(String, &str)> = plans.iter().map(|(f, t)| (format!("{f}.toml"), t.as_str())).collect();
    let files: Vec<(&str, &str)> = files.iter().map(|(f, t)| (f.as_str(), *t)).collect();
    Catalog::from_toml(SHARED, &files, TIPS)
}

fn err(plans: &[(&str, String)]) -> String {
    load(plans).expect_err("should be rejected").to_string()
}

#[test]
fn shared_steps_are_used_and_overridden() {
    let upi = plan(
        "upi",
        true,
        "[[matches]]\nchannels = [\"upi\"]\npriority = 10",
        "[[steps]]\nuse = \"call_1930\"\n[[steps]]\nuse = \"evidence\"\ndue = { after = \"previous_step\", within = \"P1D\" }\n\
         [steps.collect]\nen = [\"UPI history\", \"QR code\"]\nhi = [\"UPI हिस्ट्री\", \"QR कोड\"]\n",
    );
    let cat = load(&[("upi", upi), ("general", general())]).unwrap();
    let p = cat.plan("upi").unwrap();
    assert_eq!(p.steps[0].id, "call_1930");
    assert_eq!(p.steps[0].due.within, TimeDelta::hours(1));
    assert_eq!(p.steps[1].id, "evidence");
    assert_eq!(p.steps[1].due.after, After::PreviousStep);
    assert_eq!(p.steps[1].due.within, TimeDelta::days(1));
    assert_eq!(p.steps[1].collect.get(Lang::Hi), ["UPI हिस्ट्री", "QR कोड"]);
    assert_eq!(p.steps[1].title.en, "Save evidence", "fields not overridden come from the shared step");
}

#[test]
fn conditional_steps_follow_the_circumstances() {
    let cat = load(&[("general", general())]).unwrap();
    let g = cat.plan("general").unwrap();
    let ids = |c| g.steps_for(c).map(|s| s.id.as_str()).collect::<Vec<_>>();
    assert_eq!(ids(Circumstances { money_lost: true, ..Circumstances::default() }), ["call_1930", "evidence"]);
    assert_eq!(ids(Circumstances::default()), ["evidence"]);
}

#[test]
fn a_large_loss_and_a_womans_case_add_their_steps() {
    let steps = "[[steps]]\nuse = \"call_1930\"\n[[steps]]\nuse = \"evidence\"\nid = \"fir_today\"\nwhen = \"large_loss\"\n\
                 [[steps]]\nuse = \"evidence\"\nid = \"fir\"\nwhen = \"not_large_loss\"\n\
                 [[steps]]\nuse = \"evidence\"\nid = \"one_stop\"\nwhen = \"victim_woman\"\n";
    let cat = load(&[("upi", plan("upi", true, "", steps)), ("general", general())]).unwrap();
    let p = cat.plan("upi").unwrap();
    let ids = |c| p.steps_for(c).map(|s| s.id.as_str()).collect::<Vec<_>>();
    let lost = Circumstances { money_lost: true, ..Circumstances::default() };
    assert_eq!(ids(lost), ["call_1930", "fir"]);
    assert_eq!(ids(Circumstances { large_loss: true, ..lost }), ["call_1930", "fir_today"]);
    assert_eq!(ids(Circumstances { victim_woman: true, ..lost }), ["call_1930", "fir", "one_stop"]);
    // The threshold is strict, and an unknown amount is not a large loss.
    assert!(large_loss(Some(10_000_001), 10_000_000));
    assert!(!large_loss(Some(10_000_000), 10_000_000));
    assert!(!large_loss(None, 0));
    assert!(Circumstances::every().all(|c| c.money_lost || !c.large_loss));
    assert_eq!(Circumstances::every().count(), 12);
}

#[test]
fn a_safety_step_may_come_before_the_1930_call_and_nothing_else_may() {
    let safety = "[[steps]]\nuse = \"evidence\"\nid = \"not_arrested\"\nsafety = true\nurgent = true\n\
                  due = { after = \"registration\", within = \"PT15M\" }\n";
    let ok = plan("da", true, "", &format!("{safety}[[steps]]\nuse = \"call_1930\"\n"));
    let cat = load(&[("da", ok), ("general", general())]).unwrap();
    let p = cat.plan("da").unwrap();
    assert_eq!(p.steps.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["not_arrested", "call_1930"]);
    assert!(p.steps[0].safety);
    // A safety step later in the plan, or one that is not urgent, is refused.
    let late = plan("da", true, "", &format!("[[steps]]\nuse = \"call_1930\"\n{safety}"));
    assert!(err(&[("da", late), ("general", general())]).contains("safety steps come first"));
    let slow = safety.replace("urgent = true\n", "");
    let p = plan("da", true, "", &format!("{slow}[[steps]]\nuse = \"call_1930\"\n"));
    assert!(err(&[("da", p), ("general", general())]).contains("a safety step is urgent"));
    // Anything else before 1930 is still refused.
    let p = plan("da", true, "", "[[steps]]\nuse = \"evidence\"\n[[steps]]\nuse = \"call_1930\"\n");
    assert!(err(&[("da", p), ("general", general())]).contains("starts with the urgent 1930 call"));
}

#[test]
fn most_specific_match_wins_then_file_order() {
    let steps = "[[steps]]\nuse = \"call_1930\"\n";
    let by_channel = plan("by_channel", true, "[[matches]]\nchannels = [\"upi\"]\npriority = 10", steps);
    let by_pattern = plan("by_pattern", true, "[[matches]]\npatterns = [\"investment\"]\npriority = 40", steps);
    let both =
        plan("both", true, "[[matches]]\npatterns = [\"investment\"]\nchannels = [\"crypto\"]\npriority = 40", steps);
    let same = plan("same", true, "[[matches]]\nchannels = [\"upi\"]\npriority = 10", steps);
    let cat = load(&[
        ("by_channel", by_channel),
        ("by_pattern", by_pattern),
        ("both", both),
        ("same", same),
        ("general", general()),
    ])
    .unwrap();
    let pick = |p, ch| cat.plan_for_case(p, "", None, ch).id.as_str();
    assert_eq!(pick("other", Some("upi")), "by_channel", "equal clauses: the plan listed first");
    assert_eq!(pick("investment", Some("upi")), "by_pattern", "higher priority");
    assert_eq!(pick("investment", Some("crypto")), "both", "same priority, more fields named");
    assert_eq!(pick("other", None), "general");
    assert_eq!(pick("no_such_code", Some("no_such_channel")), "general");
}

#[test]
fn categories_and_sub_categories_match_exactly() {
    let steps = "[[steps]]\nuse = \"call_1930\"\n";
    let sub = plan("sub", true, "[[matches]]\nsub_categories = [\"UPI Related Frauds\"]\npriority = 30", steps);
    let cat_plan = plan("cat", true, "[[matches]]\ncategories = [\"Cryptocurrency Crime\"]\npriority = 20", steps);
    let cat = load(&[("sub", sub), ("cat", cat_plan), ("general", general())]).unwrap();
    assert_eq!(cat.plan_for_case("other", "Online Financial Fraud", Some("UPI Related Frauds"), None).id, "sub");
    assert_eq!(cat.plan_for_case("other", "Online Financial Fraud", Some("upi related frauds"), None).id, "general");
    assert_eq!(cat.plan_for_case("other", "Cryptocurrency Crime", None, None).id, "cat");
}

#[test]
fn rejects_a_money_plan_that_does_not_open_with_1930() {
    let p = plan("bad", true, "", "[[steps]]\nuse = \"evidence\"\n[[steps]]\nuse = \"call_1930\"\n");
    assert!(err(&[("bad", p), ("general", general())]).contains("starts with the urgent 1930 call"));
    let p = plan("bad", true, "", "[[steps]]\nuse = \"call_1930\"\nwhen = \"money_lost\"\n");
    assert!(err(&[("bad", p), ("general", general())]).contains("starts with the urgent 1930 call"));
}

#[test]
fn rejects_a_1930_step_that_is_not_first_when_money_is_lost() {
    let p = plan(
        "bad",
        false,
        "",
        "[[steps]]\nuse = \"evidence\"\n[[steps]]\nuse = \"call_1930\"\nwhen = \"money_lost\"\n",
    );
    assert!(err(&[("bad", p), ("general", general())]).contains("must be the first step"));
    let p = plan("bad", false, "", "[[steps]]\nuse = \"call_1930\"\nurgent = false\n");
    assert!(err(&[("bad", p), ("general", general())]).contains("always urgent"));
}

#[test]
fn rejects_time_limits_that_count_from_a_missing_step() {
    let p = plan(
        "bad",
        false,
        "",
        "[[steps]]\nuse = \"evidence\"\ndue = { after = \"previous_step\", within = \"PT1H\" }\n",
    );
    assert!(err(&[("bad", p), ("general", general())]).contains("not always done before it"));
    // call_1930 happens only when money was lost, so it cannot anchor an unconditional step.
    let p = plan(
        "bad",
        false,
        "",
        "[[steps]]\nuse = \"call_1930\"\nwhen = \"money_lost\"\n[[steps]]\nuse = \"evidence\"\n\
         due = { after = \"step:call_1930\", within = \"PT1H\" }\n",
    );
    assert!(err(&[("bad", p), ("general", general())]).contains("not always done before it"));
    let p = plan("bad", false, "", "[[steps]]\nuse = \"evidence\"\ndue = { after = \"dawn\", within = \"PT1H\" }\n");
    assert!(err(&[("bad", p), ("general", general())]).contains("due.after"));
    let p =
        plan("bad", false, "", "[[steps]]\nuse = \"evidence\"\ndue = { after = \"registration\", within = \"P1M\" }\n");
    assert!(err(&[("bad", p), ("general", general())]).contains("no fixed length"));
}

#[test]
fn rejects_bad_text_matches_and_references() {
    let hindi_in_latin = "[[steps]]\nuse = \"evidence\"\ntitle = { en = \"Save\", hi = \"Saboot\" }\n";
    let p = plan("bad", false, "", hindi_in_latin);
    assert!(err(&[("bad", p), ("general", general())]).contains("not in Devanagari"));
    let lists = "[[steps]]\nuse = \"evidence\"\ncollect = { en = [\"a\", \"b\"], hi = [\"क\"] }\n";
    let p = plan("bad", false, "", lists);
    assert!(err(&[("bad", p), ("general", general())]).contains("en has 2 items, hi has 1"));
    let p = plan("bad", false, "[[matches]]\ncategories = [\"Online Fraud\"]\npriority = 1", GENERAL_STEPS);
    assert!(err(&[("bad", p), ("general", general())]).contains("not in the portal taxonomy"));
    let p = plan("bad", false, "[[matches]]\npriority = 1", GENERAL_STEPS);
    assert!(err(&[("bad", p), ("general", general())]).contains("needs patterns"));
    let p = plan("bad", false, "[[matches]]\npatterns = [\"upi\"]\npriority = 1", GENERAL_STEPS);
    assert!(err(&[("bad", p), ("general", general())]).contains("unknown variant"), "upi is a channel, not a pattern");
    let p = plan("bad", false, "", "[[steps]]\nuse = \"nothing\"\n");
    assert!(err(&[("bad", p), ("general", general())]).contains("no shared step"));
    let p = plan("bad", false, "", "[[steps]]\nuse = \"evidence\"\nsource = \"my notes\"\n");
    assert!(err(&[("bad", p), ("general", general())]).contains("cite a REFERENCE"));
    let p = plan("bad", false, "", "[[steps]]\nuse = \"evidence\"\nsource = \"my notes\"\nverify = true\n");
    assert!(err(&[("bad", p), ("general", general())]).contains("verify_note"));
}

#[test]
fn rejects_duplicates_and_a_missing_fallback() {
    let twice = "[[steps]]\nuse = \"evidence\"\n[[steps]]\nuse = \"evidence\"\n";
    let p = plan("bad", false, "", twice);
    assert!(err(&[("bad", p), ("general", general())]).contains("appears twice"));
    let p = plan("other_name", false, "", GENERAL_STEPS);
    assert!(err(&[("bad", p)]).contains("file name"));
    let p = plan("only", false, "", GENERAL_STEPS);
    assert!(err(&[("only", p)]).contains("fallback"));
    let g = plan("general", false, "[[matches]]\npatterns = [\"other\"]\npriority = 1", GENERAL_STEPS);
    assert!(err(&[("general", g)]).contains("matches nothing by itself"));
}

#[test]
fn tips_are_checked() {
    let cat = load(&[("general", general())]).unwrap();
    assert_eq!(cat.tips().len(), 1);
    let bad = TIPS.replace("audience = [\"general\"]", "audience = []");
    let files = [("general.toml", general())];
    let files: Vec<(&str, &str)> = files.iter().map(|(f, t)| (*f, t.as_str())).collect();
    let e = Catalog::from_toml(SHARED, &files, &bad).unwrap_err().to_string();
    assert!(e.contains("one audience"), "{e}");
    let twice = format!("{TIPS}{TIPS}");
    let e = Catalog::from_toml(SHARED, &files, &twice).unwrap_err().to_string();
    assert!(e.contains("appears twice"), "{e}");
}
