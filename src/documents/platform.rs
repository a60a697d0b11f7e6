//! "Where did the incident occur?" on the portal complaint: the app, website or platform where
//! the victim met the fraud (WhatsApp, OLX, a website), never how the money was paid. Taken
//! from what the case already holds — the platforms of confirmed handles, the websites of
//! confirmed links, and platforms the victim's account names — for the worker to check.

use sahayak_domain::identifiers::IdKind;

use crate::store::CaseIdentifier;

/// A platform as the portal's form names it, and the words (lower case; English, Hinglish,
/// Hindi) by which a victim's account names it.
const PLATFORMS: &[(&str, &[&str])] = &[
    ("WhatsApp", &["whatsapp", "whatsap", "watsapp", "व्हाट्सएप", "व्हाट्सऐप", "वॉट्सऐप"]),
    ("Telegram", &["telegram", "टेलीग्राम", "टेलिग्राम"]),
    ("Instagram", &["instagram", "insta", "इंस्टाग्राम", "इंस्टा"]),
    ("Facebook", &["facebook", "fb", "फेसबुक"]),
    ("YouTube", &["youtube", "यूट्यूब"]),
    ("X (Twitter)", &["twitter", "ट्विटर"]),
    ("LinkedIn", &["linkedin"]),
    ("Snapchat", &["snapchat", "स्नैपचैट"]),
    ("ShareChat", &["sharechat", "शेयरचैट"]),
    ("Signal", &["signal"]),
    ("Skype", &["skype", "स्काइप"]),
    ("OLX", &["olx", "ओएलएक्स"]),
    ("Quikr", &["quikr"]),
    ("Tinder", &["tinder"]),
];

/// The handle kinds' platform codes (`instagram:name`) and how the form names them.
fn handle_platform(code: &str) -> Option<&'static str> {
    Some(match code {
        "instagram" => "Instagram",
        "facebook" => "Facebook",
        "youtube" => "YouTube",
        "telegram" => "Telegram",
        "x" => "X (Twitter)",
        "linkedin" => "LinkedIn",
        "snapchat" => "Snapchat",
        "tiktok" => "TikTok",
        "threads" => "Threads",
        _ => return None,
    })
}

/// The platforms and websites the case shows, in the order first seen, joined for printing;
/// `None` when there is nothing to go on (the paper then prints a line to fill in).
pub fn where_it_happened(narrative: &str, identifiers: &[CaseIdentifier]) -> Option<String> {
    let mut found: Vec<String> = Vec::new();
    let mut add = |name: String| {
        if !found.contains(&name) {
            found.push(name);
        }
    };
    for i in identifiers {
        let value = &i.identifier.value;
        match i.identifier.kind {
            IdKind::Handle => {
                if let Some(p) = value.split_once(':').and_then(|(p, _)| handle_platform(p)) {
                    add(p.to_owned());
                }
            }
            IdKind::Domain => add(value.clone()),
            _ => {}
        }
    }
    let words = sahayak_domain::search::terms(narrative);
    for (name, names) in PLATFORMS {
        if words.iter().any(|w| names.contains(&w.as_str())) {
            add((*name).to_owned());
        }
    }
    (!found.is_empty()).then(|| found.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platforms_come_from_the_account_not_from_the_payment() {
        let got = where_it_happened("OLX pe sofa becha, buyer ne WhatsApp pe QR bheja aur UPI se paise kat gaye", &[]);
        assert_eq!(got.as_deref(), Some("WhatsApp, OLX"));
        assert_eq!(where_it_happened("मुझे व्हाट्सएप पर मैसेज आया", &[]).as_deref(), Some("WhatsApp"));
        assert_eq!(where_it_happened("Paid by UPI and card", &[]), None, "a payment channel is not a platform");
        // "fb" inside another word is not Facebook.
        assert_eq!(where_it_happened("ref fbx123", &[]), None);
    }
}
