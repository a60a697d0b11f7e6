//! Digital evidence as a court asks for it (Bharatiya Sakshya Adhiniyam s.63 and its Schedule):
//! the SHA-256 of the record, the device it came from, how it was captured, and a chain of
//! custody whose entries are hash-linked, so that an edited, removed, inserted or reordered
//! entry shows.

use std::fmt;
use std::str::FromStr;

use sha2::{Digest, Sha256};

use crate::case::code_enum;

/// A SHA-256 digest as 64 lowercase hex digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sha256Hex(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a SHA-256 in hex")]
pub struct NotSha256;

impl Sha256Hex {
    pub fn of_digest(digest: &[u8]) -> Sha256Hex {
        Sha256Hex(hex_lower(digest))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first 12 digits, enough to tell items apart on screen.
    pub fn short(&self) -> &str {
        &self.0[..12]
    }
}

impl FromStr for Sha256Hex {
    type Err = NotSha256;
    fn from_str(s: &str) -> Result<Self, NotSha256> {
        if s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()) {
            Ok(Sha256Hex(s.to_ascii_lowercase()))
        } else {
            Err(NotSha256)
        }
    }
}

impl fmt::Display for Sha256Hex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn hex_lower(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

code_enum!(
    /// The Schedule's "device/digital record source" checklist.
    DeviceType, "evidence-device" {
        Mobile => "mobile",
        ComputerStorage => "computer_storage",
        Dvr => "dvr",
        FlashDrive => "flash_drive",
        CdDvd => "cd_dvd",
        Server => "server",
        Cloud => "cloud",
        Other => "other",
    }
);

code_enum!(
    /// How the record was taken from the device.
    CaptureMethod, "evidence-method" {
        Screenshot => "screenshot",
        ScreenRecording => "screen_recording",
        AppExport => "app_export",
        Download => "download",
        EmailSaved => "email_saved",
        CallRecording => "call_recording",
        Photo => "photo",
        DeviceCopy => "device_copy",
        Other => "other",
    }
);

code_enum!(
    /// What was done to an item: every one is a custody entry.
    CustodyAction, "evidence-action" {
        Received => "received",
        Derived => "derived",
        Viewed => "viewed",
        Downloaded => "downloaded",
        Exported => "exported",
        Copied => "copied",
        HandedToPolice => "handed_to_police",
        // The file was deleted when the case's retention period ended; the record stays.
        Erased => "erased",
    }
);

impl CustodyAction {
    /// Actions a person records by hand (the others are recorded by the system as they happen).
    pub const MANUAL: &'static [CustodyAction] = &[CustodyAction::HandedToPolice, CustodyAction::Copied];
}

/// The `prev_hash` of an item's first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A canonical, length-prefixed encoding: no two different field lists encode alike (a field
/// cannot borrow bytes from its neighbour, and "absent" differs from "empty").
struct Canon(Sha256);

impl Canon {
    fn new(domain: &str) -> Canon {
        let mut c = Canon(Sha256::new());
        c.text(Some(domain));
        c
    }

    fn text(&mut self, v: Option<&str>) -> &mut Self {
        match v {
            None => self.0.update(u64::MAX.to_be_bytes()),
            Some(s) => {
                self.0.update((s.len() as u64).to_be_bytes());
                self.0.update(s.as_bytes());
            }
        }
        self
    }

    fn int(&mut self, v: Option<i64>) -> &mut Self {
        self.text(v.map(|v| v.to_string()).as_deref())
    }

    fn finish(self) -> String {
        hex_lower(&self.0.finalize())
    }
}

/// The facts of an evidence item that its first custody entry vouches for: changing any of them
/// afterwards (pointing the item at other bytes, rewriting the device) breaks the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemFacts<'a> {
    pub case_id: i64,
    pub sha256: &'a str,
    pub size_bytes: i64,
    pub original_name: &'a str,
    pub description: Option<&'a str>,
    pub capture_method: Option<&'a str>,
    pub device_type: Option<&'a str>,
    pub device_make_model: Option<&'a str>,
    pub device_id: Option<&'a str>,
    pub captured_by: Option<&'a str>,
    pub captured_at: Option<i64>,
    pub captured_where: Option<&'a str>,
    pub derived_from: Option<i64>,
    pub victim_supplied: bool,
    pub created_by: i64,
    pub created_at: i64,
}

