//! Satisfaction and loyalty: surveys, engagement and health.

use super::{amount, answers, count, ratio, variant};
use crate::eval::{part_of, Calc, Computed, Tok::*, HUNDRED};
use crate::survey::{check_scores, CesVariant, CsatScale};
use crate::{t, Band, Category, ChartKind, Direction, KpiDef, KpiError, Tone, Unit};

const RESPONSES: crate::InputDef = count(
    "responses",
    t("Antworten gesamt", "Total answers"),
    t("Alle ausgewerteten Antworten.", "All answers counted."),
    100.0,
);

/// nps
pub(crate) const NPS: KpiDef = KpiDef {
    id: "nps",
    name: t("Net Promoter Score", "Net Promoter Score"),
    abbr: t("NPS", "NPS"),
    category: Category::Surveys,
    description: t(
        "Prozent Promotoren minus Prozent Detraktoren, von −100 bis +100.",
        "Percent promoters minus percent detractors, from −100 to +100.",
    ),
    explanation: t(
        "Kunden beantworten die Frage „Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?“ auf einer Skala von 0 bis 10. 0–6 sind Detraktoren, 7–8 Passive, 9–10 Promotoren; der NPS ist der Prozentsatz der Promotoren minus dem der Detraktoren. Ist er negativ, gibt es mehr Detraktoren als Promotoren. Der Zusammenhang mit dem tatsächlichen Kaufverhalten ist schwächer als bei anderen KPIs.",
        "Customers answer “How likely are you to recommend us?” on a scale from 0 to 10. 0–6 are detractors, 7–8 passives, 9–10 promoters; the NPS is the percentage of promoters minus that of detractors. A negative NPS means more detractors than promoters. Its link to actual buying behaviour is weaker than for other KPIs.",
    ),
    inputs: &[
        count("promoters", t("Promotoren (9–10)", "Promoters (9–10)"), t("Antworten mit 9 oder 10.", "Answers of 9 or 10."), 50.0),
        count("passives", t("Passive (7–8)", "Passives (7–8)"), t("Antworten mit 7 oder 8.", "Answers of 7 or 8."), 30.0),
        count("detractors", t("Detraktoren (0–6)", "Detractors (0–6)"), t("Antworten von 0 bis 6.", "Answers from 0 to 6."), 20.0),
        answers(
            "answers",
            t("Antworten (0–10)", "Answers (0–10)"),
            t("Jede Antwort als ganze Zahl von 0 bis 10.", "Each answer as a whole number from 0 to 10."),
            0.0,
            10.0,
            &[10.0, 9.0, 9.0, 8.0, 7.0, 7.0, 6.0, 5.0, 10.0, 3.0],
        ),
    ],
    variants: &[
        variant(
            "counts",
            t("Aus Anzahlen", "From counts"),
            t("Wenn die Gruppen schon ausgezählt sind.", "When the groups are already counted."),
            t("(Promotoren − Detraktoren) ÷ Antworten × 100", "(promoters − detractors) ÷ answers × 100"),
            &["promoters", "passives", "detractors"],
        ),
        variant(
            "scores",
            t("Aus Einzelantworten", "From raw answers"),
            t("Wenn die einzelnen Antworten vorliegen.", "When the individual answers are at hand."),
            t("% Promotoren − % Detraktoren", "% promoters − % detractors"),
            &["answers"],
        ),
    ],
    direction: Direction::HigherIsBetter,
    bands: &[
        Band { min: Some(0.0), max: Some(0.0), label: t("Gleich viele Promotoren wie Detraktoren", "As many promoters as detractors"), tone: Tone::Warn },
        Band { min: Some(0.0), max: None, label: t("Mehr Promotoren als Detraktoren", "More promoters than detractors"), tone: Tone::Good },
        Band { min: None, max: Some(0.0), label: t("Mehr Detraktoren als Promotoren", "More detractors than promoters"), tone: Tone::Bad },
    ],
    result_unit: Unit::Number,
    seeds: &["000", "001", "002", "003", "004"],
    chart: ChartKind::NpsDistribution,
    dataset_only: false,
};

