//! [`Kpi`]: every KPI the dashboard, the quarterly report, the exports, the CLI and the report
//! JSON show, in one enum. Each variant carries its id (the catalogue id where the catalogue
//! has one), its names, unit, good direction, the dataset kinds it needs and its definition in
//! German and English. How a variant is computed for a period lives in [`crate::figure`], in
//! one `match` without a fallback arm: a new variant does not compile until it is computed.
//!
//! Adding a dashboard KPI: one variant here, one row in [`Kpi::spec`], one arm in
//! `figure::compute`. The tiles, the detail view, the exports, the alerts, the CLI and the
//! definitions follow.

use records::DatasetKind;
use serde::{Deserialize, Serialize};

/// How a KPI's number is stored and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Integer cents.
    Money,
    /// Cents per day.
    MoneyPerDay,
    /// A count.
    Count,
    /// A fraction (0.25 = 25 %).
    Ratio,
    /// NPS points (−100 … 100) or a 0–100 score.
    Points,
    /// A mean answer on the survey's scale.
    Score,
    /// Minutes.
    Minutes,
    /// Seconds.
    Seconds,
    /// A ratio of two counts or values (2.5 = 2.5 : 1).
    Multiple,
    /// A plain number per day (sessions per day).
    PerDay,
}

/// Which direction of change is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    /// Rising is good.
    Higher,
    /// Falling is good.
    Lower,
    /// Neither (e.g. CES, whose direction depends on the survey's scale).
    Neutral,
}

/// Every dashboard KPI. The serde form is the id (`"mrr"`, `"churn_rate"`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kpi {
    /// Monthly recurring revenue.
    Mrr,
    /// Annual recurring revenue.
    Arr,
    /// Paying customers.
    Customers,
    /// Average revenue per paying customer.
    Arpu,
    /// MRR of new customers.
    NewMrr,
    /// MRR of returning customers.
    ReactivationMrr,
    /// MRR increase of existing customers.
    ExpansionMrr,
    /// MRR decrease of existing customers.
    ContractionMrr,
    /// MRR lost with churned customers.
    ChurnedMrr,
    /// One-time charges and refunds from invoices.
    NonRecurringRevenue,
    /// Free trials started.
    TrialsStarted,
    /// Trials that became paying ÷ trials that ended.
    FreeToPaid,
    /// Logo churn, variant A.
    ChurnRate,
    /// Logo churn, variant B.
    ChurnRateB,
    /// Gross revenue churn.
    RevenueChurn,
    /// Net revenue retention.
    Ndr,
    /// Gross revenue retention.
    Grr,
    /// Net promoter score.
    Nps,
    /// Customer satisfaction.
    Csat,
    /// Customer effort score.
    Ces,
    /// Tickets opened.
    TicketVolume,
    /// Median first response time.
    FirstResponseTime,
    /// 90th percentile of the first response time.
    FirstResponseTimeP90,
    /// First contact resolution.
    Fcr,
    /// Resolved ÷ opened tickets.
    ResolutionRate,
    /// Share of leads contacted within 5 minutes.
    LeadResponseTime,
    /// Win rate of closed deals.
    WinRate,
    /// Won ÷ lost deals by count.
    WinLossRatio,
    /// Won ÷ lost deals by value.
    WinLossValueRatio,
    /// Open pipeline's expected revenue per day.
    SalesVelocity,
    /// Stickiness.
    DauMau,
    /// Mean session length.
    AvgSessionDuration,
    /// Sessions per observed day.
    SessionsPerDay,
    /// Active ÷ licensed users.
    ProductUsageRate,
    /// Customer acquisition cost.
    Cac,
    /// Customer-success cost per customer.
    RetentionCost,
    /// Accounts on the at-risk list.
    AtRisk,
    /// Mean health score.
    HealthScore,
}

