//! The demo's awareness programmes: institutions in Jaipur and Jodhpur, programmes held over the
//! past year (with attendance, feedback and quiz sheets) and some planned ahead. Each is recorded
//! at its own date ([`crate::clock::at`]), so the dashboard's months and its "before and after
//! the first programme" comparison have something to show.

use std::collections::BTreeMap;

use super::service::{self, FeedbackWrite, InstitutionWrite, ProgrammeWrite};
use crate::store::User;
use crate::web::AppState;

const DAY: i64 = 86_400_000;

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
    DemoInstitution {
        district: "jodhpur",
        name: "जय नारायण व्यास विश्वविद्यालय, वाणिज्य संकाय",
        kind: "college",
        address: "पावटा, जोधपुर",
        contact: "डॉ. सुमन भाटी",
    },
    DemoInstitution {
        district: "jodhpur",
        name: "Shastri Nagar Senior Citizens' Club",
        kind: "community",
        address: "Shastri Nagar, Jodhpur",
        contact: "Shri G. S. Bhandari",
    },
];

/// (institution index, days from now, audience, classes, topics, status, attendance, quiz)
type DemoProgramme =
    (usize, i64, &'static [&'static str], &'static str, &'static [&'static str], &'static str, i64, bool);

const PROGRAMMES: &[DemoProgramme] = &[
    (3, -330, &["staff"], "", &["office_passwords", "confirm_payment_emails"], "held", 60, false),
    (0, -305, &["students", "teachers"], "Class 9–12", &["otp_never_share", "online_friends"], "held", 210, true),
    (6, -280, &["senior_citizens"], "", &["no_digital_arrest", "fake_customer_care"], "held", 45, true),
    (1, -250, &["students"], "B.Com. second year", &["no_fee_for_a_job", "never_rent_your_account"], "held", 130, true),
    (2, -215, &["senior_citizens"], "", &["golden_hour_1930", "kyc_update_message"], "held", 70, true),
    (5, -185, &["students"], "B.Com., M.Com.", &["paid_to_like_videos", "never_lend_account"], "held", 160, true),
    (4, -150, &["students", "parents"], "Class 9–12", &["blackmail_dont_pay", "talk_to_children"], "held", 240, true),
    (3, -120, &["staff"], "", &["screen_share_apps", "two_step_verification"], "held", 55, true),
    (6, -95, &["senior_citizens"], "", &["parcel_drugs_call", "cloned_voice"], "held", 50, false),
    (2, -70, &["senior_citizens"], "", &["no_digital_arrest", "golden_hour_1930"], "held", 85, true),
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
    (4, -25, &["students", "parents"], "Class 6–8", &["talk_to_children", "online_friends"], "held", 120, false),
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
    (5, 30, &["students"], "B.Com. first year", &["no_fee_for_a_job", "before_an_instant_loan"], "planned", 0, true),
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
        // Entered before the first programme, a little under a year ago.
        let entered = state.now_millis() - 340 * DAY;
        let id = crate::clock::at(entered, service::create_institution(state, by, &w))
            .await
            .map_err(|e| anyhow::anyhow!("demo institution: {e:?}"))?;
        ids.push(id);
    }
    let now = state.now_millis();
    for (n, &(institution, days, audience, classes, topics, status, attendance, quiz)) in PROGRAMMES.iter().enumerate()
    {
        let at = now + days * DAY;
        let day = &sahayak_domain::time::to_ist_local(sahayak_domain::time::from_millis(at))[..10];
        let starts_at = format!("{day}T{}", if n % 2 == 0 { "11:00" } else { "15:30" });
        let w = ProgrammeWrite {
            institution_id: ids[institution],
            starts_at,
            venue: if institution == 6 { "Club hall" } else { "Assembly hall" }.into(),
            audience: audience.iter().map(|a| (*a).to_owned()).collect(),
            classes: classes.into(),
            language: match institution {
                4 => "en",
                3 => "both",
                _ => "hi",
            }
            .into(),
            speakers: "Anita Sharma, SI Rakesh Meena".into(),
            topics: topics.iter().map(|t| (*t).to_owned()).collect(),
            materials: "Slides, 1930 posters, handouts".into(),
            status: status.into(),
            attendance: if status == "held" { attendance.to_string() } else { String::new() },
            use_quiz: quiz,
        };
        // A programme held is written up the day after; one planned was entered a week ago.
        let entered = if status == "held" { at + DAY } else { now - 7 * DAY };
        let id = crate::clock::at(entered, service::create_programme(state, by, &w))
            .await
            .map_err(|e| anyhow::anyhow!("demo programme: {e:?}"))?;
        if status != "held" {
            continue;
        }
        let p = state.store.programme(id).await?;
        // A handful of sheets (fewer for the older ones): at the start most miss a question or
        // two, at the end fewer do.
        let sheets = if days < -60 { 6 } else { 12 };
        for k in 0..sheets {
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
            let change =
                ["Will never share an OTP again", "मैं अनजान वीडियो कॉल नहीं उठाऊँगी", "Talk to my parents about 1930", ""]
                    [k % 4];
            let after = FeedbackWrite {
                stage: "after".into(),
                rating: (3 + k % 3).to_string(),
                change: change.into(),
                answers: answers(k % 4 / 3),
            };
            let before = FeedbackWrite { stage: "before".into(), answers: answers(1 + k % 3), ..Default::default() };
            crate::clock::at(at, async {
                if !p.quiz.is_empty() {
                    service::submit_feedback(state, &p, &before).await?;
                }
                service::submit_feedback(state, &p, &after).await
            })
            .await
            .map_err(|e| anyhow::anyhow!("demo sheet: {e:?}"))?;
        }
    }
    Ok(())
}
