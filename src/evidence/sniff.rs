//! The type of a file, told from its first bytes. A file's name says what the sender wants it to
//! look like (a "bank statement.pdf" can be an Android app); its bytes say what it is.

/// The MIME type of a file starting with `head` (its first few KiB).
pub fn sniff(head: &[u8]) -> &'static str {
    // Call recordings from many phones; `infer` would read the `#!` as a shell script.
    if head.starts_with(b"#!AMR") {
        return "audio/amr";
    }
    if let Some(t) = infer::get(head) {
        return t.mime_type();
    }
    if looks_like_email(head) {
        return "message/rfc822";
    }
    if looks_like_text(head) {
        return "text/plain";
    }
    "application/octet-stream"
}

/// RFC 5322 headers at the very start, among them `From:` and one that every delivered or saved
/// message has.
fn looks_like_email(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    let mut names = Vec::new();
    for line in text.lines().take(60) {
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            continue; // a folded header's continuation
        }
        let Some((name, _)) = line.split_once(':') else { return false };
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return false;
        }
        names.push(name.to_ascii_lowercase());
    }
    let has = |n: &str| names.iter().any(|x| x == n);
    has("from") && ["date", "received", "message-id", "return-path", "delivered-to"].iter().any(|n| has(n))
}

/// UTF-8 (a character cut at the end of `head` is fine) without control bytes other than
/// whitespace: chat exports, SMS dumps, CSV statements.
fn looks_like_text(head: &[u8]) -> bool {
    if head.is_empty() {
        return false;
    }
    let valid = match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && head.len() - e.valid_up_to() < 4,
    };
    valid && !head.iter().any(|&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
}

/// Types a browser may show inline. Everything else is only downloaded.
pub fn viewable(mime: &str) -> bool {
    matches!(
        mime,
        "image/png"
            | "image/jpeg"
            | "image/gif"
            | "image/webp"
            | "application/pdf"
            | "video/mp4"
            | "video/webm"
            | "audio/mpeg"
            | "audio/ogg"
            | "audio/x-wav"
            | "audio/mp4"
            | "audio/aac"
            | "text/plain"
    )
}

/// Every kind [`kind`] returns (each has an `evidence-kind-...` label).
pub const KINDS: &[&str] = &["image", "video", "audio", "pdf", "email", "text", "archive", "other"];

/// The broad kind of a type, for labels: one of [`KINDS`].
pub fn kind(mime: &str) -> &'static str {
    match mime {
        m if m.starts_with("image/") => "image",
        m if m.starts_with("video/") => "video",
        m if m.starts_with("audio/") => "audio",
        "application/pdf" => "pdf",
        "message/rfc822" => "email",
        m if m.starts_with("text/") => "text",
        "application/zip" | "application/x-rar-compressed" | "application/x-7z-compressed" | "application/gzip" => {
            "archive"
        }
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_the_bytes() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), "image/png");
        assert_eq!(sniff(b"\xff\xd8\xff\xe0\0\x10JFIF\0"), "image/jpeg");
        assert_eq!(sniff(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), "application/pdf");
        assert_eq!(sniff(b"PK\x03\x04\x14\0\0\0\x08\0"), "application/zip");
        assert_eq!(sniff(b"#!AMR\n\x3c"), "audio/amr");
        let eml = b"Return-Path: <kyc@sbi-update.example>\r\nReceived: from mx\r\n\tby x\r\nFrom: SBI <kyc@sbi-update.example>\r\nSubject: KYC\r\n\r\nDear customer";
        assert_eq!(sniff(eml), "message/rfc822");
        assert_eq!(sniff("12/03/26, 10:45 - +91 98290 12345: आपका KYC बंद हो जाएगा\n".as_bytes()), "text/plain");
        // Cut in the middle of a Devanagari letter: still text.
        let hi = "ठगी".as_bytes();
        assert_eq!(sniff(&hi[..hi.len() - 1]), "text/plain");
        assert_eq!(sniff(b"MZ\x90\0\x03\0\0\0"), "application/vnd.microsoft.portable-executable");
        assert_eq!(sniff(b"\0\x01\x02binary"), "application/octet-stream");
        assert_eq!(sniff(b""), "application/octet-stream");
    }

    #[test]
    fn only_safe_types_show_inline() {
        assert!(viewable("image/jpeg"));
        assert!(!viewable("message/rfc822"));
        assert!(!viewable("text/html"));
        assert_eq!(kind("message/rfc822"), "email");
    }
}
