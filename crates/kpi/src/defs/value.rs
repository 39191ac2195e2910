//! Value and cost.

use super::{amount, count, money, ratio, variant};
use crate::eval::{Calc, Computed, Tok::*};
use crate::{t, Band, Category, ChartKind, Direction, KpiDef, KpiError, Tone, Unit};

const LIFESPAN: crate::InputDef = amount(
    "lifespan_years",
    t("Ø Kundenlebensdauer (Jahre)", "Average lifespan (years)"),
    t("Wie lange ein Kunde im Durchschnitt bleibt.", "How long a customer stays on average."),
    Unit::Years,
    3.0,
);
const CAC_IN: crate::InputDef = money(
    "cac",
    t("Kundenakquisitionskosten (CAC)", "Customer acquisition cost (CAC)"),
    t(
        "Vertriebs- und Marketingkosten je gewonnenem Kunden.",
        "Sales and marketing cost per customer won.",
    ),
    600.0,
);
const ARPU_IN: crate::InputDef = money(
    "arpu",
    t("ARPU pro Monat", "ARPU per month"),
    t("Durchschnittlicher Monatsumsatz pro Kunde.", "Average monthly revenue per customer."),
    100.0,
);
const GROSS_MARGIN: crate::InputDef = ratio(
    "gross_margin",
    t("Bruttomarge", "Gross margin"),
    t(
        "Anteil des Umsatzes, der nach direkten Kosten bleibt.",
        "Share of revenue left after direct costs.",
    ),
    0.8,
);

/// clv
pub(crate) const CLV: KpiDef = KpiDef {
    id: "clv",
    name: t("Customer Lifetime Value", "Customer lifetime value"),
    abbr: t("CLV", "CLV"),
    category: Category::ValueCost,
    description: t(
        "Erwarteter Umsatz mit einem Kunden über die gesamte Kundenbeziehung.",
        "Expected revenue from one customer over the whole relationship.",
    ),
    explanation: t(
        "Der CLV zeigt, wie viel ein Kunde wert ist, wie viel in Kundenbindung investiert werden sollte und ob ein Kunde wahrscheinlich Stammkunde wird. Klassisch: durchschnittlicher Einkaufswert mal Kaufhäufigkeit mal durchschnittliche Kundenlebensdauer. Andere Quellen ziehen die Akquisitionskosten ab oder rechnen mit ARPU, Marge und Abwanderungsrate. Ein steigender CLV deutet auf erfolgreiche Kunden hin, ein sinkender auf Abwanderungsgefahr.",
        "CLV shows what a customer is worth, how much to invest in retention and whether a customer is likely to become a regular. Classic form: average purchase value times purchase frequency times average lifespan. Other sources subtract acquisition cost or use ARPU, margin and churn rate. A rising CLV suggests successful customers, a falling one churn risk.",
    ),
    inputs: &[
        money("purchase_value", t("Ø Einkaufswert", "Average purchase value"), t("Durchschnittlicher Betrag pro Kauf.", "Average amount per purchase."), 50.0),
        amount("purchase_frequency", t("Käufe pro Jahr", "Purchases per year"), t("Durchschnittliche Käufe eines Kunden pro Jahr.", "Average purchases per customer per year."), Unit::Number, 4.0),
        LIFESPAN,
        money("annual_revenue", t("Ø Jahresumsatz pro Kunde", "Average annual revenue per customer"), t("Umsatz eines Kunden pro Jahr.", "Revenue from one customer per year."), 1200.0),
        CAC_IN,
        money("customer_value", t("Kundenwert pro Jahr", "Customer value per year"), t("Durchschnittlicher Wert eines Kunden pro Jahr.", "Average value of a customer per year."), 1000.0),
        ARPU_IN,
        GROSS_MARGIN,
        ratio("churn_rate", t("Monatliche Churn Rate", "Monthly churn rate"), t("Anteil der Kunden, die pro Monat abwandern.", "Share of customers lost per month."), 0.02),
    ],
    variants: &[
        variant(
            "a",
            t("A: Einkaufswert × Häufigkeit × Lebensdauer", "A: purchase value × frequency × lifespan"),
            t("Standard für wiederholte Käufe (Bitrix24, 16-KPI-Leitfaden 2021).", "Default for repeat purchases (Bitrix24, 16-KPI guide 2021)."),
            t("Ø Einkaufswert × Käufe pro Jahr × Lebensdauer in Jahren", "average purchase value × purchases per year × lifespan in years"),
            &["purchase_value", "purchase_frequency", "lifespan_years"],
        ),
        variant(
            "b",
            t("B: Jahresumsatz × Jahre − CAC", "B: annual revenue × years − CAC"),
            t("Wenn der CLV nach Akquisitionskosten gefragt ist (Winning by Design).", "When CLV net of acquisition cost is wanted (Winning by Design)."),
            t("(Ø Jahresumsatz × Beziehungsdauer in Jahren) − CAC", "(average annual revenue × relationship years) − CAC"),
            &["annual_revenue", "lifespan_years", "cac"],
        ),
        variant(
            "c",
            t("C: Kundenwert × Lebensdauer", "C: customer value × lifespan"),
            t("Wenn ein Kundenwert pro Jahr schon bekannt ist (16-KPI-Leitfaden 2021).", "When a yearly customer value is already known (16-KPI guide 2021)."),
            t("Kundenwert pro Jahr × Lebensdauer in Jahren", "customer value per year × lifespan in years"),
            &["customer_value", "lifespan_years"],
        ),
        variant(
            "d",
            t("D: ARPU × Marge ÷ Churn", "D: ARPU × margin ÷ churn"),
            t("Für Abonnements mit stabiler monatlicher Abwanderung.", "For subscriptions with a steady monthly churn."),
            t("ARPU pro Monat × Bruttomarge ÷ monatliche Churn Rate", "monthly ARPU × gross margin ÷ monthly churn rate"),
            &["arpu", "gross_margin", "churn_rate"],
        ),
    ],
    direction: Direction::HigherIsBetter,
    bands: &[],
    result_unit: Unit::Money,
    seeds: &["000", "002", "003", "004"],
    chart: ChartKind::None,
    dataset_only: false,
};

