//! Links to social and messaging platforms: a profile link gives a `handle`
//! (`instagram:name`), a `wa.me` link a `phone`, any other link to a platform
//! (posts, videos, groups, invites) only its `url` — never a `domain`, since
//! "instagram.com" says nothing about the suspect.

use super::phone;
use super::url::Link;

pub(crate) enum Social {
    Handle(String),
    Phone(String),
    /// A platform link that names no account.
    Platform,
    /// Not a platform: the link's host is a `domain`.
    Other,
}

/// The platform of a host (already lower case, `www.`/`m.`/… removed).
fn platform(host: &str) -> Option<&'static str> {
    Some(match host {
        "facebook.com" | "fb.com" | "fb.me" | "fb.watch" | "messenger.com" | "m.me" => "facebook",
        "instagram.com" | "instagr.am" | "ig.me" => "instagram",
        "youtube.com" | "youtu.be" | "youtube-nocookie.com" => "youtube",
        "t.me" | "telegram.me" | "telegram.dog" | "telegram.org" | "telesco.pe" => "telegram",
        "x.com" | "twitter.com" | "t.co" => "x",
        "linkedin.com" | "lnkd.in" => "linkedin",
        "snapchat.com" => "snapchat",
        "tiktok.com" => "tiktok",
        "threads.net" | "threads.com" => "threads",
        "wa.me" | "whatsapp.com" | "whatsapp.net" => "whatsapp",
        "discord.gg" | "discord.com" | "discordapp.com" => "discord",
        _ => return None,
    })
}

/// First path segments that are site pages, not accounts.
fn reserved(platform: &str, seg: &str) -> bool {
    let list: &[&str] = match platform {
        "facebook" => &[
            "groups",
            "pages",
            "events",
            "watch",
            "marketplace",
            "share",
            "sharer",
            "sharer.php",
            "story.php",
            "photo",
            "photo.php",
            "photos",
            "permalink.php",
            "login",
            "login.php",
            "help",
            "people",
            "hashtag",
            "reel",
            "reels",
            "videos",
            "video.php",
            "gaming",
            "messages",
            "notifications",
            "settings",
            "policies",
            "privacy",
            "ads",
            "business",
            "l.php",
            "dialog",
            "plugins",
            "home.php",
            "friends",
            "bookmarks",
            "stories",
            "search",
            "saved",
            "fundraisers",
            "legal",
            "about",
            "recover",
            "checkpoint",
            "r.php",
            "media",
            "watchparty",
            "live",
            "notes",
            "careers",
            "terms",
            "profile",
            "public",
            "hashtags",
            "donate",
            "lite",
            "mobile",
            "t",
        ],
        "instagram" => &[
            "p",
            "reel",
            "reels",
            "tv",
            "stories",
            "explore",
            "accounts",
            "direct",
            "about",
            "developer",
            "legal",
            "web",
            "challenge",
            "emails",
            "ar",
            "s",
            "tags",
            "session",
        ],
        "telegram" => &[
            "joinchat",
            "addstickers",
            "addemoji",
            "share",
            "proxy",
            "socks",
            "iv",
            "setlanguage",
            "login",
            "addlist",
            "boost",
            "c",
            "addtheme",
            "confirmphone",
            "contact",
            "invoice",
            "giftcode",
            "bg",
            "k",
            "z",
            "a",
        ],
        "x" => &[
            "home",
            "search",
            "explore",
            "i",
            "intent",
            "share",
            "hashtag",
            "settings",
            "login",
            "logout",
            "signup",
            "messages",
            "notifications",
            "tos",
            "privacy",
            "compose",
            "about",
            "download",
            "jobs",
            "account",
            "status",
            "statuses",
            "who_to_follow",
        ],
        _ => &[],
    };
    list.iter().any(|r| r.eq_ignore_ascii_case(seg))
}

