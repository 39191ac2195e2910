//! Retention and churn.

use super::{count, money, variant};
use crate::eval::{part_of, Calc, Computed, Tok::*};
use crate::{t, Category, ChartKind, Direction, KpiDef, KpiError, Unit};

const START: crate::InputDef = count(
    "start",
    t("Kunden zu Beginn", "Customers at start"),
    t("Kunden am ersten Tag des Zeitraums.", "Customers on the first day of the period."),
    100.0,
);
const NEW: crate::InputDef = count(
    "new",
    t("Neukunden", "New customers"),
    t("Im Zeitraum gewonnene Kunden.", "Customers won during the period."),
    5.0,
);
const MRR_START: crate::InputDef = money(
    "mrr_start",
    t("MRR zu Beginn", "MRR at start"),
    t(
        "Monatlich wiederkehrender Umsatz zu Beginn des Zeitraums.",
        "Monthly recurring revenue at the start of the period.",
    ),
    10000.0,
);
const CHURNED_MRR: crate::InputDef = money(
    "churned_mrr",
    t("Abgewanderter MRR", "Churned MRR"),
    t("MRR der Kunden, die gekündigt haben.", "MRR of customers who cancelled."),
    300.0,
);
const CONTRACTION_MRR: crate::InputDef = money(
    "contraction_mrr",
    t("Downgrade-MRR", "Contraction MRR"),
    t(
        "MRR-Rückgang bestehender Kunden durch Herabstufungen.",
        "MRR decrease of existing customers through downgrades.",
    ),
    200.0,
);
const EXPANSION_MRR: crate::InputDef = money(
    "expansion_mrr",
    t("Expansions-MRR", "Expansion MRR"),
    t(
        "MRR-Zuwachs bestehender Kunden durch Upgrades und Zusatzkäufe.",
        "MRR increase of existing customers through upgrades and add-ons.",
    ),
    800.0,
);

/// retention_rate
pub(crate) const RETENTION_RATE: KpiDef = KpiDef {
    id: "retention_rate",
    name: t("Kundenbindungsrate", "Customer retention rate"),
    abbr: t("CRR", "CRR"),
    category: Category::Retention,
    description: t(
        "Anteil der Kunden vom Periodenbeginn, die am Ende noch Kunden sind.",
        "Share of the customers at the start of a period who are still customers at its end.",
    ),
    explanation: t(
        "Die Kundenbindungsrate hat drei Parameter: Kunden zu Beginn, Kunden am Ende und Neukunden im Zeitraum. Neukunden werden abgezogen, weil Neukundengewinnung sonst Abwanderung verdecken kann. Stammkundenpflege ist günstiger als Neukundengewinnung.",
        "The retention rate has three parameters: customers at the start, customers at the end and new customers in the period. New customers are subtracted because winning new customers can otherwise hide churn. Keeping customers costs less than winning new ones.",
    ),
    inputs: &[
        START,
        count(
            "end",
            t("Kunden am Ende", "Customers at end"),
            t("Kunden am letzten Tag des Zeitraums, einschließlich Neukunden.", "Customers on the last day of the period, including new ones."),
            95.0,
        ),
        NEW,
    ],
    variants: &[variant(
        "standard",
        t("Standard", "Standard"),
        t("Immer, wenn Anfangs-, Endbestand und Neukunden bekannt sind.", "Whenever start, end and new customer counts are known."),
        t("(Kunden am Ende − Neukunden) ÷ Kunden zu Beginn", "(customers at end − new customers) ÷ customers at start"),
        &["start", "end", "new"],
    )],
    direction: Direction::HigherIsBetter,
    bands: &[],
    result_unit: Unit::Ratio,
    seeds: &["000"],
    chart: ChartKind::ChurnRemaining,
    dataset_only: false,
};

