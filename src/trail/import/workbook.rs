//! An XLSX workbook read from untrusted bytes under fixed limits.
//!
//! A spreadsheet is a ZIP of XML files, and both layers can lie: an entry of a few kilobytes can
//! inflate to gigabytes, a shared-strings table can announce a billion strings (the reader
//! reserves room for them at once), and a sheet with cells only at A1 and XFD1048576 makes a
//! dense range of 17 billion cells. So before the workbook reader sees the file, every entry is
//! inflated once into a counter that stops at the limit, and the announced string count is
//! checked; the cells are then read one at a time as a stream, each position checked before it
//! is kept, and never gathered into a dense range.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, Xlsx, XlsxError};

use super::{Cell, ImportError, Sheet, text_cell};

/// What a trail workbook may hold. The portal's money-trail workbook has a dozen sheets of a
/// few hundred rows and under thirty columns; these leave a wide margin.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Entries in the ZIP (sheets, styles, relationships, ...).
    pub entries: usize,
    /// Bytes any one entry may inflate to.
    pub entry_bytes: u64,
    /// Bytes all entries together may inflate to.
    pub total_bytes: u64,
    pub sheets: usize,
    /// Strings the shared-strings table may announce.
    pub strings: u64,
    /// Rows of a sheet (counted as in the file, from row 1) and columns (from A).
    pub rows: u32,
    pub cols: u32,
    /// Cells in all sheets, empty ones included.
    pub cells: usize,
}

pub const LIMITS: Limits = Limits {
    entries: 200,
    entry_bytes: 40 << 20,
    total_bytes: 80 << 20,
    sheets: 32,
    strings: 500_000,
    rows: super::MAX_ROWS as u32 + 1_000,
    cols: super::MAX_COLS as u32,
    cells: 400_000,
};

/// Reads every worksheet of an XLSX file, or says which limit it breaks.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Vec<Sheet>, ImportError> {
    check_zip(bytes, limits)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|_| ImportError::Unreadable)?;
    let names = book.sheet_names();
    if names.len() > limits.sheets {
        return Err(ImportError::TooComplex);
    }
    let mut cells_seen = 0usize;
    let mut sheets = Vec::new();
    for name in names {
        let mut reader = match book.worksheet_cells_reader(&name) {
            Ok(r) => r,
            // A chart sheet has no cells.
            Err(XlsxError::NotAWorksheet(_)) => continue,
            Err(_) => return Err(ImportError::Unreadable),
        };
        let mut rows: BTreeMap<u32, Vec<(u32, Cell)>> = BTreeMap::new();
        while let Some(cell) = reader.next_cell().map_err(|_| ImportError::Unreadable)? {
            cells_seen += 1;
            if cells_seen > limits.cells {
                return Err(ImportError::TooComplex);
            }
            let value = convert(cell.get_value());
            if value == Cell::Empty {
                continue;
            }
            let (row, col) = cell.get_position();
            if row >= limits.rows {
                return Err(ImportError::TooManyRows);
            }
            if col >= limits.cols {
                return Err(ImportError::TooManyColumns);
            }
            rows.entry(row).or_default().push((col, value));
        }
        sheets.push(Sheet { name: super::clean(&name), rows: dense(rows) });
    }
    Ok(sheets)
}

/// Rows as the parser wants them: indexed from row 1 of the file, each as wide as its last
/// cell. Bounded by the limits: at most `rows` × `cols` cells.
fn dense(sparse: BTreeMap<u32, Vec<(u32, Cell)>>) -> Vec<Vec<Cell>> {
    let height = sparse.keys().next_back().map_or(0, |r| *r as usize + 1);
    let mut rows = vec![Vec::new(); height];
    for (r, cells) in sparse {
        let width = cells.iter().map(|(c, _)| *c as usize + 1).max().unwrap_or(0);
        let mut row = vec![Cell::Empty; width];
        for (c, value) in cells {
            row[c as usize] = value;
        }
        rows[r as usize] = row;
    }
    rows
}

fn convert(value: &DataRef<'_>) -> Cell {
    match value {
        DataRef::String(s) | DataRef::DateTimeIso(s) => text_cell(s),
        DataRef::SharedString(s) => text_cell(s),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::DateTime(d) => d.as_datetime().map(Cell::DateTime).unwrap_or(Cell::Empty),
        DataRef::Bool(b) => Cell::Text(b.to_string()),
        _ => Cell::Empty,
    }
}