/// The fixed facts of one KPI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KpiSpec {
    /// Catalogue id of the calculator for typed-in figures (`kpi::registry()`), where one
    /// exists.
    pub registry: Option<&'static str>,
    /// German name.
    pub de: &'static str,
    /// English name.
    pub en: &'static str,
    /// Unit of the stored value.
    pub unit: Unit,
    /// Good direction.
    pub better: Better,
    /// The dataset kind the KPI is computed from.
    pub needs: DatasetKind,
    /// German definition.
    pub def_de: &'static str,
    /// English definition.
    pub def_en: &'static str,
}

use Better::{Higher, Lower, Neutral};
use DatasetKind as D;
use Unit::*;

const MOVEMENTS_DE: &str = "Summe der MRR-Bewegungen gegenüber dem jeweiligen Vormonat je Kunde über die Monate der Periode: Neu (0 → x, erstmals), Reaktivierung (0 → x, hat früher gezahlt), Expansion (x → y > x), Kontraktion (x → y, 0 < y < x), Abwanderung (x → 0). MRR(Ende) − MRR(Anfang) = Neu + Reaktivierung + Expansion − Kontraktion − Abwanderung.";
const MOVEMENTS_EN: &str = "Sum of the per-customer MRR movements against each previous month over the period's months: new (0 → x, first time), reactivation (0 → x, paid before), expansion (x → y > x), contraction (x → y, 0 < y < x), churn (x → 0). MRR(end) − MRR(start) = new + reactivation + expansion − contraction − churn.";

impl Kpi {
    /// Every KPI in display order.
    pub const ALL: [Kpi; 38] = [
        Kpi::Mrr,
        Kpi::Arr,
        Kpi::Customers,
        Kpi::Arpu,
        Kpi::NewMrr,
        Kpi::ReactivationMrr,
        Kpi::ExpansionMrr,
        Kpi::ContractionMrr,
        Kpi::ChurnedMrr,
        Kpi::NonRecurringRevenue,
        Kpi::TrialsStarted,
        Kpi::FreeToPaid,
        Kpi::ChurnRate,
        Kpi::ChurnRateB,
        Kpi::RevenueChurn,
        Kpi::Ndr,
        Kpi::Grr,
        Kpi::Nps,
        Kpi::Csat,
        Kpi::Ces,
        Kpi::TicketVolume,
        Kpi::FirstResponseTime,
        Kpi::FirstResponseTimeP90,
        Kpi::Fcr,
        Kpi::ResolutionRate,
        Kpi::LeadResponseTime,
        Kpi::WinRate,
        Kpi::WinLossRatio,
        Kpi::WinLossValueRatio,
        Kpi::SalesVelocity,
        Kpi::DauMau,
        Kpi::AvgSessionDuration,
        Kpi::SessionsPerDay,
        Kpi::ProductUsageRate,
        Kpi::Cac,
        Kpi::RetentionCost,
        Kpi::AtRisk,
        Kpi::HealthScore,
    ];

