//! What the demo's live cases show beyond intake, each thing on the case where it belongs:
//! evidence with its custody and a copy for the portal, money trails with layers, holds and
//! restoration, counselling (one session raising a risk flag), referrals with news and one gone
//! stale, follow-up calls, the victim's access code and messages.
//!
//! Cases are named by their victim's mobile (`data/demo/cases.json`); every step runs through
//! the use-case the staff would use, at a moment between the case's intake and now.

use chrono::Datelike;
use sahayak_domain::case::Lang;

use super::files;
use super::replay::{Crew, Said, local, open, rupees};
use crate::clock;
use crate::evidence::input::DetailsInput;
use crate::evidence::receive::{Received, ReceivedFile};
use crate::store::User;
use crate::web::AppState;

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

/// The victims (by mobile) whose cases the start-up message points to.
pub const URGENT: &str = "9001673940";
pub const EVIDENCE: &str = "9001042817";
pub const TRAIL: &str = "9001624570";
pub const RING: &str = "9001784051";
pub const VICTIM: &str = "9001124680";
/// The victim's access code on [`VICTIM`]'s case (from the code alphabet: no 0, 1, I or O).
pub const VICTIM_CODE: &str = "SAHAYAK22345";

/// A live case as loaded: its id and when it was registered.
pub struct Live {
    pub mobile: String,
    pub id: i64,
    pub registered_at: i64,
}

pub struct Cases<'a> {
    pub live: &'a [Live],
    pub now: i64,
}

impl Cases<'_> {
    fn get(&self, mobile: &str) -> anyhow::Result<&Live> {
        self.live.iter().find(|c| c.mobile == mobile).ok_or_else(|| anyhow::anyhow!("demo case {mobile} missing"))
    }

    /// The case and a moment `share` of the way from its intake to now (at least `min_after`
    /// after intake, never later than now).
    fn when(&self, mobile: &str, share: f64, min_after: i64) -> anyhow::Result<(i64, i64)> {
        let c = self.get(mobile)?;
        let span = (self.now - c.registered_at) as f64;
        let t = (c.registered_at + (span * share) as i64).max(c.registered_at + min_after).min(self.now);
        Ok((c.id, t))
    }
}

pub async fn load(state: &AppState, crew: &Crew, cases: &Cases<'_>) -> anyhow::Result<()> {
    evidence(state, crew, cases).await?;
    money(state, crew, cases).await?;
    counselling(state, crew, cases).await?;
    referrals(state, crew, cases).await?;
    victim(state, crew, cases).await?;
    Ok(())
}

// ------------------------------------------------------------------------------- evidence

fn file(state: &AppState, bytes: Vec<u8>, name: &str) -> impl Future<Output = anyhow::Result<ReceivedFile>> {
    let dir = state.evidence.spool_dir().to_owned();
    let name = name.to_owned();
    async move {
        let mut spool = crate::evidence::spool::Spool::create(&dir).await?;
        spool.write(&bytes).await?;
        let spooled = spool.finish().await?;
        let mime = crate::evidence::sniff::sniff(&spooled.head);
        Ok(ReceivedFile { spooled, mime, original_name: name })
    }
}

