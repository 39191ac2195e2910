//! A tiny SVG writer. Every piece of caller text goes through [`esc`], every coordinate
//! through [`num`], so the output can contain neither markup from labels nor `NaN`.

use std::fmt::Write;

use crate::Meta;

/// The system font stack; the app ships no web fonts.
pub(crate) const FONT: &str = "system-ui, sans-serif";
/// Body text colour (contrast 17:1 on white).
pub(crate) const INK: &str = "#1a1a1a";
/// Secondary text colour (contrast 7.5:1 on white), for tick labels and notes.
pub(crate) const MUTED: &str = "#555555";
/// Grid lines: light enough not to compete with data.
pub(crate) const GRID: &str = "#e3e3e3";
/// Axis base lines.
pub(crate) const AXIS: &str = "#8a8a8a";
/// Base font size in user units.
pub(crate) const FONT_SIZE: f64 = 12.0;

/// XML-escapes caller text. Characters that XML 1.0 forbids (most C0 controls) are dropped
/// and line breaks become spaces, because SVG `<text>` would not render them anyway.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in plain(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Caller text without the characters XML 1.0 forbids, line breaks as spaces; for text that
/// is escaped afterwards.
pub(crate) fn plain(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => None,
            c => Some(c),
        })
        .collect()
}

/// Formats a coordinate with at most one decimal. Non-finite values become 0 and the range
/// is clamped so that a degenerate scale can never print `NaN`, `inf` or 300-digit numbers.
pub(crate) fn num(x: f64) -> String {
    if !x.is_finite() {
        return "0".to_string();
    }
    let r = ((x.clamp(-1e6, 1e6)) * 10.0).round() / 10.0;
    if r == 0.0 {
        "0".to_string()
    } else if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// Clamps `x` into `[lo, hi]` without `f64::clamp`'s panic when a computed bound ends up
/// above the other (text wider than the chart); then the middle of the two is returned.
pub(crate) fn fit(x: f64, lo: f64, hi: f64) -> f64 {
    if lo <= hi {
        x.max(lo).min(hi)
    } else {
        (lo + hi) / 2.0
    }
}

/// Shortens `s` to at most `max_chars` characters, ending in `…` when cut.
pub(crate) fn truncate(s: &str, max_chars: usize) -> String {
    let n = s.chars().count();
    if n <= max_chars {
        return s.to_string();
    }
    if max_chars == 0 {
        return String::new();
    }
    let mut out: String = s.chars().take(max_chars - 1).collect();
    out.push('…');
    out
}

/// Average glyph width in em, see [`text_width`].
pub(crate) const GLYPH: f64 = 0.56;

/// Estimated rendered width of `s`. There is no font measurement (the output must be the same
/// natively and in wasm), so this uses an average glyph width of 0.56 em, slightly above DejaVu Sans (the widest
/// common fallback for `system-ui`), so estimates err towards cutting, not overlapping.
pub(crate) fn text_width(s: &str, size: f64) -> f64 {
    s.chars().count() as f64 * size * GLYPH
}

/// How many characters fit into `width` at `size` (at least 1).
pub(crate) fn chars_fitting(width: f64, size: f64) -> usize {
    let n = (width / (size * GLYPH)).floor();
    if n.is_finite() && n >= 1.0 {
        n.min(1000.0) as usize
    } else {
        1
    }
}

/// Keeps only characters that are safe in an XML id; empty input becomes `chart`.
pub(crate) fn safe_id(id: &str) -> String {
    let s: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(64)
        .collect();
    match s.chars().next() {
        None => "chart".to_string(),
        // An id must not start with a digit or hyphen to be a valid XML name.
        Some(c) if !c.is_ascii_alphabetic() && c != '_' => format!("c{s}"),
        Some(_) => s,
    }
}

/// Text placement along the x axis.
#[derive(Clone, Copy)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn attr(self) -> &'static str {
        match self {
            Anchor::Start => "",
            Anchor::Middle => " text-anchor=\"middle\"",
            Anchor::End => " text-anchor=\"end\"",
        }
    }
}

/// An SVG document under construction. Writing into a `String` cannot fail, so the
/// `fmt::Result`s are deliberately ignored.
pub(crate) struct Svg {
    out: String,
}

impl Svg {
    /// Opens the root element with size, viewBox, role, accessible name and description.
    pub(crate) fn new(meta: &Meta, width: f64, height: f64) -> Svg {
        Svg::with_background(meta, width, height, Some("#ffffff"))
    }

    /// Like [`Svg::new`]; `None` leaves the background transparent (sparklines on tiles).
    pub(crate) fn with_background(meta: &Meta, width: f64, height: f64, fill: Option<&str>) -> Svg {
        let mut out = open_tag(meta, width, height);
        if let Some(fill) = fill {
            let (w, h) = (num(width), num(height));
            let _ = writeln!(out, "<rect width=\"{w}\" height=\"{h}\" fill=\"{fill}\"/>");
        }
        Svg { out }
    }
}

/// The root element with size, viewBox, role, accessible name and description.
fn open_tag(meta: &Meta, width: f64, height: f64) -> String {
    let id = safe_id(&meta.id);
    let (w, h) = (num(width), num(height));
    let mut out = String::with_capacity(4096);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
             viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
             font-family=\"{FONT}\" font-size=\"{fs}\">\n\
             <title id=\"{id}-title\">{title}</title>\n\
             <desc id=\"{id}-desc\">{desc}</desc>\n",
        fs = num(FONT_SIZE),
        title = esc(&meta.title),
        desc = esc(&meta.desc),
    );
    out
}