/// Inflates every entry once, counting, and refuses the file at the first limit it passes.
/// Also refuses a shared-strings table that announces more strings than allowed.
fn check_zip(bytes: &[u8], limits: &Limits) -> Result<(), ImportError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| ImportError::Unreadable)?;
    if zip.len() > limits.entries {
        return Err(ImportError::TooComplex);
    }
    let mut total = 0u64;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|_| ImportError::Unreadable)?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().map_err(|_| ImportError::Unreadable)?.to_ascii_lowercase();
        if name == "mimetype" || name == "content.xml" {
            // An OpenDocument spreadsheet: not read here (see `ImportError::Format`).
            return Err(ImportError::Format);
        }
        if entry.size() > limits.entry_bytes {
            return Err(ImportError::TooComplex);
        }
        let mut size = 0u64;
        let mut scanner = CountScanner::default();
        loop {
            let n = entry.read(&mut buf).map_err(|_| ImportError::Unreadable)?;
            if n == 0 {
                break;
            }
            size += n as u64;
            total += n as u64;
            if size > limits.entry_bytes || total > limits.total_bytes {
                return Err(ImportError::TooComplex);
            }
            scanner.feed(&buf[..n]);
        }
        if scanner.largest > limits.strings {
            return Err(ImportError::TooComplex);
        }
    }
    Ok(())
}

/// Finds every `uniqueCount` attribute in a stream of bytes (in any entry, however it is
/// named, commented or prefixed) and keeps the largest number announced. Digits are read
/// loosely, so a value the workbook reader would take is never missed.
#[derive(Default)]
struct CountScanner {
    /// The tail of the previous chunk, so a name cut between two chunks is still found.
    tail: Vec<u8>,
    largest: u64,
}

const ATTRIBUTE: &[u8] = b"uniqueCount";
/// Enough after the name for `  =  "0000000000000000000000"`.
const LOOK_AHEAD: usize = 64;

impl CountScanner {
    fn feed(&mut self, chunk: &[u8]) {
        let mut window = std::mem::take(&mut self.tail);
        window.extend_from_slice(chunk);
        for found in memchr::memmem::find_iter(&window, ATTRIBUTE) {
            let start = found + ATTRIBUTE.len();
            let end = (start + LOOK_AHEAD).min(window.len());
            // A value cut at the end of the window is read again, whole, with the next chunk
            // (the tail keeps it); the largest reading is what counts.
            self.largest = self.largest.max(announced(&window[start..end]));
        }
        let keep = (ATTRIBUTE.len() + LOOK_AHEAD).min(window.len());
        self.tail = window.split_off(window.len() - keep);
    }
}

/// The number in `="123"` (spaces and either quote allowed), saturating; digits only.
fn announced(after: &[u8]) -> u64 {
    let mut s = after.iter().skip_while(|b| b.is_ascii_whitespace());
    if s.next() != Some(&b'=') {
        return 0;
    }
    let mut s = s.skip_while(|b| b.is_ascii_whitespace());
    let Some(quote) = s.next().copied().filter(|q| *q == b'"' || *q == b'\'') else { return 0 };
    s.take_while(|b| **b != quote)
        .filter(|b| b.is_ascii_digit())
        .fold(0u64, |n, d| n.saturating_mul(10).saturating_add(u64::from(d - b'0')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn announced_string_counts_are_found_across_chunks() {
        let xml = b"<?xml version=\"1.0\"?><!-- uniqueCount=\"1\" --><x:sst count='3' uniqueCount = '999999999999'>";
        for split in 1..xml.len() {
            let mut s = CountScanner::default();
            s.feed(&xml[..split]);
            s.feed(&xml[split..]);
            assert_eq!(s.largest, 999_999_999_999, "split at {split}");
        }
        assert_eq!(announced(b"=\"12\""), 12);
        assert_eq!(announced(b" = '0099'"), 99);
        assert_eq!(announced(b"=\"99999999999999999999999999\""), u64::MAX);
        assert_eq!(announced(b"Foo=\"1\""), 0);
    }
}
