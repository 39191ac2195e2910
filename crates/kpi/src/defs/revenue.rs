//! Recurring revenue.

use super::{amount, count, money, variant};
use crate::eval::{part_of, per, Calc, Computed, Tok::*};
use crate::{t, Category, ChartKind, Direction, KpiDef, KpiError, Unit};

const ARPU_IN: crate::InputDef = money(
    "arpu",
    t("ARPU pro Monat", "ARPU per month"),
    t(
        "Durchschnittlicher Monatsumsatz pro aktivem Kunden.",
        "Average monthly revenue per active customer.",
    ),
    100.0,
);
const CUSTOMERS: crate::InputDef = count(
    "customers",
    t("Kunden", "Customers"),
    t("Zahlende Kunden im Zeitraum.", "Paying customers in the period."),
    200.0,
);
const REVENUE: crate::InputDef = money(
    "revenue",
    t("Umsatz", "Revenue"),
    t("Gesamtumsatz im Zeitraum.", "Total revenue in the period."),
    20000.0,
);

/// mrr
pub(crate) const MRR: KpiDef = KpiDef {
    id: "mrr",
    name: t("Monatlich wiederkehrender Umsatz", "Monthly recurring revenue"),
    abbr: t("MRR", "MRR"),
    category: Category::Revenue,
    description: t("Normalisierter, vorhersehbarer Umsatz pro Monat.", "Normalised, predictable revenue per month."),
    explanation: t(
        "Der MRR ist eine normalisierte Berechnung der vorhersehbaren Einnahmen auf Monatsbasis und für Abonnement-Unternehmen die Grundlage von Finanzprognosen. Er ergibt sich aus dem durchschnittlichen Monatsumsatz pro Nutzer mal der Zahl der monatlich aktiven Kunden. Aus einem Datensatz: Summe der monatlich normalisierten Abobeträge (Jahrespläne ÷ 12).",
        "MRR is a normalised calculation of predictable revenue on a monthly basis and the basis of financial forecasts for subscription businesses. It is the average monthly revenue per user times the number of monthly active customers. From a dataset: the sum of monthly-normalised subscription amounts (annual plans ÷ 12).",
    ),
    inputs: &[
        ARPU_IN,
        CUSTOMERS,
        money("monthly_plans", t("Summe Monatspläne", "Monthly plans total"), t("Summe der monatlichen Abobeträge aktiver Kunden.", "Sum of monthly subscription amounts of active customers."), 15000.0),
        money("annual_plans", t("Summe Jahrespläne", "Annual plans total"), t("Summe der Jahresbeträge aktiver Jahrespläne.", "Sum of yearly amounts of active annual plans."), 60000.0),
    ],
    variants: &[
        variant(
            "arpu_customers",
            t("ARPU × Kunden", "ARPU × customers"),
            t("Wenn ARPU und Kundenzahl bekannt sind (Bitrix24, 16-KPI-Leitfaden 2021, SharpSpring).", "When ARPU and customer count are known (Bitrix24, 16-KPI guide 2021, SharpSpring)."),
            t("ARPU pro Monat × monatlich aktive Kunden", "monthly ARPU × monthly active customers"),
            &["arpu", "customers"],
        ),
        variant(
            "normalised",
            t("Aus Abobeträgen", "From subscriptions"),
            t("Wenn Monats- und Jahrespläne gemischt sind.", "When monthly and annual plans are mixed."),
            t("Summe Monatspläne + Summe Jahrespläne ÷ 12", "monthly plans total + annual plans total ÷ 12"),
            &["monthly_plans", "annual_plans"],
        ),
    ],
    direction: Direction::HigherIsBetter,
    bands: &[],
    result_unit: Unit::Money,
    seeds: &["000", "002", "003", "004"],
    chart: ChartKind::None,
    dataset_only: false,
};

/// arr
pub(crate) const ARR: KpiDef = KpiDef {
    id: "arr",
    name: t("Jährlich wiederkehrender Umsatz", "Annual recurring revenue"),
    abbr: t("ARR", "ARR"),
    category: Category::Revenue,
    description: t("Der MRR auf ein Jahr hochgerechnet.", "MRR projected to a year."),
    explanation: t(
        "Der ARR rechnet den monatlich wiederkehrenden Umsatz auf zwölf Monate hoch. Er ist eine Konvention für Jahresplanung und Vergleiche, keine Prognose: Kündigungen und Neukunden sind nicht berücksichtigt.",
        "ARR projects monthly recurring revenue to twelve months. It is a convention for annual planning and comparison, not a forecast: churn and new customers are not included.",
    ),
    inputs: &[money("mrr", t("MRR", "MRR"), t("Monatlich wiederkehrender Umsatz.", "Monthly recurring revenue."), 20000.0)],
    variants: &[variant(
        "standard",
        t("Standard", "Standard"),
        t("Immer.", "Always."),
        t("MRR × 12", "MRR × 12"),
        &["mrr"],
    )],
    direction: Direction::HigherIsBetter,
    bands: &[],
    result_unit: Unit::Money,
    seeds: &["convention"],
    chart: ChartKind::None,
    dataset_only: false,
};

