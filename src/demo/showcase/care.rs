//! The people side of the live cases (referrals come after the case's move to "referred",
//! half-way from intake to now): counselling (the blackmailed student's session raises a
//! risk flag), referrals to the police and to legal aid with their news (one gone stale), and
//! the victim's access code with what he sent through his own page.

use chrono::Datelike;

use super::{Cases, DAY, HOUR, MINUTE, TRAIL, VICTIM, VICTIM_CODE};
use crate::clock;
use crate::counselling::CounsellingWrite;
use crate::demo::replay::{Crew, Said, local, open};
use crate::referrals::{ReferralUpdateWrite, ReferralWrite};
use crate::store::User;
use crate::web::AppState;

/// The victim's consent to `purpose` (counselling, or a referral to legal aid).
async fn consent(state: &AppState, user: &User, id: i64, purpose: &str) -> anyhow::Result<()> {
    let handle = open(state, user, id).await?;
    let c =
        crate::privacy::consent::ConsentInput { purpose, given: true, given_by: "victim", guardian_name: "", note: "" };
    crate::privacy::consent::record(state, user, &handle, &c).await.said("consent")
}

async fn session(state: &AppState, user: &User, id: i64, w: CounsellingWrite) -> anyhow::Result<i64> {
    let handle = open(state, user, id).await?;
    crate::counselling::record(state, user, &handle, &w).await.said("counselling")
}

