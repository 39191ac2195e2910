//! Baseline against scenario: the revenue difference, the figures at the horizon, the MRR
//! chart (with its table) and the table per month, each number with a `data-testid`.

use super::text::{self, t};
use crate::components::chart::{ChartData, ChartPanel};
use analytics::whatif::{Baseline, Comparison, Projection};
use charts::lines::{LinesSpec, Series};
use charts::Meta;
use leptos::prelude::*;
use locale::{Currency, Lang};
use records::Money;

/// One row of the summary table: id, label, baseline, scenario, difference (texts), and the
/// raw difference for `data-value`.
type Row = (&'static str, String, String, String, String, String);

fn summary(c: &Comparison, horizon: u32, lang: Lang, cur: Currency) -> Vec<Row> {
    let (b, s) = (c.baseline.end(), c.scenario.end());
    let money = |m: Money| text::money(m, lang, cur);
    let opt = |m: Option<Money>| m.map_or_else(|| "–".to_string(), money);
    let diff = |x: Option<Money>, y: Option<Money>| match (x, y) {
        (Some(x), Some(y)) => {
            let d = y.saturating_sub(x);
            (text::signed_money(d, lang, cur), d.cents().to_string())
        }
        _ => ("–".to_string(), String::new()),
    };
    let count_diff = s.customers - b.customers;
    let nrr_diff = (c.scenario.nrr_year - c.baseline.nrr_year) * 100.0;
    let pts = t(lang, "Pkt.", "pts");
    let revenue = match lang {
        Lang::De => format!("Umsatz über {horizon} Monate"),
        Lang::En => format!("Revenue over {horizon} months"),
    };
    let (d_mrr, v_mrr) = diff(Some(b.mrr), Some(s.mrr));
    let (d_arr, v_arr) = diff(Some(b.arr), Some(s.arr));
    let (d_arpu, v_arpu) = diff(b.arpu, s.arpu);
    let (d_clv, v_clv) = diff(b.clv, s.clv);
    let (d_rev, v_rev) = diff(Some(c.baseline.revenue), Some(c.scenario.revenue));
    vec![
        (
            "mrr",
            t(lang, "MRR am Ende", "MRR at the end").into(),
            money(b.mrr),
            money(s.mrr),
            d_mrr,
            v_mrr,
        ),
        (
            "arr",
            t(lang, "ARR am Ende", "ARR at the end").into(),
            money(b.arr),
            money(s.arr),
            d_arr,
            v_arr,
        ),
        (
            "customers",
            t(lang, "Kunden am Ende", "Customers at the end").into(),
            text::customers(b.customers, lang),
            text::customers(s.customers, lang),
            format!(
                "{}{}",
                if count_diff >= 0.5 { "+" } else { "" },
                text::customers(count_diff, lang)
            ),
            format!("{count_diff}"),
        ),
        (
            "arpu",
            t(lang, "ARPU am Ende", "ARPU at the end").into(),
            opt(b.arpu),
            opt(s.arpu),
            d_arpu,
            v_arpu,
        ),
        (
            "clv",
            t(lang, "CLV am Ende", "CLV at the end").into(),
            opt(b.clv),
            opt(s.clv),
            d_clv,
            v_clv,
        ),
        (
            "nrr",
            t(lang, "NRR über 12 Monate", "NRR over 12 months").into(),
            text::percent(c.baseline.nrr_year, lang),
            text::percent(c.scenario.nrr_year, lang),
            format!(
                "{}{} {pts}",
                if nrr_diff > 0.0 { "+" } else { "" },
                locale::format_number(nrr_diff, 2, lang)
            ),
            format!("{nrr_diff}"),
        ),
        ("revenue", revenue, money(c.baseline.revenue), money(c.scenario.revenue), d_rev, v_rev),
    ]
}

/// The MRR chart: baseline and scenario per month, starting with month 0.
fn chart(c: &Comparison, lang: Lang, cur: Currency) -> ChartData {
    let points = |p: &Projection| -> Vec<f64> {
        std::iter::once(&p.start).chain(&p.months).map(|m| m.mrr.cents() as f64).collect()
    };
    let labels: Vec<String> = std::iter::once(&c.baseline.start)
        .chain(&c.baseline.months)
        .map(|m| text::month_label(m.n, m.month, lang))
        .collect();
    let (b, s) = (c.baseline.end(), c.scenario.end());
    let desc = match lang {
        Lang::De => format!(
            "MRR je Monat: Basis endet bei {}, Szenario bei {}.",
            text::money(b.mrr, lang, cur),
            text::money(s.mrr, lang, cur)
        ),
        Lang::En => format!(
            "MRR per month: the baseline ends at {}, the scenario at {}.",
            text::money(b.mrr, lang, cur),
            text::money(s.mrr, lang, cur)
        ),
    };
    let spec = LinesSpec {
        meta: Meta::new(
            "wi-mrr",
            t(lang, "MRR: Basis und Szenario", "MRR: baseline and scenario"),
            desc,
            t(lang, "Keine Daten", "No data"),
        ),
        x_labels: labels,
        series: vec![
            Series {
                name: t(lang, "Basis", "Baseline").into(),
                values: points(&c.baseline),
                ..Default::default()
            },
            Series {
                name: t(lang, "Szenario", "Scenario").into(),
                values: points(&c.scenario),
                ..Default::default()
            },
        ],
        x_label: t(lang, "Monat", "Month").into(),
        y_label: "MRR".into(),
        flag_label: String::new(),
    };
    let money = move |v: f64| text::money(Money(v.round() as i64), lang, cur);
    charts::lines::draw(&spec, &money).into()
}

/// `text` with `&`, `<`, `>` and `"` escaped for HTML.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A `<tr>`: a row header and cells `(test id or "", data-value or "", text)`.
fn tr(out: &mut String, attrs: &str, head: &str, cells: &[(String, String, String)]) {
    out.push_str(&format!("<tr{attrs}><th scope=\"row\">{}</th>", esc(head)));
    for (id, value, text) in cells {
        out.push_str("<td class=\"num\"");
        if !id.is_empty() {
            out.push_str(&format!(" data-testid=\"{}\"", esc(id)));
        }
        if !value.is_empty() {
            out.push_str(&format!(" data-value=\"{}\"", esc(value)));
        }
        out.push_str(&format!(">{}</td>", esc(text)));
    }
    out.push_str("</tr>");
}

fn thead(out: &mut String, heads: &[&str]) {
    out.push_str("<thead><tr>");
    for h in heads {
        out.push_str(&format!("<th scope=\"col\">{}</th>", esc(h)));
    }
    out.push_str("</tr></thead>");
}

/// The headline, the table at the horizon and the table per month, as HTML (plain markup
/// from a string keeps the wasm small; every text is escaped).
pub fn results_html(c: &Comparison, h: u32, l: Lang, cu: Currency) -> String {
    let mut out = format!(
        "<p class=\"wi-headline\" data-testid=\"wi-diff\" data-value=\"{}\">{}</p>",
        c.revenue_difference.cents(),
        esc(&text::headline(c, h, l, cu))
    );
    let caption = match l {
        Lang::De => format!("Nach {h} Monaten"),
        Lang::En => format!("After {h} months"),
    };
    out.push_str(&format!(
        "<div class=\"table-scroll\"><table class=\"numbers\" data-testid=\"wi-summary\"><caption>{}</caption>",
        esc(&caption)
    ));
    let heads = [
        t(l, "Kennzahl", "KPI"),
        t(l, "Basis", "Baseline"),
        t(l, "Szenario", "Scenario"),
        t(l, "Differenz", "Difference"),
    ];
    thead(&mut out, &heads);
    out.push_str("<tbody>");
    for (id, label, b, s, d, raw) in summary(c, h, l, cu) {
        let cells = [
            (format!("wi-{id}-base"), String::new(), b),
            (format!("wi-{id}-scen"), String::new(), s),
            (format!("wi-{id}-diff"), raw, d),
        ];
        tr(&mut out, "", &label, &cells);
    }
    out.push_str("</tbody></table></div>");
    out.push_str(&format!(
        "<details class=\"chart-table\" data-testid=\"wi-months\"><summary>{}</summary><div class=\"table-scroll\"><table class=\"numbers\">",
        esc(t(l, "Tabelle je Monat", "Table per month"))
    ));
    let heads = [
        t(l, "Monat", "Month"),
        t(l, "MRR Basis", "MRR baseline"),
        t(l, "MRR Szenario", "MRR scenario"),
        t(l, "Differenz", "Difference"),
        t(l, "Kunden Basis", "Customers baseline"),
        t(l, "Kunden Szenario", "Customers scenario"),
    ];
    thead(&mut out, &heads);
    out.push_str("<tbody>");
    for (b, s) in c.baseline.months.iter().zip(&c.scenario.months) {
        let diff = s.mrr.saturating_sub(b.mrr);
        let cell = |m: Money| (String::new(), m.cents().to_string(), text::money(m, l, cu));
        let cells = [
            cell(b.mrr),
            cell(s.mrr),
            (String::new(), diff.cents().to_string(), text::signed_money(diff, l, cu)),
            (String::new(), String::new(), text::customers(b.customers, l)),
            (String::new(), String::new(), text::customers(s.customers, l)),
        ];
        let attrs = format!(" data-testid=\"wi-month-{}\"", b.n);
        tr(&mut out, &attrs, &text::month_label(b.n, b.month, l), &cells);
    }
    out.push_str("</tbody></table></div></details>");
    out
}

/// The baseline from data as a table, as HTML.
pub fn baseline_html(b: &Baseline, l: Lang, c: Currency) -> String {
    let money = |m: Money| text::money(m, l, c);
    let cents = |m: Money| m.cents().to_string();
    let rows = [
        ("mrr", t(l, "MRR heute", "MRR today"), money(b.mrr), cents(b.mrr)),
        (
            "cust",
            t(l, "Zahlende Kunden", "Paying customers"),
            text::customers(b.customers, l),
            b.customers.to_string(),
        ),
        (
            "bnew",
            t(l, "Neuer MRR pro Monat", "New MRR per month"),
            money(b.new_mrr),
            cents(b.new_mrr),
        ),
        (
            "breact",
            t(l, "Reaktivierungs-MRR pro Monat", "Reactivation MRR per month"),
            money(b.reactivation_mrr),
            cents(b.reactivation_mrr),
        ),
        (
            "bcust",
            t(
                l,
                "Neue und zurückgekehrte Kunden pro Monat",
                "New and returning customers per month",
            ),
            locale::format_number(b.new_customers, 1, l),
            b.new_customers.to_string(),
        ),
        (
            "bexp",
            t(l, "Expansionsrate pro Monat", "Expansion rate per month"),
            text::percent(b.expansion_rate, l),
            b.expansion_rate.to_string(),
        ),
        (
            "bcon",
            t(l, "Kontraktionsrate pro Monat", "Contraction rate per month"),
            text::percent(b.contraction_rate, l),
            b.contraction_rate.to_string(),
        ),
        (
            "bchurn",
            t(l, "MRR-Churn-Rate pro Monat", "MRR churn rate per month"),
            text::percent(b.churn_rate, l),
            b.churn_rate.to_string(),
        ),
        (
            "blogo",
            t(l, "Kunden-Churn-Rate pro Monat", "Customer churn rate per month"),
            text::percent(b.logo_churn_rate, l),
            b.logo_churn_rate.to_string(),
        ),
    ];
    let mut out = format!(
        "<div class=\"table-scroll\"><table class=\"numbers\" data-testid=\"wi-base-table\"><caption class=\"visually-hidden\">{}</caption><tbody>",
        esc(t(l, "Ausgangslage aus Ihren Daten", "Baseline from your data"))
    );
    for (key, label, value, raw) in rows {
        tr(&mut out, "", label, &[(format!("wi-base-{key}"), raw, value)]);
    }
    out.push_str("</tbody></table></div>");
    out
}

/// Everything below the inputs, in language `l` and currency `c`.
#[component]
pub fn Results(
    /// Baseline and scenario projected, `None` while an input is invalid.
    comparison: Memo<Option<Comparison>>,
    /// Months projected.
    horizon: RwSignal<u32>,
    /// Language.
    l: Lang,
    /// Currency.
    c: Currency,
) -> impl IntoView {
    let chart_data =
        Signal::derive(move || comparison.with(|x| x.as_ref().map(|x| chart(x, l, c))));
    let html = move || {
        comparison
            .with(|x| x.as_ref().map(|x| results_html(x, horizon.get(), l, c)).unwrap_or_default())
    };
    view! {
        <section class="card" aria-labelledby="wi-result-h" data-testid="wi-result">
            <h2 id="wi-result-h">{t(l, "Basis und Szenario", "Baseline and scenario")}</h2>
            <p class="error" role="status" data-testid="wi-invalid" hidden=move || comparison.with(Option::is_some)>
                {t(l, "Bitte korrigieren Sie die markierten Eingaben.", "Please correct the marked inputs.")}
            </p>
            <div aria-live="polite" inner_html=html></div>
            <ChartPanel chart=chart_data file_stem="kennzahl-was-waere-wenn" />
            <ShareLink l=l />
            <p class="hint" data-testid="wi-model-note">{text::model_note(l)}</p>
        </section>
    }
}

/// "Copy link": the address bar holds the scenario (never imported data).
#[component]
fn ShareLink(l: Lang) -> impl IntoView {
    let status: RwSignal<Option<bool>> = RwSignal::new(None);
    let said = move || match status.get() {
        Some(true) => t(
            l,
            "Link kopiert – er enthält das Szenario, nie Ihre Daten.",
            "Link copied – it holds the scenario, never your data.",
        ),
        Some(false) => t(
            l,
            "Kopieren nicht möglich – bitte den Link aus der Adresszeile kopieren.",
            "Copying failed – please copy the link from the address bar.",
        ),
        None => "",
    };
    view! {
        <div class="share">
            <button type="button" class="button" data-testid="wi-copy-link" on:click=move |_| {
                let url = format!("{}{}", crate::browser::location_base(), crate::browser::location_search());
                crate::browser::copy_text(url, move |ok| status.set(Some(ok)));
            }>{t(l, "Link zum Szenario kopieren", "Copy link to this scenario")}</button>
            <span class="share-status" role="status">{said}</span>
        </div>
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use analytics::whatif::{compare, Scenario};

    #[test]
    fn the_tables_carry_the_numbers_with_test_ids() {
        let b = Baseline {
            mrr: Money(100_000),
            customers: 100.0,
            churn_rate: 0.03,
            logo_churn_rate: 0.03,
            ..Baseline::default()
        };
        let c = compare(&b, &Scenario { churn_pts: -1.0, ..Scenario::default() }, 24);
        let html = results_html(&c, 24, Lang::En, Currency::Eur);
        assert!(html.contains("data-testid=\"wi-diff\" data-value=\"205928\">Revenue difference over 24 months: +€2,059.28</p>"), "{html}");
        assert!(html.contains("<td class=\"num\" data-testid=\"wi-revenue-diff\" data-value=\"205928\">+€2,059.28</td>"));
        assert!(html.contains("<tr data-testid=\"wi-month-24\"><th scope=\"row\">Month 24</th><td class=\"num\" data-value=\"48142\">€481.42</td>"));
        assert_eq!(esc("<a href=\"x\">&"), "&lt;a href=&quot;x&quot;&gt;&amp;");
        let base = baseline_html(&b, Lang::De, Currency::Eur);
        assert!(
            base.contains("data-testid=\"wi-base-mrr\" data-value=\"100000\">1.000,00\u{a0}€</td>"),
            "{base}"
        );
    }
}
