//! The plans read against REFERENCE.md (issue 14): what each kind of case must be told first,
//! the large-loss FIR, the NCII route, the new "account frozen" plan, and Hindi that follows
//! the glossary. `tests/plans.rs` checks the catalogue's shape; this file checks its content.

mod plans_review {
    use sahayak_domain::case::ScamPattern;
    use sahayak_domain::deadlines::Lang;
    use sahayak_domain::plans::{Circumstances, Place, Plan, Step, When, large_loss};

    const NONE: Circumstances =
        Circumstances { money_lost: false, victim_minor: false, large_loss: false, victim_woman: false };
    const MONEY: Circumstances = Circumstances { money_lost: true, ..NONE };
    const LARGE: Circumstances = Circumstances { money_lost: true, large_loss: true, ..NONE };

    fn ids(plan: &Plan, c: Circumstances) -> Vec<&str> {
        plan.steps_for(c).map(|s| s.id.as_str()).collect()
    }

    fn pos(ids: &[&str], id: &str) -> usize {
        ids.iter().position(|s| *s == id).unwrap_or_else(|| panic!("no step {id} in {ids:?}"))
    }

    /// Every text of a step in one language, for searching.
    fn text(s: &Step, lang: Lang) -> String {
        let mut t = vec![s.title.get(lang), s.why.get(lang), s.victim_text.get(lang)];
        t.extend(s.collect.get(lang).iter().map(String::as_str));
        t.join(" ")
    }

    #[test]
    fn digital_arrest_opens_with_you_are_not_under_arrest_then_1930() {
        let p = Plan::for_case("digital_arrest", "Online Financial Fraud", None, Some("net_banking"));
        assert_eq!(p.id, "digital_arrest");
        let steps: Vec<&Step> = p.steps_for(MONEY).collect();
        assert!(steps[0].safety && steps[0].urgent && steps[0].place == Place::Centre);
        let first = text(steps[0], Lang::En);
        for said in ["not under arrest", "End the call", "video call", "money"] {
            assert!(first.contains(said), "step 1 lacks {said:?}: {first}");
        }
        assert!(text(steps[0], Lang::Hi).contains("गिरफ़्तार नहीं"));
        assert_eq!(steps[1].place, Place::Helpline1930, "then 1930");
        // The offences the police are told of: BNS s.204, and ss.336/340 for fake warrants.
        let fir = text(p.step("police_fir").unwrap(), Lang::En);
        for s in ["s.204", "336", "340"] {
            assert!(fir.contains(s), "{s}: {fir}");
        }
    }

    #[test]
    fn a_large_loss_gets_an_fir_the_same_day_and_never_two_fir_steps() {
        assert!(large_loss(Some(10_000_001), 10_000_000) && !large_loss(Some(10_000_000), 10_000_000));
        for p in Plan::all() {
            let has_1930 = p.steps.iter().any(|s| s.place == Place::Helpline1930);
            for c in Circumstances::every() {
                let ids = ids(p, c);
                let today = ids.contains(&"fir_same_day");
                assert!(!(today && ids.contains(&"police_fir")), "{}: two FIR steps in {c:?}", p.id);
                assert_eq!(today, has_1930 && c.large_loss, "{}: same-day FIR in {c:?}", p.id);
            }
        }
        let step = Plan::get("upi").unwrap().step("fir_same_day").unwrap();
        assert!(step.urgent && step.place == Place::PoliceStation);
        assert_eq!(step.when, [When::LargeLoss]);
        assert!(step.due.within <= chrono::TimeDelta::hours(12), "the same day");
        let en = text(step, Lang::En);
        for said in ["zero FIR", "e-Zero FIR", "3 days", "s.173"] {
            assert!(en.contains(said), "{said}: {en}");
        }
        // A large loss comes right after the golden hour and the warning about recovery agents.
        let upi = ids(Plan::get("upi").unwrap(), LARGE);
        assert_eq!(&upi[..5], ["call_1930", "call_bank", "complete_ncrp", "no_recovery_agents", "fir_same_day"]);
    }

    #[test]
    fn every_money_plan_warns_early_against_paying_for_recovery() {
        for p in Plan::all().iter().filter(|p| p.money) {
            let ids = ids(p, MONEY);
            let at = pos(&ids, "no_recovery_agents");
            assert!(at <= 5, "{}: the warning comes early, not at step {at}", p.id);
            assert!(p.step("no_recovery_agents").unwrap().urgent);
        }
        let upi = Plan::get("upi").unwrap();
        let ids = ids(upi, MONEY);
        assert!(ids.contains(&"report_chakshu"), "UPI fraud usually starts with a call or message: {ids:?}");
    }

    #[test]
    fn the_victims_bank_is_never_asked_to_hold_money_that_left_it() {
        for p in Plan::all() {
            for s in p.steps.iter().filter(|s| s.place == Place::Bank) {
                let en = text(s, Lang::En).to_lowercase();
                assert!(!en.contains("ask for a hold") && !en.contains("stop the money"), "{}/{}: {en}", p.id, s.id);
                assert!(!s.title.hi.contains("रकम रोकने"), "{}/{}", p.id, s.id);
            }
        }
        // The written complaint asks what this bank can do, and sends holds to the police and 1930.
        let why = &Plan::get("upi").unwrap().step("bank_written_complaint").unwrap().why.en;
        for said in ["CFCFRMS", "records", "not of this bank"] {
            assert!(why.contains(said), "{said}: {why}");
        }
    }