/// cac
pub(crate) const CAC: KpiDef = KpiDef {
    id: "cac",
    name: t("Kundenakquisitionskosten", "Customer acquisition cost"),
    abbr: t("CAC", "CAC"),
    category: Category::ValueCost,
    description: t("Vertriebs- und Marketingkosten je gewonnenem Kunden.", "Sales and marketing cost per customer won."),
    explanation: t(
        "Die CAC sind die Kosten aller Marketing- und Vertriebsbemühungen geteilt durch die Zahl der gewonnenen Kunden im selben Zeitraum. Die genaue Abgrenzung hängt von Teamstruktur und Werbestrategie ab; wichtig ist, sie für jedes Segment gleich zu berechnen. Bezahlte Werbung und kalte E-Mails treiben die CAC oft hoch.",
        "CAC is the cost of all marketing and sales efforts divided by the customers won in the same period. What counts depends on team structure and advertising; what matters is computing it the same way for every segment. Paid ads and cold e-mail often drive CAC up.",
    ),
    inputs: &[
        money("sales_cost", t("Vertriebskosten", "Sales cost"), t("Vertriebskosten im Zeitraum.", "Sales cost in the period."), 30000.0),
        money("marketing_cost", t("Marketingkosten", "Marketing cost"), t("Marketingkosten im Zeitraum.", "Marketing cost in the period."), 30000.0),
        count("customers_won", t("Gewonnene Kunden", "Customers won"), t("Neukunden im selben Zeitraum.", "New customers in the same period."), 100.0),
    ],
    variants: &[variant(
        "standard",
        t("Standard", "Standard"),
        t("Immer, pro Zeitraum und Segment einheitlich.", "Always, consistently per period and segment."),
        t("(Vertriebskosten + Marketingkosten) ÷ gewonnene Kunden", "(sales cost + marketing cost) ÷ customers won"),
        &["sales_cost", "marketing_cost", "customers_won"],
    )],
    direction: Direction::LowerIsBetter,
    bands: &[],
    result_unit: Unit::Money,
    seeds: &["004"],
    chart: ChartKind::None,
    dataset_only: false,
};