/// arpu
pub(crate) const ARPU: KpiDef = KpiDef {
    id: "arpu",
    name: t("Durchschnittlicher Umsatz pro Kunde", "Average revenue per user"),
    abbr: t("ARPU", "ARPU"),
    category: Category::Revenue,
    description: t("Umsatz geteilt durch Kunden im Zeitraum.", "Revenue divided by customers in the period."),
    explanation: t(
        "Der ARPU hilft, Gewinnmöglichkeiten zu finden, Prognosen zu erstellen und Mitbewerber zu vergleichen. Er ist der Quotient aus Gesamtumsatz und Kundenzahl; aussagekräftiger ist er zeitlich gewichtet, meist pro Monat. Viele ARPU-Werte sind saisonabhängig.",
        "ARPU helps find profit opportunities, build forecasts and compare with competitors. It is total revenue divided by the number of customers; it says more when time-weighted, usually per month. Many ARPU figures are seasonal.",
    ),
    inputs: &[
        REVENUE,
        CUSTOMERS,
        amount("average_users", t("Ø Nutzer", "Average users"), t("Durchschnittliche Nutzerzahl im Zeitraum, z. B. (Anfang + Ende) ÷ 2.", "Average number of users in the period, e.g. (start + end) ÷ 2."), Unit::Number, 250.0),
    ],
    variants: &[
        variant(
            "per_customer",
            t("Pro Kunde", "Per customer"),
            t("Standard: Umsatz durch Kundenzahl (Bitrix24).", "Default: revenue by customer count (Bitrix24)."),
            t("Umsatz ÷ Kunden", "revenue ÷ customers"),
            &["revenue", "customers"],
        ),
        variant(
            "per_average_user",
            t("Pro Ø Nutzer", "Per average user"),
            t("Wenn die Nutzerzahl im Zeitraum schwankt (16-KPI-Leitfaden 2021).", "When the user count varies during the period (16-KPI guide 2021)."),
            t("Umsatz ÷ Ø Nutzer", "revenue ÷ average users"),
            &["revenue", "average_users"],
        ),
    ],
    direction: Direction::HigherIsBetter,
    bands: &[],
    result_unit: Unit::Money,
    seeds: &["000", "002"],
    chart: ChartKind::None,
    dataset_only: false,
};