    #[test]
    fn sextortion_follows_the_ncii_route_and_warns_of_the_fake_police_call() {
        let p = Plan::for_case("sextortion", "", None, None);
        let takedown = text(p.step("platform_takedown").unwrap(), Lang::En);
        for said in ["24 hours", "NCII", "hash", "Sahyog", "One Stop Centre", "Grievance Officer"] {
            assert!(takedown.contains(said), "{said}: {takedown}");
        }
        let woman = Circumstances { victim_woman: true, ..NONE };
        let ids_w = ids(p, woman);
        assert!(ids_w.contains(&"women_support"), "{ids_w:?}");
        assert!(!ids(p, NONE).contains(&"women_support"), "only where the case records a woman");
        let support = text(p.step("women_support").unwrap(), Lang::En);
        assert!(support.contains("One Stop Centre") && support.contains("National Commission for Women"));
        let warn = pos(&ids_w, "fake_police_call");
        assert!(warn < pos(&ids_w, "preserve_evidence"), "the warning comes before the paperwork");
        assert!(text(p.step("fake_police_call").unwrap(), Lang::En).contains("Real police never ask for money"));
        // The Hindi for a woman speaks to her in the feminine.
        assert!(p.step("women_support").unwrap().victim_text.hi.contains("सकती हैं"));
    }

    #[test]
    fn the_account_frozen_plan_is_reached_at_intake_and_says_what_the_sop_says() {
        assert_eq!("account_frozen".parse::<ScamPattern>(), Ok(ScamPattern::AccountFrozen));
        let p = Plan::for_case("account_frozen", "Online Financial Fraud", Some("UPI Related Frauds"), Some("upi"));
        assert_eq!(p.id, "account_frozen");
        assert!(!p.money, "the holder lost no money to a fraudster");
        let ids = ids(p, NONE);
        assert_eq!(ids[..2], ["freeze_facts", "mule_needs_lawyer"], "a mule-account holder is stopped early");
        let all: String = p.steps.iter().map(|s| text(s, Lang::En)).collect::<Vec<_>>().join(" ");
        for said in ["disputed amount", "90 days", "three-tier", "lawyer", "District Legal Services Authority"] {
            assert!(all.contains(said), "{said} missing");
        }
        let bank = p.step("freeze_bank_request").unwrap();
        assert_eq!(bank.place, Place::Bank);
        let bring = bank.collect.en.join(" | ");
        for needed in ["ID proof", "statement", "invoice"] {
            assert!(bring.contains(needed), "{needed}: {bring}");
        }
        // The three tiers are not named in REFERENCE.md: the step says so.
        assert!(p.step("freeze_grievance").unwrap().verify);
    }

    /// Words the glossary's UI column replaces (GLOSSARY-hi.md), and slash forms for gender.
    const NOT_IN_PLANS: &[&str] = &[
        "केस",
        "कोर्ट",
        "सुपरवाइज़र",
        "लेन-देन",
        "रोक (होल्ड)",
        "रोक (लियन",
        "राशि-वापसी",
        "बहाली",
        "ख़",
        "जिला",
        "ईमेल",
        "यूपीआई",
        "ओटीपी",
    ];

    fn gender_slash(s: &str) -> bool {
        // "रहता/रहती", "दूँगा/दूँगी": a Hindi word, a slash, another Hindi word.
        s.split('/').collect::<Vec<_>>().windows(2).any(|w| {
            let before = w[0].chars().rev().take_while(|c| !c.is_whitespace()).collect::<String>();
            let after = w[1].chars().take_while(|c| !c.is_whitespace()).collect::<String>();
            let hindi = |x: &str| x.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c));
            hindi(&before) && hindi(&after) && (before.starts_with('ा') || before.starts_with('ी'))
        })
    }

    fn nested_brackets(s: &str) -> bool {
        let mut depth = 0;
        for c in s.chars() {
            match c {
                '(' | '[' => {
                    depth += 1;
                    if depth > 1 {
                        return true;
                    }
                }
                ')' | ']' => depth -= 1,
                _ => {}
            }
        }
        false
    }

    #[test]
    fn plan_hindi_follows_the_glossary() {
        for p in Plan::all() {
            let mut texts = vec![p.title.hi.clone(), p.summary.hi.clone()];
            texts.extend(p.steps.iter().map(|s| text(s, Lang::Hi)));
            for t in texts {
                for word in NOT_IN_PLANS {
                    assert!(!t.contains(word), "{}: {word:?} in {t}", p.id);
                }
                assert!(!gender_slash(&t), "{}: slash form in {t}", p.id);
                assert!(!nested_brackets(&t), "{}: nested brackets in {t}", p.id);
            }
        }
        assert!(gender_slash("मैं बताना चाहता/चाहती हूँ") && !gender_slash("1930 / पोर्टल"));
        assert!(nested_brackets("रोक (होल्ड (लियन))") && !nested_brackets("होल्ड (लियन) और (UTR)"));
    }
}