/// clv_cac_ratio
pub(crate) const CLV_CAC_RATIO: KpiDef = KpiDef {
    id: "clv_cac_ratio",
    name: t("CLV-zu-CAC-Verhältnis", "CLV to CAC ratio"),
    abbr: t("CLV:CAC", "CLV:CAC"),
    category: Category::ValueCost,
    description: t("Kundenwert je Euro Akquisitionskosten.", "Customer value per unit of acquisition cost."),
    explanation: t(
        "CLV und CAC zusammen zeigen die Rentabilität: Ideal ist ein Verhältnis von mindestens 3:1, bei 2:1 ist der Gewinn nur gering, bei 1:1 oder weniger wird die Gewinnschwelle erreicht oder Geld verloren. Die CAC sollten also ein Fünftel bis ein Drittel des CLV betragen. SharpSpring nennt das Verhältnis „Gewinn pro Kunde“; der Gewinn selbst ist CLV minus CAC und steht in der Aufschlüsselung.",
        "CLV and CAC together show profitability: ideally the ratio is at least 3:1, at 2:1 profit is only marginal, at 1:1 or less you break even or lose money. CAC should thus be a fifth to a third of CLV. SharpSpring calls the ratio “profit per customer”; the profit itself is CLV minus CAC and is shown in the breakdown.",
    ),
    inputs: &[
        money("clv", t("Customer Lifetime Value", "Customer lifetime value"), t("CLV je Kunde, z. B. aus der CLV-Kennzahl.", "CLV per customer, e.g. from the CLV KPI."), 1800.0),
        CAC_IN,
    ],
    variants: &[variant(
        "ratio",
        t("Verhältnis", "Ratio"),
        t("Immer; CLV und CAC für denselben Zeitraum und dasselbe Segment.", "Always; CLV and CAC for the same period and segment."),
        t("CLV ÷ CAC", "CLV ÷ CAC"),
        &["clv", "cac"],
    )],
    direction: Direction::HigherIsBetter,
    // Edges are inclusive and the first match wins: 3 is healthy, 2 marginal, 1 a loss.
    bands: &[
        Band { min: Some(3.0), max: None, label: t("Gesund (≥ 3:1)", "Healthy (≥ 3:1)"), tone: Tone::Good },
        Band { min: Some(2.0), max: Some(3.0), label: t("Geringer Gewinn (2:1 bis 3:1)", "Marginal profit (2:1 to 3:1)"), tone: Tone::Warn },
        Band { min: None, max: Some(1.0), label: t("Gewinnschwelle oder Verlust (≤ 1:1)", "Break-even or loss (≤ 1:1)"), tone: Tone::Bad },
        Band { min: Some(1.0), max: Some(2.0), label: t("Kaum Gewinn (1:1 bis 2:1)", "Barely profitable (1:1 to 2:1)"), tone: Tone::Bad },
    ],
    result_unit: Unit::Number,
    seeds: &["004"],
    chart: ChartKind::ClvCacBands,
    dataset_only: false,
};

/// cac_payback_months
pub(crate) const CAC_PAYBACK_MONTHS: KpiDef = KpiDef {
    id: "cac_payback_months",
    name: t("CAC-Amortisationszeit", "CAC payback period"),
    abbr: t("CAC Payback", "CAC payback"),
    category: Category::ValueCost,
    description: t("Monate, bis die Marge eines Kunden seine Akquisitionskosten deckt.", "Months until a customer's margin covers their acquisition cost."),
    explanation: t(
        "Die Amortisationszeit teilt die Akquisitionskosten durch die monatliche Bruttomarge eines Kunden (ARPU mal Bruttomarge). Je kürzer, desto schneller finanziert sich Wachstum selbst; wandert ein Kunde vorher ab, ist sein Erwerb ein Verlust.",
        "The payback period divides acquisition cost by a customer's monthly gross margin (ARPU times gross margin). The shorter it is, the sooner growth pays for itself; a customer who churns before then was acquired at a loss.",
    ),
    inputs: &[CAC_IN, ARPU_IN, GROSS_MARGIN],
    variants: &[variant(
        "standard",
        t("Standard", "Standard"),
        t("Für Abonnements mit monatlichem ARPU.", "For subscriptions with a monthly ARPU."),
        t("CAC ÷ (ARPU pro Monat × Bruttomarge)", "CAC ÷ (monthly ARPU × gross margin)"),
        &["cac", "arpu", "gross_margin"],
    )],
    direction: Direction::LowerIsBetter,
    bands: &[],
    result_unit: Unit::Months,
    seeds: &["convention"],
    chart: ChartKind::CacPayback,
    dataset_only: false,
};