/// expansion_mrr
pub(crate) const EXPANSION_MRR: KpiDef = KpiDef {
    id: "expansion_mrr",
    name: t("Expansions-MRR", "Expansion MRR"),
    abbr: t("Expansion MRR", "Expansion MRR"),
    category: Category::Revenue,
    description: t("MRR-Zuwachs bestehender Kunden im Zeitraum.", "MRR growth of existing customers in the period."),
    explanation: t(
        "Expansions-MRR ist der MRR-Zuwachs der Kunden, die schon zu Beginn zahlten: ihr MRR am Ende minus ihr MRR zu Beginn, gezählt bei den Kunden, deren MRR gestiegen ist (Upgrades, mehr Plätze, Add-ons). So rechnet auch das Dashboard die Bewegung „Expansion“. SharpSpring nennt dagegen „Kunden × ARPU + monatliche Einmalkäufe“ Expansions-MRR; diese Rechnung zeigt, wie viel ein engagierter Kundenstamm insgesamt ausgibt, und steht als eigene Variante zur Wahl.",
        "Expansion MRR is the MRR growth of customers who were already paying at the start: their MRR at the end minus their MRR at the start, counted over the customers whose MRR rose (upgrades, more seats, add-ons). The dashboard computes the “expansion” movement the same way. SharpSpring instead calls “customers × ARPU + monthly one-time purchases” expansion MRR; that sum shows how much an engaged customer base spends in total and is offered as its own variant.",
    ),
    inputs: &[
        money("expanding_mrr_end", t("MRR am Ende (wachsende Bestandskunden)", "MRR at end (growing existing customers)"), t("MRR am Ende des Zeitraums der Bestandskunden, deren MRR gestiegen ist.", "MRR at the end of the period of the existing customers whose MRR rose."), 5800.0),
        money("expanding_mrr_start", t("MRR zu Beginn (dieselben Kunden)", "MRR at start (same customers)"), t("MRR derselben Kunden zu Beginn des Zeitraums.", "MRR of the same customers at the start of the period."), 5000.0),
        CUSTOMERS,
        ARPU_IN,
        money("one_time", t("Einmalkäufe pro Monat", "One-time purchases per month"), t("Monatlicher Durchschnittsumsatz aus Upsells, Cross-Sells und Add-ons.", "Monthly average revenue from upsells, cross-sells and add-ons."), 1500.0),
        money("upgrade_mrr", t("Upgrade-MRR", "Upgrade MRR"), t("MRR-Zuwachs durch höhere Pläne.", "MRR increase from higher plans."), 500.0),
        money("cross_sell_mrr", t("Cross-Sell-MRR", "Cross-sell MRR"), t("MRR aus zusätzlichen Produkten.", "MRR from additional products."), 200.0),
        money("addon_mrr", t("Add-on-MRR", "Add-on MRR"), t("MRR aus Add-ons, Plätzen, Speicher.", "MRR from add-ons, seats, storage."), 100.0),
    ],
    variants: &[
        // The default is the movement the dashboard computes, so both give one number.
        variant(
            "movement",
            t("MRR-Bewegung (wie im Dashboard)", "MRR movement (as on the dashboard)"),
            t("Die übliche Bewegung: MRR-Zuwachs der Bestandskunden.", "The usual movement: MRR growth of existing customers."),
            t("MRR am Ende − MRR zu Beginn der wachsenden Bestandskunden", "MRR at end − MRR at start of the growing existing customers"),
            &["expanding_mrr_end", "expanding_mrr_start"],
        ),
        variant(
            "with_one_time",
            t("Kunden × ARPU + Einmalkäufe (SharpSpring)", "Customers × ARPU + one-time purchases (SharpSpring)"),
            t("Wie bei SharpSpring definiert: der ganze MRR plus Einmalkäufe, nicht nur der Zuwachs.", "As defined by SharpSpring: the whole MRR plus one-time purchases, not only the growth."),
            t("Kunden × ARPU + monatliche Einmalkäufe", "customers × ARPU + monthly one-time purchases"),
            &["customers", "arpu", "one_time"],
        ),
        variant(
            "by_source",
            t("Bewegung nach Quelle", "Movement by source"),
            t("Wenn der Zuwachs nach Upgrades, Cross-Sells und Add-ons getrennt vorliegt.", "When the growth is known split into upgrades, cross-sells and add-ons."),
            t("Upgrade-MRR + Cross-Sell-MRR + Add-on-MRR", "upgrade MRR + cross-sell MRR + add-on MRR"),
            &["upgrade_mrr", "cross_sell_mrr", "addon_mrr"],
        ),
    ],
    direction: Direction::HigherIsBetter,
    bands: &[],
    result_unit: Unit::Money,
    seeds: &["004"],
    chart: ChartKind::None,
    dataset_only: false,
};