/// csat
pub(crate) const CSAT: KpiDef = KpiDef {
    id: "csat",
    name: t("Kundenzufriedenheitswert", "Customer satisfaction score"),
    abbr: t("CSAT", "CSAT"),
    category: Category::Surveys,
    description: t("Anteil zufriedener Antworten an allen Antworten.", "Share of satisfied answers among all answers."),
    explanation: t(
        "Der CSAT misst, wie zufrieden Kunden mit einer bestimmten Interaktion sind, meist direkt nach Kauf, Supportanfrage oder Onboarding. Zufriedene Antworten werden durch alle Antworten geteilt. Quellen nutzen verschiedene Skalen: 1–5 mit 4–5 als zufrieden oder 1–10 mit 6–10 als positiv. Werte für verschiedene Berührungspunkte getrennt verfolgen.",
        "CSAT measures how satisfied customers are with a specific interaction, usually right after a purchase, a support request or onboarding. Satisfied answers are divided by all answers. Sources use different scales: 1–5 with 4–5 as satisfied, or 1–10 with 6–10 as positive. Track touchpoints separately.",
    ),
    inputs: &[
        answers("answers", t("Antworten (1–5)", "Answers (1–5)"), t("Jede Antwort als ganze Zahl von 1 bis 5.", "Each answer as a whole number from 1 to 5."), 1.0, 5.0, &[5.0, 4.0, 4.0, 3.0, 5.0, 2.0, 4.0, 5.0, 1.0, 4.0]),
        answers("answers_10", t("Antworten (1–10)", "Answers (1–10)"), t("Jede Antwort als ganze Zahl von 1 bis 10.", "Each answer as a whole number from 1 to 10."), 1.0, 10.0, &[10.0, 8.0, 6.0, 5.0, 9.0, 7.0, 3.0, 10.0, 6.0, 4.0]),
        count("satisfied", t("Zufriedene Antworten", "Satisfied answers"), t("Antworten im zufriedenen Bereich der Skala.", "Answers in the satisfied range of the scale."), 80.0),
        RESPONSES,
    ],
    variants: &[
        variant(
            "a",
            t("A: Skala 1–5, 4–5 zufrieden", "A: scale 1–5, 4–5 satisfied"),
            t("Für die klassische Fünf-Punkte-Frage (16-KPI-Leitfaden 2021).", "For the classic five-point question (16-KPI guide 2021)."),
            t("Antworten 4–5 ÷ alle Antworten", "answers 4–5 ÷ all answers"),
            &["answers"],
        ),
        variant(
            "b",
            t("B: Skala 1–10, 6–10 positiv", "B: scale 1–10, 6–10 positive"),
            t("Für eine Zehn-Punkte-Frage (Winning by Design, SharpSpring „CSS“).", "For a ten-point question (Winning by Design, SharpSpring “CSS”)."),
            t("Antworten 6–10 ÷ alle Antworten", "answers 6–10 ÷ all answers"),
            &["answers_10"],
        ),
        variant(
            "counts",
            t("Aus Anzahlen", "From counts"),
            t("Wenn zufriedene Antworten schon gezählt sind.", "When satisfied answers are already counted."),
            t("Zufriedene Antworten ÷ alle Antworten", "satisfied answers ÷ all answers"),
            &["satisfied", "responses"],
        ),
    ],
    direction: Direction::HigherIsBetter,
    bands: &[],
    result_unit: Unit::Ratio,
    seeds: &["001", "002", "003", "004"],
    chart: ChartKind::None,
    dataset_only: false,
};