impl Svg {
    /// A rectangle; negative sizes are normalised so that downward bars still render.
    pub(crate) fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, attrs: &str) {
        let (x, w) = if w < 0.0 { (x + w, -w) } else { (x, w) };
        let (y, h) = if h < 0.0 { (y + h, -h) } else { (y, h) };
        let _ = writeln!(
            self.out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {attrs}/>",
            num(x),
            num(y),
            num(w),
            num(h)
        );
    }

    /// A straight line.
    pub(crate) fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, attrs: &str) {
        let _ = writeln!(
            self.out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" {attrs}/>",
            num(x1),
            num(y1),
            num(x2),
            num(y2)
        );
    }

    /// A circle.
    pub(crate) fn circle(&mut self, cx: f64, cy: f64, r: f64, attrs: &str) {
        let _ = writeln!(
            self.out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" {attrs}/>",
            num(cx),
            num(cy),
            num(r)
        );
    }

    /// A path through `points` (`M` then `L`s); closed with `Z` when `close`.
    pub(crate) fn path(&mut self, points: &[(f64, f64)], close: bool, attrs: &str) {
        if points.is_empty() {
            return;
        }
        let mut d = String::new();
        for (i, (x, y)) in points.iter().enumerate() {
            let _ = write!(d, "{}{},{}", if i == 0 { "M" } else { " L" }, num(*x), num(*y));
        }
        if close {
            d.push_str(" Z");
        }
        let _ = writeln!(self.out, "<path d=\"{d}\" {attrs}/>");
    }

    /// Caller text at (x, y) on the baseline; escaped here.
    pub(crate) fn text(&mut self, x: f64, y: f64, s: &str, anchor: Anchor, attrs: &str) {
        let _ = writeln!(
            self.out,
            "<text x=\"{}\" y=\"{}\"{} {attrs}>{}</text>",
            num(x),
            num(y),
            anchor.attr(),
            esc(s)
        );
    }

    /// Caller text rotated by -90° around (x, y), for vertical axis titles.
    pub(crate) fn text_vertical(&mut self, x: f64, y: f64, s: &str, attrs: &str) {
        let (x, y) = (num(x), num(y));
        let _ = writeln!(
            self.out,
            "<text x=\"{x}\" y=\"{y}\" text-anchor=\"middle\" transform=\"rotate(-90 {x} {y})\" \
             {attrs}>{}</text>",
            esc(s)
        );
    }

    /// Closes the root element.
    pub(crate) fn finish(mut self) -> String {
        self.out.push_str("</svg>\n");
        self.out
    }
}

/// Picks black or white text for a given fill, whichever has the higher WCAG contrast.
pub(crate) fn ink_on(hex: &str) -> &'static str {
    let lum = luminance(hex);
    // Contrast with white is 1.05 / (L + 0.05), with black (L + 0.05) / 0.05.
    if 1.05 / (lum + 0.05) >= (lum + 0.05) / 0.05 {
        "#ffffff"
    } else {
        INK
    }
}

/// Relative luminance of a `#rrggbb` colour (WCAG 2 definition); 1.0 for anything malformed.
pub(crate) fn luminance(hex: &str) -> f64 {
    let h = hex.trim_start_matches('#');
    let channel = |i: usize| -> f64 {
        let v = h.get(i..i + 2).and_then(|s| u8::from_str_radix(s, 16).ok()).unwrap_or(255);
        let c = f64::from(v) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    if h.len() != 6 {
        return 1.0;
    }
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

/// Linear blend of two `#rrggbb` colours, `t` in 0..=1.
pub(crate) fn mix(a: &str, b: &str, t: f64) -> String {
    let t = if t.is_finite() { t.clamp(0.0, 1.0) } else { 0.0 };
    let parse = |hex: &str, i: usize| -> f64 {
        let h = hex.trim_start_matches('#');
        f64::from(h.get(i..i + 2).and_then(|s| u8::from_str_radix(s, 16).ok()).unwrap_or(255))
    };
    let mut out = String::from("#");
    for i in [0, 2, 4] {
        let v = parse(a, i) + (parse(b, i) - parse(a, i)) * t;
        let _ = write!(out, "{:02x}", v.round().clamp(0.0, 255.0) as u8);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_all_five_and_drops_controls() {
        assert_eq!(esc("<script>&\"'"), "&lt;script&gt;&amp;&quot;&apos;");
        assert_eq!(esc("a\u{0}b\nc"), "ab c");
    }

    #[test]
    fn num_never_prints_nan_or_minus_zero() {
        let cases = [
            (f64::NAN, "0"),
            (f64::INFINITY, "0"),
            (-0.04, "0"),
            (12.0, "12"),
            (12.25, "12.3"),
            (-3.5, "-3.5"),
            (1e300, "1000000"),
        ];
        for (x, want) in cases {
            assert_eq!(num(x), want, "num({x})");
        }
    }

    #[test]
    fn truncates_with_ellipsis() {
        assert_eq!(truncate("Kundenbindung", 6), "Kunde…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn ids_are_xml_names() {
        assert_eq!(safe_id(""), "chart");
        assert_eq!(safe_id("1a b\"<"), "c1ab");
        assert_eq!(safe_id("mrr-chart"), "mrr-chart");
    }

    #[test]
    fn ink_picks_readable_text() {
        assert_eq!(ink_on("#0072B2"), "#ffffff");
        assert_eq!(ink_on("#F0E442"), INK);
        assert_eq!(mix("#000000", "#ffffff", 0.5), "#808080");
    }
}
