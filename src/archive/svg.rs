//! Small SVG charts drawn as text, for the HTML report. They stay readable
//! in print and in black and white: series differ by pattern (solid,
//! hatched, dotted), not only by colour, and every chart carries a title
//! and a description for screen readers. All text is escaped.

use std::fmt::Write;

/// Escapes text for HTML and SVG content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// How a series is filled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fill {
    Solid,
    Hatched,
    Dotted,
    Light,
}

pub struct Series<'a> {
    pub name: &'a str,
    pub fill: Fill,
}

const WIDTH: f64 = 880.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;

fn defs(out: &mut String, id: &str) {
    let _ = write!(
        out,
        r##"<defs><pattern id="{id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#333" stroke-width="2.5"/></pattern><pattern id="{id}-dots" width="5" height="5" patternUnits="userSpaceOnUse"><rect width="5" height="5" fill="#fff"/><circle cx="2.5" cy="2.5" r="1.2" fill="#333"/></pattern></defs>"##
    );
}

fn fill_attr(id: &str, fill: Fill) -> String {
    match fill {
        Fill::Solid => r##"fill="#2b2b2b""##.to_string(),
        Fill::Hatched => format!(r##"fill="url(#{id}-hatch)" stroke="#333" stroke-width="0.5""##),
        Fill::Dotted => format!(r##"fill="url(#{id}-dots)" stroke="#333" stroke-width="0.5""##),
        Fill::Light => r##"fill="#d9d9d9""##.to_string(),
    }
}

fn open(out: &mut String, id: &str, height: f64, title: &str, desc: &str) {
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-labelledby="{id}-title {id}-desc" font-family="sans-serif" font-size="11"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(title),
        escape(desc)
    );
    defs(out, id);
}

fn legend(out: &mut String, id: &str, series: &[Series<'_>], y: f64) {
    let mut x = LEFT;
    for s in series {
        let _ = write!(
            out,
            r#"<rect x="{x}" y="{}" width="14" height="10" {}/><text x="{}" y="{y}">{}</text>"#,
            y - 9.0,
            fill_attr(id, s.fill),
            x + 18.0,
            escape(s.name)
        );
        x += 26.0 + 7.0 * s.name.chars().count() as f64;
    }
}

/// A "nice" upper bound for an axis: 1, 2 or 5 times a power of ten.
fn nice_max(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(max.log10().floor());
    for step in [1.0, 2.0, 5.0, 10.0] {
        if step * magnitude >= max {
            return step * magnitude;
        }
    }
    10.0 * magnitude
}

fn y_axis(
    out: &mut String,
    max: f64,
    plot_top: f64,
    plot_height: f64,
    format: &dyn Fn(f64) -> String,
) {
    for tick in 0..=4 {
        let value = max * tick as f64 / 4.0;
        let y = plot_top + plot_height - plot_height * tick as f64 / 4.0;
        let _ = write!(
            out,
            r##"<line x1="{LEFT}" y1="{y:.1}" x2="{}" y2="{y:.1}" stroke="#bbb" stroke-width="0.5"/><text x="{}" y="{:.1}" text-anchor="end">{}</text>"##,
            WIDTH - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            escape(&format(value))
        );
    }
}

fn x_labels(out: &mut String, labels: &[String], plot_bottom: f64, slot: f64) {
    let every = labels.len().div_ceil(14).max(1);
    for (i, label) in labels.iter().enumerate() {
        if i % every != 0 {
            continue;
        }
        let x = LEFT + slot * (i as f64 + 0.5);
        let _ = write!(
            out,
            r#"<text x="{x:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            plot_bottom + 14.0,
            escape(label)
        );
    }
}

/// Stacked bars, one per label; `values[i][s]` is series `s` at label `i`.
pub fn stacked_bars(
    id: &str,
    title: &str,
    desc: &str,
    labels: &[String],
    series: &[Series<'_>],
    values: &[Vec<u64>],
    format: &dyn Fn(f64) -> String,
) -> String {
    let height = 280.0;
    let plot_top = TOP + 14.0;
    let plot_bottom = height - 40.0;
    let plot_height = plot_bottom - plot_top;
    let mut out = String::new();
    open(&mut out, id, height, title, desc);
    legend(&mut out, id, series, TOP + 4.0);
    let max = nice_max(
        values
            .iter()
            .map(|v| v.iter().sum::<u64>())
            .max()
            .unwrap_or(0) as f64,
    );
    y_axis(&mut out, max, plot_top, plot_height, format);
    let slot = (WIDTH - LEFT - RIGHT) / labels.len().max(1) as f64;
    let bar = (slot * 0.8).max(1.0);
    for (i, stack) in values.iter().enumerate() {
        let x = LEFT + slot * i as f64 + (slot - bar) / 2.0;
        let mut y = plot_bottom;
        for (s, value) in stack.iter().enumerate() {
            if *value == 0 {
                continue;
            }
            let h = plot_height * *value as f64 / max;
            y -= h;
            let _ = write!(
                out,
                r#"<rect x="{x:.1}" y="{y:.1}" width="{bar:.1}" height="{h:.1}" {}><title>{} — {} : {}</title></rect>"#,
                fill_attr(id, series.get(s).map_or(Fill::Solid, |s| s.fill)),
                escape(&labels[i]),
                escape(series.get(s).map_or("", |s| s.name)),
                value
            );
        }
    }
    let _ = write!(
        out,
        r##"<line x1="{LEFT}" y1="{plot_bottom}" x2="{}" y2="{plot_bottom}" stroke="#000"/>"##,
        WIDTH - RIGHT
    );
    x_labels(&mut out, labels, plot_bottom, slot);
    out.push_str("</svg>");
    out
}

/// Horizontal bars with their label and value: for rankings.
pub fn ranking(id: &str, title: &str, desc: &str, items: &[(String, u64)]) -> String {
    let row = 22.0;
    let label_width = 200.0;
    let height = TOP * 2.0 + row * items.len().max(1) as f64;
    let mut out = String::new();
    open(&mut out, id, height, title, desc);
    let max = items.iter().map(|i| i.1).max().unwrap_or(1).max(1) as f64;
    let span = WIDTH - label_width - RIGHT - 60.0;
    for (i, (label, value)) in items.iter().enumerate() {
        let y = TOP + row * i as f64;
        let w = span * *value as f64 / max;
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text><rect x="{label_width}" y="{y:.1}" width="{w:.1}" height="{:.1}" {}/><text x="{:.1}" y="{:.1}">{value}</text>"#,
            label_width - 8.0,
            y + 14.0,
            escape(label),
            row - 6.0,
            fill_attr(
                id,
                if i % 2 == 0 {
                    Fill::Solid
                } else {
                    Fill::Hatched
                }
            ),
            label_width + w + 6.0,
            y + 14.0
        );
    }
    out.push_str("</svg>");
    out
}

/// A band on the time axis (a pre-election window): from slot `from` to
/// slot `to` (both included), with its name.
pub struct Band {
    pub from: usize,
    pub to: usize,
    pub name: String,
}

/// Bars over time with shaded bands behind them.
pub fn timeline(
    id: &str,
    title: &str,
    desc: &str,
    labels: &[String],
    values: &[u64],
    bands: &[Band],
    // Legend: the name of the bars, then the name of the bands.
    [series_name, band_name]: [&str; 2],
) -> String {
    let height = 260.0;
    let plot_top = TOP + 34.0;
    let plot_bottom = height - 40.0;
    let plot_height = plot_bottom - plot_top;
    let mut out = String::new();
    open(&mut out, id, height, title, desc);
    legend(
        &mut out,
        id,
        &[
            Series {
                name: series_name,
                fill: Fill::Solid,
            },
            Series {
                name: band_name,
                fill: Fill::Hatched,
            },
        ],
        TOP + 4.0,
    );
    let slot = (WIDTH - LEFT - RIGHT) / labels.len().max(1) as f64;
    for (b, band) in bands.iter().enumerate() {
        let x = LEFT + slot * band.from as f64;
        let w = slot * (band.to + 1 - band.from) as f64;
        let _ = write!(
            out,
            r##"<rect x="{x:.1}" y="{plot_top:.1}" width="{w:.1}" height="{plot_height:.1}" {} opacity="0.45"/><text x="{:.1}" y="{:.1}" font-weight="bold">{}</text>"##,
            fill_attr(id, Fill::Hatched),
            x + 3.0,
            plot_top - 4.0 - 12.0 * (b % 2) as f64,
            escape(&band.name)
        );
    }
    let max = nice_max(values.iter().copied().max().unwrap_or(0) as f64);
    y_axis(&mut out, max, plot_top, plot_height, &|v| format!("{v:.0}"));
    let bar = (slot * 0.7).max(1.0);
    for (i, value) in values.iter().enumerate() {
        if *value == 0 {
            continue;
        }
        let h = plot_height * *value as f64 / max;
        let x = LEFT + slot * i as f64 + (slot - bar) / 2.0;
        let _ = write!(
            out,
            r##"<rect x="{x:.1}" y="{:.1}" width="{bar:.1}" height="{h:.1}" fill="#000"><title>{} : {value}</title></rect>"##,
            plot_bottom - h,
            escape(&labels[i])
        );
    }
    let _ = write!(
        out,
        r##"<line x1="{LEFT}" y1="{plot_bottom}" x2="{}" y2="{plot_bottom}" stroke="#000"/>"##,
        WIDTH - RIGHT
    );
    x_labels(&mut out, labels, plot_bottom, slot);
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_everywhere() {
        let svg = ranking("t", "<b>", "\"x\"", &[("#<script>".into(), 3)]);
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("#&lt;script&gt;"));
        assert!(svg.contains("<title id=\"t-title\">&lt;b&gt;</title>"));
    }

    #[test]
    fn nice_axis_bounds() {
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(nice_max(7.0), 10.0);
        assert_eq!(nice_max(130.0), 200.0);
        assert_eq!(nice_max(400.0), 500.0);
    }
}