/// ces
pub(crate) const CES: KpiDef = KpiDef {
    id: "ces",
    name: t("Customer Effort Score", "Customer effort score"),
    abbr: t("CES", "CES"),
    category: Category::Surveys,
    description: t("Wie viel Aufwand Kunden für ein Anliegen betreiben müssen.", "How much effort customers need to get something done."),
    explanation: t(
        "Der CES misst den Aufwand, den Kunden betreiben müssen, bis ihr Anliegen gelöst ist, etwa beim Check-out oder beim Support. Die Quellen messen unterschiedlich: als Mittelwert auf 1 (sehr leicht) bis 5 (schwierig), wo niedrig gut ist; als Zustimmung zu „Es war einfach“, wo hoch gut ist; oder als Anteil positiver Antworten. Er gilt als guter Prädiktor für Loyalität.",
        "CES measures the effort customers need until their issue is solved, for example at checkout or in support. Sources measure it differently: as a mean on 1 (very easy) to 5 (difficult), where low is good; as agreement with “it was easy”, where high is good; or as the share of positive answers. It is considered a good predictor of loyalty.",
    ),
    inputs: &[
        answers("answers", t("Antworten (1–5)", "Answers (1–5)"), t("1 = sehr leicht … 5 = schwierig, ganze Zahlen.", "1 = very easy … 5 = difficult, whole numbers."), 1.0, 5.0, &[1.0, 2.0, 2.0, 3.0, 1.0, 4.0, 2.0, 1.0, 2.0, 2.0]),
        answers("answers_7", t("Zustimmung (1–7)", "Agreement (1–7)"), t("Zustimmung zu „Es war einfach“: 1 = gar nicht … 7 = voll.", "Agreement with “it was easy”: 1 = not at all … 7 = fully."), 1.0, 7.0, &[7.0, 6.0, 5.0, 6.0, 4.0, 7.0, 5.0, 6.0, 3.0, 6.0]),
        count("positive", t("Positive Antworten", "Positive answers"), t("Antworten, die den Vorgang als einfach bewerten.", "Answers rating the task as easy."), 70.0),
        RESPONSES,
    ],
    variants: &[
        variant(
            "a",
            t("A: Mittelwert 1–5, niedriger ist besser", "A: mean 1–5, lower is better"),
            t("Für die Frage nach dem Aufwand (Bitrix24).", "For a question about effort (Bitrix24)."),
            t("Summe der Antworten ÷ Anzahl der Antworten", "sum of answers ÷ number of answers"),
            &["answers"],
        ),
        variant(
            "b",
            t("B: Zustimmung 1–7, höher ist besser", "B: agreement 1–7, higher is better"),
            t("Für die Aussage „Es war einfach“ (SharpSpring).", "For the statement “it was easy” (SharpSpring)."),
            t("Summe der Antworten ÷ Anzahl der Antworten", "sum of answers ÷ number of answers"),
            &["answers_7"],
        ),
        variant(
            "c",
            t("C: Anteil positiver Antworten", "C: share of positive answers"),
            t("Wenn nur positiv/negativ ausgewertet wird (16-KPI-Leitfaden 2021).", "When answers are only judged positive or not (16-KPI guide 2021)."),
            t("Positive Antworten ÷ alle Antworten", "positive answers ÷ all answers"),
            &["positive", "responses"],
        ),
    ],
    direction: Direction::LowerIsBetter,
    bands: &[],
    result_unit: Unit::Score { min: 1.0, max: 5.0 },
    seeds: &["000", "001", "002", "004"],
    chart: ChartKind::None,
    dataset_only: false,
};