impl ItemFacts<'_> {
    pub fn fingerprint(&self) -> String {
        let mut c = Canon::new("sahayak-evidence-item/1");
        c.int(Some(self.case_id))
            .text(Some(self.sha256))
            .int(Some(self.size_bytes))
            .text(Some(self.original_name))
            .text(self.description)
            .text(self.capture_method)
            .text(self.device_type)
            .text(self.device_make_model)
            .text(self.device_id)
            .text(self.captured_by)
            .int(self.captured_at)
            .text(self.captured_where)
            .int(self.derived_from)
            .int(Some(i64::from(self.victim_supplied)))
            .int(Some(self.created_by))
            .int(Some(self.created_at));
        c.finish()
    }
}

/// One custody entry as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub item_id: i64,
    pub seq: i64,
    pub at: i64,
    pub actor_id: i64,
    pub actor_name: String,
    pub action: String,
    pub reason: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// An entry before its hash is known.
#[derive(Debug, Clone, Copy)]
pub struct EntryFields<'a> {
    pub item_id: i64,
    pub seq: i64,
    pub at: i64,
    pub actor_id: i64,
    pub actor_name: &'a str,
    pub action: &'a str,
    pub reason: Option<&'a str>,
    pub prev_hash: &'a str,
}

impl EntryFields<'_> {
    /// SHA-256 over the entry's fields and the previous entry's hash; the first entry also
    /// covers the item's facts (its fingerprint).
    pub fn hash(&self, item_fingerprint: &str) -> String {
        let mut c = Canon::new("sahayak-custody/1");
        c.int(Some(self.item_id))
            .int(Some(self.seq))
            .int(Some(self.at))
            .int(Some(self.actor_id))
            .text(Some(self.actor_name))
            .text(Some(self.action))
            .text(self.reason)
            .text((self.seq == 1).then_some(item_fingerprint))
            .text(Some(self.prev_hash));
        c.finish()
    }
}

impl Entry {
    pub fn fields(&self) -> EntryFields<'_> {
        EntryFields {
            item_id: self.item_id,
            seq: self.seq,
            at: self.at,
            actor_id: self.actor_id,
            actor_name: &self.actor_name,
            action: &self.action,
            reason: self.reason.as_deref(),
            prev_hash: &self.prev_hash,
        }
    }
}

/// Something wrong with an item's chain of custody.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainProblem {
    /// The entry's fields no longer give its hash: it was edited (for entry 1, the item's
    /// recorded facts may have been changed instead).
    Edited { seq: i64 },
    /// Entries `from..=to` are missing from the middle of the chain.
    Missing { from: i64, to: i64 },
    /// The entry does not follow the one before it: an entry was inserted, replaced or moved.
    BrokenLink { seq: i64 },
    /// The chain ends elsewhere than the item says it does: entries were removed from (or
    /// added to) its end.
    WrongEnd { recorded_seq: i64, found_seq: i64 },
}

