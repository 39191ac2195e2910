//! German and English definition texts for every KPI the report contains; the UI shows them
//! beside the number. Ids follow the KPI catalogue where it has one.

use serde::{Deserialize, Serialize};

/// The definition of one KPI in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Definition {
    /// German text.
    pub de: String,
    /// English text.
    pub en: String,
}

/// `(id, German, English)` for every KPI.
pub const DEFINITIONS: &[(&str, &str, &str)] = &[
    ("mrr", "Monatlich wiederkehrender Umsatz: Summe der auf einen Monat umgerechneten Abonnements (Jahrespreis ÷ 12), die am letzten Tag des Monats aktiv sind; pro Kunde auf den Cent gerundet.", "Monthly recurring revenue: sum of the subscriptions active on the month's last day, normalised to a month (annual price ÷ 12); rounded to the cent per customer."),
    ("arr", "Jährlich wiederkehrender Umsatz = MRR × 12.", "Annual recurring revenue = MRR × 12."),
    ("customers", "Kunden mit MRR > 0 am Monatsende.", "Customers with MRR > 0 at the end of the month."),
    ("arpu", "Umsatz pro Kunde = MRR ÷ zahlende Kunden.", "Average revenue per user = MRR ÷ paying customers."),
    ("mrr_movements", "MRR-Bewegungen gegenüber dem Vormonat je Kunde: Neu (0 → x, erstmals), Reaktivierung (0 → x, hat früher gezahlt), Expansion (x → y > x), Kontraktion (x → y, 0 < y < x), Abwanderung (x → 0). MRR(M) − MRR(M−1) = Neu + Reaktivierung + Expansion − Kontraktion − Abwanderung.", "MRR movements against the previous month per customer: new (0 → x, first time), reactivation (0 → x, paid before), expansion (x → y > x), contraction (x → y, 0 < y < x), churn (x → 0). MRR(M) − MRR(M−1) = new + reactivation + expansion − contraction − churn."),
    ("churn_rate", "Kundenabwanderung (Variante A): abgewanderte Kunden ÷ Kunden am Ende der Vorperiode; Neukunden zählen nicht.", "Logo churn (variant A): churned customers ÷ customers at the end of the previous period; new customers are excluded."),
    ("churn_rate_b", "Kundenabwanderung (Variante B): abgewanderte Kunden ÷ (Kunden am Anfang + neue und reaktivierte Kunden der Periode).", "Logo churn (variant B): churned customers ÷ (customers at the start + new and reactivated customers of the period)."),
    ("revenue_churn", "Umsatzabwanderung: (abgewanderter MRR + Kontraktion) ÷ MRR am Anfang.", "Gross revenue churn: (churned MRR + contraction) ÷ MRR at the start."),
    ("ndr", "Netto-Umsatzbindung (NRR): (MRR am Anfang + Expansion − Kontraktion − Abwanderung) ÷ MRR am Anfang; ohne Neu- und Reaktivierungsumsatz, kann 100 % übersteigen.", "Net revenue retention (NRR): (MRR at start + expansion − contraction − churn) ÷ MRR at start; excludes new and reactivation MRR, may exceed 100 %."),
    ("grr", "Brutto-Umsatzbindung: (MRR am Anfang − Kontraktion − Abwanderung) ÷ MRR am Anfang; höchstens 100 %.", "Gross revenue retention: (MRR at start − contraction − churn) ÷ MRR at start; at most 100 %."),
    ("cohorts", "Kohorten nach Monat des ersten Umsatzes: Anteil der Kunden mit MRR > 0 und MRR im Verhältnis zum ersten Monat, für jeden Monat danach.", "Cohorts by month of first revenue: share of customers with MRR > 0 and MRR relative to the first month, for every month since."),
    ("nps", "Net Promoter Score: % Promotoren (9–10) − % Kritiker (0–6) auf der Skala 0–10; Ergebnis −100 bis +100.", "Net Promoter Score: % promoters (9–10) − % detractors (0–6) on the 0–10 scale; result −100 to +100."),
    ("csat", "Kundenzufriedenheit: zufriedene Antworten ÷ alle Antworten (Skala 1–5: 4–5; Skala 1–10: 6–10).", "Customer satisfaction: satisfied answers ÷ all answers (scale 1–5: 4–5; scale 1–10: 6–10)."),
    ("ces", "Customer Effort Score: Mittelwert der Antworten; die Richtung hängt von der Skala der Umfrage ab.", "Customer effort score: mean of the answers; the direction depends on the survey's scale."),
    ("qualitative_feedback", "Häufigste Wörter der Kommentare (klein geschrieben, ohne Satzzeichen und Füllwörter), getrennt nach Promotoren, Passiven und Kritikern.", "Most frequent comment words (lowercased, without punctuation and stop words), split by promoters, passives and detractors."),
    ("ticket_volume", "Eröffnete Tickets pro ISO-Woche und Monat, nach Dringlichkeit und Typ. Spitze: Woche über Mittelwert + k × Standardabweichung der vorigen N Wochen.", "Tickets opened per ISO week and month, by urgency and type. Spike: a week above mean + k × standard deviation of the previous N weeks."),
    ("first_response_time", "Erste Antwortzeit in Minuten: Median und 90. Perzentil (Nearest-Rank).", "First response time in minutes: median and 90th percentile (nearest rank)."),
    ("fcr", "Erstlösungsquote: beim ersten Kontakt gelöste Tickets ÷ Tickets mit bekannter Angabe.", "First contact resolution: tickets resolved in the first contact ÷ tickets where this is known."),
    ("resolution_rate", "Lösungsquote: gelöste ÷ eröffnete Tickets der Periode.", "Resolution rate: resolved ÷ opened tickets of the period."),
    ("lead_response_time", "Lead-Reaktionszeit: Anteil der Leads, die innerhalb von 5 Minuten kontaktiert wurden, und Median der Minuten bis zum ersten Kontakt.", "Lead response time: share of leads contacted within 5 minutes and median minutes to first contact."),
    ("win_rate", "Gewinnrate: gewonnene ÷ (gewonnene + verlorene) Deals nach Abschlussmonat.", "Win rate: won ÷ (won + lost) deals by close month."),
    ("win_loss_ratio", "Gewinn-Verlust-Verhältnis: gewonnene ÷ verlorene Deals, nach Anzahl und nach Wert.", "Win-loss ratio: won ÷ lost deals, by count and by value."),
    ("sales_velocity", "Vertriebsgeschwindigkeit pro Tag: offene Deals × durchschnittlicher Auftragswert × Gewinnrate ÷ durchschnittliche Zyklusdauer in Tagen.", "Sales velocity per day: open deals × average won value × win rate ÷ average cycle days."),
    ("funnel", "Deals pro Phase in Reihenfolge der Pipeline; Konversion = erreicht ÷ erreicht der vorigen Phase.", "Deals per stage in pipeline order; conversion = reached ÷ reached of the previous stage."),
    ("dau_mau", "Stickiness: durchschnittliche täglich aktive Nutzer des Monats ÷ monatlich aktive Nutzer.", "Stickiness: average daily active users of the month ÷ monthly active users."),
    ("avg_session_duration", "Durchschnittliche Sitzungsdauer: Sekunden aller Sitzungen ÷ Sitzungen.", "Average session duration: seconds of all sessions ÷ sessions."),
    ("sessions_per_day", "Sitzungen pro Tag: Sitzungen ÷ beobachtete Tage.", "Sessions per day: sessions ÷ observed days."),
    ("product_usage_rate", "Produktnutzungsrate: aktive Nutzer im Monat ÷ lizenzierte Nutzer.", "Product usage rate: active users in the month ÷ licensed users."),
    ("cac", "Kundenakquisitionskosten: (Vertriebs- + Marketingkosten) ÷ Neukunden des Monats.", "Customer acquisition cost: (sales + marketing cost) ÷ new customers of the month."),
    ("retention_cost", "Kundenbindungskosten: Customer-Success-Kosten ÷ Kunden.", "Retention cost: customer-success cost ÷ customers."),
    ("health_score", "Health Score 0–100: gewichteter Mittelwert aus Nutzungshäufigkeit (aktive Tage in 30), Breite (aktive Nutzer), Tiefe (genutzte Funktionen), letztem NPS und offenen Tickets, je gegen feste Zielwerte normiert.", "Health score 0–100: weighted mean of frequency (active days in 30), breadth (active users), depth (features used), latest NPS and open tickets, each normalised against fixed targets."),
];

/// The definition of a KPI id, if known.
pub fn definition(id: &str) -> Option<Definition> {
    DEFINITIONS
        .iter()
        .find(|(k, _, _)| *k == id)
        .map(|(_, de, en)| Definition { de: de.to_string(), en: en.to_string() })
}