/// advocacy_rate
pub(crate) const ADVOCACY_RATE: KpiDef = KpiDef {
    id: "advocacy_rate",
    name: t("Kundenbefürwortungsrate", "Customer advocacy rate"),
    abbr: t("CAR", "CAR"),
    category: Category::Surveys,
    description: t("Anteil der Befragten, die das Produkt weiterempfehlen würden.", "Share of customers asked who would recommend the product."),
    explanation: t(
        "Die Customer Advocacy Rate misst, wie viele Käufer ein Produkt aktiv weiterempfehlen würden; sie beruht auf der Frage „Würden Sie unser Produkt weiterempfehlen?“. Eine Rate von 25 % bedeutet, dass 25 von 100 Kunden weiterempfehlen würden. Ein hoher Wert zeigt Kundenbindung und Markenstärke.",
        "The customer advocacy rate measures how many buyers would actively recommend a product; it rests on the question “Would you recommend our product?”. A rate of 25 % means 25 of 100 customers would recommend it. A high value shows loyalty and brand strength.",
    ),
    inputs: &[
        count("would_recommend", t("Würden empfehlen", "Would recommend"), t("Befragte, die mit Ja antworten.", "Customers asked who answer yes."), 25.0),
        count("asked", t("Befragte Kunden", "Customers asked"), t("Alle befragten Kunden.", "All customers asked."), 100.0),
    ],
    variants: &[variant(
        "standard",
        t("Standard", "Standard"),
        t("Bei einer Ja/Nein-Frage zur Weiterempfehlung.", "For a yes/no recommendation question."),
        t("Würden empfehlen ÷ befragte Kunden", "would recommend ÷ customers asked"),
        &["would_recommend", "asked"],
    )],
    direction: Direction::HigherIsBetter,
    bands: &[],
    result_unit: Unit::Ratio,
    seeds: &["000"],
    chart: ChartKind::None,
    dataset_only: false,
};

const fn weight(id: &'static str, name: crate::Text, default: f64) -> crate::InputDef {
    amount(
        id,
        name,
        t(
            "Gewicht ab 0; nur das Verhältnis der Gewichte zählt.",
            "Weight of 0 or more; only the ratio of weights matters.",
        ),
        Unit::Number,
        default,
    )
}

/// engagement_score
pub(crate) const ENGAGEMENT_SCORE: KpiDef = KpiDef {
    id: "engagement_score",
    name: t("Customer Engagement Score", "Customer engagement score"),
    abbr: t("Engagement", "Engagement"),
    category: Category::Surveys,
    description: t("Gewichtete Summe der Interaktionen eines Kunden.", "Weighted sum of a customer's interactions."),
    explanation: t(
        "Der Engagement Score zeigt, wie eng sich Kunden mit dem Unternehmen verbunden fühlen. Es gibt keine einheitliche Formel: Zuerst werden Kennzahlen festgelegt (Website-Besuche, Verweildauer, ausgefüllte Formulare, Social-Media-Interaktionen, Newsletter-Öffnungs- und Klickraten, Umfrageteilnahme), dann gewichtet und summiert. Der Wert wird über längere Zeit wiederholt ermittelt und verglichen.",
        "The engagement score shows how closely customers feel connected to the company. There is no single formula: first choose metrics (site visits, time on site, forms filled, social interactions, newsletter open and click rates, survey participation), then weight and add them. Measure it repeatedly over time and compare.",
    ),
    inputs: &[
        count("visits", t("Website-Besuche", "Site visits"), t("Besuche im Zeitraum.", "Visits in the period."), 10.0),
        amount("minutes_on_site", t("Zeit auf der Website (Min.)", "Time on site (min)"), t("Minuten auf der Website im Zeitraum.", "Minutes on the site in the period."), Unit::Minutes, 30.0),
        count("forms", t("Ausgefüllte Formulare", "Forms filled"), t("Abgeschickte Formulare.", "Forms submitted."), 2.0),
        count("social", t("Social-Media-Interaktionen", "Social interactions"), t("Shares, Likes und Kommentare.", "Shares, likes and comments."), 5.0),
        ratio("newsletter_rate", t("Newsletter-Öffnungs-/Klickrate", "Newsletter open/click rate"), t("Anteil geöffneter oder geklickter Newsletter.", "Share of newsletters opened or clicked."), 0.25),
        ratio("survey_rate", t("Umfrageteilnahme", "Survey participation"), t("Anteil beantworteter Umfragen.", "Share of surveys answered."), 0.5),
        weight("w_visits", t("Gewicht Besuche", "Weight visits"), 1.0),
        weight("w_minutes", t("Gewicht Verweildauer", "Weight time on site"), 0.5),
        weight("w_forms", t("Gewicht Formulare", "Weight forms"), 2.0),
        weight("w_social", t("Gewicht Social Media", "Weight social"), 1.0),
        weight("w_newsletter", t("Gewicht Newsletter", "Weight newsletter"), 10.0),
        weight("w_survey", t("Gewicht Umfragen", "Weight surveys"), 10.0),
    ],
    variants: &[variant(
        "weighted",
        t("Gewichtete Summe", "Weighted sum"),
        t("Mit selbst gewählten Gewichten, über die Zeit verglichen.", "With weights of your choice, compared over time."),
        t("Σ Gewichtᵢ × Kennzahlᵢ", "Σ weightᵢ × metricᵢ"),
        &["visits", "w_visits", "minutes_on_site", "w_minutes", "forms", "w_forms", "social", "w_social", "newsletter_rate", "w_newsletter", "survey_rate", "w_survey"],
    )],
    direction: Direction::HigherIsBetter,
    bands: &[],
    result_unit: Unit::Number,
    seeds: &["000"],
    chart: ChartKind::None,
    dataset_only: false,
};

