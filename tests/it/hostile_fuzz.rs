//! Fuzzing the parsers of untrusted bytes (issue 17): the trail importer (XLSX and CSV) and the
//! image path, fed mutations of a small valid corpus and files built from random parts. Stable
//! Rust has no sanitizer-backed `cargo fuzz`, so this is proptest: every input must end in a
//! value or an error, never a panic, and what is read must keep to the limits.
//!
//! CI runs a short budget (`SAHAYAK_FUZZ_CASES`, default 48 per target, a few seconds); run
//! longer by hand with e.g. `SAHAYAK_FUZZ_CASES=5000 cargo test --test it hostile_fuzz`.

use std::io::{Cursor, Write};

use proptest::prelude::*;
use sahayak::evidence::derive::{MAX_PIXELS, MAX_SIDE, ShrinkError, shrink};
use sahayak::trail::import::{self, ImportError, LIMITS};

fn cases() -> u32 {
    std::env::var("SAHAYAK_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48)
}

fn config() -> ProptestConfig {
    ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() }
}

const CSV: &str = "S No.,Account No.,Transaction Id/UTR Number,Bank/FIs,Layer,IFSC Code,Transaction Date,Transaction Amount,Disputed Amount,Remarks\n\
1,50100234567891,412345678901,HDFC Bank,1,UTIB0000123,19/06/2025 10:15:32,\"49,999.00\",49999,\n\
2,920010012345678,412345678902,Axis Bank,2,SBIN0001234,19/06/2025 10:21,20000,20000,Money Transfer to\n";

fn corpus_xlsx() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let s = book.add_worksheet().set_name("Money Transfer to").unwrap();
    for (r, line) in CSV.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            match cell.parse::<f64>() {
                Ok(n) if r > 0 => s.write_number(r as u32, c as u16, n).unwrap(),
                _ => s.write_string(r as u32, c as u16, cell).unwrap(),
            };
        }
    }
    book.save_to_buffer().unwrap()
}

/// What a successful read must respect, and what parsing it must not break.
fn read_within_limits(bytes: &[u8]) {
    match import::read(bytes) {
        Ok(sheets) => {
            assert!(sheets.len() <= LIMITS.sheets.max(1));
            for sheet in &sheets {
                assert!(sheet.rows.len() <= LIMITS.rows as usize);
                for row in &sheet.rows {
                    assert!(row.len() <= LIMITS.cols as usize);
                    for cell in row {
                        if let import::Cell::Text(t) = cell {
                            assert!(!t.chars().any(char::is_control), "cleaned: {t:?}");
                        }
                    }
                }
            }
            let _ = import::parse(&sheets);
        }
        Err(e) => assert!(!e.key().is_empty()),
    }
}

/// Flips, overwrites, cuts and inserts bytes at the given (wrapped) positions.
fn mutate(mut bytes: Vec<u8>, edits: &[(usize, u8, u8)]) -> Vec<u8> {
    for &(at, op, value) in edits {
        if bytes.is_empty() {
            bytes.push(value);
            continue;
        }
        let at = at % bytes.len();
        match op % 4 {
            0 => bytes[at] ^= value | 1,
            1 => bytes[at] = value,
            2 => bytes.truncate(at.max(1)),
            _ => bytes.insert(at, value),
        }
    }
    bytes
}

fn edits() -> impl Strategy<Value = Vec<(usize, u8, u8)>> {
    proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..8)
}