/// mrr_movements
pub(crate) const MRR_MOVEMENTS: KpiDef = KpiDef {
    id: "mrr_movements",
    name: t("MRR-Bewegungen", "MRR movements"),
    abbr: t("MRR-Wasserfall", "MRR waterfall"),
    category: Category::Revenue,
    description: t("Neu, Expansion, Reaktivierung, Downgrade und Abwanderung erklären den MRR von Monat zu Monat.", "New, expansion, reactivation, contraction and churn explain MRR month to month."),
    explanation: t(
        "Der MRR-Wasserfall zerlegt die Veränderung des MRR in Bewegungen: Neukunden, Expansion und Reaktivierung erhöhen ihn, Downgrades und Kündigungen senken ihn. So wird sichtbar, ob Wachstum aus Neukunden oder aus dem Bestand kommt. Aus einem Datensatz wird das je Monat berechnet; hier aus Summen.",
        "The MRR waterfall splits the change in MRR into movements: new customers, expansion and reactivation raise it, contraction and churn lower it. It shows whether growth comes from new customers or the existing base. From a dataset it is computed per month; here from totals.",
    ),
    inputs: &[
        money("mrr_start", t("MRR zu Beginn", "MRR at start"), t("MRR am Monatsanfang.", "MRR at the start of the month."), 10000.0),
        money("new_mrr", t("Neu-MRR", "New MRR"), t("MRR neuer Kunden.", "MRR of new customers."), 1000.0),
        money("expansion_mrr", t("Expansions-MRR", "Expansion MRR"), t("Zuwachs bestehender Kunden.", "Increase from existing customers."), 800.0),
        money("reactivation_mrr", t("Reaktivierungs-MRR", "Reactivation MRR"), t("MRR zurückgekehrter Kunden.", "MRR of returning customers."), 100.0),
        money("contraction_mrr", t("Downgrade-MRR", "Contraction MRR"), t("Rückgang bestehender Kunden.", "Decrease from existing customers."), 200.0),
        money("churned_mrr", t("Abgewanderter MRR", "Churned MRR"), t("MRR gekündigter Kunden.", "MRR of cancelled customers."), 300.0),
    ],
    variants: &[variant(
        "waterfall",
        t("Wasserfall", "Waterfall"),
        t("Um den MRR am Monatsende aus den Bewegungen zu erklären.", "To explain the MRR at month end from its movements."),
        t("MRR zu Beginn + Neu + Expansion + Reaktivierung − Downgrade − Abwanderung = MRR am Ende", "MRR at start + new + expansion + reactivation − contraction − churn = MRR at end"),
        &["mrr_start", "new_mrr", "expansion_mrr", "reactivation_mrr", "contraction_mrr", "churned_mrr"],
    )],
    direction: Direction::HigherIsBetter,
    bands: &[],
    result_unit: Unit::Money,
    seeds: &["convention"],
    chart: ChartKind::None,
    dataset_only: false,
};

// A data constructor: the arguments are the fields that differ between the three share KPIs.
#[allow(clippy::too_many_arguments)]
const fn share_kpi(
    id: &'static str,
    name: crate::Text,
    abbr: crate::Text,
    description: crate::Text,
    explanation: crate::Text,
    inputs: &'static [crate::InputDef],
    variants: &'static [crate::VariantDef],
    seeds: &'static [&'static str],
) -> KpiDef {
    KpiDef {
        id,
        name,
        abbr,
        category: Category::Revenue,
        description,
        explanation,
        inputs,
        variants,
        direction: Direction::HigherIsBetter,
        bands: &[],
        result_unit: Unit::Ratio,
        seeds,
        chart: ChartKind::None,
        dataset_only: false,
    }
}

/// upsell_rate
pub(crate) const UPSELL_RATE: KpiDef = share_kpi(
    "upsell_rate",
    t("Upselling-Rate", "Upsell rate"),
    t("Upsell", "Upsell"),
    t("Anteil der Kunden, die auf ein höherwertiges Angebot gewechselt sind.", "Share of customers who upgraded to a higher offer."),
    t(
        "Beim Upselling wird dem Kunden eine Produkterweiterung angeboten, die das ursprüngliche Angebot ersetzt, meist mit mehr Qualität oder Funktionen. So steigt der Bestellwert ohne Neukunden. Messbar als Anteil der Kunden oder als Anteil am Umsatz.",
        "Upselling offers the customer an upgrade that replaces the original offer, usually with more quality or features. It raises order value without new customers. Measurable as a share of customers or of revenue.",
    ),
    &[
        count("upgraded", t("Kunden mit Upgrade", "Customers who upgraded"), t("Kunden, die im Zeitraum ein Upgrade gekauft haben.", "Customers who bought an upgrade in the period."), 12.0),
        CUSTOMERS,
        money("upsell_revenue", t("Upsell-Umsatz", "Upsell revenue"), t("Umsatz aus Upgrades im Zeitraum.", "Revenue from upgrades in the period."), 3000.0),
        REVENUE,
    ],
    &[
        variant(
            "customer_share",
            t("Anteil der Kunden", "Share of customers"),
            t("Um die Reichweite von Upselling zu sehen.", "To see how widely upselling works."),
            t("Kunden mit Upgrade ÷ Kunden", "customers who upgraded ÷ customers"),
            &["upgraded", "customers"],
        ),
        variant(
            "revenue_share",
            t("Anteil am Umsatz", "Share of revenue"),
            t("Um den Umsatzbeitrag von Upselling zu sehen.", "To see what upselling contributes to revenue."),
            t("Upsell-Umsatz ÷ Umsatz", "upsell revenue ÷ revenue"),
            &["upsell_revenue", "revenue"],
        ),
    ],
    &["000", "001"],
);