/// health_score
pub(crate) const HEALTH_SCORE: KpiDef = KpiDef {
    id: "health_score",
    name: t("Customer Health Score", "Customer health score"),
    abbr: t("Health Score", "Health score"),
    category: Category::Surveys,
    description: t("Gewichteter Wert aus Nutzungshäufigkeit, -breite und -tiefe, 0 bis 100.", "Weighted score of usage frequency, breadth and depth, 0 to 100."),
    explanation: t(
        "Der Health Score bewertet Kunden danach, wie wahrscheinlich sie wachsen, stagnieren oder abwandern, damit das CS-Team nicht nur den lautesten Kunden hilft. Er setzt sich zusammen aus Häufigkeit (Zeit im Produkt), Breite (aktive Nutzer im Konto) und Tiefe (genutzte Kernfunktionen); Wachstum, NPS und offene Tickets können dazukommen. Gefährdet sind Konten mit niedrigem oder fallendem Wert.",
        "The health score rates customers by how likely they are to grow, stagnate or churn, so the CS team does not just help the loudest customers. It combines frequency (time in the product), breadth (active users in the account) and depth (key features used); growth, NPS and open tickets can be added. Accounts with low or falling scores are at risk.",
    ),
    inputs: &[
        ratio("frequency", t("Häufigkeit", "Frequency"), t("Nutzungszeit im Verhältnis zum Ziel, 0–100 %.", "Time in product relative to target, 0–100 %."), 0.5),
        ratio("breadth", t("Breite", "Breadth"), t("Aktive Nutzer ÷ lizenzierte Nutzer im Konto.", "Active users ÷ licensed users in the account."), 0.75),
        ratio("depth", t("Tiefe", "Depth"), t("Genutzte Kernfunktionen ÷ alle Kernfunktionen.", "Key features used ÷ all key features."), 0.25),
        weight("w_frequency", t("Gewicht Häufigkeit", "Weight frequency"), 2.0),
        weight("w_breadth", t("Gewicht Breite", "Weight breadth"), 1.0),
        weight("w_depth", t("Gewicht Tiefe", "Weight depth"), 1.0),
    ],
    variants: &[variant(
        "weighted",
        t("Gewichteter Mittelwert", "Weighted mean"),
        t("Für ein Konto aus drei Nutzungsanteilen.", "For one account from three usage shares."),
        t("(Σ Gewichtᵢ × Anteilᵢ) ÷ Σ Gewichtᵢ × 100", "(Σ weightᵢ × shareᵢ) ÷ Σ weightᵢ × 100"),
        &["frequency", "w_frequency", "breadth", "w_breadth", "depth", "w_depth"],
    )],
    direction: Direction::HigherIsBetter,
    bands: &[],
    result_unit: Unit::Score { min: 0.0, max: 100.0 },
    seeds: &["001", "002"],
    chart: ChartKind::None,
    dataset_only: false,
};