/// retention_cost
pub(crate) const RETENTION_COST: KpiDef = KpiDef {
    id: "retention_cost",
    name: t("Kundenbindungskosten", "Customer retention cost"),
    abbr: t("CRC", "CRC"),
    category: Category::ValueCost,
    description: t("Ausgaben für Kundenerfolg je Kunde.", "Customer-success spend per customer."),
    explanation: t(
        "Die Kundenbindungskosten summieren alle Ausgaben für Kundenerfolg: Gehälter von Customer-Success- und Support-Teams, Engagement- und Adoptionsprogramme, professionelle Dienstleistungen und Schulungen sowie Kundenmarketing. Die Summe wird durch die Zahl der Kunden geteilt. Ein treuer Kundenstamm ist ein Eckpfeiler finanzieller Stabilität.",
        "Retention cost adds up all customer-success spend: payroll of customer-success and support teams, engagement and adoption programmes, professional services and training, and customer marketing. The sum is divided by the number of customers. A loyal customer base is a cornerstone of financial stability.",
    ),
    inputs: &[
        money("cs_payroll", t("Gehälter CS und Support", "CS and support payroll"), t("Gehälter der Customer-Success- und Support-Teams.", "Payroll of customer-success and support teams."), 30000.0),
        money("programmes", t("Engagement-Programme", "Engagement programmes"), t("Engagement- und Adoptionsprogramme.", "Engagement and adoption programmes."), 5000.0),
        money("services", t("Dienstleistungen und Schulungen", "Services and training"), t("Professionelle Dienstleistungen und Schulungen.", "Professional services and training."), 3000.0),
        money("customer_marketing", t("Kundenmarketing", "Customer marketing"), t("Marketing an bestehende Kunden.", "Marketing to existing customers."), 2000.0),
        count("customers", t("Kunden", "Customers"), t("Alle Kunden im Zeitraum.", "All customers in the period."), 200.0),
    ],
    variants: &[variant(
        "standard",
        t("Standard", "Standard"),
        t("Immer, für denselben Zeitraum wie die Kosten.", "Always, for the same period as the costs."),
        t("(Gehälter + Programme + Dienstleistungen + Kundenmarketing) ÷ Kunden", "(payroll + programmes + services + customer marketing) ÷ customers"),
        &["cs_payroll", "programmes", "services", "customer_marketing", "customers"],
    )],
    direction: Direction::Neutral,
    bands: &[],
    result_unit: Unit::Money,
    seeds: &["002"],
    chart: ChartKind::None,
    dataset_only: false,
};

/// roi
pub(crate) const ROI: KpiDef = KpiDef {
    id: "roi",
    name: t("Return on Investment", "Return on investment"),
    abbr: t("ROI", "ROI"),
    category: Category::ValueCost,
    description: t("Ertrag eines Programms im Verhältnis zu seinen Kosten.", "Return of a programme relative to its cost."),
    explanation: t(
        "Ein eigenes ROI-Modell hilft Kunden, den Wert zu messen, den sie aus Produkten und Dienstleistungen ziehen, und rechtfertigt Verlängerungen und weitere Investitionen. Der ROI ist der Gewinn abzüglich der Kosten, geteilt durch die Kosten; unter 0 % hat sich die Investition nicht gelohnt.",
        "A dedicated ROI model helps customers measure the value they get from products and services and justifies renewals and further investment. ROI is the gain minus the cost, divided by the cost; below 0 % the investment did not pay off.",
    ),
    inputs: &[
        money("gain", t("Ertrag", "Gain"), t("Zusätzlicher Ertrag durch das Programm.", "Additional return from the programme."), 15000.0),
        money("cost", t("Kosten", "Cost"), t("Kosten des Programms.", "Cost of the programme."), 10000.0),
    ],
    variants: &[variant(
        "standard",
        t("Standard", "Standard"),
        t("Für ein Programm mit bekanntem Ertrag und bekannten Kosten.", "For a programme with known gain and cost."),
        t("(Ertrag − Kosten) ÷ Kosten", "(gain − cost) ÷ cost"),
        &["gain", "cost"],
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
        ("clv", "a") => clv_a(c),
        ("clv", "b") => clv_b(c),
        ("clv", "c") => clv_c(c),
        ("clv", "d") => clv_d(c),
        ("cac", "standard") => cac(c),
        ("clv_cac_ratio", "ratio") => clv_cac(c),
        ("cac_payback_months", "standard") => payback(c),
        ("retention_cost", "standard") => retention_cost(c),
        ("roi", "standard") => roi(c),
        _ => return None,
    })
}

fn clv_a(c: &mut Calc) -> Result<Computed, KpiError> {
    let value = c.num("purchase_value")?;
    let frequency = c.num("purchase_frequency")?;
    let years = c.num("lifespan_years")?;
    Ok(Computed::new(
        value * frequency * years,
        Unit::Money,
        vec![I("purchase_value"), O("×"), I("purchase_frequency"), O("×"), I("lifespan_years")],
    ))
}

