//! The built-in guided plans and prevention tips: complete, bilingual, consistent with
//! the portal taxonomy and the deadline rules, and picked correctly for typical cases.

// In a module so that `cargo test -p sahayak-domain plans` selects these tests too.
mod plans {
    use std::collections::BTreeSet;

    use chrono::TimeDelta;
    use sahayak_domain::case::ScamPattern;
    use sahayak_domain::deadlines::{Lang, Rulebook, Text};
    use sahayak_domain::plans::{
        After, Audience, Catalog, Circumstances, GENERAL, Place, Plan, Tip, When, parse_iso_duration,
    };
    use sahayak_domain::taxonomy::Taxonomy;

    fn devanagari(s: &str) -> bool {
        s.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c))
    }

    fn check(t: &Text, what: &str) {
        assert!(!t.en.trim().is_empty(), "{what}: empty en");
        assert!(!t.hi.trim().is_empty(), "{what}: empty hi");
        assert!(devanagari(&t.hi), "{what}: hi is not Devanagari: {}", t.hi);
        assert!(!devanagari(&t.en), "{what}: en contains Devanagari: {}", t.en);
    }

    const NONE: Circumstances =
        Circumstances { money_lost: false, victim_minor: false, large_loss: false, victim_woman: false };
    const MONEY_ALL: Circumstances = Circumstances { money_lost: true, victim_minor: true, ..NONE };
    const MONEY: Circumstances = Circumstances { money_lost: true, ..NONE };
    const LARGE: Circumstances = Circumstances { money_lost: true, large_loss: true, ..NONE };
    const NO_MONEY: Circumstances = NONE;

    #[test]
    fn every_file_parses() {
        let cat = Catalog::builtin();
        assert_eq!(cat.plans().len(), 20);
        assert_eq!(Plan::all().len(), 20);
        let tips = Tip::all().len();
        assert!((40..=60).contains(&tips), "{tips} tips");
        assert!(Plan::get(GENERAL).is_some());
        assert!(Plan::get("lost_phone").is_some());
        assert!(Plan::get("account_frozen").is_some());
        assert!(Plan::get("nothing").is_none());
    }

    #[test]
    fn every_text_is_in_english_and_hindi() {
        for p in Plan::all() {
            check(&p.title, &format!("{} title", p.id));
            check(&p.summary, &format!("{} summary", p.id));
            for s in &p.steps {
                let what = format!("{}/{}", p.id, s.id);
                check(&s.title, &format!("{what} title"));
                check(&s.why, &format!("{what} why"));
                check(&s.victim_text, &format!("{what} victim_text"));
                assert_eq!(s.collect.en.len(), s.collect.hi.len(), "{what} collect lengths");
                for (en, hi) in s.collect.get(Lang::En).iter().zip(s.collect.get(Lang::Hi)) {
                    check(&Text { en: en.clone(), hi: hi.clone() }, &format!("{what} collect"));
                }
            }
        }
        for t in Tip::all() {
            check(&t.title, &format!("tip {} title", t.id));
            check(&t.text, &format!("tip {} text", t.id));
            let sentences = t.text.en.matches(". ").count() + 1;
            assert!((2..=4).contains(&sentences), "tip {}: {sentences} sentences", t.id);
        }
    }

    #[test]
    fn ids_are_unique() {
        let mut plans = BTreeSet::new();
        for p in Plan::all() {
            assert!(plans.insert(&p.id), "plan {} twice", p.id);
            let mut steps = BTreeSet::new();
            for s in &p.steps {
                assert!(steps.insert(&s.id), "{}: step {} twice", p.id, s.id);
            }
        }
        let mut tips = BTreeSet::new();
        for t in Tip::all() {
            assert!(tips.insert(&t.id), "tip {} twice", t.id);
        }
    }

    #[test]
    fn every_scam_pattern_has_a_plan() {
        for &p in ScamPattern::ALL {
            let plan = Plan::for_case(p.code(), "", None, None);
            if p == ScamPattern::Other {
                assert_eq!(plan.id, GENERAL);
            } else {
                assert_ne!(plan.id, GENERAL, "no plan for scam pattern {p}");
                assert!(plan.matches.iter().any(|m| m.patterns.contains(&p)));
            }
        }
    }

    #[test]
    fn every_online_financial_fraud_sub_category_has_a_money_plan() {
        let (_, off) = Taxonomy::current().category("Online Financial Fraud").expect("category");
        assert!(off.sub_categories.len() >= 7);
        for sub in &off.sub_categories {
            let plan = Plan::for_case("other", &off.name, Some(sub), None);
            assert_ne!(plan.id, GENERAL, "no plan for {sub}");
            assert!(plan.money, "{sub} goes to {}, which is not a money plan", plan.id);
        }
    }

    #[test]
    fn deadline_rules_exist_in_the_rulebook() {
        let ids = Rulebook::builtin().ids();
        let mut used = BTreeSet::new();
        for p in Plan::all() {
            for s in &p.steps {
                if let Some(rule) = &s.deadline_rule {
                    assert!(ids.contains(&rule.as_str()), "{}/{}: no deadline rule {rule}", p.id, s.id);
                    used.insert(rule.as_str());
                }
            }
        }
        for rule in [
            "ncrp_complete_after_1930",
            "rbi_zero_liability_report",
            "chakshu_report_window",
            "platform_takedown_intimate_or_impersonation",
            "efir_sign_within_3_days",
            "lien_hold_expiry",
        ] {
            assert!(used.contains(rule), "no step uses {rule}");
        }
    }

    #[test]
    fn durations_parse_and_are_sensible() {
        for p in Plan::all() {
            for s in &p.steps {
                let what = format!("{}/{}", p.id, s.id);
                assert_eq!(parse_iso_duration(&s.due.within_iso), Ok(s.due.within), "{what}");
                assert!(s.due.within > TimeDelta::zero() && s.due.within <= TimeDelta::days(90), "{what}");
                if s.urgent {
                    assert!(s.due.within <= TimeDelta::hours(24), "{what}: urgent but due in {}", s.due.within_iso);
                }
            }
        }
    }

    /// Where the golden-hour steps first appear in the steps that apply.
    fn first(plan: &Plan, c: Circumstances, place: Place) -> Option<usize> {
        plan.steps_for(c).position(|s| s.place == place)
    }

    #[test]
    fn money_plans_open_with_the_golden_hour_in_order() {
        let money: Vec<&Plan> = Plan::all().iter().filter(|p| p.money).collect();
        assert_eq!(money.len(), 12);
        for p in money {
            // Only a safety step said at the desk may come before the 1930 call.
            let safety = p.steps.iter().take_while(|s| s.safety).count();
            assert!(safety <= 1, "{}: one safety step at most", p.id);
            let s0 = &p.steps[safety];
            assert!(s0.place == Place::Helpline1930 && s0.urgent && s0.when.is_empty(), "{}: first step", p.id);
            assert_eq!(s0.due.after, After::Incident, "{}: the golden hour runs from the incident", p.id);
            assert!(s0.due.within <= TimeDelta::hours(1), "{}", p.id);
            let bank = first(p, MONEY, Place::Bank).unwrap_or_else(|| panic!("{}: no bank step", p.id));
            let ncrp = first(p, MONEY, Place::NcrpPortal).unwrap_or_else(|| panic!("{}: no portal step", p.id));
            assert_eq!(bank, safety + 1, "{}: the bank comes right after 1930", p.id);
            assert!(ncrp > bank && ncrp <= safety + 3, "{}: the portal complaint follows the bank", p.id);
            let ncrp = p.steps_for(MONEY).nth(ncrp).unwrap();
            assert_eq!(ncrp.deadline_rule.as_deref(), Some("ncrp_complete_after_1930"), "{}", p.id);
            assert_eq!(ncrp.due.after, After::Step("call_1930".into()), "{}", p.id);
            assert_eq!(ncrp.due.within, TimeDelta::hours(24), "{}", p.id);
            assert!(p.steps_for(MONEY).take(safety + 3).all(|s| s.urgent), "{}: golden-hour steps are urgent", p.id);
            let bank = p.steps_for(MONEY).nth(safety + 1).unwrap();
            assert_eq!(bank.deadline_rule.as_deref(), Some("rbi_zero_liability_report"), "{}", p.id);
        }
    }

    #[test]
    fn when_money_was_lost_1930_comes_first_in_every_plan_that_has_it() {
        for p in Plan::all() {
            let has_1930 = p.steps.iter().any(|s| s.place == Place::Helpline1930);
            for c in [MONEY, MONEY_ALL, LARGE] {
                let s0 = p.steps_for(c).find(|s| !s.safety).unwrap();
                assert_eq!(s0.place == Place::Helpline1930, has_1930, "{}: first step when money was lost", p.id);
            }
            if !p.money {
                assert!(first(p, NO_MONEY, Place::Helpline1930).is_none(), "{}: 1930 without a loss", p.id);
            }
        }
        // Plans that can involve money either way carry the golden hour conditionally.
        for id in ["phishing", "social_media_hacked", "impersonation", "sextortion", "loan_app", "lost_phone", GENERAL]
        {
            let p = Plan::get(id).unwrap();
            assert!(!p.money, "{id}");
            assert_eq!(p.steps[0].when, [When::MoneyLost], "{id}");
        }
    }

    #[test]
    fn sextortion_plan_protects_first() {
        let p = Plan::get("sextortion").unwrap();
        let ids: Vec<&str> = p.steps_for(Circumstances { victim_minor: true, ..NONE }).map(|s| s.id.as_str()).collect();
        assert_eq!(ids[0], "stop_paying", "no payment comes first when nothing was paid");
        assert_eq!(ids[1], "pocso_report", "a minor's case is reported to the police next");
        let pos = |id| ids.iter().position(|s| *s == id).unwrap_or_else(|| panic!("no {id}"));
        assert!(pos("preserve_evidence") < pos("platform_takedown"));
        let takedown = p.step("platform_takedown").unwrap();
        assert!(takedown.urgent);
        assert_eq!(takedown.place, Place::PlatformGrievance);
        assert_eq!(takedown.deadline_rule.as_deref(), Some("platform_takedown_intimate_or_impersonation"));
        assert!(p.step("counselling").unwrap().due.within <= TimeDelta::days(1));
        assert!(pos("counselling") > 0);
        let pocso = p.step("pocso_report").unwrap();
        assert_eq!(pocso.when, [When::VictimMinor]);
        assert!(pocso.urgent);
        assert!(p.steps_for(NO_MONEY).all(|s| s.id != "pocso_report"), "POCSO only for minors");
        // The file has no hashing-service step: REFERENCE.md does not mention one.
        assert!(p.steps.iter().all(|s| !s.title.en.contains("StopNCII")));
    }

    #[test]
    fn lost_phone_plan_blocks_sim_bank_and_handset() {
        let p = Plan::get("lost_phone").unwrap();
        assert!(p.matches.is_empty(), "chosen by the worker");
        let places: Vec<Place> = p.steps_for(NO_MONEY).map(|s| s.place).collect();
        for place in [Place::Centre, Place::Bank, Place::PoliceStation, Place::SancharSaathiCeir] {
            assert!(places.contains(&place), "{place:?}");
        }
        let ceir = p.step("ceir_block").unwrap();
        assert_eq!(ceir.due.after, After::Step("police_complaint".into()), "CEIR needs the police complaint");
        assert!(ceir.collect.en.iter().any(|c| c.contains("IMEI")));
        assert!(p.step("sim_block").unwrap().urgent && p.step("block_bank_upi").unwrap().urgent);
    }

    #[test]
    fn verify_and_sources() {
        let section = |s: &str| s.contains("REFERENCE §");
        for p in Plan::all() {
            for s in &p.steps {
                assert!(section(&s.source) || s.verify, "{}/{}: no REFERENCE section", p.id, s.id);
                if s.verify {
                    assert!(s.verify_note.as_deref().is_some_and(|n| !n.is_empty()), "{}/{}", p.id, s.id);
                }
            }
        }
        for t in Tip::all() {
            assert!(section(&t.source) || t.verify, "tip {}: no REFERENCE section", t.id);
        }
    }

    #[test]
    fn tips_cover_every_pattern_and_audience() {
        for &p in ScamPattern::ALL {
            let n = Tip::for_pattern(p.code()).count();
            assert!(n >= 2, "only {n} tips for {p}");
        }
        for a in
            [Audience::General, Audience::Students, Audience::SeniorCitizens, Audience::Parents, Audience::OfficeStaff]
        {
            assert!(Tip::for_audience(a).count() >= 3, "{a:?}");
        }
        assert_eq!(Tip::for_pattern("no_such_pattern").count(), 0);
        assert!(Tip::for_pattern("upi_qr").all(|t| t.patterns.contains(&ScamPattern::UpiQr)));
    }

    /// Scam pattern, category, sub-category, payment channel → expected plan.
    type Case = (&'static str, &'static str, Option<&'static str>, Option<&'static str>, &'static str);

    #[test]
    fn for_case_picks_the_expected_plan() {
        const OFF: &str = "Online Financial Fraud";
        const SOCIAL: &str = "Online and Social Media Related Crime";
        #[rustfmt::skip]
        let cases: &[Case] = &[
            // pattern, category, sub-category, payment channel → plan
            ("upi_qr", OFF, Some("UPI Related Frauds"), Some("upi"), "upi"),
            ("other", OFF, Some("UPI Related Frauds"), Some("upi"), "upi"),
            ("other", OFF, None, Some("upi"), "upi"),
            ("other", OFF, Some("Debit/Credit Card Fraud/Sim Swap Fraud"), Some("credit_card"), "card"),
            ("sim_swap", OFF, Some("Debit/Credit Card Fraud/Sim Swap Fraud"), Some("net_banking"), "sim_swap"),
            ("other", OFF, Some("Internet Banking Related Fraud"), None, "net_banking"),
            ("other", OFF, Some("E-Wallet Related Fraud"), Some("wallet"), "ewallet"),
            ("kyc_otp", OFF, Some("Fraud Call/Vishing"), Some("debit_card"), "vishing"),
            ("other", OFF, Some("Aadhar Enabled Payment System (AEPS) Related Frauds"), Some("aeps"), "aeps"),
            ("other", OFF, Some("Business Email Compromise/Email Takeover"), Some("net_banking"), "business_email"),
            ("other", OFF, Some("Demat/Depository Fraud"), Some("net_banking"), "investment"),
            ("investment", OFF, Some("UPI Related Frauds"), Some("upi"), "investment"),
            ("task_job", SOCIAL, Some("Online Job Fraud"), Some("upi"), "investment"),
            ("other", SOCIAL, Some("Online Job Fraud"), Some("upi"), "job_fraud"),
            ("other", "Cryptocurrency Crime", None, Some("crypto"), "investment"),
            ("digital_arrest", OFF, Some("UPI Related Frauds"), Some("net_banking"), "digital_arrest"),
            ("courier_parcel", OFF, Some("Fraud Call/Vishing"), Some("upi"), "courier_parcel"),
            ("sextortion", OFF, Some("UPI Related Frauds"), Some("upi"), "sextortion"),
            ("other", "Sexually Explicit Act", None, None, "sextortion"),
            ("other", "Crime Against Women & Children", Some("Cyber Blackmailing & Threatening"), None, "sextortion"),
            ("social_media_hacking", SOCIAL, Some("Profile Hacking/Identity Theft"), None, "social_media_hacked"),
            ("other", "Hacking/Damage to computer/computer system etc.", Some("Email Hacking"), None, "social_media_hacked"),
            ("impersonation", SOCIAL, Some("Cheating by Impersonation"), Some("upi"), "impersonation"),
            ("other", SOCIAL, Some("Fake/Impersonating Profile"), None, "impersonation"),
            ("phishing", OFF, Some("Internet Banking Related Fraud"), Some("net_banking"), "phishing"),
            ("loan_app", SOCIAL, Some("Cyber Bullying/Stalking/Sexting"), None, "loan_app"),
            ("other", "Online Gambling/Betting", None, None, GENERAL),
            ("other", SOCIAL, Some("Cyber Bullying/Stalking/Sexting"), None, GENERAL),
            ("other", OFF, None, Some("cash"), GENERAL),
            ("account_frozen", OFF, Some("UPI Related Frauds"), Some("upi"), "account_frozen"),
            ("account_frozen", "Any Other Cyber Crime", None, None, "account_frozen"),
            ("", "", None, None, GENERAL),
            ("no_such_code", "No such category", Some("No such sub-category"), Some("bitcoin"), GENERAL),
        ];
        for &(pattern, category, sub, channel, want) in cases {
            let got = &Plan::for_case(pattern, category, sub, channel).id;
            assert_eq!(got, want, "({pattern}, {category}, {sub:?}, {channel:?})");
        }
    }

    #[test]
    fn victim_sheet_for_a_upi_case() {
        let plan = Plan::for_case("upi_qr", "Online Financial Fraud", Some("UPI Related Frauds"), Some("upi"));
        let sheet: Vec<&str> = plan.steps_for(MONEY).map(|s| s.victim_text.get(Lang::Hi)).collect();
        assert!(sheet[0].contains("1930"));
        assert!(sheet.iter().all(|t| !t.is_empty()));
        let call = &plan.steps[0];
        let collect = call.collect.get(Lang::En).join(" | ");
        for needed in ["UTR", "Date and time", "Amount", "card number", "Screenshot", "UPI ID"] {
            assert!(collect.contains(needed), "1930 checklist lacks {needed}: {collect}");
        }
    }
}
