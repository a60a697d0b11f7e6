//! The demo's evidence files, made on the spot (a few kilobytes each, nothing shipped): phone
//! screenshots, a photo of the fraudster's QR code, a bank statement PDF and a WhatsApp chat
//! export. Pictures are drawn as blocks of colour: they only need to look like what they are.

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, Rgb, RgbImage};
use sahayak_domain::time::{from_millis, ist};

use super::rng::Dice;

type Colour = [u8; 3];

fn block(img: &mut RgbImage, x: u32, y: u32, w: u32, h: u32, c: Colour) {
    for yy in y..(y + h).min(img.height()) {
        for xx in x..(x + w).min(img.width()) {
            img.put_pixel(xx, yy, Rgb(c));
        }
    }
}

/// Lines of "text": grey bars of varying length.
fn lines(img: &mut RgbImage, dice: &mut Dice, x: u32, y: u32, w: u32, n: u32, c: Colour) {
    for i in 0..n {
        let len = if i + 1 == n { w * dice.range(35, 80) as u32 / 100 } else { w * dice.range(80, 100) as u32 / 100 };
        block(img, x, y + i * 14, len, 7, c);
    }
}

/// A QR code for `text`, `scale` pixels a module, with its quiet zone, at (x, y).
fn qr(img: &mut RgbImage, text: &str, x: u32, y: u32, scale: u32) {
    let Ok(code) = qrcode::QrCode::new(text.as_bytes()) else { return };
    let width = code.width() as u32;
    block(img, x, y, (width + 8) * scale, (width + 8) * scale, [255, 255, 255]);
    for (i, c) in code.to_colors().iter().enumerate() {
        if *c == qrcode::Color::Dark {
            let (col, row) = (i as u32 % width, i as u32 / width);
            block(img, x + (col + 4) * scale, y + (row + 4) * scale, scale, scale, [20, 20, 20]);
        }
    }
}

fn png(img: RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    DynamicImage::ImageRgb8(img).write_to(&mut Cursor::new(&mut out), ImageFormat::Png).expect("PNG in memory");
    out
}

/// A WhatsApp chat on a phone: the fraudster's messages on the left, the victim's on the right,
/// and the QR code he sent.
pub fn chat_screenshot(upi_link: &str, seed: u64) -> Vec<u8> {
    let mut dice = Dice::new(seed);
    let mut img = RgbImage::from_pixel(360, 720, Rgb([236, 229, 221]));
    block(&mut img, 0, 0, 360, 24, [5, 77, 68]);
    block(&mut img, 0, 24, 360, 56, [7, 94, 84]);
    block(&mut img, 12, 36, 32, 32, [200, 200, 200]);
    block(&mut img, 56, 40, 120, 10, [255, 255, 255]);
    block(&mut img, 56, 56, 70, 7, [180, 220, 210]);
    let mut y = 96;
    for i in 0..3u32 {
        let (x, colour) = if i % 2 == 0 { (12, [255, 255, 255]) } else { (130, [220, 248, 198]) };
        let rows = dice.range(1, 3) as u32;
        block(&mut img, x, y, 218, 16 + rows * 14, colour);
        lines(&mut img, &mut dice, x + 10, y + 10, 190, rows, [110, 110, 110]);
        y += 28 + rows * 14;
    }
    block(&mut img, 12, y, 218, 236, [255, 255, 255]);
    qr(&mut img, upi_link, 24, y + 10, 4);
    y += 248;
    block(&mut img, 130, y, 218, 44, [220, 248, 198]);
    lines(&mut img, &mut dice, 140, y + 10, 190, 2, [110, 110, 110]);
    block(&mut img, 0, 664, 360, 56, [240, 240, 240]);
    block(&mut img, 10, 674, 290, 36, [255, 255, 255]);
    block(&mut img, 310, 674, 40, 36, [7, 94, 84]);
    png(img)
}