/// churn_rate
pub(crate) const CHURN_RATE: KpiDef = KpiDef {
    id: "churn_rate",
    name: t("Kundenabwanderungsrate", "Customer churn rate"),
    abbr: t("Churn", "Churn"),
    category: Category::Retention,
    description: t(
        "Anteil der Kunden, die im Zeitraum verloren gingen.",
        "Share of customers lost during a period.",
    ),
    explanation: t(
        "Die Churn Rate zählt Kunden, die nicht mehr kaufen oder nutzen: gekündigte Abonnements, geschlossene Konten, nicht verlängerte Verträge. Sie zeigt nur die Zahl der verlorenen Kunden, nicht den entgangenen Umsatz. Neu gewonnene Kunden gehören nicht in den Nenner: 2 verlorene von 100 Kunden zu Beginn sind 2 %, auch wenn 5 neue dazukamen.",
        "Churn counts customers who stopped buying or using: cancelled subscriptions, closed accounts, contracts not renewed. It shows only the number of customers lost, not the revenue lost. New customers do not belong in the denominator: 2 lost of 100 customers at the start is 2 %, even if 5 new ones joined.",
    ),
    inputs: &[
        count(
            "lost",
            t("Verlorene Kunden", "Customers lost"),
            t("Kunden, die im Zeitraum gekündigt oder aufgehört haben.", "Customers who cancelled or stopped during the period."),
            2.0,
        ),
        START,
        NEW,
    ],
    variants: &[
        variant(
            "a",
            t("A: bezogen auf den Anfangsbestand", "A: of customers at start"),
            t("Standard: nur Kunden, die zu Beginn da waren, können abwandern.", "Default: only customers present at the start can churn."),
            t("Verlorene Kunden ÷ Kunden zu Beginn", "customers lost ÷ customers at start"),
            &["lost", "start"],
        ),
        variant(
            "b",
            t("B: bezogen auf alle Kunden im Zeitraum", "B: of all customers in the period"),
            t("Wenn auch im Zeitraum gewonnene Kunden abwandern können (16-KPI-Leitfaden 2021).", "When customers won during the period can churn too (16-KPI guide 2021)."),
            t("Verlorene Kunden ÷ (Kunden zu Beginn + Neukunden)", "customers lost ÷ (customers at start + new customers)"),
            &["lost", "start", "new"],
        ),
    ],
    direction: Direction::LowerIsBetter,
    bands: &[],
    result_unit: Unit::Ratio,
    seeds: &["000", "003", "004"],
    chart: ChartKind::ChurnRemaining,
    dataset_only: false,
};

/// revenue_churn
pub(crate) const REVENUE_CHURN: KpiDef = KpiDef {
    id: "revenue_churn",
    name: t("Umsatzabwanderung (brutto)", "Gross revenue churn"),
    abbr: t("Revenue Churn", "Revenue churn"),
    category: Category::Retention,
    description: t(
        "Anteil des Anfangs-MRR, der durch Kündigungen und Downgrades verloren ging.",
        "Share of starting MRR lost to cancellations and downgrades.",
    ),
    explanation: t(
        "Die Kunden-Churn-Rate sagt nichts über die Höhe des entgangenen Umsatzes. Die Umsatzabwanderung misst den Verlust wiederkehrender Einnahmen durch Kündigungen und Herabstufungen, bezogen auf den MRR zu Beginn.",
        "Customer churn says nothing about how much revenue was lost. Revenue churn measures recurring revenue lost to cancellations and downgrades, relative to the MRR at the start.",
    ),
    inputs: &[MRR_START, CHURNED_MRR, CONTRACTION_MRR],
    variants: &[variant(
        "gross",
        t("Brutto", "Gross"),
        t("Immer; Expansion wird nicht gegengerechnet (dafür NDR).", "Always; expansion is not netted against losses (see NDR)."),
        t("(Abgewanderter MRR + Downgrade-MRR) ÷ MRR zu Beginn", "(churned MRR + contraction MRR) ÷ MRR at start"),
        &["mrr_start", "churned_mrr", "contraction_mrr"],
    )],
    direction: Direction::LowerIsBetter,
    bands: &[],
    result_unit: Unit::Ratio,
    seeds: &["001", "002"],
    chart: ChartKind::None,
    dataset_only: false,
};