fn details(pairs: &[(&'static str, String)]) -> DetailsInput {
    DetailsInput(pairs.to_vec())
}

async fn evidence(state: &AppState, crew: &Crew, cases: &Cases<'_>) -> anyhow::Result<()> {
    let user = crew.get("counsellor.jaipur")?;
    let (id, received_at) = cases.when(EVIDENCE, 0.0, 6 * MINUTE)?;
    let link = "upi://pay?pa=olxpay.verify@ibl&pn=Amit&am=12000&cu=INR";
    let phone = |method: &str, described: &str| {
        details(&[
            ("description", described.to_owned()),
            ("capture_method", method.to_owned()),
            ("device_type", "mobile".into()),
            ("device_make_model", "Xiaomi Redmi Note 12".into()),
            ("device_id", "35-693803-564380-9".into()),
            ("captured_by", "Pooja Meena (counsellor), from the victim's phone".into()),
            ("captured_at", local(received_at - 2 * MINUTE)),
            ("captured_where", "Cyber Support Centre, Jaipur (desk 2)".into()),
            ("victim_supplied", "on".into()),
        ])
    };
    let incident = cases.get(EVIDENCE)?.registered_at - 20 * MINUTE;
    let statement = files::statement_pdf(
        "Bank of Baroda - Account statement (demo)",
        &[
            "Account XXXXXXXX4417   Branch: Mansarovar, Jaipur".into(),
            String::new(),
            "Date        Narration                                          Debit       Balance".into(),
            "today       UPI/DR/512847306915/olxpay.verify@ibl/PhonePe      12,000.00   41,215.50".into(),
            "today       UPI/DR/512847311208/olxpay.verify@ibl/PhonePe      12,500.00   28,715.50".into(),
        ],
    );
    let export = files::chat_export(
        incident - 40 * MINUTE,
        &[
            (0, "Amit OLX", "Namaste ji, sofa set abhi available hai?"),
            (2, "Manoj", "Haan ji available hai, 18000 final"),
            (5, "Amit OLX", "Theek hai, main army me hun, payment PhonePe se abhi kar deta hun"),
            (9, "Amit OLX", "Ye QR scan karo, paise aapke account me aa jayenge"),
            (21, "Manoj", "Mere 12000 kat gaye, aaye nahi"),
            (23, "Amit OLX", "Galti se ho gaya, dobara scan karo 24000 wapas aayenge"),
            (31, "Manoj", "Fir se 12500 kat gaye!"),
        ],
    );
    clock::at(received_at, async {
        let handle = open(state, user, id).await?;
        let shots = Received {
            files: vec![
                file(state, files::chat_screenshot(link, 11), "Screenshot_whatsapp_amit.png").await?,
                file(state, files::payment_screenshot(12), "Screenshot_phonepe_debit.png").await?,
            ],
            details: phone("screenshot", "WhatsApp chat with 'Amit' and the payment screen after the first debit"),
        };
        crate::evidence::service::add(state, user, &handle, shots).await.said("screenshots")?;
        let chat = Received {
            files: vec![file(state, export, "WhatsApp Chat with Amit OLX.txt").await?],
            details: phone("app_export", "WhatsApp's own export of the chat with 'Amit' (text)"),
        };
        crate::evidence::service::add(state, user, &handle, chat).await.said("chat export")?;
        let pdf = Received {
            files: vec![file(state, statement, "bob-statement.pdf").await?],
            details: phone("download", "Account statement downloaded from the bank's app, both debits marked"),
        };
        crate::evidence::service::add(state, user, &handle, pdf).await.said("statement")?;
        let photo = Received {
            files: vec![file(state, files::qr_photo_webp(link), "qr-code-photo.webp").await?],
            details: phone("photo", "Photo of the QR code 'Amit' sent, printed by the victim"),
        };
        let photo = crate::evidence::service::add(state, user, &handle, photo).await.said("photo")?;
        // The portal takes JPEG and PNG: a copy of the WebP photo, pointing to its original.
        let original = photo.first().map(|i| i.id).ok_or_else(|| anyhow::anyhow!("demo photo not recorded"))?;
        crate::evidence::derive::portal_copy(state, user, &handle, original, "evidence", Lang::Hi)
            .await
            .said("portal copy")?;
        anyhow::Ok(())
    })
    .await?;
    // Later the worker opens the screenshot, and a copy of the statement goes to the police.
    let items = state.store.evidence_items(id).await?;
    let (_, later) = cases.when(EVIDENCE, 0.9, 12 * MINUTE)?;
    clock::at(later, async {
        let handle = open(state, user, id).await?;
        if let Some(shot) = items.iter().find(|i| i.mime == "image/png") {
            let _opened = crate::evidence::service::open(state, user, &handle, shot.id, true, "Checking the UTRs")
                .await
                .said("view")?;
        }
        if let Some(pdf) = items.iter().find(|i| i.mime == "application/pdf") {
            let reason = "Printed copy given to SI Rakesh Meena, Cyber Police Station, Jaipur";
            crate::evidence::service::record(state, user, &handle, pdf.id, "handed_to_police", reason)
                .await
                .said("custody")?;
        }
        anyhow::Ok(())
    })
    .await
}

// ------------------------------------------------------------------------------- money

struct Row<'a> {
    layer: i64,
    bank: &'a str,
    from: &'a str,
    to: &'a str,
    ifsc: &'a str,
    utr: &'a str,
    /// Minutes after intake.
    at: i64,
    rupees: i64,
    action: &'a str,
    held: i64,
    remarks: &'a str,
}

async fn trail(
    state: &AppState,
    user: &User,
    id: i64,
    at: i64,
    registered: i64,
    rows: &[Row<'_>],
) -> anyhow::Result<()> {
    clock::at(at, async {
        let handle = open(state, user, id).await?;
        for r in rows {
            let some = |s: &str| (!s.is_empty()).then(|| s.to_owned());
            let when = local((registered + r.at * MINUTE).min(at));
            let input = crate::triage::trail::TrailInput {
                layer: Some(r.layer.to_string()),
                bank: some(r.bank),
                from_account: some(r.from),
                to_account: some(r.to),
                ifsc: some(r.ifsc),
                utr: some(r.utr),
                at: Some(when.clone()),
                amount: Some(r.rupees.to_string()),
                disputed: Some(r.rupees.to_string()),
                action: Some(r.action.to_owned()),
                hold_amount: (r.held > 0).then(|| r.held.to_string()),
                hold_at: (r.held > 0).then_some(when),
                remarks: some(r.remarks),
            };
            crate::triage::trail::add(state, user, &handle, &input).await.said("trail")?;
        }
        anyhow::Ok(())
    })
    .await
}

async fn restoration(
    state: &AppState,
    user: &User,
    (id, at): (i64, i64),
    route: &str,
    status: &str,
    (amount, restored): (i64, i64),
    note: &str,
) -> anyhow::Result<()> {
    clock::at(at, async {
        let handle = open(state, user, id).await?;
        let input = crate::triage::trail::RestorationInput {
            id: None,
            route: route.into(),
            status: status.into(),
            amount: rupees(amount * 100),
            restored: Some(rupees(restored * 100)),
            note: Some(note.into()),
        };
        crate::triage::trail::save_restoration(state, user, &handle, &input).await.said("restoration")
    })
    .await
}

async fn money(state: &AppState, crew: &Crew, cases: &Cases<'_>) -> anyhow::Result<()> {
    let liaison = crew.get("liaison.jaipur")?;
    let jodhpur = crew.get("counsellor.jodhpur")?;
    let row = |layer, bank, from, to, ifsc, at, rupees, action, held, remarks| Row {
        layer,
        bank,
        from,
        to,
        ifsc,
        utr: "",
        at,
        rupees,
        action,
        held,
        remarks,
    };

    // The "digital arrest": two RTGS debits, a mule account that held part and passed the rest
    // on, and a second layer where one bank held and another paid out at an ATM.
    let c = cases.get(TRAIL)?;
    let (id, at) = cases.when(TRAIL, 0.6, HOUR)?;
    let mule = "924020067813452";
    let rows = [
        Row {
            utr: "SBINR52026031788412",
            ..row(
                0,
                "SBI",
                "XXXX2290",
                mule,
                "UTIB0004412",
                -2900,
                900_000,
                "transferred",
                0,
                "RTGS 1 of 2, at the 'officer's' order",
            )
        },
        Row {
            utr: "SBINR52026031790118",
            ..row(0, "SBI", "XXXX2290", mule, "UTIB0004412", -2850, 550_000, "transferred", 0, "RTGS 2 of 2")
        },
        row(1, "Axis Bank", mule, "", "UTIB0004412", -2840, 320_000, "on_hold", 320_000, "Held on the 1930 report"),
        row(1, "Axis Bank", mule, "50200071436618", "HDFC0002671", -2830, 680_000, "transferred", 0, "IMPS to layer 2"),
        row(1, "Axis Bank", mule, "3370010091245", "CNRB0003370", -2820, 450_000, "transferred", 0, "NEFT to layer 2"),
        row(
            2,
            "HDFC Bank",
            "50200071436618",
            "",
            "HDFC0002671",
            -2790,
            680_000,
            "on_hold",
            410_000,
            "Part held; the rest moved before the request",
        ),
        row(
            2,
            "Canara Bank",
            "3370010091245",
            "",
            "CNRB0003370",
            -2780,
            450_000,
            "atm",
            0,
            "Cash withdrawn at an ATM in another state",
        ),
    ];
    trail(state, liaison, id, at, c.registered_at, &rows).await?;

    // A UPI fraud whose held money came back without a court order (under ₹50,000, MHA SOP).
    let c = cases.get("9001239506")?;
    let (id, at) = cases.when("9001239506", 0.05, 3 * HOUR)?;
    let rows = [
        row(
            0,
            "Bank of Baroda",
            "XXXX7781",
            "refunddesk.irctc@ybl",
            "",
            -135,
            29_990,
            "transferred",
            0,
            "Payment link from the fake refund site",
        ),
        row(
            1,
            "Yes Bank",
            "refunddesk.irctc@ybl",
            "",
            "YESB0000412",
            -110,
            29_990,
            "on_hold",
            29_990,
            "Lien on the 1930 report",
        ),
    ];
    trail(state, liaison, id, at, c.registered_at, &rows).await?;
    let applied = cases.when("9001239506", 0.2, DAY)?;
    restoration(
        state,
        liaison,
        applied,
        "admin_under_50k",
        "applied",
        (29_990, 0),
        "Request to the bank under the MHA SOP",
    )
    .await?;
    let refunded = cases.when("9001239506", 0.4, 2 * DAY)?;
    restoration(
        state,
        liaison,
        refunded,
        "admin_under_50k",
        "refunded",
        (29_990, 29_990),
        "Credited to the victim's account; confirmed on the phone",
    )
    .await?;

    // KYC fraud: the hold the notes speak of.
    let c = cases.get(VICTIM)?;
    let (id, at) = cases.when(VICTIM, 0.3, 2 * HOUR)?;
    let rows = [
        row(
            0,
            "SBI",
            "XXXX0934",
            "refundhelp.sbi@ybl",
            "",
            -190,
            67_800,
            "transferred",
            0,
            "Three debits after the OTPs were shared",
        ),
        row(
            1,
            "Yes Bank",
            "refundhelp.sbi@ybl",
            "",
            "YESB0000412",
            -150,
            67_800,
            "on_hold",
            23_000,
            "₹23,000 held; ₹44,800 moved on",
        ),
    ];
    trail(state, liaison, id, at, c.registered_at, &rows).await?;

    // The investment fraud in Jodhpur: holds in four accounts, and an application to the
    // Magistrate for their release.
    let c = cases.get("9001564739")?;
    let (id, at) = cases.when("9001564739", 0.3, DAY)?;
    let m = "6120005532871";
    let rows = [
        row(
            0,
            "HDFC Bank",
            "XXXX5610",
            m,
            "SBIN0031845",
            -40_000,
            620_000,
            "transferred",
            0,
            "NEFT/RTGS over six weeks",
        ),
        row(1, "SBI", m, "", "SBIN0031845", -39_000, 250_000, "on_hold", 45_000, ""),
        row(1, "SBI", m, "39120045871", "SBIN0040112", -39_500, 180_000, "on_hold", 30_000, ""),
        row(1, "SBI", m, "77120045893", "IDFB0040187", -39_800, 120_000, "on_hold", 20_000, ""),
        row(1, "SBI", m, "50100981234561", "HDFC0001234", -39_900, 70_000, "on_hold", 15_000, ""),
    ];
    trail(state, jodhpur, id, at, c.registered_at, &rows).await?;
    let applied = cases.when("9001564739", 0.7, 2 * DAY)?;
    restoration(
        state,
        jodhpur,
        applied,
        "magistrate_order",
        "applied",
        (110_000, 0),
        "Application under s.503 BNSS filed through the IO",
    )
    .await?;

    // The army-canteen QR fraud, handed to the police: a small hold, a request under the SOP.
    let c = cases.get("9001902468")?;
    let (id, at) = cases.when("9001902468", 0.02, 2 * HOUR)?;
    let rows = [
        row(
            0,
            "Punjab National Bank",
            "XXXX4421",
            "canteen.orders26@ybl",
            "",
            -95,
            30_000,
            "transferred",
            0,
            "Three QR scans",
        ),
        row(
            1,
            "IndusInd Bank",
            "canteen.orders26@ybl",
            "",
            "INDB0000331",
            -90,
            30_000,
            "on_hold",
            8_400,
            "₹8,400 held, the rest withdrawn",
        ),
    ];
    trail(state, liaison, id, at, c.registered_at, &rows).await?;
    let applied = cases.when("9001902468", 0.1, 3 * DAY)?;
    restoration(state, liaison, applied, "admin_under_50k", "applied", (8_400, 0), "").await?;
    Ok(())
}

// ------------------------------------------------------------------------------- counselling

async fn counselling(state: &AppState, crew: &Crew, cases: &Cases<'_>) -> anyhow::Result<()> {
    use crate::counselling::CounsellingWrite;
    let consent = |state: &AppState, user: &User, id: i64| {
        let (state, user) = (state.clone(), user.clone());
        async move {
            let handle = open(&state, &user, id).await?;
            let c = crate::privacy::consent::ConsentInput {
                purpose: "counselling",
                given: true,
                given_by: "victim",
                guardian_name: "",
                note: "",
            };
            crate::privacy::consent::record(&state, &user, &handle, &c).await.said("consent")
        }
    };
    let session = |state: &AppState, user: &User, id: i64, w: CounsellingWrite| {
        let (state, user) = (state.clone(), user.clone());
        async move {
            let handle = open(&state, &user, id).await?;
            crate::counselling::record(&state, &user, &handle, &w).await.said("counselling")
        }
    };

    // The blackmailed student in Jodhpur: held in person; the threats raise a flag, which puts
    // the case at the top of the queue with an escalation task for a supervisor.
    let jodhpur = crew.get("counsellor.jodhpur")?;
    // Seen this afternoon: the escalation falls due within the next hours.
    let (id, at) = cases.when("9001453628", 0.97, HOUR)?;
    clock::at(at, async {
        consent(state, jodhpur, id).await?;
        let w = CounsellingWrite {
            scheduled_at: local(at - HOUR),
            mode: "in_person".into(),
            status: "held".into(),
            notes: "पीड़िता बहुत घबराई हुई है, कॉलेज जाना बंद कर दिया है। आरोपी ने आज सुबह नए नंबर से फिर धमकी दी। \
                    माँ को साथ बुलाया, StopNCII की प्रक्रिया फिर समझाई। कल सुबह फिर बात होगी।"
                .into(),
            risk_threats: true,
            follow_up_at: local(at + DAY),
            ..Default::default()
        };
        session(state, jodhpur, id, w).await
    })
    .await?;

    let jaipur = crew.get("counsellor.jaipur")?;
    let (id, at) = cases.when("9001958163", 0.6, HOUR)?;
    clock::at(at, async {
        consent(state, jaipur, id).await?;
        let w = CounsellingWrite {
            scheduled_at: local(at - 30 * MINUTE),
            mode: "phone".into(),
            status: "held".into(),
            notes: "Calmer than on the first day. Has not paid and will not. Told his elder brother. \
                    Will send the screenshots tonight."
                .into(),
            follow_up_at: local(at + 2 * DAY),
            ..Default::default()
        };
        session(state, jaipur, id, w).await
    })
    .await?;

    let (id, at) = cases.when(TRAIL, 0.3, HOUR)?;
    clock::at(at, async {
        consent(state, jaipur, id).await?;
        let w = CounsellingWrite {
            scheduled_at: local(at - HOUR),
            mode: "in_person".into(),
            status: "held".into(),
            notes: "बेटे के साथ आईं। चार दिन तक 'डिजिटल अरेस्ट' में रहीं, नींद नहीं आ रही। समझाया कि कोई पुलिस \
                    वीडियो कॉल पर गिरफ़्तार नहीं करती। पड़ोस में रहने वाली बेटी रोज़ मिलने आएगी।"
                .into(),
            follow_up_at: local(at + 3 * DAY),
            ..Default::default()
        };
        session(state, jaipur, id, w).await
    })
    .await?;

    // The loan-app victim: one session missed, the next planned for tomorrow.
    let (id, at) = cases.when("9001342517", 0.5, HOUR)?;
    clock::at(at, async {
        consent(state, jodhpur, id).await?;
        let missed = CounsellingWrite {
            scheduled_at: local(at - 2 * HOUR),
            mode: "phone".into(),
            status: "missed".into(),
            notes: "फोन नहीं उठाया; शाम को फिर कोशिश".into(),
            ..Default::default()
        };
        session(state, jodhpur, id, missed).await?;
        let planned = CounsellingWrite {
            scheduled_at: local(cases.now + DAY),
            mode: "video".into(),
            status: "planned".into(),
            ..Default::default()
        };
        session(state, jodhpur, id, planned).await
    })
    .await?;
    Ok(())
}

// ------------------------------------------------------------------------------- referrals

async fn referrals(state: &AppState, crew: &Crew, cases: &Cases<'_>) -> anyhow::Result<()> {
    use crate::referrals::{ReferralUpdateWrite, ReferralWrite};
    let station = |district: i64, code: &'static str| {
        let state = state.clone();
        async move {
            let lists = state.directory_lists(district).await.said("directory")?;
            let s = lists.stations.iter().find(|s| s.code == code).map(|s| format!("station:{}", s.id));
            anyhow::Ok(s.unwrap_or_default())
        }
    };
    let create = |user: &User, id: i64, w: ReferralWrite| {
        let (state, user) = (state.clone(), user.clone());
        async move {
            let handle = open(&state, &user, id).await?;
            crate::referrals::create(&state, &user, &handle, &w).await.said("referral")
        }
    };
    let news = |user: &User, id: i64, referral: i64, w: ReferralUpdateWrite| {
        let (state, user) = (state.clone(), user.clone());
        async move {
            let handle = open(&state, &user, id).await?;
            crate::referrals::change(&state, &user, &handle, referral, &w).await.said("referral news")
        }
    };
    let year = |t: i64| sahayak_domain::time::from_millis(t).with_timezone(&sahayak_domain::time::ist()).year();

    // Jodhpur's task fraud: sent to the cyber police station, acknowledged, FIR registered.
    let jodhpur = crew.get("counsellor.jodhpur")?;
    let (id, sent) = cases.when("9001019284", 0.15, HOUR)?;
    let district = state.store.case(id).await?.district_id;
    let pick = station(district, "cyber").await?;
    let w = ReferralWrite {
        pick,
        ack_number: "31612260033982".into(),
        note: "Complaint, NCRP acknowledgement and the trail of four UPI payments handed over".into(),
        ..Default::default()
    };
    let r = clock::at(sent, create(jodhpur, id, w)).await?;
    let (_, acknowledged) = cases.when("9001019284", 0.4, 2 * HOUR)?;
    let w = ReferralUpdateWrite {
        status: "acknowledged".into(),
        officer: "SI Mahendra Choudhary".into(),
        ..Default::default()
    };
    clock::at(acknowledged, news(jodhpur, id, r, w)).await?;
    let (_, fir) = cases.when("9001019284", 0.8, 3 * HOUR)?;
    let w = ReferralUpdateWrite {
        status: "fir_registered".into(),
        officer: "SI Mahendra Choudhary".into(),
        fir_number: format!("FIR 118/{}, Cyber PS Jodhpur", year(fir)),
        outcome: "FIR under BNS 318(4), 319(2) and IT Act 66D".into(),
        ..Default::default()
    };
    clock::at(fir, news(jodhpur, id, r, w)).await?;

    // Jaipur's task fraud: sent, acknowledged.
    let liaison = crew.get("liaison.jaipur")?;
    let (id, sent) = cases.when("9001470253", 0.2, HOUR)?;
    let district = state.store.case(id).await?.district_id;
    let pick = station(district, "cyber").await?;
    let w = ReferralWrite { pick, ack_number: "31612260039210".into(), ..Default::default() };
    let r = clock::at(sent, create(liaison, id, w)).await?;
    let (_, acknowledged) = cases.when("9001470253", 0.7, 2 * HOUR)?;
    let w =
        ReferralUpdateWrite { status: "acknowledged".into(), officer: "HC Suresh Kumar".into(), ..Default::default() };
    clock::at(acknowledged, news(liaison, id, r, w)).await?;

    // The loan-app victim goes to legal aid: the DLSA assigns a panel lawyer.
    let jaipur = crew.get("counsellor.jaipur")?;
    let (id, sent) = cases.when("9001847305", 0.3, HOUR)?;
    let district = state.store.case(id).await?.district_id;
    let lists = state.directory_lists(district).await.said("directory")?;
    let dlsa =
        lists.contacts.iter().find(|c| c.kind == "dlsa").map(|c| format!("legal_aid:{}", c.id)).unwrap_or_default();
    let r = clock::at(sent, async {
        let handle = open(state, jaipur, id).await?;
        let c = crate::privacy::consent::ConsentInput {
            purpose: "referral_legal_aid",
            given: true,
            given_by: "victim",
            guardian_name: "",
            note: "",
        };
        crate::privacy::consent::record(state, jaipur, &handle, &c).await.said("consent")?;
        let w = ReferralWrite {
            pick: dlsa,
            kind: "legal_aid".into(),
            to_name: if lists.contacts.iter().any(|c| c.kind == "dlsa") { String::new() } else { "DLSA Jaipur".into() },
            note: "Harassment by recovery agents; wants the morphed photos removed and the app reported".into(),
            ..Default::default()
        };
        create(jaipur, id, w).await
    })
    .await?;
    let (_, assigned) = cases.when("9001847305", 0.8, 2 * HOUR)?;
    let w = ReferralUpdateWrite {
        status: "lawyer_assigned".into(),
        officer: "Adv. Rekha Sharma (panel lawyer)".into(),
        ..Default::default()
    };
    clock::at(assigned, news(jaipur, id, r, w)).await?;

    // The fake-profile case: sent to the women's police station four weeks ago, no news since.
    let (id, sent) = cases.when("9001780246", 0.05, DAY)?;
    let w = ReferralWrite {
        kind: "police".into(),
        to_name: "Mahila Police Station (East), Jaipur".into(),
        to_contact: "0141-2600000 (demo)".into(),
        note: "Written complaint with screenshots of both fake profiles".into(),
        ..Default::default()
    };
    clock::at(sent, create(jaipur, id, w)).await?;

    // The blackmailed student: with the women's police station in Jodhpur, in progress.
    let (id, sent) = cases.when("9001453628", 0.3, HOUR)?;
    let w = ReferralWrite {
        kind: "police".into(),
        to_name: "Mahila Police Station, Jodhpur".into(),
        note: "Her identity is to be kept confidential".into(),
        ..Default::default()
    };
    let r = clock::at(sent, create(jodhpur, id, w)).await?;
    let (_, moving) = cases.when("9001453628", 0.7, 2 * HOUR)?;
    let w = ReferralUpdateWrite {
        status: "in_progress".into(),
        officer: "ASI Kavita Rathore".into(),
        note: "Instagram asked to preserve the accounts' data".into(),
        ..Default::default()
    };
    clock::at(moving, news(jodhpur, id, r, w)).await?;
    Ok(())
}

// ------------------------------------------------------------------------------- the victim

/// The access code on the KYC-fraud victim's case, and what he sent through his page.
async fn victim(state: &AppState, crew: &Crew, cases: &Cases<'_>) -> anyhow::Result<()> {
    let user = crew.get("counsellor.jaipur")?;
    let (id, issued) = cases.when(VICTIM, 0.02, 20 * MINUTE)?;
    clock::at(issued, async {
        let handle = open(state, user, id).await?;
        crate::victim::issue_this(state, user, &handle, VICTIM_CODE.to_owned()).await.said("victim code")
    })
    .await?;
    let subject = crate::privacy::audit::case_subject(id);
    let (_, info_at) = cases.when(VICTIM, 0.5, HOUR)?;
    let info = clock::at(info_at, async {
        let body = "बैंक से SMS आया है कि मेरी शिकायत दर्ज हो गई है, नंबर CMP4471902। खाते से और पैसा नहीं कटा।";
        let request = state.store.add_victim_request(id, "info", body, info_at).await?;
        crate::privacy::audit::record(state, None, "case.victim_info", &subject, "").await;
        anyhow::Ok(request)
    })
    .await?;
    let (_, handled_at) = cases.when(VICTIM, 0.6, 2 * HOUR)?;
    clock::at(handled_at, async { state.store.handle_victim_request(id, info, user.id, handled_at).await }).await?;
    let (_, callback_at) = cases.when(VICTIM, 0.9, 3 * HOUR)?;
    clock::at(callback_at, async {
        state.store.add_victim_request(id, "callback", "शाम 5 बजे के बाद, इसी नंबर पर", callback_at).await?;
        crate::privacy::audit::record(state, None, "case.victim_callback", &subject, "").await;
        anyhow::Ok(())
    })
    .await
}
