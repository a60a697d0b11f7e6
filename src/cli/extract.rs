//! `sahayak extract`: the suspect identifiers in a text on standard input.

use std::io::{self, BufWriter, Read, Write};

use sahayak_domain::identifiers::{self, REACH};

/// With `--jsonl` the text is read in blocks of at least this many bytes, cut at a
/// blank line.
const BLOCK: usize = 4 << 20;

/// Prints the identifiers in standard input: one JSON array once all of it is read, or
/// with `jsonl` one JSON object a line, block by block.
pub fn run(jsonl: bool) -> anyhow::Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    if jsonl {
        stream(io::stdin().lock(), &mut out, BLOCK)?;
    } else {
        let mut text = String::new();
        io::stdin()
            .lock()
            .read_to_string(&mut text)
            .map_err(|e| anyhow::anyhow!("standard input is not UTF-8 text: {e}"))?;
        serde_json::to_writer_pretty(&mut out, &identifiers::extract(&text))?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// Reads `input` in blocks of at least `block` bytes cut at blank lines, and writes each
/// identifier to `out` as one line of JSON as soon as its block is read, with byte
/// offsets in the whole input. Each block is read with `REACH` bytes of text on either
/// side, so what comes out is exactly what `extract` finds in the whole text, in memory
/// bounded by the block size when the text has blank lines. Returns how many were found.
pub(crate) fn stream(mut input: impl Read, out: &mut impl Write, block: usize) -> anyhow::Result<usize> {
    // `buf` holds the input from byte `base` on: text already read before the block
    // (up to REACH bytes), the block from `from`, and what has been read after it.
    let mut buf: Vec<u8> = Vec::new();
    let (mut base, mut from, mut found) = (0usize, 0usize, 0usize);
    let mut want = block + REACH;
    // Where to look for the next blank line: text before it has none after `from`.
    let mut search = 0;
    let mut eof = false;
    loop {
        while !eof && buf.len() < want {
            let len = buf.len();
            buf.resize(want, 0);
            let n = loop {
                match input.read(&mut buf[len..]) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    r => break r,
                }
            };
            buf.truncate(len + n.as_ref().map_or(0, |n| *n));
            eof = n? == 0;
        }
        let cut = if eof {
            buf.len()
        } else {
            // The last blank line that leaves REACH bytes after it; none yet: read on.
            let limit = buf.len() - REACH;
            match last_blank_line(&buf[search..limit]) {
                Some(c) if search + c > from => search + c,
                _ => {
                    search = limit.saturating_sub(2).max(from);
                    want += block;
                    continue;
                }
            }
        };
        let hi = if eof { buf.len() } else { floor_char(&buf, cut + REACH) };
        let text = std::str::from_utf8(&buf[..hi])
            .map_err(|e| anyhow::anyhow!("standard input is not UTF-8 text (byte {})", base + e.valid_up_to()))?;
        for mut f in identifiers::extract(text) {
            if (from..cut).contains(&f.start) {
                f.start += base;
                f.end += base;
                serde_json::to_writer(&mut *out, &f)?;
                out.write_all(b"\n")?;
                found += 1;
            }
        }
        if eof {
            return Ok(found);
        }
        let keep = ceil_char(&buf, cut - REACH.min(cut));
        buf.drain(..keep);
        base += keep;
        from = cut - keep;
        search = from;
        want = from + block + REACH;
    }
}

/// The offset just past the last blank line (`\n\n` or `\n\r\n`) in `b`.
fn last_blank_line(b: &[u8]) -> Option<usize> {
    let i = b.iter().rposition(|&c| c == b'\n')?;
    (1..=i).rev().find_map(|j| match (b[j - 1], b[j]) {
        (b'\n', b'\n') => Some(j + 1),
        (b'\n', b'\r') if b.get(j + 1) == Some(&b'\n') => Some(j + 2),
        _ => None,
    })
}

fn is_continuation(c: u8) -> bool {
    c & 0xC0 == 0x80
}

/// `i`, or the start of the UTF-8 char it is inside.
fn floor_char(b: &[u8], mut i: usize) -> usize {
    while i > 0 && i < b.len() && is_continuation(b[i]) {
        i -= 1;
    }
    i
}

/// `i`, or the start of the UTF-8 char after the one it is inside.
fn ceil_char(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && is_continuation(b[i]) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &[u8], block: usize) -> Vec<String> {
        let mut out = Vec::new();
        let n = stream(text, &mut out, block).unwrap();
        let lines: Vec<String> = String::from_utf8(out).unwrap().lines().map(str::to_owned).collect();
        assert_eq!(lines.len(), n);
        lines
    }

    fn whole(text: &str) -> Vec<String> {
        identifiers::extract(text).iter().map(|f| serde_json::to_string(f).unwrap()).collect()
    }

    /// Messages far apart, some of whose identifiers depend on text in other blocks.
    fn long_text() -> String {
        let pad = "lorem ipsum dolor ".repeat(150);
        let parts = [
            "UTR:\n\n412345678901",
            "PIN 302001\n98290 12345 se call aaya",
            "Mail from jobs@abc-careers.in",
            "Visit Abc-Careers.In/apply",
            "call +91 98765\r\n43210 now",
            "फोन ९८२९०\n१२३४५ पर करें, UPI 9876543210@ybl",
            "Send the screenshot to @Priya_Helpdesk on Telegram",
        ];
        let mut text = String::new();
        for (i, p) in parts.iter().cycle().take(60).enumerate() {
            text.push_str(p);
            text.push_str(if i % 3 == 0 { "\n\n" } else { "\n\r\n" });
            text.push_str(&pad[..(i * 397) % pad.len()]);
            text.push_str("\n\n");
        }
        text
    }

    #[test]
    fn blocks_give_what_the_whole_text_gives() {
        let text = long_text();
        let want = whole(&text);
        assert!(want.len() > 50, "{}", want.len());
        for block in [1, 100, 5000, 1 << 20] {
            assert_eq!(lines(text.as_bytes(), block), want, "block {block}");
        }
    }

    #[test]
    fn a_text_without_blank_lines_is_read_whole() {
        let text = "call 9876543210 ".repeat(2000);
        assert_eq!(lines(text.as_bytes(), 10), whole(&text));
        assert_eq!(lines(b"", 10), Vec::<String>::new());
    }

    #[test]
    fn bad_utf8_names_its_byte() {
        let mut text = long_text().into_bytes();
        let at = text.len() / 2;
        text[at] = 0xFF;
        let err = stream(&text[..], &mut Vec::new(), 100).unwrap_err();
        assert!(err.to_string().contains(&format!("byte {at}")), "{err}");
    }

    #[test]
    fn blank_lines() {
        assert_eq!(last_blank_line(b"a\n\nb\r\n\r\nc"), Some(8));
        assert_eq!(last_blank_line(b"a\n\nb"), Some(3));
        assert_eq!(last_blank_line(b"a\nb\n"), None);
    }
}