/// ndr
pub(crate) const NDR: KpiDef = KpiDef {
    id: "ndr",
    name: t("Netto-Umsatzbindung", "Net dollar retention"),
    abbr: t("NDR", "NDR"),
    category: Category::Retention,
    description: t(
        "Wie viel des Anfangs-MRR bestehende Kunden nach Upgrades, Downgrades und Kündigungen bringen.",
        "How much of the starting MRR existing customers bring after upgrades, downgrades and churn.",
    ),
    explanation: t(
        "Die Net Dollar Retention misst, wie viel Geld Sie mit bestehenden Kunden gewonnen oder verloren haben: Upgrades und Zusatzfunktionen erhöhen sie, Herabstufungen und Abwanderung senken sie. Über 100 % wächst der Umsatz mit Bestandskunden auch ohne Neukunden.",
        "Net dollar retention measures how much money you gained or lost with existing customers: upgrades and add-ons raise it, downgrades and churn lower it. Above 100 % revenue from existing customers grows even without new customers.",
    ),
    inputs: &[MRR_START, EXPANSION_MRR, CONTRACTION_MRR, CHURNED_MRR],
    variants: &[variant(
        "standard",
        t("Standard", "Standard"),
        t("Immer; kann über 100 % liegen.", "Always; may exceed 100 %."),
        t("(MRR zu Beginn + Expansion − Downgrades − Abwanderung) ÷ MRR zu Beginn", "(MRR at start + expansion − contraction − churn) ÷ MRR at start"),
        &["mrr_start", "expansion_mrr", "contraction_mrr", "churned_mrr"],
    )],
    direction: Direction::HigherIsBetter,
    bands: &[],
    result_unit: Unit::Ratio,
    seeds: &["002"],
    chart: ChartKind::None,
    dataset_only: false,
};

/// grr
pub(crate) const GRR: KpiDef = KpiDef {
    id: "grr",
    name: t("Brutto-Umsatzbindung", "Gross revenue retention"),
    abbr: t("GRR", "GRR"),
    category: Category::Retention,
    description: t(
        "Anteil des Anfangs-MRR, der ohne Expansion erhalten bleibt; höchstens 100 %.",
        "Share of starting MRR kept, ignoring expansion; at most 100 %.",
    ),
    explanation: t(
        "Die Brutto-Umsatzbindung zieht nur Downgrades und Abwanderung vom Anfangs-MRR ab und rechnet Upgrades nicht an. Sie kann deshalb nie über 100 % liegen und zeigt, wie gut der bestehende Umsatz gehalten wird.",
        "Gross revenue retention subtracts only contraction and churn from the starting MRR and gives no credit for expansion. It can therefore never exceed 100 % and shows how well existing revenue is kept.",
    ),
    inputs: &[MRR_START, CONTRACTION_MRR, CHURNED_MRR],
    variants: &[variant(
        "standard",
        t("Standard", "Standard"),
        t("Immer; ergänzt die NDR ohne Expansion.", "Always; complements NDR without expansion."),
        t("(MRR zu Beginn − Downgrades − Abwanderung) ÷ MRR zu Beginn", "(MRR at start − contraction − churn) ÷ MRR at start"),
        &["mrr_start", "contraction_mrr", "churned_mrr"],
    )],
    direction: Direction::HigherIsBetter,
    bands: &[],
    result_unit: Unit::Ratio,
    seeds: &["convention"],
    chart: ChartKind::None,
    dataset_only: false,
};

/// renewal_rate
pub(crate) const RENEWAL_RATE: KpiDef = KpiDef {
    id: "renewal_rate",
    name: t("Verlängerungsrate", "Renewal rate"),
    abbr: t("Verlängerung", "Renewal"),
    category: Category::Retention,
    description: t(
        "Anteil der zur Verlängerung anstehenden Verträge, die verlängert wurden.",
        "Share of contracts up for renewal that were renewed.",
    ),
    explanation: t(
        "Eine Schlüsselkennzahl dafür, ob ein Unternehmen seinen Wert nachweisen kann, ist, ob der Kunde tatsächlich verlängert hat. Gelingt Kundenerfolg, wird die Verlängerung zur Formsache.",
        "A key measure of whether a company can prove its value is whether the customer actually renewed. When customer success works, renewal becomes a formality.",
    ),
    inputs: &[
        count("renewed", t("Verlängerte Verträge", "Contracts renewed"), t("Verträge, die im Zeitraum verlängert wurden.", "Contracts renewed during the period."), 45.0),
        count("up_for_renewal", t("Anstehende Verträge", "Contracts up for renewal"), t("Verträge, deren Laufzeit im Zeitraum endete.", "Contracts whose term ended during the period."), 50.0),
    ],
    variants: &[variant(
        "standard",
        t("Standard", "Standard"),
        t("Bei Verträgen mit fester Laufzeit.", "For contracts with a fixed term."),
        t("Verlängerte Verträge ÷ anstehende Verträge", "contracts renewed ÷ contracts up for renewal"),
        &["renewed", "up_for_renewal"],
    )],
    direction: Direction::HigherIsBetter,
    bands: &[],
    result_unit: Unit::Ratio,
    seeds: &["001"],
    chart: ChartKind::None,
    dataset_only: false,
};