/// cross_sell_rate
pub(crate) const CROSS_SELL_RATE: KpiDef = share_kpi(
    "cross_sell_rate",
    t("Cross-Selling-Rate", "Cross-sell rate"),
    t("Cross-Sell", "Cross-sell"),
    t("Anteil der Kunden, die ein zusätzliches Produkt gekauft haben.", "Share of customers who bought an additional product."),
    t(
        "Cross-Selling ergänzt den Kauf um passende Erweiterungen oder Zusatzartikel. Erfolg bringen Relevanz und Zeitpunkt der Angebote. Messbar als Anteil der Kunden oder als Anteil am Umsatz.",
        "Cross-selling adds matching extensions or extra items to a purchase. Relevance and timing of offers make it work. Measurable as a share of customers or of revenue.",
    ),
    &[
        count("cross_bought", t("Kunden mit Zusatzkauf", "Customers with an extra product"), t("Kunden, die ein weiteres Produkt gekauft haben.", "Customers who bought another product."), 8.0),
        CUSTOMERS,
        money("cross_sell_revenue", t("Cross-Sell-Umsatz", "Cross-sell revenue"), t("Umsatz aus Zusatzprodukten im Zeitraum.", "Revenue from additional products in the period."), 2000.0),
        REVENUE,
    ],
    &[
        variant(
            "customer_share",
            t("Anteil der Kunden", "Share of customers"),
            t("Um die Reichweite von Cross-Selling zu sehen.", "To see how widely cross-selling works."),
            t("Kunden mit Zusatzkauf ÷ Kunden", "customers with an extra product ÷ customers"),
            &["cross_bought", "customers"],
        ),
        variant(
            "revenue_share",
            t("Anteil am Umsatz", "Share of revenue"),
            t("Um den Umsatzbeitrag von Cross-Selling zu sehen.", "To see what cross-selling contributes to revenue."),
            t("Cross-Sell-Umsatz ÷ Umsatz", "cross-sell revenue ÷ revenue"),
            &["cross_sell_revenue", "revenue"],
        ),
    ],
    &["000", "001"],
);

/// share_of_wallet
pub(crate) const SHARE_OF_WALLET: KpiDef = share_kpi(
    "share_of_wallet",
    t("Share of Wallet", "Share of wallet"),
    t("SoW", "SoW"),
    t("Unser Anteil an den Ausgaben eines Kunden in der Kategorie.", "Our share of a customer's spend in the category."),
    t(
        "Kundenerfolgsmanagement soll die Abwanderung senken, den Share of Wallet verbessern und neue Einnahmen erzielen. Der Share of Wallet teilt unseren Umsatz mit einem Kunden durch dessen Gesamtausgaben in der Kategorie.",
        "Customer-success management aims to reduce churn, improve share of wallet and win new revenue. Share of wallet divides our revenue from a customer by their total spend in the category.",
    ),
    &[
        money("our_revenue", t("Unser Umsatz mit dem Kunden", "Our revenue from the customer"), t("Was der Kunde bei uns ausgibt.", "What the customer spends with us."), 4000.0),
        money("category_spend", t("Ausgaben des Kunden in der Kategorie", "Customer's category spend"), t("Was der Kunde insgesamt in der Kategorie ausgibt.", "What the customer spends in the category in total."), 10000.0),
    ],
    &[variant(
        "standard",
        t("Standard", "Standard"),
        t("Wenn die Gesamtausgaben des Kunden bekannt oder geschätzt sind.", "When the customer's total spend is known or estimated."),
        t("Unser Umsatz ÷ Ausgaben in der Kategorie", "our revenue ÷ category spend"),
        &["our_revenue", "category_spend"],
    )],
    &["001"],
);

/// Calculators of this section; `None` when the KPI is not in this section.
pub(crate) fn calculate(
    kpi: &str,
    variant: &str,
    c: &mut Calc,
) -> Option<Result<Computed, KpiError>> {
    Some(match (kpi, variant) {
        ("mrr", "arpu_customers") => product(c, "arpu", "customers"),
        ("mrr", "normalised") => mrr_normalised(c),
        ("arr", "standard") => arr(c),
        ("arpu", "per_customer") => per(c, "revenue", "customers", Unit::Money),
        ("arpu", "per_average_user") => per(c, "revenue", "average_users", Unit::Money),
        ("expansion_mrr", "with_one_time") => expansion_one_time(c),
        ("expansion_mrr", "movement") => expansion_movement(c),
        ("expansion_mrr", "by_source") => expansion_by_source(c),
        ("mrr_movements", "waterfall") => waterfall(c),
        ("upsell_rate", "customer_share") => part_of(c, "upgraded", "customers"),
        ("upsell_rate", "revenue_share") => part_of(c, "upsell_revenue", "revenue"),
        ("cross_sell_rate", "customer_share") => part_of(c, "cross_bought", "customers"),
        ("cross_sell_rate", "revenue_share") => part_of(c, "cross_sell_revenue", "revenue"),
        ("share_of_wallet", "standard") => part_of(c, "our_revenue", "category_spend"),
        _ => return None,
    })
}

