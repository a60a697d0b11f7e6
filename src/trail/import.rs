//! Reading the money trail that police receive from the national portal: the workbook with
//! sheets "Money Transfer to", "Withdrawal through ATM", "Transaction put on hold", ... (or one
//! of them saved as CSV). Columns are found by their headings, wherever the heading row is;
//! every row either becomes a trail entry or an error that names the row and the reason.
//!
//! The bytes come from outside: both readers stop at fixed limits (size, rows, columns, cells,
//! sheets; [`workbook`] for what an XLSX can hide) and say which one, and every text cell is
//! cleaned as typed text is, so no NUL or control character reaches the database.

mod workbook;

use chrono::NaiveDateTime;
use sahayak_domain::money::Paise;

use crate::store::TrailRow;
use crate::web::form::clean_text;

pub use workbook::{LIMITS, Limits};

/// Rows beyond this are refused: a case's trail is never this long; a wrong file may be.
pub const MAX_ROWS: usize = 5_000;
/// Columns beyond this are refused (the portal's sheets have under thirty).
pub const MAX_COLS: usize = 100;
/// Characters kept of a cell quoted back in a row error.
const QUOTED_CHARS: usize = 60;

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    DateTime(NaiveDateTime),
    Empty,
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::DateTime(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
            Cell::Empty => String::new(),
        }
    }

    fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty) || matches!(self, Cell::Text(s) if s.is_empty())
    }
}

/// Text from a file, cleaned as typed text is (trimmed, NFC, no control characters).
fn clean(s: &str) -> String {
    clean_text(s).replace('\n', " ")
}

/// A text cell, cleaned; empty when nothing is left.
fn text_cell(s: &str) -> Cell {
    let s = clean(s);
    if s.is_empty() { Cell::Empty } else { Cell::Text(s) }
}

pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("not a spreadsheet or CSV file")]
    Unreadable,
    #[error("an XLS or OpenDocument workbook (only XLSX and CSV are read)")]
    Format,
    #[error("no heading row with the trail's columns")]
    NoHeadings,
    #[error("too many rows")]
    TooManyRows,
    #[error("too many columns")]
    TooManyColumns,
    #[error("more inside than a trail can hold (size, sheets, cells or strings)")]
    TooComplex,
}

impl ImportError {
    pub fn key(self) -> &'static str {
        match self {
            ImportError::Unreadable => "trail-import-unreadable",
            ImportError::Format => "trail-import-format",
            ImportError::NoHeadings => "trail-import-no-headings",
            ImportError::TooManyRows => "trail-import-too-many",
            ImportError::TooManyColumns => "trail-import-too-wide",
            ImportError::TooComplex => "trail-import-too-complex",
        }
    }
}

/// Reads an upload: XLSX by content, otherwise CSV (UTF-8, with or without BOM). Old binary
/// XLS and OpenDocument workbooks are refused with a request to save as XLSX or CSV: their
/// readers build every sheet whole, which a crafted file can make enormous.
pub fn read(bytes: &[u8]) -> Result<Vec<Sheet>, ImportError> {
    read_within(bytes, &LIMITS)
}

/// [`read`] under other limits (the tests' smaller ones).
pub fn read_within(bytes: &[u8], limits: &Limits) -> Result<Vec<Sheet>, ImportError> {
    if bytes.starts_with(b"PK\x03\x04") {
        return workbook::read(bytes, limits);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(ImportError::Format);
    }
    read_csv(bytes, limits)
}

fn read_csv(bytes: &[u8], limits: &Limits) -> Result<Vec<Sheet>, ImportError> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|_| ImportError::Unreadable)?;
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|_| ImportError::Unreadable)?;
        if rows.len() >= limits.rows as usize {
            return Err(ImportError::TooManyRows);
        }
        if record.len() > limits.cols as usize {
            return Err(ImportError::TooManyColumns);
        }
        rows.push(record.iter().map(text_cell).collect());
    }
    Ok(vec![Sheet { name: String::new(), rows }])
}

