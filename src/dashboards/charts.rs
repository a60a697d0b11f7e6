//! Charts drawn on the server as SVG: the geometry is worked out here, the markup is written
//! by the template (`dashboard/chart.html`), escaped like any other text. Each chart carries
//! the table of its data, which the page prints beneath it.

/// A bar (or a part of a stacked bar).
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    /// `s0`…`s7`: the series' colour.
    pub class: String,
    /// Shown on hover: what the bar stands for and its value.
    pub tip: String,
}

pub struct Text {
    pub x: f64,
    pub y: f64,
    pub text: String,
    /// `start`, `middle` or `end`.
    pub anchor: &'static str,
}

pub struct Line {
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
}

pub struct LegendItem {
    pub class: String,
    pub label: String,
}

/// The data behind a chart. Each row starts with its header cell.
pub struct Table {
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

pub struct Chart {
    /// Unique on the page (for `aria-labelledby`).
    pub id: &'static str,
    pub title: String,
    /// One sentence saying what the chart shows, read by screen readers.
    pub summary: String,
    pub width: f64,
    pub height: f64,
    pub rects: Vec<Rect>,
    pub texts: Vec<Text>,
    pub lines: Vec<Line>,
    pub legend: Vec<LegendItem>,
    pub table: Table,
    /// How the figure is defined, when that is not obvious.
    pub note: Option<String>,
}

/// Series beyond this many are drawn together as "others" (the table keeps them apart).
pub const MAX_SERIES: usize = 7;

/// The drawing's width in SVG units; it scales to the column (about 430 px on a desk PC).
const WIDTH: f64 = 480.0;

/// A round number at or above `max`, for the top of an axis.
fn nice_max(max: i64) -> i64 {
    if max <= 5 {
        return 5.max(max);
    }
    let magnitude = 10_i64.pow((max as f64).log10().floor() as u32);
    for step in [1, 2, 5, 10] {
        if step * magnitude >= max {
            return step * magnitude;
        }
    }
    10 * magnitude
}

fn fmt(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// Cuts a label that would not fit beside a bar.
fn short(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_owned()
    } else {
        let cut: String = label.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

impl Chart {
    fn new(id: &'static str, title: String, summary: String, table: Table) -> Chart {
        Chart {
            id,
            title,
            summary,
            width: WIDTH,
            height: 0.0,
            rects: Vec::new(),
            texts: Vec::new(),
            lines: Vec::new(),
            legend: Vec::new(),
            table,
            note: None,
        }
    }

    pub fn with_note(mut self, note: String) -> Chart {
        self.note = Some(note);
        self
    }

    /// Columns, one per x label, each stacked from the series (bottom to top, in order).
    pub fn columns(
        id: &'static str,
        title: String,
        summary: String,
        x_labels: &[String],
        series: &[(String, Vec<i64>)],
        table: Table,
    ) -> Chart {
        let mut c = Chart::new(id, title, summary, table);
        let (left, right, top, bottom) = (44.0, 8.0, 10.0, 30.0);
        let plot_h = 180.0;
        c.height = top + plot_h + bottom;
        let n = x_labels.len().max(1);
        let stacks: Vec<i64> =
            (0..n).map(|i| series.iter().map(|(_, v)| v.get(i).copied().unwrap_or(0)).sum()).collect();
        let max = nice_max(stacks.iter().copied().max().unwrap_or(0));
        let slot = (WIDTH - left - right) / n as f64;
        let bar = (slot * 0.7).min(40.0);
        let y_of = |v: i64| top + plot_h - plot_h * v as f64 / max as f64;
        for tick in [0, max / 2, max] {
            let y = fmt(y_of(tick));
            c.lines.push(Line { x1: left, y1: y, x2: WIDTH - right, y2: y });
            c.texts.push(Text { x: left - 6.0, y: y + 4.0, text: tick.to_string(), anchor: "end" });
        }
        // Month labels (`2026-03`) need about 55 units each.
        let every = n.div_ceil(((WIDTH - left - right) / 55.0) as usize);
        for (i, label) in x_labels.iter().enumerate() {
            let x = left + slot * i as f64 + (slot - bar) / 2.0;
            let mut base = 0;
            for (s, (name, values)) in series.iter().enumerate() {
                let v = values.get(i).copied().unwrap_or(0);
                if v == 0 {
                    continue;
                }
                let (y0, y1) = (y_of(base), y_of(base + v));
                c.rects.push(Rect {
                    x: fmt(x),
                    y: fmt(y1),
                    w: fmt(bar),
                    h: fmt(y0 - y1),
                    class: format!("s{}", s.min(MAX_SERIES)),
                    tip: format!("{label} · {name}: {v}"),
                });
                base += v;
            }
            if i % every == 0 {
                c.texts.push(Text {
                    x: fmt(x + bar / 2.0),
                    y: top + plot_h + 16.0,
                    text: label.clone(),
                    anchor: "middle",
                });
            }
        }
        if series.len() > 1 {
            c.legend = series
                .iter()
                .enumerate()
                .map(|(s, (name, _))| LegendItem { class: format!("s{}", s.min(MAX_SERIES)), label: name.clone() })
                .collect();
        }
        c
    }

    /// Horizontal bars, one per item: its label, the bar, and the value as written.
    pub fn bars(
        id: &'static str,
        title: String,
        summary: String,
        items: &[(String, i64, String)],
        table: Table,
    ) -> Chart {
        let mut c = Chart::new(id, title, summary, table);
        let (label_w, value_w, row) = (170.0, 100.0, 28.0);
        c.height = (row * items.len().max(1) as f64 + 8.0).max(40.0);
        let max = items.iter().map(|i| i.1).max().unwrap_or(0).max(1);
        let plot_w = WIDTH - label_w - value_w;
        for (i, (label, value, shown)) in items.iter().enumerate() {
            let y = 4.0 + row * i as f64;
            let w = plot_w * (*value).max(0) as f64 / max as f64;
            c.texts.push(Text { x: label_w - 8.0, y: y + 17.0, text: short(label, 22), anchor: "end" });
            c.rects.push(Rect {
                x: label_w,
                y: fmt(y + 3.0),
                w: fmt(w.max(if *value > 0 { 1.0 } else { 0.0 })),
                h: row - 8.0,
                class: format!("s{}", i.min(MAX_SERIES)),
                tip: format!("{label}: {shown}"),
            });
            c.texts.push(Text { x: fmt(label_w + w + 6.0), y: y + 17.0, text: shown.clone(), anchor: "start" });
        }
        c.lines.push(Line { x1: label_w, y1: 0.0, x2: label_w, y2: c.height });
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table { head: vec![], rows: vec![] }
    }

    #[test]
    fn axis_tops_are_round() {
        assert_eq!(nice_max(0), 5);
        assert_eq!(nice_max(7), 10);
        assert_eq!(nice_max(11), 20);
        assert_eq!(nice_max(480), 500);
        assert_eq!(nice_max(1000), 1000);
        assert_eq!(nice_max(1001), 2000);
    }

    #[test]
    fn stacked_columns_reach_the_total() {
        let labels = vec!["a".to_owned(), "b".to_owned()];
        let series = vec![("x".to_owned(), vec![2, 0]), ("y".to_owned(), vec![3, 10])];
        let c = Chart::columns("t", "T".into(), "S".into(), &labels, &series, table());
        // Column b is the tallest (10 of an axis of 10): its bar fills the plot.
        let b: Vec<&Rect> = c.rects.iter().filter(|r| r.tip.starts_with("b ")).collect();
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].h, 180.0);
        // Column a: 2 + 3 of 10 is half the plot, drawn as two parts.
        let a: f64 = c.rects.iter().filter(|r| r.tip.starts_with("a ")).map(|r| r.h).sum();
        assert_eq!(a, 90.0);
        assert_eq!(c.legend.len(), 2);
    }

    #[test]
    fn long_labels_are_cut() {
        assert_eq!(short("Online and Social Media Related Crime", 12), "Online and…");
        assert_eq!(short("UPI", 12), "UPI");
    }
}