/// Checks an item's chain (`entries` in `seq` order) against the item's facts and the end of
/// the chain recorded on the item.
pub fn verify_chain(entries: &[Entry], fingerprint: &str, head_seq: i64, head_hash: &str) -> Vec<ChainProblem> {
    let mut problems = Vec::new();
    let mut expected = 1;
    let mut prev = GENESIS;
    for e in entries {
        if e.fields().hash(fingerprint) != e.hash {
            problems.push(ChainProblem::Edited { seq: e.seq });
        }
        if e.seq > expected {
            problems.push(ChainProblem::Missing { from: expected, to: e.seq - 1 });
        } else if e.prev_hash != prev {
            problems.push(ChainProblem::BrokenLink { seq: e.seq });
        }
        prev = &e.hash;
        expected = e.seq + 1;
    }
    let found_seq = expected - 1;
    if found_seq != head_seq || (found_seq > 0 && prev != head_hash) {
        problems.push(ChainProblem::WrongEnd { recorded_seq: head_seq, found_seq });
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> ItemFacts<'static> {
        ItemFacts {
            case_id: 7,
            sha256: "ab",
            size_bytes: 10,
            original_name: "chat.txt",
            description: Some("WhatsApp chat"),
            capture_method: Some("app_export"),
            device_type: Some("mobile"),
            device_make_model: Some("Redmi Note 12"),
            device_id: Some("356938035643809"),
            captured_by: Some("Victim"),
            captured_at: Some(1),
            captured_where: Some("Jaipur"),
            derived_from: None,
            victim_supplied: true,
            created_by: 3,
            created_at: 2,
        }
    }

    fn chain(n: i64) -> (String, Vec<Entry>) {
        let fp = facts().fingerprint();
        let mut out: Vec<Entry> = Vec::new();
        for seq in 1..=n {
            let prev = out.last().map_or(GENESIS.to_owned(), |e| e.hash.clone());
            let action = if seq == 1 { "received" } else { "viewed" };
            let f = EntryFields {
                item_id: 1,
                seq,
                at: 100 + seq,
                actor_id: 3,
                actor_name: "Pooja",
                action,
                reason: None,
                prev_hash: &prev,
            };
            let hash = f.hash(&fp);
            out.push(Entry {
                item_id: 1,
                seq,
                at: f.at,
                actor_id: 3,
                actor_name: "Pooja".into(),
                action: action.into(),
                reason: None,
                prev_hash: prev,
                hash,
            });
        }
        (fp, out)
    }

    #[test]
    fn an_intact_chain_verifies() {
        let (fp, c) = chain(4);
        assert_eq!(verify_chain(&c, &fp, 4, &c[3].hash), []);
    }

    #[test]
    fn edits_removals_insertions_and_reordering_show() {
        let (fp, c) = chain(4);
        let head = c[3].hash.clone();

        let mut edited = c.clone();
        edited[2].reason = Some("nothing happened".into());
        assert_eq!(verify_chain(&edited, &fp, 4, &head), [ChainProblem::Edited { seq: 3 }]);

        let mut middle_gone = c.clone();
        middle_gone.remove(1);
        assert_eq!(verify_chain(&middle_gone, &fp, 4, &head), [ChainProblem::Missing { from: 2, to: 2 }]);

        let tail_gone = &c[..3];
        assert_eq!(verify_chain(tail_gone, &fp, 4, &head), [ChainProblem::WrongEnd { recorded_seq: 4, found_seq: 3 }]);

        // Two entries swap places, each keeping its own hash: the links break.
        let mut swapped = c.clone();
        swapped.swap(1, 2);
        swapped[1].seq = 2;
        swapped[2].seq = 3;
        let problems = verify_chain(&swapped, &fp, 4, &head);
        assert!(problems.contains(&ChainProblem::BrokenLink { seq: 2 }), "{problems:?}");

        // The item's facts changed after the fact: entry 1 no longer vouches for them.
        let other = ItemFacts { sha256: "cd", ..facts() }.fingerprint();
        assert_eq!(verify_chain(&c, &other, 4, &head), [ChainProblem::Edited { seq: 1 }]);

        assert_eq!(verify_chain(&[], &fp, 2, &head), [ChainProblem::WrongEnd { recorded_seq: 2, found_seq: 0 }]);
    }

    #[test]
    fn encoding_is_unambiguous() {
        let base = EntryFields {
            item_id: 1,
            seq: 2,
            at: 3,
            actor_id: 4,
            actor_name: "ab",
            action: "c",
            reason: None,
            prev_hash: GENESIS,
        };
        let shifted = EntryFields { actor_name: "a", action: "bc", ..base };
        assert_ne!(base.hash(""), shifted.hash(""));
        assert_ne!(base.hash(""), EntryFields { reason: Some(""), ..base }.hash(""));
    }

    #[test]
    fn hashes_parse_in_any_case_and_print_lowercase() {
        let h: Sha256Hex = "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855".parse().unwrap();
        assert_eq!(h.short(), "e3b0c44298fc");
        assert!("e3b0".parse::<Sha256Hex>().is_err());
        assert_eq!(Sha256Hex::of_digest(&Sha256::digest(b"")).as_str(), h.as_str());
    }
}