/// A payment app's "payment successful" screen, and the bank's debit SMS below it.
pub fn payment_screenshot(seed: u64) -> Vec<u8> {
    let mut dice = Dice::new(seed);
    let mut img = RgbImage::from_pixel(360, 720, Rgb([255, 255, 255]));
    block(&mut img, 0, 0, 360, 24, [60, 20, 100]);
    block(&mut img, 0, 24, 360, 200, [95, 37, 159]);
    block(&mut img, 150, 60, 60, 60, [255, 255, 255]);
    block(&mut img, 170, 80, 20, 20, [34, 160, 90]);
    block(&mut img, 110, 140, 140, 18, [255, 255, 255]);
    block(&mut img, 130, 170, 100, 8, [210, 190, 240]);
    for row in 0..4 {
        let y = 250 + row * 52;
        block(&mut img, 20, y, 90, 8, [150, 150, 150]);
        block(&mut img, 20, y + 16, dice.range(120, 300) as u32, 10, [40, 40, 40]);
    }
    block(&mut img, 12, 480, 336, 150, [245, 245, 245]);
    block(&mut img, 24, 492, 80, 10, [200, 40, 40]);
    lines(&mut img, &mut dice, 24, 512, 300, 6, [90, 90, 90]);
    png(img)
}

/// A phone photo of the printed QR code the fraudster sent, as WebP (the portal takes JPEG and
/// PNG: the case makes a copy for it).
pub fn qr_photo_webp(upi_link: &str) -> Vec<u8> {
    let mut img = RgbImage::from_fn(640, 480, |x, y| {
        let shade = 150 + ((x / 7 + y / 5) % 23) as u8;
        Rgb([shade, shade - 10, shade - 30])
    });
    block(&mut img, 160, 50, 320, 380, [250, 250, 245]);
    qr(&mut img, upi_link, 195, 80, 6);
    block(&mut img, 200, 400, 240, 12, [95, 37, 159]);
    let mut out = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut out)
        .encode(img.as_raw(), img.width(), img.height(), image::ExtendedColorType::Rgb8)
        .expect("WebP in memory");
    out
}

/// A one-page account statement (PDF 1.4, Helvetica, so ASCII text: rupees as "Rs.").
pub fn statement_pdf(title: &str, rows: &[String]) -> Vec<u8> {
    let escape = |s: &str| s.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)");
    let mut content = format!("BT /F1 14 Tf 50 790 Td ({}) Tj ET\nBT /F1 9 Tf 50 760 Td 14 TL\n", escape(title));
    for row in rows {
        content.push_str(&format!("({}) Tj T*\n", escape(row)));
    }
    content.push_str("ET\n");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
            .to_owned(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{content}endstream", content.len()),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        pdf.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    pdf
}

/// A WhatsApp "export chat" text file: `lines` are (minutes after `start`, who, what).
pub fn chat_export(start_ms: i64, lines: &[(i64, &str, &str)]) -> Vec<u8> {
    let mut out = String::new();
    for (after, who, what) in lines {
        let t = from_millis(start_ms + after * 60_000).with_timezone(&ist());
        out.push_str(&format!("{} - {who}: {what}\n", t.format("%d/%m/%y, %-I:%M %P")));
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_files_are_what_they_say() {
        let sniff = crate::evidence::sniff::sniff;
        let link = "upi://pay?pa=olxpay.verify@ibl&pn=Amit&am=12000";
        let chat = chat_screenshot(link, 1);
        assert_eq!(sniff(&chat), "image/png");
        assert_eq!(chat, chat_screenshot(link, 1), "the same bytes every time");
        assert_eq!(sniff(&payment_screenshot(2)), "image/png");
        let photo = qr_photo_webp(link);
        assert_eq!(sniff(&photo), "image/webp");
        assert!(image::load_from_memory(&photo).is_ok());
        let pdf = statement_pdf("Statement (demo)", &["12/03 UPI/DR/512847306915 (olxpay) 12,000.00".into()]);
        assert_eq!(sniff(&pdf), "application/pdf");
        let text = String::from_utf8(pdf).unwrap();
        let xref: usize = text.rsplit("startxref\n").next().unwrap().lines().next().unwrap().parse().unwrap();
        assert!(text[xref..].starts_with("xref"), "the cross-reference table is where the trailer says");
        let export = chat_export(1_796_660_880_000, &[(0, "Amit OLX", "Sofa abhi available hai?")]);
        assert_eq!(sniff(&export), "text/plain");
        assert!(String::from_utf8(export).unwrap().starts_with("07/12/26, 9:58 pm - Amit OLX: Sofa"));
    }
}
