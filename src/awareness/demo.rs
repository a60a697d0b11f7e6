//! The demo's awareness programmes: a few institutions in Jaipur and Jodhpur, programmes held
//! in the past weeks (with attendance, feedback and quiz sheets) and some planned ahead.

use std::collections::BTreeMap;

use chrono::Duration;

use super::service::{self, FeedbackWrite, InstitutionWrite, ProgrammeWrite};
use crate::store::User;
use crate::web::AppState;

struct DemoInstitution {
    district: &'static str,
    name: &'static str,
    kind: &'static str,
    address: &'static str,
    contact: &'static str,
}

const INSTITUTIONS: &[DemoInstitution] = &[
    DemoInstitution {
        district: "jaipur",
        name: "Government Senior Secondary School, Malviya Nagar",
        kind: "school",
        address: "Sector 6, Malviya Nagar, Jaipur",
        contact: "Smt. Kavita Joshi (Principal)",
    },
    DemoInstitution {
        district: "jaipur",
        name: "राजकीय महाविद्यालय, सांगानेर",
        kind: "college",
        address: "सांगानेर, जयपुर",
        contact: "डॉ. अरुण मीणा",
    },
    DemoInstitution {
        district: "jaipur",
        name: "Vaishali Nagar Senior Citizens' Forum",
        kind: "community",
        address: "Vaishali Nagar, Jaipur",
        contact: "Shri R. K. Gupta",
    },
    DemoInstitution {
        district: "jaipur",
        name: "District Collectorate staff",
        kind: "office",
        address: "Collectorate Circle, Jaipur",
        contact: "",
    },
    DemoInstitution {
        district: "jodhpur",
        name: "Kendriya Vidyalaya No. 1, Jodhpur",
        kind: "school",
        address: "Ratanada, Jodhpur",
        contact: "Shri Mahesh Purohit",
    },
];

/// (institution index, days from now, audience, classes, topics, status, attendance, quiz)
type DemoProgramme =
    (usize, i64, &'static [&'static str], &'static str, &'static [&'static str], &'static str, i64, bool);

const PROGRAMMES: &[DemoProgramme] = &[
    (
        0,
        -40,
        &["students", "teachers"],
        "Class 9–12",
        &["otp_never_share", "paid_to_like_videos", "blackmail_dont_pay"],
        "held",
        180,
        true,
    ),
    (
        1,
        -18,
        &["students"],
        "B.A., B.Sc. first year",
        &["no_fee_for_a_job", "never_rent_your_account", "upi_pin_to_receive"],
        "held",
        95,
        true,
    ),
    (4, -25, &["students", "parents"], "Class 6–8", &["talk_to_children", "online_friends"], "held", 120, false),
    (
        2,
        6,
        &["senior_citizens"],
        "",
        &["no_digital_arrest", "fake_customer_care", "golden_hour_1930"],
        "planned",
        0,
        true,
    ),
    (3, 20, &["staff"], "", &["office_passwords", "check_the_address", "two_step_verification"], "planned", 0, false),
    (0, 45, &["parents"], "", &["talk_to_children", "child_blackmailed"], "planned", 0, false),
];

pub async fn load(state: &AppState, by: &User) -> anyhow::Result<()> {
    let mut ids = Vec::new();
    for i in INSTITUTIONS {
        let w = InstitutionWrite {
            district: i.district.into(),
            name: i.name.into(),
            kind: i.kind.into(),
            address: i.address.into(),
            contact_person: i.contact.into(),
            ..Default::default()
        };
        ids.push(
            service::create_institution(state, by, &w).await.map_err(|e| anyhow::anyhow!("demo institution: {e:?}"))?,
        );
    }
    let now = state.now();
    for (n, &(institution, days, audience, classes, topics, status, attendance, quiz)) in PROGRAMMES.iter().enumerate()
    {
        let at = now + Duration::days(days);
        let starts_at =
            format!("{}T{}", &sahayak_domain::time::to_ist_local(at)[..10], if n % 2 == 0 { "11:00" } else { "15:30" });
        let w = ProgrammeWrite {
            institution_id: ids[institution],
            starts_at,
            venue: "Assembly hall".into(),
            audience: audience.iter().map(|a| (*a).to_owned()).collect(),
            classes: classes.into(),
            language: if n == 2 { "en" } else { "hi" }.into(),
            speakers: "Anita Sharma, SI Rakesh Meena".into(),
            topics: topics.iter().map(|t| (*t).to_owned()).collect(),
            materials: "Slides, 1930 posters, handouts".into(),
            status: status.into(),
            attendance: if status == "held" { attendance.to_string() } else { String::new() },
            use_quiz: quiz,
        };
        let id =
            service::create_programme(state, by, &w).await.map_err(|e| anyhow::anyhow!("demo programme: {e:?}"))?;
        if status != "held" {
            continue;
        }
        let p = state.store.programme(id).await?;
        // A handful of sheets: at the start most miss a question or two, at the end fewer do.
        for k in 0..12usize {
            let answers = |wrong: usize| -> BTreeMap<String, usize> {
                p.quiz
                    .iter()
                    .enumerate()
                    .filter_map(|(j, q)| {
                        let right = super::quiz::get(q)?.answer;
                        Some((q.clone(), if j < wrong { (right + 1) % 2 } else { right }))
                    })
                    .collect()
            };
            if !p.quiz.is_empty() {
                let before =
                    FeedbackWrite { stage: "before".into(), answers: answers(1 + k % 3), ..Default::default() };
                service::submit_feedback(state, &p, &before).await.map_err(|e| anyhow::anyhow!("demo sheet: {e:?}"))?;
            }
            let change =
                ["Will never share an OTP again", "मैं अनजान वीडियो कॉल नहीं उठाऊँगी", "Talk to my parents about 1930", ""]
                    [k % 4];
            let after = FeedbackWrite {
                stage: "after".into(),
                rating: (3 + k % 3).to_string(),
                change: change.into(),
                answers: answers(k % 4 / 3),
            };
            service::submit_feedback(state, &p, &after).await.map_err(|e| anyhow::anyhow!("demo sheet: {e:?}"))?;
        }
    }
    Ok(())
}
