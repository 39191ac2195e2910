//! Customer support.

use super::{amount, answers, count, variant};
use crate::eval::{part_of, per, Calc, Computed, Tok::*};
use crate::{t, Band, Category, ChartKind, Direction, KpiDef, KpiError, Tone, Unit};

const TICKETS: crate::InputDef = count(
    "tickets",
    t("Tickets", "Tickets"),
    t("Alle Support-Anfragen im Zeitraum.", "All support requests in the period."),
    100.0,
);

/// fcr
pub(crate) const FCR: KpiDef = KpiDef {
    id: "fcr",
    name: t("Erstkontakt-Lösungsquote", "First contact resolution"),
    abbr: t("FCR", "FCR"),
    category: Category::Support,
    description: t("Anteil der Anfragen, die in einer einzigen Interaktion gelöst werden.", "Share of requests solved in a single interaction."),
    explanation: t(
        "Die FCR misst den Prozentsatz der Kundenprobleme, die beim ersten Kontakt gelöst werden. Eine rasche Lösung zeigt, dass man die Zeit der Kunden respektiert. Vorher festlegen, was als Erstkontaktlösung zählt, etwa bei Weiterleitungen oder abgebrochenen Anrufen.",
        "FCR measures the share of customer issues solved at first contact. A quick solution shows respect for the customer's time. Define up front what counts as a first-contact resolution, e.g. for transfers or dropped calls.",
    ),
    inputs: &[
        count("resolved_first", t("Beim Erstkontakt gelöst", "Resolved at first contact"), t("Tickets, die nach einer Interaktion gelöst waren.", "Tickets solved after one interaction."), 70.0),
        TICKETS,
    ],
    variants: &[variant(
        "standard",
        t("Standard", "Standard"),
        t("Immer, mit einer festen Definition von Erstkontakt.", "Always, with a fixed definition of first contact."),
        t("Beim Erstkontakt gelöst ÷ alle Tickets", "resolved at first contact ÷ all tickets"),
        &["resolved_first", "tickets"],
    )],
    direction: Direction::HigherIsBetter,
    bands: &[],
    result_unit: Unit::Ratio,
    seeds: &["002", "003"],
    chart: ChartKind::None,
    dataset_only: false,
};

/// resolution_rate
pub(crate) const RESOLUTION_RATE: KpiDef = KpiDef {
    id: "resolution_rate",
    name: t("Problemlösungsrate", "Resolution rate"),
    abbr: t("Lösungsrate", "Resolution"),
    category: Category::Support,
    description: t("Anteil der eröffneten Tickets, die gelöst wurden.", "Share of opened tickets that were resolved."),
    explanation: t(
        "Wie schnell und vollständig Support-Probleme gelöst werden, hängt mit dem Wert zusammen, den Kunden der Beziehung beimessen. Die Lösungsrate teilt gelöste durch eröffnete Tickets desselben Zeitraums.",
        "How quickly and completely support issues are solved is tied to the value customers see in the relationship. The resolution rate divides resolved by opened tickets of the same period.",
    ),
    inputs: &[
        count("resolved", t("Gelöste Tickets", "Tickets resolved"), t("Im Zeitraum eröffnete Tickets, die gelöst wurden.", "Tickets opened in the period that were resolved."), 90.0),
        count("opened", t("Eröffnete Tickets", "Tickets opened"), t("Im Zeitraum eröffnete Tickets.", "Tickets opened in the period."), 100.0),
    ],
    variants: &[variant(
        "standard",
        t("Standard", "Standard"),
        t("Immer.", "Always."),
        t("Gelöste Tickets ÷ eröffnete Tickets", "tickets resolved ÷ tickets opened"),
        &["resolved", "opened"],
    )],
    direction: Direction::HigherIsBetter,
    bands: &[],
    result_unit: Unit::Ratio,
    seeds: &["001"],
    chart: ChartKind::None,
    dataset_only: false,
};