/// Calculators of this section; `None` when the KPI is not in this section.
pub(crate) fn calculate(
    kpi: &str,
    variant: &str,
    c: &mut Calc,
) -> Option<Result<Computed, KpiError>> {
    Some(match (kpi, variant) {
        ("retention_rate", "standard") => retention(c),
        ("churn_rate", "a") => churn(c, false),
        ("churn_rate", "b") => churn(c, true),
        ("revenue_churn", "gross") => revenue_churn(c),
        ("ndr", "standard") => mrr_retention(c, true),
        ("grr", "standard") => mrr_retention(c, false),
        ("renewal_rate", "standard") => part_of(c, "renewed", "up_for_renewal"),
        _ => return None,
    })
}

fn retention(c: &mut Calc) -> Result<Computed, KpiError> {
    let start = c.num("start")?;
    let end = c.num("end")?;
    let new = c.num("new")?;
    if new > end {
        return Err(KpiError::PartExceedsWhole {
            part: "new",
            whole: "end",
            part_value: new,
            whole_value: end,
        });
    }
    let retained = end - new;
    let value = c.div(retained, start, "start")?;
    if retained > start {
        return Err(KpiError::RetainedExceedsStart { retained, start });
    }
    Ok(Computed::new(
        value,
        Unit::Ratio,
        vec![O("("), I("end"), O("−"), I("new"), O(")"), O("÷"), I("start")],
    )
    .with(t("Gehaltene Kunden", "Customers retained"), retained, Unit::Count)
    .with(t("Verlorene Kunden", "Customers lost"), start - retained, Unit::Count))
}

fn churn(c: &mut Calc, with_new: bool) -> Result<Computed, KpiError> {
    let lost = c.num("lost")?;
    let start = c.num("start")?;
    let new = if with_new { c.num("new")? } else { 0.0 };
    let existing = start + new;
    let den_input = if with_new && start == 0.0 { "new" } else { "start" };
    let value = c.div(lost, existing, den_input)?;
    if lost > existing {
        return Err(KpiError::LostExceedsExisting { lost, existing });
    }
    let toks = if with_new {
        vec![I("lost"), O("÷"), O("("), I("start"), O("+"), I("new"), O(")")]
    } else {
        vec![I("lost"), O("÷"), I("start")]
    };
    Ok(Computed::new(value, Unit::Ratio, toks).with(
        t("Verbleibende Kunden", "Customers remaining"),
        existing - lost,
        Unit::Count,
    ))
}

/// Churned plus contraction MRR, checked against what there was to lose.
fn mrr_losses(c: &mut Calc, available: f64) -> Result<(f64, f64), KpiError> {
    let contraction = c.num("contraction_mrr")?;
    let churned = c.num("churned_mrr")?;
    let lost = contraction + churned;
    if lost > available {
        return Err(KpiError::MrrLossExceedsStart { lost, start: available });
    }
    Ok((lost, churned))
}

fn revenue_churn(c: &mut Calc) -> Result<Computed, KpiError> {
    let start = c.num("mrr_start")?;
    let (lost, _) = mrr_losses(c, start)?;
    let value = c.div(lost, start, "mrr_start")?;
    Ok(Computed::new(
        value,
        Unit::Ratio,
        vec![
            O("("),
            I("churned_mrr"),
            O("+"),
            I("contraction_mrr"),
            O(")"),
            O("÷"),
            I("mrr_start"),
        ],
    )
    .with(t("Verlorener MRR", "MRR lost"), lost, Unit::Money))
}

/// NDR (`with_expansion`) or GRR.
fn mrr_retention(c: &mut Calc, with_expansion: bool) -> Result<Computed, KpiError> {
    let start = c.num("mrr_start")?;
    let expansion = if with_expansion { c.num("expansion_mrr")? } else { 0.0 };
    // Losses can only come out of the MRR that existed at the start.
    let (lost, _) = mrr_losses(c, start)?;
    let kept = start + expansion - lost;
    let value = c.div(kept, start, "mrr_start")?;
    let mut toks = vec![O("("), I("mrr_start")];
    if with_expansion {
        toks.extend([O("+"), I("expansion_mrr")]);
    }
    toks.extend([O("−"), I("contraction_mrr"), O("−"), I("churned_mrr"), O(")"), O("÷")]);
    toks.push(I("mrr_start"));
    Ok(Computed::new(value, Unit::Ratio, toks).with(
        t("MRR am Ende (Bestandskunden)", "MRR at end (existing customers)"),
        kept,
        Unit::Money,
    ))
}
