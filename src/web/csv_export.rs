//! CSV exports, safe to open in a spreadsheet.
//!
//! The CSVs go to police and banks, who open them in Excel or LibreOffice; those run a cell
//! that starts with `=`, `+`, `-` or `@` as a formula (and some treat a leading tab or carriage
//! return the same way), so a victim's or a suspect's text such as `=HYPERLINK(…)` or
//! `+cmd|' /C calc'!A0` would run on the officer's computer. Every CSV export writes through
//! [`Writer`], which puts a `'` before such a cell (the spreadsheet shows the text as typed and
//! hides the quote). A plain number such as `-1250.50` is left as it is: it is read as a number.

use std::borrow::Cow;

use super::AppError;

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cell as written: neutralised when a spreadsheet would take it for a formula.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_START) && !is_plain_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// `-12`, `-1250.50`: an optional minus, digits, optionally a point and digits.
fn is_plain_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// A CSV file being written in memory, every cell neutralised.
pub struct Writer(csv::Writer<Vec<u8>>);

impl Default for Writer {
    fn default() -> Self {
        Writer(csv::Writer::from_writer(Vec::new()))
    }
}

impl Writer {
    pub fn new() -> Writer {
        Writer::default()
    }

    pub fn row<I, S>(&mut self, cells: I) -> Result<(), AppError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let cells: Vec<String> = cells.into_iter().map(|c| neutralise(c.as_ref()).into_owned()).collect();
        self.0.write_record(&cells).map_err(|e| AppError::Internal(e.into()))
    }

    pub fn finish(self) -> Result<Vec<u8>, AppError> {
        self.0.into_inner().map_err(|e| AppError::Internal(anyhow::anyhow!("writing a CSV: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        assert_eq!(
            neutralise("=HYPERLINK(\"http://x.example\",\"click\")"),
            "'=HYPERLINK(\"http://x.example\",\"click\")"
        );
        assert_eq!(neutralise("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("-2+3"), "'-2+3");
        assert_eq!(neutralise("\t=1"), "'\t=1");
        assert_eq!(neutralise("\r=1"), "'\r=1");
        assert_eq!(neutralise("-1250.50"), "-1250.50");
        assert_eq!(neutralise("-12"), "-12");
        assert_eq!(neutralise("-"), "'-");
        assert_eq!(neutralise("-.5"), "'-.5");
        assert_eq!(neutralise("राम = ठग"), "राम = ठग");
        assert_eq!(neutralise("JPR-2026-000123"), "JPR-2026-000123");
        let mut w = Writer::new();
        w.row(["=1+1", "ok"]).unwrap();
        assert_eq!(String::from_utf8(w.finish().unwrap()).unwrap(), "'=1+1,ok\n");
    }
}