/// Letters and digits only, lower case: "Transaction Id/UTR Number" → "transactionidutrnumber".
fn squash(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Account,
    Utr,
    Bank,
    Layer,
    Ifsc,
    Date,
    Amount,
    Disputed,
    HoldDate,
    HoldAmount,
    Action,
    Remarks,
}

fn column(heading: &str) -> Option<Col> {
    let h = squash(heading);
    Some(match h.as_str() {
        "accountnowalletpgpaid" | "accountno" | "accountnumber" | "beneficiaryaccountno" | "walletid" => Col::Account,
        "transactionidutrnumber" | "transactionid" | "utr" | "utrnumber" | "rrn" | "rrnno" | "referenceno" => Col::Utr,
        "bankfis" | "bank" | "bankname" | "bankfi" => Col::Bank,
        "layer" => Col::Layer,
        "ifsccode" | "ifsc" => Col::Ifsc,
        "transactiondate" | "withdrawaldatetime" | "withdrawaldate" | "date" | "transactiondatetime" => Col::Date,
        "transactionamount" | "withdrawalamount" | "amount" => Col::Amount,
        "disputedamount" => Col::Disputed,
        "putonholddate" => Col::HoldDate,
        "putonholdamount" => Col::HoldAmount,
        "actiontakenbybank" | "actiontaken" => Col::Action,
        "remarks" | "placelocationofatm" | "merchantname" | "atmid" | "approvalcode" => Col::Remarks,
        _ => return None,
    })
}

/// The longest text a column may hold: the same as typing a trail entry allows.
fn max_chars(c: Col) -> usize {
    match c {
        Col::Account => 100,
        Col::Utr => 60,
        Col::Bank => 200,
        Col::Ifsc => 20,
        Col::Remarks | Col::Action => 1000,
        Col::Layer | Col::Date | Col::Amount | Col::Disputed | Col::HoldDate | Col::HoldAmount => 100,
    }
}

/// The bank's action named by a sheet or an "Action taken by bank" cell.
fn action_of(name: &str) -> Option<&'static str> {
    let n = squash(name);
    Some(match n.as_str() {
        "moneytransferto" => "transferred",
        "withdrawalthroughatm" => "atm",
        "withdrawalthroughpos" => "pos",
        "aeps" | "withdrawalthroughaeps" => "aeps",
        "cashwithdrawalthroughcheque" | "withdrawalthroughcheque" => "cheque",
        "transactionputonhold" => "on_hold",
        "wrongtransaction" => "wrong_txn",
        "other" | "otherslessthen500" | "otherslessthan500" => "other",
        _ => return None,
    })
}

/// One imported row, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedRow {
    pub sheet: String,
    pub row: usize,
    pub trail: TrailRow,
}

/// A row that could not be read, and why (a catalog key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub sheet: String,
    pub row: usize,
    pub key: &'static str,
    pub value: String,
}

#[derive(Debug, Default)]
pub struct Parsed {
    pub rows: Vec<ParsedRow>,
    pub errors: Vec<RowError>,
}

fn amount(c: &Cell) -> Option<i64> {
    match c {
        Cell::Number(n) if *n >= 0.0 && n.is_finite() => Paise::new((n * 100.0).round() as i64).ok().map(Paise::get),
        Cell::Text(s) => s.trim().parse::<Paise>().ok().map(Paise::get),
        _ => None,
    }
}

fn date(c: &Cell) -> Option<i64> {
    let naive = match c {
        Cell::DateTime(t) => Some(*t),
        Cell::Text(s) => {
            let s = s.trim();
            let with_time = [
                "%d/%m/%Y %H:%M:%S",
                "%d/%m/%Y %H:%M",
                "%d-%m-%Y %H:%M:%S",
                "%d-%m-%Y %H:%M",
                "%Y-%m-%d %H:%M:%S",
                "%Y-%m-%d %H:%M",
                "%Y-%m-%dT%H:%M:%S",
            ];
            let date_only = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"];
            with_time.iter().find_map(|f| NaiveDateTime::parse_from_str(s, f).ok()).or_else(|| {
                date_only
                    .iter()
                    .find_map(|f| chrono::NaiveDate::parse_from_str(s, f).ok())
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
            })
        }
        _ => None,
    }?;
    // Bank statements are in Indian time.
    naive.and_local_timezone(sahayak_domain::time::ist()).single().map(|t| t.timestamp_millis())
}

