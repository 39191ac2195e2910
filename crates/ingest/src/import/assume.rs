//! What an import had to assume because the export lacks a column: said to the user beside
//! the figures it affects, never filled in silently (unknown is not zero).

use super::result::Assumption;
use records::{Dataset, DealOutcome};
use std::collections::BTreeMap;

/// One rule: when none of `fields` has a column, the figures named in the texts are unknown
/// or computed as the texts say.
struct Rule {
    fields: &'static [&'static str],
    de: &'static str,
    en: &'static str,
}

const DEALS: &[Rule] = &[
    Rule {
        fields: &["closed"],
        de: "Kein Abschlussdatum: gewonnene und verlorene Deals zählen im Monat ihrer Erstellung, ihr Verkaufszyklus ist unbekannt.",
        en: "No close date: won and lost deals count in the month they were created, and their sales cycle is unknown.",
    },
    Rule {
        fields: &["outcome", "won", "closed_flag", "stage"],
        de: "Weder Status noch Phase: alle Deals gelten als offen, Gewinnquote unbekannt.",
        en: "Neither status nor stage: every deal is taken as open, and the win rate is unknown.",
    },
    Rule {
        fields: &["value"],
        de: "Kein Betrag: durchschnittlicher Auftragswert, Wertverhältnis und Sales Velocity sind unbekannt.",
        en: "No amount: average deal value, value win-loss ratio and sales velocity are unknown.",
    },
];

const TICKETS: &[Rule] = &[
    Rule {
        fields: &["first_response", "first_reply_minutes"],
        de: "Keine Spalte für die erste Antwort: die Erstantwortzeit ist unbekannt.",
        en: "No first-response column: the first response time is unknown.",
    },
    Rule {
        fields: &["resolved"],
        de: "Keine Spalte für die Lösung: Lösungsquote und Lösungszeit sind unbekannt.",
        en: "No resolution column: resolution rate and resolution time are unknown.",
    },
    Rule {
        fields: &["fcr", "contacts"],
        de: "Weder Erstlösungs-Kennzeichen noch Zahl der Antworten: die Erstlösungsquote (FCR) ist unbekannt.",
        en: "Neither a first-contact-resolution flag nor a reply count: first contact resolution (FCR) is unknown.",
    },
];

const SUBSCRIPTIONS: &[Rule] = &[
    Rule {
        fields: &["interval", "interval_count"],
        de: "Kein Intervall: jeder Betrag gilt monatlich.",
        en: "No interval: every amount is monthly.",
    },
    Rule {
        fields: &["status"],
        de: "Kein Status: jedes Abonnement gilt als bezahlt, die Daten entscheiden.",
        en: "No status: every subscription counts as paid; its dates decide.",
    },
    Rule {
        fields: &["end", "cancelled_at"],
        de: "Kein Enddatum: jedes Abonnement läuft noch.",
        en: "No end date: every subscription is still running.",
    },
    Rule {
        fields: &["trial_end"],
        de: "Kein Testphasen-Ende: keine Testphasen, bezahlt ab Beginn.",
        en: "No trial end: no trials, paid from the start.",
    },
    Rule {
        fields: &["quantity"],
        de: "Keine Menge: der Betrag gilt für das ganze Abonnement.",
        en: "No quantity: the amount is for the whole subscription.",
    },
    Rule {
        fields: &["currency"],
        de: "Keine Währung: Beträge in der analysierten Währung.",
        en: "No currency: amounts are in the analysed currency.",
    },
];

const INVOICES: &[Rule] = &[
    Rule {
        fields: &["recurring", "service_start", "subscription", "line_type"],
        de: "Nichts kennzeichnet wiederkehrende Positionen: jede Position gilt als wiederkehrend (MRR), negative als Gutschrift.",
        en: "Nothing marks recurring lines: every line counts as recurring (MRR), negative ones as credit notes.",
    },
    Rule {
        fields: &["period", "service_start"],
        de: "Kein Leistungszeitraum: jede Rechnung deckt ihren Monat.",
        en: "No service period: every invoice covers its own month.",
    },
    Rule {
        fields: &["currency"],
        de: "Keine Währung: Beträge in der analysierten Währung.",
        en: "No currency: amounts are in the analysed currency.",
    },
];

const LEADS: &[Rule] = &[Rule {
    fields: &["first_contact"],
    de: "Keine Spalte für den Erstkontakt: der Anteil der Leads, die in 5 Minuten kontaktiert wurden, ist unbekannt.",
    en: "No first-contact column: the share of leads contacted within 5 minutes is unknown.",
}];

/// The assumptions of an import of `dataset` with the field → column `mapping`.
pub(crate) fn assumptions(dataset: &Dataset, mapping: &BTreeMap<String, usize>) -> Vec<Assumption> {
    let rules = match dataset {
        Dataset::Deals(_) => DEALS,
        Dataset::Tickets(_) => TICKETS,
        Dataset::Leads(_) => LEADS,
        Dataset::Subscriptions(_) => SUBSCRIPTIONS,
        Dataset::Invoices(_) => INVOICES,
        _ => &[],
    };
    let mut out: Vec<Assumption> = rules
        .iter()
        .filter(|r| r.fields.iter().all(|f| !mapping.contains_key(*f)))
        .map(|r| Assumption {
            field: r.fields[0].to_string(),
            message_de: r.de.to_string(),
            message_en: r.en.to_string(),
        })
        .collect();
    if let Dataset::Deals(deals) = dataset {
        // HubSpot and Salesforce move a lost deal to "Closed Lost"; where it was lost is gone.
        let n = deals
            .iter()
            .filter(|d| d.outcome == DealOutcome::Lost && d.lost_at_stage.is_none())
            .filter(|d| d.stage.is_some())
            .count();
        if n > 0 {
            out.push(Assumption {
                field: "lost_stage".to_string(),
                message_de: format!("{n} verlorene Deals ohne Phase beim Verlust (keine Spalte „Verloren in Phase“): im Funnel nur in der ersten Phase gezählt."),
                message_en: format!("{n} lost deals without the stage they were lost at (no “lost at stage” column): counted in the funnel's first stage only."),
            });
        }
    }
    out
}