/// qualitative_feedback
pub(crate) const QUALITATIVE_FEEDBACK: KpiDef = KpiDef {
    id: "qualitative_feedback",
    name: t("Qualitatives Kundenfeedback", "Qualitative customer feedback"),
    abbr: t("Feedback", "Feedback"),
    category: Category::Surveys,
    description: t(
        "Häufige Wörter und Wendungen in Freitext-Kommentaren, nach Promotoren, Passiven und Detraktoren.",
        "Frequent words and phrases in free-text comments, split by promoters, passives and detractors.",
    ),
    explanation: t(
        "Qualitatives Feedback ist keine Metrik im engeren Sinn, erklärt aber, warum Kunden eine niedrige oder hohe Bewertung gegeben haben. Es wird über offene Felder in Feedback-Formularen gesammelt und mit Textanalyse ausgewertet, hier lokal und ohne externen Dienst.",
        "Qualitative feedback is not strictly a metric, but it explains why customers gave a low or high score. It is collected through open fields in feedback forms and analysed with text analysis, here locally and without any external service.",
    ),
    inputs: &[],
    variants: &[variant(
        "word_frequency",
        t("Wort- und Phrasenhäufigkeit", "Word and phrase frequency"),
        t("Mit importierten Kommentaren.", "With imported comments."),
        t("Häufigkeit je Wort, getrennt nach NPS-Gruppe", "frequency per word, split by NPS group"),
        &[],
    )],
    direction: Direction::Neutral,
    bands: &[],
    result_unit: Unit::Count,
    seeds: &["002"],
    chart: ChartKind::None,
    dataset_only: true,
};

/// Calculators of this section; `None` when the KPI is not in this section.
pub(crate) fn calculate(
    kpi: &str,
    variant: &str,
    c: &mut Calc,
) -> Option<Result<Computed, KpiError>> {
    Some(match (kpi, variant) {
        ("nps", "counts") => nps_counts(c),
        ("nps", "scores") => nps_scores(c),
        ("csat", "a") => csat(c, "answers", CsatScale::FivePoint),
        ("csat", "b") => csat(c, "answers_10", CsatScale::TenPoint),
        ("csat", "counts") => part_of(c, "satisfied", "responses"),
        ("ces", "a") => ces_mean(c, "answers", CesVariant::A),
        ("ces", "b") => ces_mean(c, "answers_7", CesVariant::B),
        ("ces", "c") => part_of(c, "positive", "responses"),
        ("advocacy_rate", "standard") => part_of(c, "would_recommend", "asked"),
        ("engagement_score", "weighted") => engagement(c),
        ("health_score", "weighted") => health(c),
        _ => return None,
    })
}

/// NPS outcome from group counts, shared by both variants.
fn nps_from(
    promoters: f64,
    passives: f64,
    detractors: f64,
    toks: Vec<crate::eval::Tok>,
) -> Result<Computed, KpiError> {
    let total = promoters + passives + detractors;
    if total == 0.0 {
        return Err(KpiError::NoAnswers { input: "promoters" });
    }
    let nps = 100.0 * (promoters - detractors) / total;
    Ok(Computed::new(nps, Unit::Number, toks)
        .with(t("Promotoren", "Promoters"), promoters / total, Unit::Ratio)
        .with(t("Passive", "Passives"), passives / total, Unit::Ratio)
        .with(t("Detraktoren", "Detractors"), detractors / total, Unit::Ratio)
        .with(t("Antworten", "Answers"), total, Unit::Count))
}

fn nps_counts(c: &mut Calc) -> Result<Computed, KpiError> {
    let promoters = c.num("promoters")?;
    let passives = c.num("passives")?;
    let detractors = c.num("detractors")?;
    let toks = vec![
        O("("),
        I("promoters"),
        O("−"),
        I("detractors"),
        O(")"),
        O("÷"),
        O("("),
        I("promoters"),
        O("+"),
        I("passives"),
        O("+"),
        I("detractors"),
        O(")"),
        O("×"),
        T(HUNDRED),
    ];
    nps_from(promoters, passives, detractors, toks)
}