/// Turns sheets into trail rows and row errors. Empty rows are skipped; rows above the
/// heading row (titles) are ignored.
pub fn parse(sheets: &[Sheet]) -> Result<Parsed, ImportError> {
    let mut out = Parsed::default();
    let mut any_headings = false;
    for sheet in sheets {
        let sheet_action = action_of(&sheet.name);
        let Some((head_at, cols)) = sheet.rows.iter().enumerate().find_map(|(i, r)| {
            let cols: Vec<Option<Col>> = r.iter().map(|c| column(&c.text())).collect();
            (cols.iter().flatten().count() >= 2 && cols.contains(&Some(Col::Amount))).then_some((i, cols))
        }) else {
            continue;
        };
        any_headings = true;
        for (i, r) in sheet.rows.iter().enumerate().skip(head_at + 1) {
            if r.iter().all(Cell::is_empty) {
                continue;
            }
            if out.rows.len() + out.errors.len() >= MAX_ROWS {
                return Err(ImportError::TooManyRows);
            }
            let row = i + 1;
            let err = |key: &'static str, value: String| RowError {
                sheet: sheet.name.clone(),
                row,
                key,
                value: value.chars().take(QUOTED_CHARS).collect(),
            };
            let mut t = TrailRow {
                layer: 1,
                source: "import".into(),
                action: sheet_action.unwrap_or("transferred").into(),
                ..Default::default()
            };
            let mut accounts = 0;
            let mut remarks: Vec<String> = Vec::new();
            let mut problem = None;
            for (c, cell) in cols.iter().zip(r.iter()) {
                let text = cell.text();
                let Some(c) = c else { continue };
                if cell.is_empty() {
                    continue;
                }
                if text.chars().count() > max_chars(*c) {
                    problem = problem.or(Some(err("error-too-long", text)));
                    continue;
                }
                match c {
                    Col::Account => {
                        accounts += 1;
                        if accounts == 1 { t.from_account = Some(text) } else { t.to_account = Some(text) }
                    }
                    Col::Utr => t.utr = Some(text),
                    Col::Bank => t.bank = Some(text),
                    Col::Ifsc => t.ifsc = Some(text.to_uppercase()),
                    Col::Layer => match text.trim().parse::<i64>() {
                        Ok(l) if (0..=50).contains(&l) => t.layer = l,
                        _ => problem = problem.or(Some(err("trail-error-layer", text))),
                    },
                    Col::Date => match date(cell) {
                        Some(d) => t.at = Some(d),
                        None => problem = problem.or(Some(err("trail-error-date", text))),
                    },
                    Col::HoldDate => match date(cell) {
                        Some(d) => t.hold_at = Some(d),
                        None => problem = problem.or(Some(err("trail-error-date", text))),
                    },
                    Col::Amount => match amount(cell) {
                        Some(a) => t.amount_paise = a,
                        None => problem = problem.or(Some(err("trail-error-amount", text))),
                    },
                    Col::Disputed => match amount(cell) {
                        Some(a) => t.disputed_paise = Some(a),
                        None => problem = problem.or(Some(err("trail-error-amount", text))),
                    },
                    Col::HoldAmount => match amount(cell) {
                        Some(a) => t.hold_paise = Some(a),
                        None => problem = problem.or(Some(err("trail-error-amount", text))),
                    },
                    Col::Action => match action_of(&text) {
                        Some(a) => t.action = a.into(),
                        None => remarks.push(text),
                    },
                    Col::Remarks => remarks.push(text),
                }
            }
            let has_amount = cols.iter().zip(r.iter()).any(|(c, cell)| *c == Some(Col::Amount) && !cell.is_empty());
            if problem.is_none() && !has_amount {
                problem = Some(err("trail-error-no-amount", String::new()));
            }
            if t.action == "on_hold" {
                t.hold_paise = t.hold_paise.or(Some(t.amount_paise));
                t.hold_at = t.hold_at.or(t.at);
            }
            t.remarks = (!remarks.is_empty()).then(|| remarks.join("; "));
            if t.remarks.as_ref().is_some_and(|r| r.chars().count() > max_chars(Col::Remarks)) {
                problem = problem.or(Some(err("error-too-long", t.remarks.clone().unwrap_or_default())));
            }
            match problem {
                Some(e) => out.errors.push(e),
                None => out.rows.push(ParsedRow { sheet: sheet.name.clone(), row, trail: t }),
            }
        }
    }
    if !any_headings {
        return Err(ImportError::NoHeadings);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "Money trail report for ack 31612260012345\n\
S No.,Acknowledgement No.,Account No./(Wallet/PG/PA) Id,Transaction Id/UTR Number,Bank/FIs,Layer,Account No,IFSC Code,Transaction Date,Transaction Amount,Disputed Amount,Remarks\n\
1,31612260012345,50100234567891,412345678901,HDFC Bank,1,920010012345678,UTIB0000123,19/06/2025 10:15:32,\"49,999.00\",49999,\n\
2,31612260012345,920010012345678,412345678902,Axis Bank,2,33445566778,SBIN0001234,19/06/2025 10:21,20000,20000,Money Transfer to\n\
,,,,,,,,,,,\n\
3,31612260012345,33445566778,412345678903,SBI,two,1234,SBIN0001234,19/06/2025,5000,5000,\n\
4,31612260012345,33445566778,412345678904,SBI,3,1234,SBIN0001234,31/02/2025,5000,5000,\n\
5,31612260012345,33445566778,412345678905,SBI,3,1234,SBIN0001234,20/06/2025,lots,5000,\n";

    #[test]
    fn reads_the_portal_trail_and_names_bad_rows() {
        let parsed = parse(&read(CSV.as_bytes()).unwrap()).unwrap();
        assert_eq!(parsed.rows.len(), 2);
        let first = &parsed.rows[0].trail;
        assert_eq!(first.from_account.as_deref(), Some("50100234567891"));
        assert_eq!(first.to_account.as_deref(), Some("920010012345678"));
        assert_eq!(first.utr.as_deref(), Some("412345678901"));
        assert_eq!(first.amount_paise, 4_999_900);
        assert_eq!(first.layer, 1);
        assert_eq!(first.action, "transferred");
        // 19 June 2025 10:15:32 IST is 04:45:32 UTC.
        assert_eq!(first.at, Some(1_750_308_332_000));
        assert_eq!(parsed.rows[1].trail.layer, 2);
        assert_eq!(parsed.rows[0].row, 3, "rows are numbered as in the file");
        let errors: Vec<(usize, &str)> = parsed.errors.iter().map(|e| (e.row, e.key)).collect();
        assert_eq!(errors, [(6, "trail-error-layer"), (7, "trail-error-date"), (8, "trail-error-amount")]);
    }

    #[test]
    fn hold_sheets_and_action_cells_set_the_bank_action() {
        let csv = "Account No.,Transaction Id/UTR Number,Layer,Put on hold Date,Put on hold Amount,Transaction Amount,Action Taken By bank\n\
                   33445566778,412345678903,2,20/06/2025 09:00,12000,15000,Transaction put on hold\n\
                   33445566778,412345678904,2,,,3000,Withdrawal through ATM\n";
        let parsed = parse(&read(csv.as_bytes()).unwrap()).unwrap();
        assert_eq!(parsed.rows[0].trail.action, "on_hold");
        assert_eq!(parsed.rows[0].trail.hold_paise, Some(1_200_000));
        assert!(parsed.rows[0].trail.hold_at.is_some());
        assert_eq!(parsed.rows[1].trail.action, "atm");
    }

    #[test]
    fn files_without_the_trail_columns_are_refused() {
        assert_eq!(parse(&read(b"name,phone\nx,y\n").unwrap()).err(), Some(ImportError::NoHeadings));
        assert_eq!(read(&[0xff, 0xfe, 0x00]).err(), Some(ImportError::Unreadable));
        assert_eq!(read(b"PK\x03\x04garbage").err(), Some(ImportError::Unreadable));
    }
}
