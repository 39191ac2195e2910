//! German and English definition texts: every [`Kpi`]'s own (kept beside it in
//! [`crate::kpis`]) and those of the charts that are no single KPI (movements waterfall,
//! cohorts, comment words, funnel). The UI shows them beside the number.

use crate::kpis::Kpi;

use serde::{Deserialize, Serialize};

/// The definition of one KPI in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Definition {
    /// German text.
    pub de: String,
    /// English text.
    pub en: String,
}

/// `(id, German, English)` of the charts that are no single KPI.
pub const SECTIONS: &[(&str, &str, &str)] = &[
    ("mrr_movements", "MRR-Bewegungen gegenüber dem Vormonat je Kunde: Neu (0 → x, erstmals), Reaktivierung (0 → x, hat früher gezahlt), Expansion (x → y > x), Kontraktion (x → y, 0 < y < x), Abwanderung (x → 0). MRR(M) − MRR(M−1) = Neu + Reaktivierung + Expansion − Kontraktion − Abwanderung.", "MRR movements against the previous month per customer: new (0 → x, first time), reactivation (0 → x, paid before), expansion (x → y > x), contraction (x → y, 0 < y < x), churn (x → 0). MRR(M) − MRR(M−1) = new + reactivation + expansion − contraction − churn."),
    ("cohorts", "Kohorten nach Monat des ersten Umsatzes: Anteil der Kunden mit MRR > 0 und MRR im Verhältnis zum ersten Monat, für jeden Monat danach.", "Cohorts by month of first revenue: share of customers with MRR > 0 and MRR relative to the first month, for every month since."),
    ("qualitative_feedback", "Häufigste Wörter der Kommentare (klein geschrieben, ohne Satzzeichen und Füllwörter), getrennt nach Promotoren, Passiven und Kritikern.", "Most frequent comment words (lowercased, without punctuation and stop words), split by promoters, passives and detractors."),
    ("funnel", "Deals pro Phase in Reihenfolge der Pipeline; Konversion = erreicht ÷ erreicht der vorigen Phase.", "Deals per stage in pipeline order; conversion = reached ÷ reached of the previous stage."),
];

/// The definition of a KPI or chart id, if known.
pub fn definition(id: &str) -> Option<Definition> {
    if let Some(k) = Kpi::from_id(id) {
        let (de, en) = (k.definition(true), k.definition(false));
        return Some(Definition { de: de.to_string(), en: en.to_string() });
    }
    SECTIONS
        .iter()
        .find(|(k, _, _)| *k == id)
        .map(|(_, de, en)| Definition { de: de.to_string(), en: en.to_string() })
}
