//! The what-if page's texts in German and English, and its numbers as the user reads them.
//! Pure, tested natively.

use analytics::whatif::{Baseline, Comparison};
use locale::{format_money, format_number, format_percent, Currency, Lang};
use records::{Money, Month};

/// The German or the English text.
pub fn t(lang: Lang, de: &'static str, en: &'static str) -> &'static str {
    if lang == Lang::De {
        de
    } else {
        en
    }
}

/// Money in cents as `1.234,56 €` / `€1,234.56`.
pub fn money(m: Money, lang: Lang, cur: Currency) -> String {
    format_money(m.as_f64(), cur, lang, 2)
}

/// A difference with its sign: `+2.059,28 €`, `−12,00 €`, `0,00 €`.
pub fn signed_money(m: Money, lang: Lang, cur: Currency) -> String {
    let abs = money(Money(m.cents().saturating_abs()), lang, cur);
    match m.cents() {
        c if c > 0 => format!("+{abs}"),
        c if c < 0 => format!("\u{2212}{abs}"),
        _ => abs,
    }
}

/// Expected customers, rounded to whole customers.
pub fn customers(v: f64, lang: Lang) -> String {
    format_number(v, 0, lang)
}

/// A rate as a percentage with two decimals at most.
pub fn percent(v: f64, lang: Lang) -> String {
    format_percent(v, crate::display::smart_decimals(v * 100.0, 2), lang)
}

/// A projected month's label: the calendar month from data (`04/2025`, `Apr 2025`), else its
/// number (`Monat 3`, `Month 3`).
pub fn month_label(n: u32, month: Option<Month>, lang: Lang) -> String {
    const DE: [&str; 12] =
        ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"];
    const EN: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    match month {
        Some(m) => {
            let names = if lang == Lang::De { DE } else { EN };
            let name = names.get(m.number() as usize - 1).copied().unwrap_or("");
            format!("{name} {}", m.year())
        }
        None => format!("{} {n}", t(lang, "Monat", "Month")),
    }
}

/// The headline: what the scenario changes in revenue over the horizon.
pub fn headline(c: &Comparison, horizon: u32, lang: Lang, cur: Currency) -> String {
    let diff = signed_money(c.revenue_difference, lang, cur);
    match lang {
        Lang::De => format!("Umsatzdifferenz über {horizon} Monate: {diff}"),
        Lang::En => format!("Revenue difference over {horizon} months: {diff}"),
    }
}

/// How the model computes, beside the figures.
pub fn model_note(lang: Lang) -> &'static str {
    t(
        lang,
        "So wird gerechnet: Jeder Monat wendet dieselben Raten auf den Vormonat an. MRR = MRR des Vormonats × (1 − Churn − Kontraktion + Expansion) + neuer MRR + Reaktivierungs-MRR; Kunden = Kunden des Vormonats × (1 − Churn) + neue Kunden. Die Raten beziehen sich auf MRR bzw. Kunden zu Monatsbeginn. ARR = 12 × MRR; ARPU = MRR ÷ Kunden; NRR über 12 Monate = (1 − Churn − Kontraktion + Expansion)¹², ohne neuen und Reaktivierungs-MRR; CLV = ARPU ÷ monatliche Kunden-Churn-Rate (Bruttomarge 100 %). Umsatz eines Monats = sein MRR. Beträge sind je Monat auf Cent gerundet, Kunden als ganze Kunden angezeigt.",
        "How it is computed: every month applies the same rates to the month before. MRR = previous MRR × (1 − churn − contraction + expansion) + new MRR + reactivation MRR; customers = previous customers × (1 − churn) + new customers. Rates are shares of MRR or customers at the start of the month. ARR = 12 × MRR; ARPU = MRR ÷ customers; NRR over 12 months = (1 − churn − contraction + expansion)¹², new and reactivation MRR excluded; CLV = ARPU ÷ monthly customer churn rate (gross margin 100 %). A month's revenue is its MRR. Amounts are rounded to the cent per month, customers shown as whole customers.",
    )
}

/// How the scenario's changes apply.
pub fn scenario_note(lang: Lang) -> &'static str {
    t(
        lang,
        "Eine Churn-Änderung in Prozentpunkten gilt für Kunden- und MRR-Churn gleichermaßen; Expansion und Kontraktion ändern sich relativ zu ihrer Rate; mehr neuer MRR bringt anteilig mehr neue Kunden. Raten bleiben zwischen 0 und 100 %.",
        "A churn change in percentage points applies to customer and MRR churn alike; expansion and contraction change relative to their rate; more new MRR brings proportionally more new customers. Rates stay between 0 and 100 %.",
    )
}

/// Where a baseline from data comes from.
pub fn basis_note(b: &Baseline, asked: u32, lang: Lang) -> String {
    let Some(last) = b.last else {
        return t(lang, "Eingegebene Werte.", "Typed-in figures.").to_string();
    };
    let first = last.add(1 - b.months as i32);
    let (from, to) = (month_label(0, Some(first), lang), month_label(0, Some(last), lang));
    let n = b.months;
    let mut s = match lang {
        Lang::De => format!(
            "Aus Ihren Daten: Durchschnitt der {n} vollständigen Monate {from} bis {to}. Ein angebrochener Monat am Stichtag zählt nicht, ein Monat, der ohne MRR beginnt (der erste Monat der Daten), auch nicht. Raten: Summe über die Monate ÷ Summe des MRR (bzw. der Kunden) zu Monatsbeginn – dieselben Zahlen wie im Dashboard. Start: MRR und Kunden am Ende von {to}."
        ),
        Lang::En => format!(
            "From your data: average of the {n} complete months {from} to {to}. A partial month at the as-of date does not count, nor does a month that begins without MRR (the first month of the data). Rates: sum over the months ÷ sum of MRR (or customers) at the months' starts – the dashboard's own figures. Start: MRR and customers at the end of {to}."
        ),
    };
    if n < asked {
        s.push_str(match lang {
            Lang::De => {
                " (Weniger Monate als gewählt: mehr vollständige Monate mit MRR gibt es nicht.)"
            }
            Lang::En => {
                " (Fewer months than chosen: the data hold no more complete months with MRR.)"
            }
        });
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_per_language() {
        let (de, en, eur) = (Lang::De, Lang::En, Currency::Eur);
        assert_eq!(signed_money(Money(205_928), de, eur), "+2.059,28\u{a0}€");
        assert_eq!(signed_money(Money(205_928), en, eur), "+€2,059.28");
        assert_eq!(signed_money(Money(-1_200), en, eur), "\u{2212}€12.00");
        assert_eq!(signed_money(Money(0), de, eur), "0,00\u{a0}€");
        assert_eq!(customers(97.6, de), "98");
        assert_eq!(month_label(1, Month::from_ym(2025, 3), de), "Mär 2025");
        assert_eq!(month_label(3, None, en), "Month 3");
        assert_eq!(percent(0.6127, en), "61.27%");
    }

    #[test]
    fn the_basis_note_names_the_months() {
        let b = Baseline { last: Month::from_ym(2025, 3), months: 3, ..Baseline::default() };
        let de = basis_note(&b, 6, Lang::De);
        assert!(de.contains("3 vollständigen Monate Jan 2025 bis Mär 2025"), "{de}");
        assert!(de.contains("Weniger Monate als gewählt"));
        assert!(!basis_note(&b, 3, Lang::En).contains("Fewer"));
        assert_eq!(basis_note(&Baseline::default(), 3, Lang::En), "Typed-in figures.");
    }
}
