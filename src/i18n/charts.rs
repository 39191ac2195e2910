//! The calculator charts' titles, axis and table labels and their one-sentence descriptions,
//! German and English. The numbers in the sentences come formatted for the language.

use locale::Lang;

super::texts! {
    /// Chart labels in one language.
    Labels {
        no_data,
        velocity_title,
        day,
        expected_revenue,
        detractors,
        passives,
        promoters,
        nps_title,
        group,
        count,
        share,
        bands_title,
        band,
        from_to,
        remaining_title,
        period,
        customers,
        payback_title,
        month,
        amount,
        cumulative_margin,
        paid_back,
        leads,
        conversions,
        visitors,
        trials,
        paying,
        started,
        completed,
        reached_step,
        went_on,
        funnel,
        step,
        drop_off,
        mrr_movements,
        start,
        new,
        reactivation,
        expansion,
        contraction,
        churn,
        end,
        movement,
        total,
    }
}

const DE: Labels = Labels {
    no_data: "Keine Daten",
    velocity_title: "Erwarteter Umsatz über den Verkaufszyklus",
    day: "Tag",
    expected_revenue: "Erwarteter Umsatz",
    detractors: "Kritiker (0–6)",
    passives: "Passive (7–8)",
    promoters: "Promotoren (9–10)",
    nps_title: "Verteilung der Antworten",
    group: "Gruppe",
    count: "Anzahl",
    share: "Anteil",
    bands_title: "CLV:CAC im Vergleich zu den Bereichen",
    band: "Bereich",
    from_to: "Von – bis",
    remaining_title: "Verbleibende Kunden über 12 Perioden",
    period: "Periode",
    customers: "Kunden",
    payback_title: "Amortisation der Akquisekosten",
    month: "Monat",
    amount: "Betrag",
    cumulative_margin: "Kumulierter Rohertrag",
    paid_back: "amortisiert",
    leads: "Leads",
    conversions: "Conversions",
    visitors: "Besucher",
    trials: "Testnutzer",
    paying: "Zahlende",
    started: "Begonnen",
    completed: "Abgeschlossen",
    reached_step: "Schritt erreicht",
    went_on: "Weiter",
    funnel: "Funnel",
    step: "Schritt",
    drop_off: "Verlust",
    mrr_movements: "MRR-Bewegungen",
    start: "Start",
    new: "Neu",
    reactivation: "Reaktivierung",
    expansion: "Expansion",
    contraction: "Kontraktion",
    churn: "Abwanderung",
    end: "Ende",
    movement: "Bewegung",
    total: "Summe",
};

const EN: Labels = Labels {
    no_data: "No data",
    velocity_title: "Expected revenue over the sales cycle",
    day: "Day",
    expected_revenue: "Expected revenue",
    detractors: "Detractors (0–6)",
    passives: "Passives (7–8)",
    promoters: "Promoters (9–10)",
    nps_title: "Distribution of answers",
    group: "Group",
    count: "Count",
    share: "Share",
    bands_title: "CLV:CAC against its bands",
    band: "Band",
    from_to: "From – to",
    remaining_title: "Customers remaining over 12 periods",
    period: "Period",
    customers: "Customers",
    payback_title: "CAC payback",
    month: "Month",
    amount: "Amount",
    cumulative_margin: "Cumulative gross margin",
    paid_back: "paid back",
    leads: "Leads",
    conversions: "Conversions",
    visitors: "Visitors",
    trials: "Trials",
    paying: "Paying",
    started: "Started",
    completed: "Completed",
    reached_step: "Reached the step",
    went_on: "Went on",
    funnel: "Funnel",
    step: "Step",
    drop_off: "Drop-off",
    mrr_movements: "MRR movements",
    start: "Start",
    new: "New",
    reactivation: "Reactivation",
    expansion: "Expansion",
    contraction: "Contraction",
    churn: "Churn",
    end: "End",
    movement: "Movement",
    total: "Total",
};

