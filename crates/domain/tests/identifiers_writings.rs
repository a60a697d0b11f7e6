//! The writings victims and SMS forwards use that a plain scanner misses (issue 21), one
//! table per class, in English, Hindi and Hinglish, each with the near-misses that must
//! stay out. All data fictional. `every_class_has_both_sides_in_every_language` keeps the
//! table honest: a class with no negative example in some language fails the build.

use sahayak_domain::identifiers::{Found, IdKind, extract, normalize};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A number broken by a line break inside a forwarded SMS.
    LineBreak,
    /// A number grouped with dots.
    Dots,
    /// An `@name` whose platform word comes after it.
    HandleThenPlatform,
    /// A domain written both in an e-mail address and as a link.
    MailAndLink,
    /// A transaction reference whose word stands a few words before it.
    FarTxnWord,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    En,
    Hi,
    /// Hindi in Latin letters, mixed with English.
    Hinglish,
}

/// Whether the example shows the class being read (`Pos`) or a near-miss (`Neg`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Pos,
    Neg,
}

use Class::*;
use Lang::*;
use Side::*;

/// `(class, language, side, message, exactly the "kind value" pairs found)`.
const CASES: &[(Class, Lang, Side, &str, &[&str])] = &[
    // ---- Numbers broken by a line break ----
    (LineBreak, En, Pos, "Your refund is ready, call +91 98765\n43210 now to claim it", &["phone +919876543210"]),
    (LineBreak, En, Pos, "Fwd: KYC desk 0141-274\n1234 (10am-6pm)", &["phone +911412741234"]),
    (LineBreak, En, Pos, "Call 98765\r\n43210 before midnight", &["phone +919876543210"]),
    (
        LineBreak,
        En,
        Pos,
        "Beneficiary A/c no. 5010023\n4567812 IFSC HDFC0001234",
        &["bank_account 50100234567812", "ifsc HDFC0001234"],
    ),
    (LineBreak, En, Pos, "UPI Ref No 412345\n678901 dated 12-03-26", &["txn_ref 412345678901"]),
    (LineBreak, Hinglish, Pos, "Is number pe call karo 98765-\n43210, turant refund milega", &["phone +919876543210"]),
    (LineBreak, Hi, Pos, "इस नंबर पर कॉल करें +91 98290\n12345 तुरंत", &["phone +919829012345"]),
    (LineBreak, Hi, Pos, "शिकायत के लिए फोन ९८२९०\n१२३४५ पर करें", &["phone +919829012345"]),
    // The first line already holds a whole number: the next line is something else.
    (LineBreak, En, Neg, "Call 9876543210\n12345 people were cheated this way", &["phone +919876543210"]),
    (LineBreak, En, Neg, "Order 98765\n43210 items", &[]),
    // "UTR" on one line does not reach past the next line's number and its own word.
    (
        LineBreak,
        En,
        Neg,
        "UTR: 412345678901\nBeneficiary: 9876543210",
        &["txn_ref 412345678901", "phone +919876543210"],
    ),
    (LineBreak, En, Neg, "Room 98765\n\n43210 was the token", &[]),
    // An OTP, a PIN, an amount or an account on one line, a phone number on the next.
    (LineBreak, En, Neg, "Total complaints 12\n98765 43210 is the number", &["phone +919876543210"]),
    (LineBreak, Hinglish, Neg, "PIN 302001\n98290 12345 se call aaya", &["phone +919829012345"]),
    (LineBreak, Hinglish, Neg, "Rs 45000\n9876543210 pe bheje", &["phone +919876543210"]),
    (LineBreak, Hinglish, Neg, "Account 12345\n9876543210 pe call karo", &["phone +919876543210"]),
    (LineBreak, Hi, Neg, "OTP 48213\n98765 43210 से कॉल आया", &["phone +919876543210"]),
    (LineBreak, Hi, Neg, "आधार 2345\n6789 0123 का गलत इस्तेमाल हुआ", &[]),
    // ---- Numbers grouped with dots ----
    (Dots, En, Pos, "Call 98765.43210 for instant loan approval", &["phone +919876543210"]),
    (Dots, En, Pos, "Fake office landline: 0141.274.1234", &["phone +911412741234"]),
    (Dots, En, Pos, "Support desk +91.98765.43210 or 987.654.3211", &["phone +919876543210", "phone +919876543211"]),
    (Dots, Hinglish, Pos, "Agent ka number 98290.12345 hai, usi ne paise maange", &["phone +919829012345"]),
    (Dots, Hi, Pos, "बिजली विभाग के नाम से कॉल ९८७६५.४३२१० से आया", &["phone +919876543210"]),
    (Dots, En, Neg, "Loan amount 1.50.000 approved, processing fee Rs. 98765.43", &[]),
    (Dots, En, Neg, "Server 98.176.154.32 blocked, build 10.0.19045.3803, date 12.03.2026", &[]),
    (Dots, En, Neg, "He sold 9876.543210 units", &[]),
    (Dots, Hinglish, Neg, "1.50.000 rupaye gaye, call 98765.43210.5 pe mat karna", &[]),
    (Dots, Hi, Neg, "₹1.50.000 की ठगी हुई, संस्करण 2.3.10 वाला ऐप था", &[]),
    // ---- An @name with its platform word after it ----
    (
        HandleThenPlatform,
        En,
        Pos,
        "Send the screenshot to @Priya_Helpdesk on Telegram",
        &["handle telegram:priya_helpdesk"],
    ),
    (
        HandleThenPlatform,
        En,
        Pos,
        "DM @quickloan_official on Insta for instant loan",
        &["handle instagram:quickloan_official"],
    ),
    (HandleThenPlatform, En, Pos, "Follow @CryptoKing01 on X.", &["handle x:cryptoking01"]),
    (
        HandleThenPlatform,
        En,
        Pos,
        "Ask @riya_helpline and @amit_support on the Telegram group",
        &["handle telegram:riya_helpline", "handle telegram:amit_support"],
    ),
    (
        HandleThenPlatform,
        En,
        Pos,
        "Contact @rahul_fx on Telegram, @priya_fx on Insta",
        &["handle telegram:rahul_fx", "handle instagram:priya_fx"],
    ),
    (
        HandleThenPlatform,
        Hinglish,
        Pos,
        "@loan_wala_bhai ko Insta pe message karo",
        &["handle instagram:loan_wala_bhai"],
    ),
    (
        HandleThenPlatform,
        Hinglish,
        Pos,
        "Paise @stock_guru_vip ke Telegram channel pe bheje",
        &["handle telegram:stock_guru_vip"],
    ),
    (HandleThenPlatform, Hi, Pos, "@ghar_se_kamao को टेलीग्राम पर मैसेज करें", &["handle telegram:ghar_se_kamao"]),
    (
        HandleThenPlatform,
        Hi,
        Pos,
        "स्क्रीनशॉट @TaskManager_Anita (टेलीग्राम) पर भेजें",
        &["handle telegram:taskmanager_anita"],
    ),
    (HandleThenPlatform, En, Neg, "Send the screenshot to @Priya_Helpdesk and wait", &[]),
    (HandleThenPlatform, En, Neg, "Pay @rahul_99. Telegram group link will come later", &[]),
    (HandleThenPlatform, En, Neg, "@support_team told me to install Telegram", &[]),
    (HandleThenPlatform, En, Neg, "Ask @rahul on x-ray day", &[]),
    (HandleThenPlatform, Hinglish, Neg, "@rahul_99 ne paise liye, baad me Insta pe block kiya", &[]),
    (HandleThenPlatform, Hi, Neg, "@rahul_99 ने पैसे लिए। टेलीग्राम पर ब्लॉक किया", &[]),
    // ---- A domain both in an e-mail address and as a link ----
    (
        MailAndLink,
        En,
        Pos,
        "Mail from jobs@abc-careers.in with the offer; upload your CV at abc-careers.in/apply",
        &["email jobs@abc-careers.in", "url http://abc-careers.in/apply", "domain abc-careers.in"],
    ),
    (
        MailAndLink,
        En,
        Pos,
        "Email:-hr@quickjobs-india.com, Website:-quickjobs-india.com",
        &["email hr@quickjobs-india.com", "url http://quickjobs-india.com", "domain quickjobs-india.com"],
    ),
    (
        MailAndLink,
        En,
        Pos,
        "Contact Jobs@Abc-Careers.In Or Visit Abc-Careers.In/Apply",
        &["email jobs@abc-careers.in", "url http://abc-careers.in/Apply", "domain abc-careers.in"],
    ),
    (
        MailAndLink,
        En,
        Pos,
        "Offer from hr@abc-careers.in.Upload documents at abc-careers.in/apply today",
        &["email hr@abc-careers.in", "url http://abc-careers.in/apply", "domain abc-careers.in"],
    ),
    (MailAndLink, En, Pos, "Email support@sbi-care.co.in.Thank you", &["email support@sbi-care.co.in"]),
    (
        MailAndLink,
        En,
        Pos,
        "Apply @abc-careers.in/apply or mail jobs@abc-careers.in",
        &["url http://abc-careers.in/apply", "domain abc-careers.in", "email jobs@abc-careers.in"],
    ),
    (
        MailAndLink,
        En,
        Pos,
        "Links:abc-careers.in/apply,jobs@abc-careers.in",
        &["url http://abc-careers.in/apply", "domain abc-careers.in", "email jobs@abc-careers.in"],
    ),
    (
        MailAndLink,
        En,
        Pos,
        "Mail from support@online.in, then visit online.in for the refund",
        &["email support@online.in", "url http://online.in", "domain online.in"],
    ),
    (
        MailAndLink,
        Hinglish,
        Pos,
        "HR ne hr@naukri-fast.in se mail kiya, form naukri-fast.in/form pe bharna hai",
        &["email hr@naukri-fast.in", "url http://naukri-fast.in/form", "domain naukri-fast.in"],
    ),
    (
        MailAndLink,
        Hi,
        Pos,
        "नौकरी का मेल hr@naukri-fast.in से आया और naukri-fast.in/form पर फ़ॉर्म भरवाया",
        &["email hr@naukri-fast.in", "url http://naukri-fast.in/form", "domain naukri-fast.in"],
    ),
    // Prose and file names stay prose unless an address in the message has that host.
    (MailAndLink, En, Neg, "Ref.No 12345 sent by jobs@abc-careers.in", &["email jobs@abc-careers.in"]),
    (MailAndLink, En, Neg, "Contact Abc-Careers.In Today", &[]),
    (MailAndLink, En, Neg, "I sent it to him.in the evening he wrote from rahul@gmail.com", &["email rahul@gmail.com"]),
    (MailAndLink, En, Neg, "write to hr @gmail.com", &[]),
    (MailAndLink, Hinglish, Neg, "Insta pe @riya.in se baat hui", &["handle instagram:riya.in"]),
    (MailAndLink, Hi, Neg, "मेल jobs@abc-careers.in से आया। उसमें फ़ाइल offer.zip थी", &["email jobs@abc-careers.in"]),
    // ---- A transaction word a few words before its reference ----
    (FarTxnWord, En, Pos, "UTR of the last payment 412345678901", &["txn_ref 412345678901"]),
    (FarTxnWord, En, Pos, "the txn id for the second one was 506612345678", &["txn_ref 506612345678"]),
    (FarTxnWord, En, Pos, "UTR no. of the last payment 412345678901", &["txn_ref 412345678901"]),
    (FarTxnWord, En, Pos, "Transaction reference for the refund is TXN8A7B6C5D4E", &["txn_ref TXN8A7B6C5D4E"]),
    (FarTxnWord, Hinglish, Pos, "UTR jo bank ne bheja wo 412345678901 hai", &["txn_ref 412345678901"]),
    (
        FarTxnWord,
        Hinglish,
        Pos,
        "pehle payment ka UTR 412345678901 tha aur dusre wale ka 412345678902",
        &["txn_ref 412345678901", "txn_ref 412345678902"],
    ),
    (FarTxnWord, Hi, Pos, "दूसरे भुगतान का UTR मैसेज में 412345678901 आया", &["txn_ref 412345678901"]),
    (FarTxnWord, Hi, Pos, "लेनदेन आईडी जो बैंक के मैसेज में आई 506612345678 है", &["txn_ref 506612345678"]),
    (FarTxnWord, En, Neg, "He sent 412345678901 on WhatsApp", &[]),
    (FarTxnWord, En, Neg, "UTR was not given. Later he sent 412345678901 as proof", &[]),
    (FarTxnWord, En, Neg, "UTR of the payment is pending and the caller kept repeating 412345678901", &[]),
    (FarTxnWord, En, Neg, "UTR of the first payment is one thing but the other long number was 412345678901", &[]),
    // Written 4-4-4, the way an Aadhaar is.
    (FarTxnWord, En, Neg, "UTR of the last payment 4123 4567 8901", &[]),
    (FarTxnWord, Hinglish, Neg, "UTR nahi mila\n412345678901 ye kya number hai", &[]),
    (FarTxnWord, Hinglish, Neg, "UTR maanga aur bola 919812345678 pe bhejo", &["phone +919812345678"]),
    (FarTxnWord, Hinglish, Neg, "UTR bheja, phir Aadhaar ka 234567890123 bhi maanga", &[]),
    (FarTxnWord, Hi, Neg, "UTR नहीं मिला। फिर 412345678901 नंबर से कॉल आया", &[]),
];

