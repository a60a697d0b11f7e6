//! Throughput of `identifiers::extract` on one core.
//!
//! Builds a few hundred MB of case-note-like text (scam SMS, WhatsApp forwards, bank
//! alerts, e-mails, complaint narratives in English, Hindi and Hinglish) from
//! templates filled with deterministic pseudo-random fictional identifiers, then runs
//! `extract` over it document by document and prints MB/s and what was found.
//!
//! `cargo bench -p sahayak-domain --bench extract`; set `SAHAYAK_BENCH_MB` to change
//! the size (default 256).

use std::hint::black_box;
use std::time::Instant;

use sahayak_domain::identifiers::{IdKind, extract};

/// Message templates; `{x}` slots are filled by `Gen::fill`.
const TEMPLATES: &[&str] = &[
    "Dear Customer, your A/c XX{d4} is debited for Rs.{amt} on {date} by UPI to VPA {upi} UPI Ref No {rrn}. Not you? Call 1930 or SMS BLOCK to {mob}. -SBI",
    "Rs {amt} credited to your a/c no. {acc} on {date} (IMPS Ref {rrn}). Avl Bal Rs {amt}.",
    "Aapka KYC expire ho gaya hai. Turant update karein: {url} warna aapka account block ho jayega. Helpline {mob}",
    "Dear user your electricity bill is not updated, connection will be cut tonight 9.30 pm. Call officer {mob} immediately.",
    "प्रिय ग्राहक, आपका पैन कार्ड अपडेट नहीं है। अपना खाता चालू रखने के लिए {url} पर जाएँ या {mob} पर संपर्क करें।",
    "Part time job! Earn {amt}/day by liking YouTube videos. Contact HR on WhatsApp wa.me/91{mob10} or Telegram @{tg}",
    "Join our Telegram channel for sure-shot stock tips: t.me/{tg}. Deposit in USDT to {tron} only.",
    "Your parcel from FedEx contains illegal items. Mumbai Cyber Crime officer will call you from {mob}. Pay verification fee to {upi}.",
    "I have your private video. Pay {amt} to {upi} within 24 hours or I send it to all your contacts. Insta pe @{tg} dekh lo.",
    "From: KYC Team <{email}>\nTo: victim@example.in\nSubject: Account suspended\n\nPlease verify at https://{host}/login?u={d4} within 24 hrs.",
    "Complainant states that on {date} at 10:45 he received a call from {mob} claiming to be from the bank. The caller asked for OTP and he shared it. Rs {amt} was debited in three transactions with UTR {rrn}, {rrn} and {rrn}. Beneficiary account {acc} IFSC {ifsc}.",
    "पीड़ित ने बताया कि दिनांक {date} को उसे एक कॉल आया, कॉल करने वाले ने खुद को पुलिस अधिकारी बताया और डिजिटल अरेस्ट की धमकी दी। पीड़ित ने डर के कारण {amt} रुपये खाता संख्या {acc} में भेज दिए। लेनदेन आईडी {rrn} है।",
    "Victim lost phone on {date}. IMEI 1: {imei} IMEI 2: {imei}. Last active number {mob}. FIR not yet lodged, advised to register on CEIR portal.",
    "Bhai mera paisa wapas dilwa do, maine {amt} bheja tha {upi} pe, ab wo number {mob} band aa raha hai. Screenshot attached, UPI transaction id {rrn}.",
    "Send BTC to {btc} or ETH to {eth} to unlock your trading account profits. Support: {email}",
    "The suspect used the website {host} and a fake customer care number {mob}. Domain registered 3 days ago. Also check hxxps://{host}[.]in/pay",
    "Investment group admin: +44 20 7946 {d4}, +971 50 123 {d4}. Group link https://chat.whatsapp.com/Abc{d4}Xyz. Profit 30% monthly guaranteed.",
    "Meeting at 11.30 am tomorrow regarding case review. Officers present: SI Sharma, HC Verma. Total 14 complaints pending, 3 closed this week. Next review on {date}.",
    "Victim is a 62 year old retired teacher living alone. She was told her Aadhaar was used in money laundering and she must stay on video call. She transferred her FD amount in two parts. Counselling provided and family informed.",
    "आज कुल 23 शिकायतें प्राप्त हुईं जिनमें से 9 यूपीआई धोखाधड़ी, 5 सोशल मीडिया हैकिंग और बाकी अन्य प्रकार की थीं। सभी शिकायतकर्ताओं को 1930 पर कॉल करने की सलाह दी गई।",
    "Caller said he is from Customs and asked to install an app from the link and share screen. The app was named support.apk and it read all SMS. After that, credit card ending 4321 was misused.",
    "Kal shaam ko ek message aaya tha ki lottery lagi hai 25 lakh ki, processing fee ke liye {amt} bhejo. Maine mana kar diya lekin mere papa ne bhej diye. Ab kya karein?",
];

