//! Words of letters and digits: IFSC codes, crypto addresses and alphanumeric
//! transaction ids.

use super::IdKind;
use super::context::{Role, number_context, txn_far};
use super::crypto;
use super::scan::Scanner;

/// `SBIN0001234`: 4 letters, `0`, 6 letters or digits (any case).
pub(crate) fn ifsc(w: &str) -> Option<String> {
    let b = w.as_bytes();
    let ok = b.len() == 11
        && b[..4].iter().all(u8::is_ascii_alphabetic)
        && b[4] == b'0'
        && b[5..].iter().all(u8::is_ascii_alphanumeric);
    ok.then(|| w.to_ascii_uppercase())
}

/// A PAN (`ABCDE1234F`): not an identifier here, and never a transaction id.
fn is_pan(b: &[u8]) -> bool {
    b.len() == 10
        && b[..5].iter().all(u8::is_ascii_alphabetic)
        && b[5..9].iter().all(u8::is_ascii_digit)
        && b[9].is_ascii_alphabetic()
}

/// A transaction id as written in one word: 10–22 letters and digits with at least
/// one digit, not a PAN. Returns the upper-case form.
pub(crate) fn txn_word(w: &str) -> Option<String> {
    let b = w.as_bytes();
    let ok = (10..=22).contains(&b.len())
        && b.iter().all(u8::is_ascii_alphanumeric)
        && b.iter().any(u8::is_ascii_digit)
        && !is_pan(b);
    ok.then(|| w.to_ascii_uppercase())
}

/// Looks at the word `text[s..e]` (ASCII letters, digits, `_`; not all digits).
pub(crate) fn word(sc: &mut Scanner<'_>, s: usize, e: usize) {
    let w = &sc.text[s..e];
    if let Some(v) = ifsc(w) {
        sc.emit(IdKind::Ifsc, v, s, e);
        return;
    }
    if let Some(v) = crypto::address(w) {
        sc.emit(IdKind::Crypto, v, s, e);
        return;
    }
    if (10..=22).contains(&w.len())
        && w.bytes().any(|c| c.is_ascii_alphabetic())
        && let Some(v) = txn_word(w)
        && match number_context(sc.text, s) {
            Role::Txn | Role::TxnWeak => true,
            // "Transaction reference for the refund is TXN8A7B6C5D4E".
            Role::Default => txn_far(sc.text, s),
            _ => false,
        }
    {
        sc.emit(IdKind::TxnRef, v, s, e);
    }
}