fn key(f: &Found) -> String {
    format!("{} {}", f.kind.as_str(), f.value)
}

#[test]
fn writings() {
    let mut failures = Vec::new();
    for (class, lang, side, text, expected) in CASES {
        let mut got: Vec<String> = extract(text).iter().map(key).collect();
        got.sort();
        let mut want: Vec<String> = expected.iter().map(|s| (*s).to_owned()).collect();
        want.sort();
        if got != want {
            failures.push(format!("{class:?}/{lang:?}/{side:?} {text:?}\n   want {want:?}\n   got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), CASES.len(), failures.join("\n"));
}

/// Offsets give back `raw`, and `normalize` reads every `raw` (a number across a line
/// break, a dotted number, a title-case link) as `extract` did.
#[test]
fn raw_and_normal_forms_agree() {
    for (_, _, _, text, _) in CASES {
        for f in extract(text) {
            assert_eq!(&text[f.start..f.end], f.raw, "raw of {f:?}");
            assert_eq!(normalize(f.kind, &f.value).as_deref(), Some(f.value.as_str()), "{f:?}");
            if !(f.kind == IdKind::Handle && f.raw.starts_with('@')) {
                assert_eq!(normalize(f.kind, &f.raw).as_deref(), Some(f.value.as_str()), "normalize(raw) of {f:?}");
            }
        }
    }
}

#[test]
fn every_class_has_both_sides_in_every_language() {
    for class in [LineBreak, Dots, HandleThenPlatform, MailAndLink, FarTxnWord] {
        for lang in [En, Hi, Hinglish] {
            for side in [Pos, Neg] {
                let n = CASES.iter().filter(|c| (c.0, c.1, c.2) == (class, lang, side)).count();
                assert!(n > 0, "no {side:?} example of {class:?} in {lang:?}");
            }
        }
    }
}