/// A plausible account name: letters, digits, `.`, `_`, `-`; not only dots.
fn name_ok(name: &str, max: usize) -> bool {
    (1..=max).contains(&name.len())
        && name.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'))
        && name.bytes().any(|c| c.is_ascii_alphanumeric())
}

fn handle(platform: &str, name: &str, max: usize) -> Social {
    let name = name.trim_end_matches('.');
    if name_ok(name, max) {
        Social::Handle(format!("{platform}:{}", name.to_ascii_lowercase()))
    } else {
        Social::Platform
    }
}

/// The value of query parameter `key` in `path` (`?phone=…&…`).
fn query_param<'p>(path: &'p str, key: &str) -> Option<&'p str> {
    let query = path.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or("");
    query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == key).then_some(v)
    })
}

/// A phone number from a WhatsApp link: international digits without `+`.
fn wa_phone(raw: &str) -> Option<String> {
    let raw = raw.strip_prefix("%2B").or_else(|| raw.strip_prefix('+')).unwrap_or(raw);
    let digits: String = raw.chars().filter(|c| !matches!(c, '-' | ' ' | '%')).collect();
    if !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    // wa.me wants the country code; a bare Indian mobile is still clearly one.
    if phone::is_indian_mobile(digits.as_bytes()) {
        return phone::from_digits(digits.as_bytes(), false);
    }
    phone::from_digits(digits.as_bytes(), true)
}

pub(crate) fn classify(link: &Link) -> Social {
    let mut host = link.host_value.as_str();
    for sub in ["www.", "m.", "mobile.", "web.", "api.", "chat.", "business.", "l.", "lm."] {
        if let Some(rest) = host.strip_prefix(sub) {
            host = rest;
        }
    }
    let Some(platform) = platform(host) else {
        return Social::Other;
    };
    let path = link.path();
    let route = path.split(['?', '#']).next().unwrap_or("");
    let mut segs = route.split('/').filter(|s| !s.is_empty());
    let first = segs.next().unwrap_or("");
    let second = segs.next().unwrap_or("");
    match platform {
        "whatsapp" => {
            if host == "wa.me" && !first.is_empty() {
                return wa_phone(first).map_or(Social::Platform, Social::Phone);
            }
            if route.trim_end_matches('/').ends_with("send")
                && let Some(p) = query_param(path, "phone").and_then(wa_phone)
            {
                return Social::Phone(p);
            }
            Social::Platform
        }
        "facebook" => {
            if host == "fb.watch" || first.is_empty() || reserved(platform, first) {
                return Social::Platform;
            }
            if first == "profile.php" {
                return match query_param(path, "id") {
                    Some(id) if id.bytes().all(|c| c.is_ascii_digit()) && !id.is_empty() => {
                        Social::Handle(format!("facebook:{id}"))
                    }
                    _ => Social::Platform,
                };
            }
            handle(platform, first, 50)
        }
        "instagram" | "x" if !first.is_empty() && !reserved(platform, first) => {
            let first = first.strip_prefix('@').unwrap_or(first);
            handle(platform, first, if platform == "x" { 15 } else { 30 })
        }
        "telegram" if host != "telegram.org" && !first.is_empty() => {
            if first.starts_with('+') || reserved(platform, first) {
                return Social::Platform;
            }
            let name = if first == "s" { second } else { first };
            handle(platform, name, 32)
        }
        "youtube" if host != "youtu.be" => match first.strip_prefix('@') {
            Some(name) => handle(platform, name, 100),
            None if matches!(first, "c" | "user") => handle(platform, second, 100),
            None => Social::Platform,
        },
        "linkedin" if first == "in" => handle(platform, second, 100),
        "snapchat" if first == "add" => handle(platform, second, 15),
        "tiktok" | "threads" => match first.strip_prefix('@') {
            Some(name) => handle(platform, name, 30),
            None => Social::Platform,
        },
        _ => Social::Platform,
    }
}