/// A small deterministic generator (64-bit LCG), so every run sees the same text.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn digits(&mut self, n: usize, first: &[u8]) -> String {
        let mut s = String::with_capacity(n);
        s.push(char::from(first[(self.next() as usize) % first.len()]));
        for _ in 1..n {
            s.push(char::from(b'0' + (self.next() % 10) as u8));
        }
        s
    }

    fn word(&mut self, n: usize) -> String {
        (0..n).map(|_| char::from(b'a' + (self.next() % 26) as u8)).collect()
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() as usize) % xs.len()]
    }

    fn imei(&mut self) -> String {
        let body = self.digits(14, b"3");
        let mut sum = 0;
        for (i, d) in body.bytes().rev().enumerate() {
            let mut v = u32::from(d - b'0');
            if i % 2 == 0 {
                v *= 2;
                if v > 9 {
                    v -= 9;
                }
            }
            sum += v;
        }
        format!("{body}{}", (10 - sum % 10) % 10)
    }

    fn mobile(&mut self) -> String {
        let m = self.digits(10, b"6789");
        match self.next() % 4 {
            0 => format!("+91 {} {}", &m[..5], &m[5..]),
            1 => format!("0{m}"),
            _ => m,
        }
    }

    fn fill(&mut self, template: &str, out: &mut String) {
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else { break };
            let slot = &rest[open + 1..open + close];
            rest = &rest[open + close + 1..];
            let v = match slot {
                "d4" => self.digits(4, b"123456789"),
                "amt" => format!("{},{:03}", self.next() % 99 + 1, self.next() % 1000),
                "date" => format!("{:02}/{:02}/2026", self.next() % 28 + 1, self.next() % 12 + 1),
                "mob" => self.mobile(),
                "mob10" => self.digits(10, b"6789"),
                "upi" => {
                    let psp = self.pick(&["ybl", "okaxis", "paytm", "ibl", "axl", "oksbi"]);
                    format!("{}{}@{psp}", self.word(6), self.next() % 100)
                }
                "acc" => self.digits(12, b"123456789"),
                "rrn" => self.digits(12, b"3456"),
                "ifsc" => format!("{}0{}", self.pick(&["SBIN", "HDFC", "ICIC", "PUNB"]), self.digits(6, b"0")),
                "imei" => self.imei(),
                "tg" => format!("{}_{}", self.word(7), self.word(3)),
                "host" => format!(
                    "{}-{}.{}",
                    self.pick(&["sbi", "hdfc", "paytm", "kyc"]),
                    self.word(5),
                    self.pick(&["com", "in", "xyz", "top", "online"])
                ),
                "url" => format!(
                    "https://{}-{}.{}/{}",
                    self.pick(&["sbi", "bob", "pnb"]),
                    self.word(6),
                    self.pick(&["in", "xyz", "co.in", "site"]),
                    self.word(4)
                ),
                "email" => {
                    format!("{}.{}@{}.com", self.word(5), self.word(4), self.pick(&["gmail", "outlook", "sbi-help"]))
                }
                "tron" => "THK8A1s3Xh7qcDUEEAbBMecUpFVmDDeUDn".to_owned(),
                "btc" => "1Pjn3kFiV3kjZyDCHDPU52CKwwDk7vQGJs".to_owned(),
                "eth" => "0x9E545b33Db0124dCB84c27be25f036FfE5AA8ccf".to_owned(),
                _ => String::new(),
            };
            out.push_str(&v);
        }
        out.push_str(rest);
    }
}

/// This thread's CPU time in nanoseconds (Linux `/proc/thread-self/schedstat`).
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn main() {
    let mb: usize = std::env::var("SAHAYAK_BENCH_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(256);
    let target = mb << 20;
    let mut g = Gen(0x5eed_cafe);
    let mut docs = Vec::new();
    let mut total = 0;
    while total < target {
        // A case file: 5–30 messages and notes, like a complaint with its evidence.
        let mut doc = String::with_capacity(8 << 10);
        for _ in 0..(5 + g.next() % 26) {
            let t = TEMPLATES[(g.next() as usize) % TEMPLATES.len()];
            g.fill(t, &mut doc);
            doc.push('\n');
        }
        total += doc.len();
        docs.push(doc);
    }
    println!("corpus: {} documents, {:.1} MB", docs.len(), total as f64 / 1048576.0);

    // Warm up (first use parses the data lists).
    for d in docs.iter().take(100) {
        black_box(extract(d));
    }
    let started = Instant::now();
    let cpu_started = thread_cpu_ns();
    let mut found = 0usize;
    let mut by_kind = [0usize; IdKind::ALL.len()];
    for d in &docs {
        let ids = extract(black_box(d));
        found += ids.len();
        for f in &ids {
            by_kind[f.kind as usize] += 1;
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let mb = total as f64 / 1048576.0;
    println!("extract: {secs:.2} s, {:.1} MB/s (wall clock), {found} identifiers found", mb / secs);
    // On a shared machine the wall clock also counts time spent waiting for a core;
    // the thread's own CPU time is the single-core figure.
    if let (Some(a), Some(b)) = (cpu_started, thread_cpu_ns()) {
        let cpu = (b - a) as f64 / 1e9;
        println!("extract: {cpu:.2} s of CPU, {:.1} MB/s per core (CPU time)", mb / cpu);
    }
    for (kind, n) in IdKind::ALL.iter().zip(by_kind) {
        println!("  {:<12} {n}", kind.as_str());
    }
}