fn clv_b(c: &mut Calc) -> Result<Computed, KpiError> {
    let revenue = c.num("annual_revenue")?;
    let years = c.num("lifespan_years")?;
    let cac = c.num("cac")?;
    let gross = revenue * years;
    Ok(Computed::new(
        gross - cac,
        Unit::Money,
        vec![O("("), I("annual_revenue"), O("×"), I("lifespan_years"), O(")"), O("−"), I("cac")],
    )
    .with(t("Umsatz über die Lebensdauer", "Lifetime revenue"), gross, Unit::Money))
}

fn clv_c(c: &mut Calc) -> Result<Computed, KpiError> {
    let value = c.num("customer_value")?;
    let years = c.num("lifespan_years")?;
    Ok(Computed::new(
        value * years,
        Unit::Money,
        vec![I("customer_value"), O("×"), I("lifespan_years")],
    ))
}

fn clv_d(c: &mut Calc) -> Result<Computed, KpiError> {
    let arpu = c.num("arpu")?;
    let margin = c.num("gross_margin")?;
    let churn = c.num("churn_rate")?;
    let value = c.div(arpu * margin, churn, "churn_rate")?;
    Ok(Computed::new(
        value,
        Unit::Money,
        vec![I("arpu"), O("×"), I("gross_margin"), O("÷"), I("churn_rate")],
    )
    .with(
        t("Erwartete Lebensdauer (Monate)", "Expected lifetime (months)"),
        1.0 / churn,
        Unit::Months,
    ))
}

fn cac(c: &mut Calc) -> Result<Computed, KpiError> {
    let sales = c.num("sales_cost")?;
    let marketing = c.num("marketing_cost")?;
    let won = c.num("customers_won")?;
    let value = c.div(sales + marketing, won, "customers_won")?;
    Ok(Computed::new(
        value,
        Unit::Money,
        vec![
            O("("),
            I("sales_cost"),
            O("+"),
            I("marketing_cost"),
            O(")"),
            O("÷"),
            I("customers_won"),
        ],
    ))
}

fn clv_cac(c: &mut Calc) -> Result<Computed, KpiError> {
    let clv = c.num("clv")?;
    let cac = c.num("cac")?;
    let value = c.div(clv, cac, "cac")?;
    Ok(Computed::new(value, Unit::Number, vec![I("clv"), O("÷"), I("cac")])
        .with(t("CLV", "CLV"), clv, Unit::Money)
        .with(t("CAC", "CAC"), cac, Unit::Money)
        .with(
            t("Gewinn pro Kunde (CLV − CAC)", "Profit per customer (CLV − CAC)"),
            clv - cac,
            Unit::Money,
        ))
}

fn payback(c: &mut Calc) -> Result<Computed, KpiError> {
    let cac = c.num("cac")?;
    let arpu = c.num("arpu")?;
    let margin = c.num("gross_margin")?;
    let monthly = arpu * margin;
    let den_input = if arpu == 0.0 { "arpu" } else { "gross_margin" };
    let value = c.div(cac, monthly, den_input)?;
    Ok(Computed::new(
        value,
        Unit::Months,
        vec![I("cac"), O("÷"), O("("), I("arpu"), O("×"), I("gross_margin"), O(")")],
    )
    .with(t("Marge pro Monat", "Margin per month"), monthly, Unit::Money))
}

fn retention_cost(c: &mut Calc) -> Result<Computed, KpiError> {
    let mut total = 0.0;
    for id in ["cs_payroll", "programmes", "services", "customer_marketing"] {
        total += c.num(id)?;
    }
    let customers = c.num("customers")?;
    let value = c.div(total, customers, "customers")?;
    Ok(Computed::new(
        value,
        Unit::Money,
        vec![
            O("("),
            I("cs_payroll"),
            O("+"),
            I("programmes"),
            O("+"),
            I("services"),
            O("+"),
            I("customer_marketing"),
            O(")"),
            O("÷"),
            I("customers"),
        ],
    )
    .with(t("Ausgaben gesamt", "Total spend"), total, Unit::Money))
}

fn roi(c: &mut Calc) -> Result<Computed, KpiError> {
    let gain = c.num("gain")?;
    let cost = c.num("cost")?;
    let value = c.div(gain - cost, cost, "cost")?;
    Ok(Computed::new(
        value,
        Unit::Ratio,
        vec![O("("), I("gain"), O("−"), I("cost"), O(")"), O("÷"), I("cost")],
    )
    .with(t("Nettogewinn", "Net gain"), gain - cost, Unit::Money))
}