pub async fn counselling(state: &AppState, crew: &Crew, cases: &Cases<'_>) -> anyhow::Result<()> {
    // The blackmailed student in Jodhpur: held in person; the threats raise a flag, which puts
    // the case at the top of the queue with an escalation task for a supervisor.
    let jodhpur = crew.get("counsellor.jodhpur")?;
    // Seen this afternoon: the escalation falls due within the next hours.
    let (id, at) = cases.when("9001453628", 0.97, HOUR)?;
    clock::at(at, async {
        consent(state, jodhpur, id, "counselling").await?;
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
        consent(state, jaipur, id, "counselling").await?;
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
        consent(state, jaipur, id, "counselling").await?;
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
        consent(state, jodhpur, id, "counselling").await?;
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

/// The district's station with this code, as the referral form offers it (`station:ID`).
async fn station(state: &AppState, district: i64, code: &str) -> anyhow::Result<String> {
    let lists = state.directory_lists(district).await.said("directory")?;
    Ok(lists.stations.iter().find(|s| s.code == code).map(|s| format!("station:{}", s.id)).unwrap_or_default())
}

async fn refer(state: &AppState, user: &User, id: i64, w: ReferralWrite) -> anyhow::Result<i64> {
    let handle = open(state, user, id).await?;
    crate::referrals::create(state, user, &handle, &w).await.said("referral")
}

async fn news(state: &AppState, user: &User, id: i64, referral: i64, w: ReferralUpdateWrite) -> anyhow::Result<()> {
    let handle = open(state, user, id).await?;
    crate::referrals::change(state, user, &handle, referral, &w).await.said("referral news")
}

pub async fn referrals(state: &AppState, crew: &Crew, cases: &Cases<'_>) -> anyhow::Result<()> {
    let year = |t: i64| sahayak_domain::time::from_millis(t).with_timezone(&sahayak_domain::time::ist()).year();

    // Jodhpur's task fraud: sent to the cyber police station, acknowledged, FIR registered.
    let jodhpur = crew.get("counsellor.jodhpur")?;
    let (id, sent) = cases.when("9001019284", 0.55, HOUR)?;
    let district = state.store.case(id).await?.district_id;
    let pick = station(state, district, "cyber").await?;
    let w = ReferralWrite {
        pick,
        ack_number: "31612260033982".into(),
        note: "Complaint, NCRP acknowledgement and the trail of four UPI payments handed over".into(),
        ..Default::default()
    };
    let r = clock::at(sent, refer(state, jodhpur, id, w)).await?;
    let (_, acknowledged) = cases.when("9001019284", 0.7, 2 * HOUR)?;
    let w = ReferralUpdateWrite {
        status: "acknowledged".into(),
        officer: "SI Mahendra Choudhary".into(),
        ..Default::default()
    };
    clock::at(acknowledged, news(state, jodhpur, id, r, w)).await?;
    let (_, fir) = cases.when("9001019284", 0.9, 3 * HOUR)?;
    let w = ReferralUpdateWrite {
        status: "fir_registered".into(),
        officer: "SI Mahendra Choudhary".into(),
        fir_number: format!("FIR 118/{}, Cyber PS Jodhpur", year(fir)),
        outcome: "FIR under BNS 318(4), 319(2) and IT Act 66D".into(),
        ..Default::default()
    };
    clock::at(fir, news(state, jodhpur, id, r, w)).await?;

    // Jaipur's task fraud: sent, acknowledged.
    let liaison = crew.get("liaison.jaipur")?;
    let (id, sent) = cases.when("9001470253", 0.55, HOUR)?;
    let district = state.store.case(id).await?.district_id;
    let pick = station(state, district, "cyber").await?;
    let w = ReferralWrite { pick, ack_number: "31612260039210".into(), ..Default::default() };
    let r = clock::at(sent, refer(state, liaison, id, w)).await?;
    let (_, acknowledged) = cases.when("9001470253", 0.8, 2 * HOUR)?;
    let w =
        ReferralUpdateWrite { status: "acknowledged".into(), officer: "HC Suresh Kumar".into(), ..Default::default() };
    clock::at(acknowledged, news(state, liaison, id, r, w)).await?;

    // The loan-app victim goes to legal aid: the DLSA assigns a panel lawyer.
    let jaipur = crew.get("counsellor.jaipur")?;
    let (id, sent) = cases.when("9001847305", 0.55, HOUR)?;
    let district = state.store.case(id).await?.district_id;
    let lists = state.directory_lists(district).await.said("directory")?;
    // The district's legal services authority from the directory (its seed data), picked.
    let dlsa = lists.contacts.iter().find(|c| c.kind == "dlsa").map(|c| format!("legal_aid:{}", c.id));
    let w = ReferralWrite {
        kind: "legal_aid".into(),
        to_name: if dlsa.is_some() { String::new() } else { "DLSA Jaipur".into() },
        pick: dlsa.unwrap_or_default(),
        note: "Harassment by recovery agents; wants the morphed photos removed and the app reported".into(),
        ..Default::default()
    };
    let r = clock::at(sent, async {
        consent(state, jaipur, id, "referral_legal_aid").await?;
        refer(state, jaipur, id, w).await
    })
    .await?;
    let (_, assigned) = cases.when("9001847305", 0.85, 2 * HOUR)?;
    let w = ReferralUpdateWrite {
        status: "lawyer_assigned".into(),
        officer: "Adv. Rekha Sharma (panel lawyer)".into(),
        ..Default::default()
    };
    clock::at(assigned, news(state, jaipur, id, r, w)).await?;

    // The fake-profile case: sent to the women's police station two weeks ago, no news since.
    let (id, sent) = cases.when("9001780246", 0.52, DAY)?;
    let w = ReferralWrite {
        kind: "police".into(),
        to_name: "Mahila Police Station (East), Jaipur".into(),
        to_contact: "0141-2600000 (demo)".into(),
        note: "Written complaint with screenshots of both fake profiles".into(),
        ..Default::default()
    };
    clock::at(sent, refer(state, jaipur, id, w)).await?;

    // The blackmailed student: with the women's police station in Jodhpur, in progress.
    let (id, sent) = cases.when("9001453628", 0.55, HOUR)?;
    let w = ReferralWrite {
        kind: "police".into(),
        to_name: "Mahila Police Station, Jodhpur".into(),
        note: "Her identity is to be kept confidential".into(),
        ..Default::default()
    };
    let r = clock::at(sent, refer(state, jodhpur, id, w)).await?;
    let (_, moving) = cases.when("9001453628", 0.7, 2 * HOUR)?;
    let w = ReferralUpdateWrite {
        status: "in_progress".into(),
        officer: "ASI Kavita Rathore".into(),
        note: "Instagram asked to preserve the accounts' data".into(),
        ..Default::default()
    };
    clock::at(moving, news(state, jodhpur, id, r, w)).await?;
    Ok(())
}

/// The access code on the KYC-fraud victim's case, and what he sent through his page.
pub async fn victim(state: &AppState, crew: &Crew, cases: &Cases<'_>) -> anyhow::Result<()> {
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
