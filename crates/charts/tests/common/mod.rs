//! Shared fixtures: German-style formatters that refuse non-finite input, one realistic
//! spec per chart, the edge cases per chart kind, and a structural SVG checker.
#![allow(dead_code)]

use charts::*;

/// Formats like the app does for German: dot thousands, comma decimals. Panics on NaN/∞,
/// which proves that the charts never hand missing values to a caller's formatter.
pub fn de(v: f64, decimals: usize) -> String {
    assert!(v.is_finite(), "formatter received {v}");
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign =
        if v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') { "−" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}
pub fn eur(v: f64) -> String {
    format!("{} €", de(v, 0))
}
pub fn count(v: f64) -> String {
    de(v, 0)
}
pub fn pct(v: f64) -> String {
    format!("{} %", de(v * 100.0, 0))
}
pub fn ratio(v: f64) -> String {
    de(v, 1)
}

pub fn meta(id: &str, title: &str) -> Meta {
    Meta::new(id, title, format!("{title}: Zusammenfassung in einem Satz."), "Keine Daten")
}

pub fn months(n: usize) -> Vec<String> {
    const M: [&str; 12] =
        ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"];
    (0..n).map(|i| format!("{} {}", M[i % 12], 24 + i / 12)).collect()
}

pub fn velocity_sample() -> velocity::VelocitySpec {
    velocity::VelocitySpec {
        meta: meta("velocity", "Erwarteter Umsatz im Verkaufszyklus"),
        opportunities: 100.0,
        deal_value: 3000.0,
        win_rate: 0.2,
        cycle_days: 30,
        x_label: "Tag".into(),
        y_label: "Erwarteter Umsatz".into(),
    }
}

pub fn nps_sample() -> nps_bar::NpsBarSpec {
    nps_bar::NpsBarSpec {
        meta: meta("nps", "NPS-Verteilung"),
        detractors: 24.0,
        passives: 41.0,
        promoters: 85.0,
        labels: ["Kritiker".into(), "Passive".into(), "Promotoren".into()],
        category_header: "Gruppe".into(),
        count_header: "Anzahl".into(),
        share_header: "Anteil".into(),
    }
}

pub fn bands_sample() -> bands::BandsSpec {
    let band = |from: f64, to: f64, label: &str, colour: Colour| bands::Band {
        from,
        to,
        label: label.into(),
        colour,
    };
    bands::BandsSpec {
        meta: meta("clv-cac", "CLV:CAC"),
        value: 2.4,
        bands: vec![
            band(0.0, 1.0, "Verlust", Colour::Vermillion),
            band(1.0, 2.0, "kritisch", Colour::Orange),
            band(2.0, 3.0, "knapp", Colour::Yellow),
            band(3.0, 5.0, "gesund", Colour::BluishGreen),
        ],
        value_label: "CLV:CAC".into(),
        band_header: "Bereich".into(),
        range_header: "Von – bis".into(),
    }
}

pub fn remaining_sample() -> remaining::RemainingSpec {
    remaining::RemainingSpec {
        meta: meta("remaining", "Verbleibende Kunden bei 3 % Abwanderung"),
        customers: 1000.0,
        monthly_churn: 0.03,
        months: 12,
        x_label: "Monat".into(),
        y_label: "Kunden".into(),
    }
}

pub fn payback_sample() -> payback::PaybackSpec {
    payback::PaybackSpec {
        meta: meta("payback", "CAC-Amortisation"),
        cac: 1200.0,
        monthly_margin: 150.0,
        months: 18,
        x_label: "Monat".into(),
        y_label: "Betrag".into(),
        margin_label: "Kumulierte Marge".into(),
        cac_label: "CAC".into(),
        crossing_label: "Amortisiert nach 8 Monaten".into(),
    }
}

pub fn funnel_sample() -> funnel::FunnelSpec {
    let step = |label: &str, count: f64| funnel::Step { label: label.into(), count };
    funnel::FunnelSpec {
        meta: meta("funnel", "Conversion-Trichter"),
        steps: vec![
            step("Besuche", 12000.0),
            step("Testkonto", 1800.0),
            step("Aktiviert", 950.0),
            step("Bezahlt", 310.0),
        ],
        step_header: "Schritt".into(),
        count_header: "Anzahl".into(),
        drop_header: "Abbruch".into(),
    }
}

pub fn waterfall_sample() -> waterfall::WaterfallSpec {
    let step = |label: &str, delta: f64| waterfall::Step { label: label.into(), delta };
    waterfall::WaterfallSpec {
        meta: meta("mrr-bridge", "MRR-Bewegungen im März"),
        start_label: "Start".into(),
        start: 48000.0,
        steps: vec![
            step("Neu", 6200.0),
            step("Reaktivierung", 800.0),
            step("Erweiterung", 2100.0),
            step("Reduktion", -1300.0),
            step("Abwanderung", -3900.0),
        ],
        end_label: "Ende".into(),
        x_label: "Bewegung".into(),
        y_label: "MRR".into(),
        total_label: "Stand".into(),
    }
}

pub fn lines_sample() -> lines::LinesSpec {
    lines::LinesSpec {
        meta: meta("frt", "Erste Antwortzeit"),
        x_labels: months(12),
        series: vec![
            lines::Series {
                name: "Median".into(),
                values: vec![3.2, 2.9, 3.1, 2.7, 2.8, 2.6, 2.5, 6.8, 2.7, 2.4, 2.3, 2.2],
                flagged: vec![7],
                colour: None,
            },
            lines::Series {
                name: "90. Perzentil".into(),
                values: vec![9.5, 8.8, 9.1, 8.2, 8.6, 7.9, 7.5, 14.2, 7.8, 7.1, 6.9, 6.5],
                flagged: vec![7],
                colour: None,
            },
        ],
        x_label: "Monat".into(),
        y_label: "Stunden".into(),
        flag_label: "Auffällig".into(),
    }
}

/// MRR by plan: the total and five plans and the rest, which add up to the total each month.
pub fn segment_lines_sample() -> lines::LinesSpec {
    let plans: [(&str, [f64; 6]); 6] = [
        ("Team", [4_000.0, 4_100.0, 4_300.0, 4_200.0, 4_500.0, 4_600.0]),
        ("Pro", [3_000.0, 3_200.0, 3_100.0, 3_500.0, 3_600.0, 3_900.0]),
        ("Basic", [1_200.0, 1_150.0, 1_100.0, 1_000.0, 950.0, 900.0]),
        ("Business", [800.0, 800.0, 1_600.0, 1_600.0, 1_600.0, 2_400.0]),
        ("Start", [300.0, 350.0, 400.0, 420.0, 480.0, 500.0]),
        ("Rest (3 weitere)", [150.0, 140.0, 160.0, 170.0, 150.0, 180.0]),
    ];
    let total: Vec<f64> = (0..6).map(|i| plans.iter().map(|(_, v)| v[i]).sum()).collect();
    lines::LinesSpec {
        meta: meta("seg-mrr", "MRR je Tarif"),
        x_labels: months(6),
        series: lines::segment_series(
            lines::Series { name: "Gesamt".into(), values: total, ..Default::default() },
            plans.iter().map(|(n, v)| (n.to_string(), v.to_vec())).collect(),
        ),
        x_label: "Monat".into(),
        y_label: "MRR".into(),
        flag_label: String::new(),
    }
}

pub fn heatmap_sample() -> heatmap::HeatmapSpec {
    let retention = [
        vec![1.0, 0.82, 0.74, 0.69, 0.66, 0.64],
        vec![1.0, 0.85, 0.77, 0.71, 0.68],
        vec![1.0, 0.80, 0.70, 0.65],
        vec![1.0, 0.88, 0.79],
        vec![1.0, 0.84],
        vec![1.0],
    ];
    heatmap::HeatmapSpec {
        meta: meta("cohorts", "Kundenbindung nach Kohorte"),
        row_labels: (1..=6).map(|m| format!("2024-{m:02}")).collect(),
        col_labels: (0..6).map(|m| m.to_string()).collect(),
        values: retention.to_vec(),
        x_label: "Monate seit Start".into(),
        y_label: "Kohorte".into(),
    }
}

pub fn stacked_sample() -> stacked_bars::StackedBarsSpec {
    let series = |name: &str, values: Vec<f64>, colour: Colour| stacked_bars::Series {
        name: name.into(),
        values,
        colour: Some(colour),
    };
    stacked_bars::StackedBarsSpec {
        meta: meta("nps-months", "NPS-Antworten pro Monat"),
        x_labels: months(6),
        series: vec![
            series("Kritiker", vec![12.0, 15.0, 9.0, 11.0, 8.0, 7.0], Colour::Vermillion),
            series("Passive", vec![20.0, 18.0, 22.0, 19.0, 21.0, 17.0], Colour::Grey),
            series("Promotoren", vec![30.0, 28.0, 35.0, 40.0, 38.0, 44.0], Colour::BluishGreen),
        ],
        x_label: "Monat".into(),
        y_label: "Antworten".into(),
        net_label: None,
    }
}

pub fn movements_sample() -> stacked_bars::StackedBarsSpec {
    let series = |name: &str, values: Vec<f64>, colour: Colour| stacked_bars::Series {
        name: name.into(),
        values,
        colour: Some(colour),
    };
    stacked_bars::StackedBarsSpec {
        meta: meta("mrr-movements", "MRR-Bewegungen pro Monat"),
        x_labels: months(6),
        series: vec![
            series(
                "Neu",
                vec![5200.0, 6100.0, 4800.0, 7000.0, 6500.0, 5900.0],
                Colour::BluishGreen,
            ),
            series(
                "Erweiterung",
                vec![1500.0, 900.0, 2100.0, 1800.0, 1200.0, 2500.0],
                Colour::SkyBlue,
            ),
            series(
                "Reduktion",
                vec![-800.0, -1200.0, -600.0, -900.0, -1500.0, -700.0],
                Colour::Orange,
            ),
            series(
                "Abwanderung",
                vec![-3100.0, -4200.0, -2800.0, -6900.0, -3600.0, -3000.0],
                Colour::Vermillion,
            ),
        ],
        x_label: "Monat".into(),
        y_label: "MRR-Änderung".into(),
        net_label: Some("Netto".into()),
    }
}

pub fn bars_sample() -> bars::BarsSpec {
    bars::BarsSpec {
        meta: meta("tickets", "Tickets pro Woche"),
        labels: (1..=12).map(|w| format!("KW {w}")).collect(),
        values: vec![
            120.0, 131.0, 118.0, 125.0, 140.0, 265.0, 133.0, 128.0, 119.0, 210.0, 127.0, 122.0,
        ],
        highlighted: vec![5, 9],
        x_label: "Woche".into(),
        y_label: "Tickets".into(),
        highlight_label: "Spitze".into(),
    }
}

pub fn sparkline_sample() -> sparkline::SparklineSpec {
    sparkline::SparklineSpec {
        meta: meta("mrr-spark", "MRR der letzten 12 Monate"),
        values: vec![41.0, 42.5, 42.1, 43.8, 44.0, 45.2, 44.9, 46.3, 47.0, 47.9, 48.0, 51.9],
        labels: months(12),
        x_label: "Monat".into(),
        y_label: "MRR (Tsd. €)".into(),
    }
}

/// Every sample, drawn, by name.
pub fn gallery() -> Vec<(&'static str, Chart)> {
    vec![
        ("velocity", velocity::draw(&velocity_sample(), &eur)),
        ("nps_bar", nps_bar::draw(&nps_sample(), &count, &pct)),
        ("bands", bands::draw(&bands_sample(), &ratio)),
        ("remaining", remaining::draw(&remaining_sample(), &count)),
        ("payback", payback::draw(&payback_sample(), &eur)),
        ("funnel", funnel::draw(&funnel_sample(), &count, &pct)),
        ("waterfall", waterfall::draw(&waterfall_sample(), &eur)),
        ("lines", lines::draw(&lines_sample(), &|v| de(v, 1))),
        ("segment_lines", lines::draw(&segment_lines_sample(), &eur)),
        ("heatmap", heatmap::draw(&heatmap_sample(), &pct)),
        ("stacked_bars", stacked_bars::draw(&stacked_sample(), &count)),
        ("stacked_bars_net", stacked_bars::draw(&movements_sample(), &eur)),
        ("bars", bars::draw(&bars_sample(), &count)),
        ("sparkline", sparkline::draw(&sparkline_sample(), &|v| de(v, 1))),
    ]
}

/// Structural checks every chart must pass; returns the first violation.
pub fn check_svg(svg: &str) -> Result<(), String> {
    let count = |needle: &str| svg.matches(needle).count();
    for (needle, want) in
        [("<title", 1), ("<desc", 1), ("<svg", 1), ("role=\"img\"", 1), ("viewBox=\"0 0 ", 1)]
    {
        if count(needle) != want {
            return Err(format!("{needle} occurs {} times, want {want}", count(needle)));
        }
    }
    if svg.contains("<script") {
        return Err("contains \"<script\"".into());
    }
    // Non-finite numbers in geometry. Regression (issue 14): this checked the whole text for
    // "inf", so a chart whose label is "Info" or "Einfluss" counted as broken; labels are
    // free text, only numeric attributes must be finite.
    for name in [
        "x",
        "y",
        "x1",
        "x2",
        "y1",
        "y2",
        "cx",
        "cy",
        "r",
        "width",
        "height",
        "d",
        "points",
        "transform",
        "viewBox",
    ] {
        for value in svg.split(&format!(" {name}=\"")).skip(1) {
            let value = value.split('"').next().unwrap_or("");
            if ["NaN", "inf", "Inf"].iter().any(|bad| value.contains(bad)) {
                return Err(format!("{name}=\"{value}\" is not a finite number"));
            }
        }
    }
    if !svg.contains("font-family=\"system-ui, sans-serif\"") {
        return Err("no system font stack".into());
    }
    let head = svg.split('>').next().unwrap_or("");
    if !(head.contains(" width=\"") && head.contains(" height=\"")) {
        return Err("root lacks width/height".into());
    }
    let labelled = head
        .split("aria-labelledby=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .ok_or("no aria-labelledby")?;
    for id in labelled.split(' ') {
        if count(&format!(" id=\"{id}\"")) != 1 {
            return Err(format!("aria-labelledby target {id} missing"));
        }
    }
    well_formed(svg)
}

/// A small XML well-formedness check: balanced tags, quoted attributes, and only the five
/// predefined entities in text and attribute values.
pub fn well_formed(svg: &str) -> Result<(), String> {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = svg;
    while let Some(open) = rest.find('<') {
        check_text(&rest[..open])?;
        let after = &rest[open + 1..];
        let close = after.find('>').ok_or("unclosed tag")?;
        let tag = &after[..close];
        if tag.contains('<') || !tag.matches('"').count().is_multiple_of(2) {
            return Err(format!("malformed tag <{tag}>"));
        }
        check_text(tag)?;
        if let Some(name) = tag.strip_prefix('/') {
            let top = stack.pop().ok_or(format!("stray </{name}>"))?;
            if top != name {
                return Err(format!("</{name}> closes <{top}>"));
            }
        } else if !tag.ends_with('/') {
            stack.push(tag.split_whitespace().next().unwrap_or("").to_string());
        }
        rest = &after[close + 1..];
    }
    check_text(rest)?;
    if !stack.is_empty() {
        return Err(format!("unclosed {stack:?}"));
    }
    Ok(())
}

fn check_text(s: &str) -> Result<(), String> {
    for (i, _) in s.match_indices('&') {
        let tail = &s[i..];
        if !["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"].iter().any(|e| tail.starts_with(e)) {
            return Err(format!("raw & in {s:?}"));
        }
    }
    if s.chars().any(|c| (c as u32) < 0x20 && c != '\n') {
        return Err(format!("control character in {s:?}"));
    }
    Ok(())
}