fn nps_scores(c: &mut Calc) -> Result<Computed, KpiError> {
    let scores = c.list("answers")?;
    let b = crate::nps_from_scores(&scores)?;
    let toks =
        vec![T(t("% Promotoren", "% promoters")), O("−"), T(t("% Detraktoren", "% detractors"))];
    nps_from(b.promoters as f64, b.passives as f64, b.detractors as f64, toks)
}

fn csat(c: &mut Calc, id: &'static str, scale: CsatScale) -> Result<Computed, KpiError> {
    let scores = c.list(id)?;
    let value = crate::csat_from_scores(&scores, scale)?;
    let label = match scale {
        CsatScale::FivePoint => t("Antworten 4–5", "answers 4–5"),
        CsatScale::TenPoint => t("Antworten 6–10", "answers 6–10"),
    };
    let satisfied = value * scores.len() as f64;
    Ok(Computed::new(value, Unit::Ratio, vec![T(label), O("÷"), I(id)]).with(
        t("Zufriedene Antworten", "Satisfied answers"),
        satisfied.round(),
        Unit::Count,
    ))
}

fn ces_mean(c: &mut Calc, id: &'static str, variant: CesVariant) -> Result<Computed, KpiError> {
    let scores = c.list(id)?;
    let (min, max) = variant.bounds();
    check_scores(&scores, min, max)?;
    let sum: f64 = scores.iter().sum();
    let value = sum / scores.len() as f64;
    Ok(Computed::new(
        value,
        Unit::Score { min, max },
        vec![T(t("Summe der Antworten", "sum of answers")), O("÷"), I(id)],
    )
    .with(t("Summe der Antworten", "Sum of answers"), sum, Unit::Number))
}

/// Σ weight × metric over (metric id, weight id) pairs.
fn weighted_sum(
    c: &mut Calc,
    pairs: &[(&'static str, &'static str)],
) -> Result<(f64, f64, Vec<crate::eval::Tok>), KpiError> {
    let mut sum = 0.0;
    let mut weights = 0.0;
    let mut toks = Vec::new();
    for (i, (metric, weight)) in pairs.iter().enumerate() {
        let m = c.num(metric)?;
        let w = c.num(weight)?;
        sum += w * m;
        weights += w;
        if i > 0 {
            toks.push(O("+"));
        }
        toks.extend([I(weight), O("×"), I(metric)]);
    }
    Ok((sum, weights, toks))
}

fn engagement(c: &mut Calc) -> Result<Computed, KpiError> {
    let pairs = [
        ("visits", "w_visits"),
        ("minutes_on_site", "w_minutes"),
        ("forms", "w_forms"),
        ("social", "w_social"),
        ("newsletter_rate", "w_newsletter"),
        ("survey_rate", "w_survey"),
    ];
    let (sum, _, toks) = weighted_sum(c, &pairs)?;
    Ok(Computed::new(sum, Unit::Number, toks))
}

fn health(c: &mut Calc) -> Result<Computed, KpiError> {
    let pairs = [("frequency", "w_frequency"), ("breadth", "w_breadth"), ("depth", "w_depth")];
    let (sum, weights, inner) = weighted_sum(c, &pairs)?;
    let mean = c.div(sum, weights, "w_frequency")?;
    let mut toks = vec![O("(")];
    toks.extend(inner);
    toks.extend([
        O(")"),
        O("÷"),
        O("("),
        I("w_frequency"),
        O("+"),
        I("w_breadth"),
        O("+"),
        I("w_depth"),
        O(")"),
        O("×"),
        T(HUNDRED),
    ]);
    Ok(Computed::new(mean * 100.0, Unit::Score { min: 0.0, max: 100.0 }, toks))
}
