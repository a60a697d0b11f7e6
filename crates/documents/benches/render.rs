//! Warm render time of each document, PDF bytes out: `cargo bench -p sahayak-documents`.
//!
//! Each kind is rendered once to warm the shared world and typst's caches, then `RUNS` times
//! with the same data ("same": typst's memoisation answers most of the layout), and `RUNS`
//! times with a different narrative each time ("changed": as for another case's papers).
//! Median and 95th percentile in milliseconds, in Hindi and in English.

use std::time::Instant;

use sahayak_documents::{Kind, Lang, pdf, sample, warm_up};

const RUNS: usize = 200;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

/// Milliseconds of each of `RUNS` renders of `make(i)`, sorted (making the data is not timed).
fn timed(make: impl Fn(usize) -> sahayak_documents::Document) -> Vec<f64> {
    let mut times: Vec<f64> = (0..RUNS)
        .map(|i| {
            let doc = make(i);
            let t = Instant::now();
            std::hint::black_box(pdf(std::hint::black_box(&doc)).expect("renders"));
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    times
}

fn main() {
    let start = Instant::now();
    warm_up();
    println!("shared world (fonts, templates): {:.1} ms", start.elapsed().as_secs_f64() * 1000.0);
    println!(
        "{:<20} {:>4} {:>9} {:>12} {:>10} {:>15} {:>13} {:>7}",
        "document", "lang", "first ms", "same med ms", "same p95", "changed med ms", "changed p95", "PDF KB"
    );
    for kind in Kind::ALL {
        for lang in [Lang::Hi, Lang::En] {
            let doc = sample::document(kind, lang);
            let first = Instant::now();
            let bytes = pdf(&doc).expect("renders");
            let first = first.elapsed().as_secs_f64() * 1000.0;
            let same = timed(|_| doc.clone());
            let changed = timed(|i| {
                let mut d = doc.clone();
                d.facts.incident.narrative = Some(format!("{} ({i})", d.facts.incident.narrative.unwrap_or_default()));
                d
            });
            println!(
                "{:<20} {:>4} {:>9.1} {:>12.2} {:>10.2} {:>15.2} {:>13.2} {:>7}",
                kind.code(),
                format!("{lang:?}").to_lowercase(),
                first,
                percentile(&same, 0.5),
                percentile(&same, 0.95),
                percentile(&changed, 0.5),
                percentile(&changed, 0.95),
                bytes.len() / 1024
            );
        }
    }
}