fn product(c: &mut Calc, a: &'static str, b: &'static str) -> Result<Computed, KpiError> {
    let x = c.num(a)?;
    let y = c.num(b)?;
    Ok(Computed::new(x * y, Unit::Money, vec![I(a), O("×"), I(b)]))
}

fn mrr_normalised(c: &mut Calc) -> Result<Computed, KpiError> {
    let monthly = c.num("monthly_plans")?;
    let annual = c.num("annual_plans")?;
    Ok(Computed::new(
        monthly + annual / 12.0,
        Unit::Money,
        vec![I("monthly_plans"), O("+"), I("annual_plans"), O("÷"), T(t("12", "12"))],
    )
    .with(t("Jahrespläne pro Monat", "Annual plans per month"), annual / 12.0, Unit::Money))
}

fn arr(c: &mut Calc) -> Result<Computed, KpiError> {
    let mrr = c.num("mrr")?;
    Ok(Computed::new(mrr * 12.0, Unit::Money, vec![I("mrr"), O("×"), T(t("12", "12"))]))
}

fn expansion_one_time(c: &mut Calc) -> Result<Computed, KpiError> {
    let customers = c.num("customers")?;
    let arpu = c.num("arpu")?;
    let one_time = c.num("one_time")?;
    let mrr = customers * arpu;
    Ok(Computed::new(
        mrr + one_time,
        Unit::Money,
        vec![I("customers"), O("×"), I("arpu"), O("+"), I("one_time")],
    )
    .with(t("MRR", "MRR"), mrr, Unit::Money))
}

/// End minus start MRR of the existing customers whose MRR rose; a start above the end is no
/// expansion (that is contraction) and is refused rather than shown as a negative expansion.
fn expansion_movement(c: &mut Calc) -> Result<Computed, KpiError> {
    let end = c.num("expanding_mrr_end")?;
    let start = c.num("expanding_mrr_start")?;
    if start > end {
        return Err(KpiError::PartExceedsWhole {
            part: "expanding_mrr_start",
            whole: "expanding_mrr_end",
            part_value: start,
            whole_value: end,
        });
    }
    Ok(Computed::new(
        end - start,
        Unit::Money,
        vec![I("expanding_mrr_end"), O("−"), I("expanding_mrr_start")],
    ))
}

fn expansion_by_source(c: &mut Calc) -> Result<Computed, KpiError> {
    let upgrade = c.num("upgrade_mrr")?;
    let cross = c.num("cross_sell_mrr")?;
    let addon = c.num("addon_mrr")?;
    Ok(Computed::new(
        upgrade + cross + addon,
        Unit::Money,
        vec![I("upgrade_mrr"), O("+"), I("cross_sell_mrr"), O("+"), I("addon_mrr")],
    ))
}

fn waterfall(c: &mut Calc) -> Result<Computed, KpiError> {
    let start = c.num("mrr_start")?;
    let new = c.num("new_mrr")?;
    let expansion = c.num("expansion_mrr")?;
    let reactivation = c.num("reactivation_mrr")?;
    let contraction = c.num("contraction_mrr")?;
    let churned = c.num("churned_mrr")?;
    let gained = start + new + expansion + reactivation;
    let lost = contraction + churned;
    // MRR at the end of a month cannot be negative.
    if lost > gained {
        return Err(KpiError::MrrLossExceedsStart { lost, start: gained });
    }
    let end = gained - lost;
    Ok(Computed::new(
        end,
        Unit::Money,
        vec![
            I("mrr_start"),
            O("+"),
            I("new_mrr"),
            O("+"),
            I("expansion_mrr"),
            O("+"),
            I("reactivation_mrr"),
            O("−"),
            I("contraction_mrr"),
            O("−"),
            I("churned_mrr"),
        ],
    )
    .with(t("Netto-Neu-MRR", "Net new MRR"), end - start, Unit::Money))
}