/// first_response_time
pub(crate) const FIRST_RESPONSE_TIME: KpiDef = KpiDef {
    id: "first_response_time",
    name: t("Erstreaktionszeit", "First response time"),
    abbr: t("FRT", "FRT"),
    category: Category::Support,
    description: t("Zeit von der Ticket-Erstellung bis zur ersten Antwort.", "Time from ticket creation to first answer."),
    explanation: t(
        "Die FRT misst, wie schnell das Serviceteam auf eine Anfrage reagiert, unabhängig von der späteren Lösungszeit. Eine kurze FRT signalisiert hohe Beachtung und stärkt die Kundenbindung; FAQs, Chatbots und Self-Service verkürzen sie. Das Dashboard zeigt Median und 90. Perzentil, weil wenige sehr lange Wartezeiten den Mittelwert verzerren.",
        "FRT measures how fast the service team answers a request, regardless of the later resolution time. A short FRT signals attention and strengthens loyalty; FAQs, chatbots and self-service shorten it. The dashboard shows the median and 90th percentile because a few very long waits distort the mean.",
    ),
    inputs: &[
        amount("total_minutes", t("Summe der Erstreaktionszeiten (Min.)", "Total first response minutes"), t("Alle Minuten bis zur ersten Antwort, addiert.", "All minutes until first answer, added up."), Unit::Minutes, 6000.0),
        TICKETS,
        answers_free(),
    ],
    variants: &[
        variant(
            "mean",
            t("Mittelwert", "Mean"),
            t("Wenn nur Summen vorliegen; das Dashboard zeigt Median und P90.", "When only totals are at hand; the dashboard shows median and p90."),
            t("Summe der Minuten ÷ Tickets", "total minutes ÷ tickets"),
            &["total_minutes", "tickets"],
        ),
        variant(
            "median",
            t("Median und P90", "Median and p90"),
            t("Wenn die einzelnen Zeiten vorliegen.", "When the individual times are at hand."),
            t("Median der Erstreaktionszeiten", "median of first response times"),
            &["response_minutes"],
        ),
    ],
    direction: Direction::LowerIsBetter,
    bands: &[],
    result_unit: Unit::Minutes,
    seeds: &["000"],
    chart: ChartKind::None,
    dataset_only: false,
};

/// The list of individual response times; a list of non-negative minutes, not survey answers.
const fn answers_free() -> crate::InputDef {
    let mut def = answers(
        "response_minutes",
        t("Erstreaktionszeiten (Min.)", "First response times (min)"),
        t(
            "Minuten bis zur ersten Antwort, je Ticket ein Wert.",
            "Minutes until first answer, one value per ticket.",
        ),
        0.0,
        525600.0,
        &[5.0, 10.0, 15.0, 20.0, 30.0, 45.0, 60.0, 90.0, 120.0, 240.0],
    );
    def.default = 0.0;
    def
}

/// lead_response_time
pub(crate) const LEAD_RESPONSE_TIME: KpiDef = KpiDef {
    id: "lead_response_time",
    name: t("Lead Response Time", "Lead response time"),
    abbr: t("LRT", "LRT"),
    category: Category::Support,
    description: t("Zeit von der Anfrage eines Leads bis zum ersten Kontakt.", "Time from a lead's enquiry to first contact."),
    explanation: t(
        "Die Lead Response Time ist die Zeitspanne, die ein Unternehmen braucht, um auf die Anfrage eines Interessenten zu reagieren. Studien zufolge ist die Chance am höchsten, wenn die Reaktion höchstens fünf Minuten dauert; die Conversion Rate ist dann bis zu 100-mal höher als bei einer Antwort nach 30 Minuten. Qualifizierte Leads, die nicht zeitnah bearbeitet werden, gehen oft verloren.",
        "Lead response time is how long a company takes to answer a prospect's enquiry. According to studies the chance is highest when the response takes at most five minutes; conversion is then up to 100 times higher than with an answer after 30 minutes. Qualified leads not handled promptly are often lost.",
    ),
    inputs: &[
        amount("total_minutes", t("Summe der Reaktionszeiten (Min.)", "Total response minutes"), t("Alle Minuten bis zum ersten Kontakt, addiert.", "All minutes until first contact, added up."), Unit::Minutes, 1500.0),
        count("leads", t("Leads", "Leads"), t("Leads im Zeitraum.", "Leads in the period."), 100.0),
        count("within_5_min", t("In 5 Minuten kontaktiert", "Contacted within 5 minutes"), t("Leads mit Erstkontakt nach höchstens 5 Minuten.", "Leads contacted within at most 5 minutes."), 40.0),
    ],
    variants: &[
        variant(
            "mean",
            t("Mittelwert", "Mean"),
            t("Für den Durchschnitt über alle Leads.", "For the average over all leads."),
            t("Summe der Minuten ÷ Leads", "total minutes ÷ leads"),
            &["total_minutes", "leads"],
        ),
        variant(
            "share_within_5",
            t("Anteil in 5 Minuten", "Share within 5 minutes"),
            t("Um die Fünf-Minuten-Regel zu verfolgen.", "To track the five-minute rule."),
            t("In 5 Minuten kontaktiert ÷ Leads", "contacted within 5 minutes ÷ leads"),
            &["within_5_min", "leads"],
        ),
    ],
    direction: Direction::LowerIsBetter,
    // Edges are inclusive and the first match wins: 5 minutes is still good, 30 still middling.
    bands: &[
        Band { min: None, max: Some(5.0), label: t("Höchstens 5 Minuten", "Within 5 minutes"), tone: Tone::Good },
        Band { min: Some(5.0), max: Some(30.0), label: t("5 bis 30 Minuten", "5 to 30 minutes"), tone: Tone::Warn },
        Band { min: Some(30.0), max: None, label: t("Über 30 Minuten: bis zu 100-mal geringere Chance", "Over 30 minutes: up to 100 times lower chance"), tone: Tone::Bad },
    ],
    result_unit: Unit::Minutes,
    seeds: &["000"],
    chart: ChartKind::None,
    dataset_only: false,
};