    /// The id: the serde form, used in URLs, test ids, thresholds and exports.
    pub fn id(self) -> &'static str {
        match self {
            Kpi::Mrr => "mrr",
            Kpi::Arr => "arr",
            Kpi::Customers => "customers",
            Kpi::Arpu => "arpu",
            Kpi::NewMrr => "new_mrr",
            Kpi::ReactivationMrr => "reactivation_mrr",
            Kpi::ExpansionMrr => "expansion_mrr",
            Kpi::ContractionMrr => "contraction_mrr",
            Kpi::ChurnedMrr => "churned_mrr",
            Kpi::NonRecurringRevenue => "non_recurring_revenue",
            Kpi::TrialsStarted => "trials_started",
            Kpi::FreeToPaid => "free_to_paid",
            Kpi::ChurnRate => "churn_rate",
            Kpi::ChurnRateB => "churn_rate_b",
            Kpi::RevenueChurn => "revenue_churn",
            Kpi::Ndr => "ndr",
            Kpi::Grr => "grr",
            Kpi::Nps => "nps",
            Kpi::Csat => "csat",
            Kpi::Ces => "ces",
            Kpi::TicketVolume => "ticket_volume",
            Kpi::FirstResponseTime => "first_response_time",
            Kpi::FirstResponseTimeP90 => "first_response_time_p90",
            Kpi::Fcr => "fcr",
            Kpi::ResolutionRate => "resolution_rate",
            Kpi::LeadResponseTime => "lead_response_time",
            Kpi::WinRate => "win_rate",
            Kpi::WinLossRatio => "win_loss_ratio",
            Kpi::WinLossValueRatio => "win_loss_value_ratio",
            Kpi::SalesVelocity => "sales_velocity",
            Kpi::DauMau => "dau_mau",
            Kpi::AvgSessionDuration => "avg_session_duration",
            Kpi::SessionsPerDay => "sessions_per_day",
            Kpi::ProductUsageRate => "product_usage_rate",
            Kpi::Cac => "cac",
            Kpi::RetentionCost => "retention_cost",
            Kpi::AtRisk => "at_risk",
            Kpi::HealthScore => "health_score",
        }
    }

    /// The KPI with this id.
    pub fn from_id(id: &str) -> Option<Kpi> {
        Kpi::ALL.into_iter().find(|k| k.id() == id)
    }

    /// Name in the language (`de` = German).
    pub fn name(self, de: bool) -> &'static str {
        let s = self.spec();
        if de {
            s.de
        } else {
            s.en
        }
    }

    /// Definition in the language (`de` = German).
    pub fn definition(self, de: bool) -> &'static str {
        let s = self.spec();
        if de {
            s.def_de
        } else {
            s.def_en
        }
    }

    /// Unit of the stored value.
    pub fn unit(self) -> Unit {
        self.spec().unit
    }

    /// Good direction.
    pub fn better(self) -> Better {
        self.spec().better
    }

    /// The dataset kind it is computed from.
    pub fn needs(self) -> DatasetKind {
        self.spec().needs
    }

    /// The calculator's registry id, where one exists.
    pub fn registry(self) -> Option<&'static str> {
        self.spec().registry
    }

    /// Every fixed fact of the KPI.
    pub fn spec(self) -> KpiSpec {
        #[allow(clippy::too_many_arguments)]
        const fn s(
            registry: Option<&'static str>,
            de: &'static str,
            en: &'static str,
            unit: Unit,
            better: Better,
            needs: DatasetKind,
            def_de: &'static str,
            def_en: &'static str,
        ) -> KpiSpec {
            KpiSpec { registry, de, en, unit, better, needs, def_de, def_en }
        }
        match self {
            Kpi::Mrr => s(Some("mrr"), "MRR", "MRR", Money, Higher, D::Subscriptions,
                "Monatlich wiederkehrender Umsatz am Ende der Periode: Summe der auf einen Monat umgerechneten Abonnements (Betrag × Menge − Rabatt, ÷ Monate des Intervalls), die am letzten Tag des Monats bezahlt laufen (im Monat des Stichtags: am Stichtag); pro Kunde auf den Cent gerundet. Testphasen und nie bezahlte Abonnements zählen nicht.",
                "Monthly recurring revenue at the end of the period: sum of the subscriptions paying on the month's last day (in the as-of month: on the as-of day), normalised to a month (amount × quantity − discount, ÷ the interval's months); rounded to the cent per customer. Trials and never-paid subscriptions do not count."),
            Kpi::Arr => s(Some("arr"), "ARR", "ARR", Money, Higher, D::Subscriptions,
                "Jährlich wiederkehrender Umsatz = MRR × 12, am Ende der Periode.",
                "Annual recurring revenue = MRR × 12, at the end of the period."),
            Kpi::Customers => s(None, "Kunden", "Customers", Count, Higher, D::Subscriptions,
                "Kunden mit MRR > 0 am Ende der Periode.",
                "Customers with MRR > 0 at the end of the period."),
            Kpi::Arpu => s(Some("arpu"), "ARPU", "ARPU", Money, Higher, D::Subscriptions,
                "Umsatz pro Kunde = MRR ÷ zahlende Kunden am Ende der Periode, auf den Cent gerundet.",
                "Average revenue per user = MRR ÷ paying customers at the end of the period, rounded to the cent."),
            Kpi::NewMrr => s(Some("mrr_movements"), "Neu-MRR", "New MRR", Money, Higher, D::Subscriptions,
                MOVEMENTS_DE, MOVEMENTS_EN),
            Kpi::ReactivationMrr => s(Some("mrr_movements"), "Reaktivierungs-MRR", "Reactivation MRR", Money, Higher, D::Subscriptions,
                MOVEMENTS_DE, MOVEMENTS_EN),
            Kpi::ExpansionMrr => s(Some("expansion_mrr"), "Expansions-MRR", "Expansion MRR", Money, Higher, D::Subscriptions,
                MOVEMENTS_DE, MOVEMENTS_EN),
            Kpi::ContractionMrr => s(Some("mrr_movements"), "Kontraktions-MRR", "Contraction MRR", Money, Lower, D::Subscriptions,
                MOVEMENTS_DE, MOVEMENTS_EN),
            Kpi::ChurnedMrr => s(Some("mrr_movements"), "Abgewanderter MRR", "Churned MRR", Money, Lower, D::Subscriptions,
                MOVEMENTS_DE, MOVEMENTS_EN),
            Kpi::NonRecurringRevenue => s(None, "Einmalumsatz", "Non-recurring revenue", Money, Higher, D::Invoices,
                "Einmalige Rechnungspositionen (Einrichtungsgebühren, Einmalkäufe) abzüglich Erstattungen und Gutschriften, nach Rechnungsdatum summiert; sie zählen nie zum MRR.",
                "One-time invoice lines (setup fees, one-off purchases) minus refunds and credit notes, summed by invoice date; they never count as MRR."),
            Kpi::TrialsStarted => s(None, "Gestartete Testphasen", "Trials started", Count, Higher, D::Subscriptions,
                "Abonnements, deren kostenlose Testphase in der Periode begann (Testphasen-Ende nach dem Beginn). Testphasen zählen nie zum MRR.",
                "Subscriptions whose free trial began in the period (a trial end after the start). Trials never count as MRR."),
            Kpi::FreeToPaid => s(Some("free_to_paid"), "Testphase → zahlend", "Trial-to-paid rate", Ratio, Higher, D::Subscriptions,
                "Anteil der in der Periode (bis zum Stichtag) beendeten Testphasen, nach denen gezahlt wurde: nicht nie bezahlt und nicht zum oder vor dem Testphasen-Ende beendet.",
                "Share of the trials that ended in the period (by the as-of date) after which the subscription paid: not never-paid and not ended on or before the trial's end."),
            Kpi::ChurnRate => s(Some("churn_rate"), "Kundenabwanderung (A)", "Logo churn (A)", Ratio, Lower, D::Subscriptions,
                "Kundenabwanderung (Variante A): abgewanderte Kunden ÷ Kunden am Ende der Vorperiode; Neukunden zählen nicht. Für Quartal, Jahr und Zeitraum: die Kunden am Ende des Monats vor der Periode, verglichen mit dem Ende ihres letzten Monats (kein Mittelwert der Monate).",
                "Logo churn (variant A): churned customers ÷ customers at the end of the previous period; new customers are excluded. For a quarter, year or range: the customers at the end of the month before the period, compared with the end of its last month (never an average of months)."),
            Kpi::ChurnRateB => s(Some("churn_rate"), "Kundenabwanderung (B)", "Logo churn (B)", Ratio, Lower, D::Subscriptions,
                "Kundenabwanderung (Variante B): abgewanderte Kunden ÷ (Kunden am Anfang + neue und reaktivierte Kunden der Periode).",
                "Logo churn (variant B): churned customers ÷ (customers at the start + new and reactivated customers of the period)."),
            Kpi::RevenueChurn => s(Some("revenue_churn"), "Umsatzabwanderung", "Revenue churn", Ratio, Lower, D::Subscriptions,
                "Umsatzabwanderung: (abgewanderter MRR + Kontraktion) der Kunden vom Anfang ÷ MRR am Anfang, Ende der Periode gegen Ende des Monats davor.",
                "Gross revenue churn: (churned MRR + contraction) of the start customers ÷ MRR at the start, the period's end against the end of the month before it."),
            Kpi::Ndr => s(Some("ndr"), "Netto-Umsatzbindung (NRR)", "Net revenue retention", Ratio, Higher, D::Subscriptions,
                "Netto-Umsatzbindung (NRR): (MRR am Anfang + Expansion − Kontraktion − Abwanderung) der Kunden vom Anfang ÷ MRR am Anfang; ohne Neu- und Reaktivierungsumsatz, kann 100 % übersteigen. Anfang = Ende des Monats vor der Periode, Ende = Ende ihres letzten Monats.",
                "Net revenue retention (NRR): (MRR at start + expansion − contraction − churn) of the start customers ÷ MRR at start; excludes new and reactivation MRR, may exceed 100 %. Start = end of the month before the period, end = end of its last month."),
            Kpi::Grr => s(Some("grr"), "Brutto-Umsatzbindung (GRR)", "Gross revenue retention", Ratio, Higher, D::Subscriptions,
                "Brutto-Umsatzbindung: (MRR am Anfang − Kontraktion − Abwanderung) der Kunden vom Anfang ÷ MRR am Anfang; höchstens 100 %. Anfang und Ende wie bei NRR.",
                "Gross revenue retention: (MRR at start − contraction − churn) of the start customers ÷ MRR at start; at most 100 %. Start and end as for NRR."),
            Kpi::Nps => s(Some("nps"), "NPS", "NPS", Points, Higher, D::Surveys,
                "Net Promoter Score: % Promotoren (9–10) − % Kritiker (0–6) aller Antworten der Periode auf der Skala 0–10; Ergebnis −100 bis +100.",
                "Net Promoter Score: % promoters (9–10) − % detractors (0–6) of all answers of the period on the 0–10 scale; result −100 to +100."),
            Kpi::Csat => s(Some("csat"), "CSAT", "CSAT", Ratio, Higher, D::Surveys,
                "Kundenzufriedenheit: zufriedene Antworten ÷ alle Antworten der Periode auf einer Skala (1–5: 4–5; 1–7: 6–7; 1–10 und 0–10: 6–10). Die Skala entscheidet jede Datei für sich; Antworten verschiedener Skalen werden nie zusammengezählt: gezeigt wird die Skala mit den meisten Antworten.",
                "Customer satisfaction: satisfied answers ÷ all answers of the period on one scale (1–5: 4–5; 1–7: 6–7; 1–10 and 0–10: 6–10). Each file decides its own scale; answers on different scales are never pooled: shown is the scale with the most answers."),
            Kpi::Ces => s(Some("ces"), "CES", "CES", Score, Neutral, D::Surveys,
                "Customer Effort Score: Mittelwert aller Antworten der Periode auf einer Skala (1–5: niedriger ist besser; 1–7 Zustimmung: höher ist besser); Antworten verschiedener Skalen werden nie gemittelt: gezeigt wird die Skala mit den meisten Antworten.",
                "Customer effort score: mean of all answers of the period on one scale (1–5: lower is better; 1–7 agreement: higher is better); answers on different scales are never averaged together: shown is the scale with the most answers."),
            Kpi::TicketVolume => s(Some("ticket_volume"), "Ticketvolumen", "Ticket volume", Count, Lower, D::Tickets,
                "In der Periode eröffnete Tickets. Als neuester Wert gilt der letzte vollständige Monat, nicht der angebrochene am Ende der Daten. Eine Spitze ist eine Woche über Mittelwert + 2 Standardabweichungen der 8 Wochen davor und zugleich mindestens 5 Tickets und 50 % über dem Mittelwert.",
                "Tickets opened in the period. The latest value is the last complete month, not the partial one at the end of the data. A spike is a week above the mean + 2 standard deviations of the 8 weeks before and also at least 5 tickets and 50 % above that mean."),
            Kpi::FirstResponseTime => s(Some("first_response_time"), "Erste Antwort (Median)", "First response (median)", Minutes, Lower, D::Tickets,
                "Erste Antwortzeit in Minuten: Median über alle in der Periode eröffneten Tickets mit Antwort (kein Mittelwert von Monatsmedianen).",
                "First response time in minutes: median over all tickets opened in the period that got a response (never an average of monthly medians)."),
            Kpi::FirstResponseTimeP90 => s(Some("first_response_time"), "Erste Antwort (P90)", "First response (p90)", Minutes, Lower, D::Tickets,
                "Erste Antwortzeit in Minuten: 90. Perzentil (Nearest-Rank) über alle in der Periode eröffneten Tickets mit Antwort.",
                "First response time in minutes: 90th percentile (nearest rank) over all tickets opened in the period that got a response."),
            Kpi::Fcr => s(Some("fcr"), "Erstlösungsquote", "First contact resolution", Ratio, Higher, D::Tickets,
                "Erstlösungsquote: beim ersten Kontakt gelöste Tickets ÷ Tickets der Periode, bei denen das bekannt ist.",
                "First contact resolution: tickets resolved in the first contact ÷ tickets of the period where this is known."),
            Kpi::ResolutionRate => s(Some("resolution_rate"), "Lösungsquote", "Resolution rate", Ratio, Higher, D::Tickets,
                "Lösungsquote: gelöste ÷ eröffnete Tickets der Periode.",
                "Resolution rate: resolved ÷ opened tickets of the period."),
            Kpi::LeadResponseTime => s(Some("lead_response_time"), "Leads in 5 Min. kontaktiert", "Leads contacted within 5 min", Ratio, Higher, D::Leads,
                "Lead-Reaktionszeit: Anteil der Leads der Periode, die innerhalb von 5 Minuten kontaktiert wurden. Jeder Lead wird einzeln bewertet: nie kontaktiert zählt als nicht in 5 Minuten; ein Erstkontakt vor dem Eingang (Datenfehler) bleibt draußen; ohne Erstkontakt-Spalte kein Wert.",
                "Lead response time: share of the period's leads contacted within 5 minutes. Each lead is judged on its own: never contacted counts as not within 5 minutes; a first contact before the lead came in (a data error) is left out; without a first-contact column there is no value."),
            Kpi::WinRate => s(Some("win_rate"), "Gewinnrate", "Win rate", Ratio, Higher, D::Deals,
                "Gewinnrate: gewonnene ÷ (gewonnene + verlorene) Deals mit Abschluss in der Periode.",
                "Win rate: won ÷ (won + lost) deals closed in the period."),
            Kpi::WinLossRatio => s(Some("win_loss_ratio"), "Gewinn/Verlust (Anzahl)", "Win/loss (count)", Multiple, Higher, D::Deals,
                "Gewinn-Verlust-Verhältnis: gewonnene ÷ verlorene Deals der Periode, nach Anzahl.",
                "Win-loss ratio: won ÷ lost deals of the period, by count."),
            Kpi::WinLossValueRatio => s(Some("win_loss_ratio"), "Gewinn/Verlust (Wert)", "Win/loss (value)", Multiple, Higher, D::Deals,
                "Gewinn-Verlust-Verhältnis nach Wert: Wert der gewonnenen ÷ Wert der verlorenen Deals der Periode (Deals ohne Betrag zählen nicht).",
                "Win-loss ratio by value: value of won ÷ value of lost deals of the period (deals without an amount are left out)."),
            Kpi::SalesVelocity => s(Some("sales_velocity"), "Vertriebsgeschwindigkeit", "Sales velocity", MoneyPerDay, Higher, D::Deals,
                "Vertriebsgeschwindigkeit pro Tag: offene Deals × durchschnittlicher Auftragswert × Gewinnrate ÷ durchschnittliche Zyklusdauer in Tagen; der aktuelle Stand der Pipeline, unabhängig von der Periode.",
                "Sales velocity per day: open deals × average won value × win rate ÷ average cycle days; the pipeline's current state, independent of the period."),
            Kpi::DauMau => s(Some("dau_mau"), "DAU/MAU", "DAU/MAU", Ratio, Higher, D::Usage,
                "Stickiness: durchschnittliche täglich aktive Nutzer der Periode ÷ in der Periode aktive Nutzer (verschiedene Nutzer über die ganze Periode).",
                "Stickiness: average daily active users of the period ÷ users active in the period (distinct users over the whole period)."),
            Kpi::AvgSessionDuration => s(Some("avg_session_duration"), "Ø Sitzungsdauer", "Avg. session duration", Seconds, Higher, D::Usage,
                "Durchschnittliche Sitzungsdauer: Sekunden aller Sitzungen der Periode ÷ Sitzungen.",
                "Average session duration: seconds of all sessions of the period ÷ sessions."),
            Kpi::SessionsPerDay => s(Some("sessions_per_day"), "Sitzungen pro Tag", "Sessions per day", PerDay, Higher, D::Usage,
                "Sitzungen pro Tag: Sitzungen der Periode ÷ beobachtete Tage.",
                "Sessions per day: sessions of the period ÷ observed days."),
            Kpi::ProductUsageRate => s(Some("product_usage_rate"), "Produktnutzungsrate", "Product usage rate", Ratio, Higher, D::Usage,
                "Produktnutzungsrate: in der Periode aktive Nutzer ÷ lizenzierte Nutzer.",
                "Product usage rate: users active in the period ÷ licensed users."),
            Kpi::Cac => s(Some("cac"), "CAC", "CAC", Money, Lower, D::Costs,
                "Kundenakquisitionskosten: (Vertriebs- + Marketingkosten) ÷ Neukunden der Periode, Monate ohne Neukundenzahl ausgenommen.",
                "Customer acquisition cost: (sales + marketing cost) ÷ new customers of the period, months without a new-customer count left out."),
            Kpi::RetentionCost => s(Some("retention_cost"), "Kundenbindungskosten", "Retention cost", Money, Lower, D::Costs,
                "Kundenbindungskosten: Customer-Success-Kosten ÷ Kundenmonate der Periode (je Monat die Kunden am Monatsende).",
                "Retention cost: customer-success cost ÷ customer-months of the period (each month's customers at its end)."),
            Kpi::AtRisk => s(Some("health_score"), "Gefährdete Kunden", "Accounts at risk", Count, Lower, D::Usage,
                "Kunden auf der Risikoliste: Health Score unter der Schwelle oder starker Rückgang der Nutzung; aktueller Stand am Stichtag der Nutzungsdaten.",
                "Accounts on the at-risk list: health score below the threshold or a steep drop in usage; the current state at the usage data's as-of day."),
            Kpi::HealthScore => s(Some("health_score"), "Ø Health Score", "Avg. health score", Points, Higher, D::Usage,
                "Health Score 0–100: gewichteter Mittelwert aus Nutzungshäufigkeit (aktive Tage in 30), Breite (aktive Nutzer), Tiefe (genutzte Funktionen), letztem NPS und offenen Tickets, je gegen feste Zielwerte normiert; Mittelwert der bewerteten Kunden am Stichtag.",
                "Health score 0–100: weighted mean of frequency (active days in 30), breadth (active users), depth (features used), latest NPS and open tickets, each normalised against fixed targets; mean of the scored accounts at the as-of day."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kpi_has_an_id_names_and_definitions_in_both_languages() {
        let mut ids = std::collections::BTreeSet::new();
        for k in Kpi::ALL {
            assert!(ids.insert(k.id()), "duplicate id {}", k.id());
            assert_eq!(Kpi::from_id(k.id()), Some(k));
            // The serde form is the id, so JSON, URLs and thresholds agree.
            assert_eq!(serde_json::to_string(&k).unwrap(), format!("\"{}\"", k.id()));
            let s = k.spec();
            for text in [s.de, s.en, s.def_de, s.def_en] {
                assert!(text.len() > 2, "{} has an empty text", k.id());
            }
            assert_ne!(s.def_de, s.def_en, "{} is not translated", k.id());
        }
        assert_eq!(Kpi::from_id("churn"), None);
    }
}