/// A workbook built by hand whose sheet holds cells at random places with random contents, and
/// whose shared-strings table announces a random count.
fn xlsx_with(cells: &[(u32, u32, String)], announced: u64) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut out);
    let o = zip::write::SimpleFileOptions::default();
    let col = |mut c: u32| {
        let mut s = String::new();
        c += 1;
        while c > 0 {
            s.insert(0, (b'A' + ((c - 1) % 26) as u8) as char);
            c = (c - 1) / 26;
        }
        s
    };
    let mut sheet =
        String::from(r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#);
    for (r, c, v) in cells {
        let text: String = v.chars().map(|ch| if ch == '<' || ch == '&' { ' ' } else { ch }).collect();
        sheet.push_str(&format!(
            r#"<row r="{}"><c r="{}{}" t="inlineStr"><is><t>{text}</t></is></c></row>"#,
            r + 1,
            col(*c),
            r + 1
        ));
    }
    sheet.push_str("</sheetData></worksheet>");
    let files = [
        ("[Content_Types].xml", r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_owned()),
        ("_rels/.rels", r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_owned()),
        ("xl/workbook.xml", r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_owned()),
        ("xl/_rels/workbook.xml.rels", r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_owned()),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/sharedStrings.xml", format!(r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="{announced}"></sst>"#)),
    ];
    for (name, body) in files {
        w.start_file(name, o).unwrap();
        w.write_all(body.as_bytes()).unwrap();
    }
    w.finish().unwrap();
    out.into_inner()
}

fn small_image(format: image::ImageFormat) -> Vec<u8> {
    let img = image::RgbImage::from_fn(40, 30, |x, y| image::Rgb([x as u8 * 6, y as u8 * 8, 90]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img).write_to(&mut Cursor::new(&mut out), format).unwrap();
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn png_declaring(w: u32, h: u32) -> Vec<u8> {
    let mut png = small_image(image::ImageFormat::Png);
    // IHDR's width and height follow the signature and the chunk's length and name; its CRC
    // covers the name and the 13 bytes of data.
    png[16..20].copy_from_slice(&w.to_be_bytes());
    png[20..24].copy_from_slice(&h.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
}

fn shrink_is_bounded(bytes: &[u8]) {
    match shrink(bytes, 2_000) {
        Ok(jpeg) => {
            assert!(jpeg.len() <= 2_000);
            let copy = image::load_from_memory(&jpeg).expect("a JPEG copy");
            assert!(copy.width() <= MAX_SIDE && copy.height() <= MAX_SIDE);
        }
        Err(ShrinkError::TooManyPixels(p)) => assert!(p > MAX_PIXELS),
        Err(_) => {}
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mutated_trail_csv_never_panics(e in edits()) {
        read_within_limits(&mutate(CSV.as_bytes().to_vec(), &e));
    }

    #[test]
    fn mutated_trail_xlsx_never_panics(e in edits()) {
        read_within_limits(&mutate(corpus_xlsx(), &e));
    }

    #[test]
    fn workbooks_with_cells_anywhere_keep_to_the_limits(
        cells in proptest::collection::vec((0u32..1_100_000, 0u32..16_400, "[ -~\u{0}-\u{1f}ठगी]{0,12}"), 0..12),
        announced in prop_oneof![0u64..1_000, Just(u64::from(u32::MAX)), any::<u64>()],
    ) {
        let bytes = xlsx_with(&cells, announced);
        read_within_limits(&bytes);
        let kept = |v: &str| !sahayak::web::form::clean_text(v).is_empty();
        let far = cells.iter().any(|(r, c, v)| kept(v) && (*r >= LIMITS.rows || *c >= LIMITS.cols));
        if announced > LIMITS.strings {
            prop_assert_eq!(import::read(&bytes).err(), Some(ImportError::TooComplex));
        } else if far {
            prop_assert!(import::read(&bytes).is_err());
        }
    }

    #[test]
    fn mutated_images_never_panic(e in edits(), png in any::<bool>()) {
        let format = if png { image::ImageFormat::Png } else { image::ImageFormat::Jpeg };
        shrink_is_bounded(&mutate(small_image(format), &e));
    }

    #[test]
    fn declared_sizes_beyond_the_cap_are_never_decoded(w in 1u32..70_000, h in 1u32..70_000) {
        let result = shrink(&png_declaring(w, h), 2_000);
        if u64::from(w) * u64::from(h) > MAX_PIXELS {
            prop_assert!(matches!(result, Err(ShrinkError::TooManyPixels(_))), "{}x{}", w, h);
        }
    }
}