/// The chart labels in `lang`.
pub fn labels(lang: Lang) -> &'static Labels {
    match kpi::built_lang(lang) {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

/// Sales velocity: the cumulative expected revenue after the cycle.
pub fn velocity_desc(lang: Lang, total: &str, days: f64) -> String {
    match kpi::built_lang(lang) {
        Lang::De => format!("Kumulierter erwarteter Umsatz: {total} nach {days} Tagen."),
        Lang::En => format!("Cumulative expected revenue: {total} after {days} days."),
    }
}

/// NPS: the three groups and the score.
pub fn nps_desc(lang: Lang, detractors: u64, passives: u64, promoters: u64, nps: &str) -> String {
    match kpi::built_lang(lang) {
        Lang::De => {
            format!("{detractors} Kritiker, {passives} Passive, {promoters} Promotoren; NPS {nps}.")
        }
        Lang::En => format!(
            "{detractors} detractors, {passives} passives, {promoters} promoters; NPS {nps}."
        ),
    }
}

/// CLV:CAC: the user's ratio.
pub fn bands_desc(lang: Lang, ratio: &str) -> String {
    match kpi::built_lang(lang) {
        Lang::De => format!("Ihr Verhältnis liegt bei {ratio}."),
        Lang::En => format!("Your ratio is {ratio}."),
    }
}

/// Churn: how many customers remain after 12 periods.
pub fn remaining_desc(lang: Lang, churn: &str, customers: &str, left: &str) -> String {
    match kpi::built_lang(lang) {
        Lang::De => format!(
            "Bei {churn} Abwanderung je Periode bleiben von {customers} Kunden nach 12 Perioden \
             {left} (ohne Neukunden)."
        ),
        Lang::En => format!(
            "At {churn} churn per period, {left} of {customers} customers remain after 12 \
             periods (without new customers)."
        ),
    }
}

/// CAC payback: when the cumulative margin covers the acquisition cost.
pub fn payback_desc(lang: Lang, margin: &str, cac: &str, months: &str) -> String {
    match kpi::built_lang(lang) {
        Lang::De => format!(
            "Der kumulierte Rohertrag von {margin} pro Monat deckt die CAC von {cac} nach \
             {months} Monaten."
        ),
        Lang::En => format!(
            "Cumulative gross margin of {margin} per month covers the CAC of {cac} after \
             {months} months."
        ),
    }
}

/// A two-step funnel: from how many to how many, and the rate.
pub fn funnel_desc(lang: Lang, from: &str, to: &str, rate: &str) -> String {
    match kpi::built_lang(lang) {
        Lang::De => format!("Von {from} zu {to}: {rate}."),
        Lang::En => format!("From {from} to {to}: {rate}."),
    }
}

/// MRR movements: from the start MRR to the end.
pub fn waterfall_desc(lang: Lang, start: &str, end: &str) -> String {
    match kpi::built_lang(lang) {
        Lang::De => format!("Von {start} MRR zu {end}."),
        Lang::En => format!("From {start} MRR to {end}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_differ_by_language_and_keep_their_numbers() {
        let pairs = [
            (velocity_desc(Lang::De, "6.000 €", 30.0), velocity_desc(Lang::En, "€6,000", 30.0)),
            (nps_desc(Lang::De, 1, 2, 3, "33"), nps_desc(Lang::En, 1, 2, 3, "33")),
            (bands_desc(Lang::De, "3"), bands_desc(Lang::En, "3")),
            (
                remaining_desc(Lang::De, "2 %", "100", "78"),
                remaining_desc(Lang::En, "2%", "100", "78"),
            ),
            (payback_desc(Lang::De, "50", "600", "12"), payback_desc(Lang::En, "50", "600", "12")),
            (funnel_desc(Lang::De, "10", "2", "20 %"), funnel_desc(Lang::En, "10", "2", "20%")),
            (waterfall_desc(Lang::De, "1", "2"), waterfall_desc(Lang::En, "1", "2")),
        ];
        for (de, en) in &pairs {
            assert_ne!(de, en);
        }
        assert_eq!(pairs[5].0, "Von 10 zu 2: 20 %.");
        assert_eq!(
            pairs[3].1,
            "At 2% churn per period, 78 of 100 customers remain after 12 periods (without new \
             customers)."
        );
    }
}