/// ticket_volume
pub(crate) const TICKET_VOLUME: KpiDef = KpiDef {
    id: "ticket_volume",
    name: t("Ticketvolumen", "Ticket volume"),
    abbr: t("Tickets", "Tickets"),
    category: Category::Support,
    description: t("Support-Anfragen pro Woche, Monat oder Quartal.", "Support requests per week, month or quarter."),
    explanation: t(
        "Ein plötzlicher Anstieg von Support-Tickets zeigt häufig Produkt- oder Serviceprobleme und Engpässe im Support an; er verlangt mehr Personal oder Technik wie Chatbots. Gezählt wird in der Ticket-Software, wochen-, monats- oder quartalsweise, nach Dringlichkeit und nach Fragen, Problemen und Beschwerden. Aus einem Datensatz markiert das Dashboard Perioden weit über ihrem jüngsten Niveau.",
        "A sudden rise in support tickets often signals product or service problems and bottlenecks in support; it calls for more staff or technology such as chatbots. Count in the ticket software per week, month or quarter, by urgency and by question, problem and complaint. From a dataset the dashboard flags periods far above their recent baseline.",
    ),
    inputs: &[
        TICKETS,
        amount("periods", t("Perioden", "Periods"), t("Anzahl Wochen, Monate oder Quartale.", "Number of weeks, months or quarters."), Unit::Number, 4.0),
        count("current", t("Tickets aktuelle Periode", "Tickets this period"), t("Tickets in der betrachteten Periode.", "Tickets in the period under review."), 45.0),
        amount("baseline", t("Ø Tickets zuvor", "Average tickets before"), t("Durchschnitt der letzten Perioden.", "Average of recent periods."), Unit::Number, 30.0),
    ],
    variants: &[
        variant(
            "per_period",
            t("Pro Periode", "Per period"),
            t("Für das durchschnittliche Volumen.", "For the average volume."),
            t("Tickets ÷ Perioden", "tickets ÷ periods"),
            &["tickets", "periods"],
        ),
        variant(
            "vs_baseline",
            t("Im Vergleich zum Niveau", "Against the baseline"),
            t("Um einen Anstieg zu erkennen.", "To spot a spike."),
            t("Tickets aktuelle Periode ÷ Ø Tickets zuvor", "tickets this period ÷ average tickets before"),
            &["current", "baseline"],
        ),
    ],
    direction: Direction::LowerIsBetter,
    bands: &[],
    result_unit: Unit::Number,
    seeds: &["000"],
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
        ("fcr", "standard") => part_of(c, "resolved_first", "tickets"),
        ("resolution_rate", "standard") => part_of(c, "resolved", "opened"),
        ("first_response_time", "mean") => per(c, "total_minutes", "tickets", Unit::Minutes),
        ("first_response_time", "median") => frt_median(c),
        ("lead_response_time", "mean") => per(c, "total_minutes", "leads", Unit::Minutes),
        ("lead_response_time", "share_within_5") => part_of(c, "within_5_min", "leads"),
        ("ticket_volume", "per_period") => per(c, "tickets", "periods", Unit::Number),
        ("ticket_volume", "vs_baseline") => per(c, "current", "baseline", Unit::Number),
        _ => return None,
    })
}

/// Median (mean of the two middle values for an even count) and nearest-rank 90th percentile.
fn frt_median(c: &mut Calc) -> Result<Computed, KpiError> {
    let mut times = c.list("response_minutes")?;
    crate::eval::heap_sort(&mut times);
    let n = times.len();
    let median = if n % 2 == 1 { times[n / 2] } else { (times[n / 2 - 1] + times[n / 2]) / 2.0 };
    // Nearest rank: the smallest value with at least 90 % of values at or below it.
    let rank = (n * 9).div_ceil(10).max(1);
    let p90 = times[rank - 1];
    let mean = times.iter().sum::<f64>() / n as f64;
    Ok(Computed::new(
        median,
        Unit::Minutes,
        vec![T(t("Median von", "median of")), I("response_minutes")],
    )
    .with(t("90. Perzentil", "90th percentile"), p90, Unit::Minutes)
    .with(t("Mittelwert", "Mean"), mean, Unit::Minutes))
}
