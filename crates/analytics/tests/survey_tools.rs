//! Survey exports of the tools our users run, read through `ingest` as the app reads them and
//! analysed by `analytics`, with NPS, CSAT and CES per month computed by hand.
//!
//! Layouts of the fixtures in `tests/data/` (names, values and customers made up; columns,
//! date formats and header rows as the tools write them):
//! - `typeform_nps.csv`: Typeform's "Download responses" CSV (Typeform Help Center, "How to
//!   download your results"): `#` (response token), one column per question headed by the
//!   question text, hidden fields by their name (`customer_id`), then `Response Type`,
//!   `Start Date (UTC)`, `Stage Date (UTC)`, `Submit Date (UTC)`, `Network ID`, `Tags`; dates
//!   `YYYY-MM-DD hh:mm:ss` in UTC.
//! - `surveymonkey_csat.csv`: SurveyMonkey's "All individual responses" CSV export with
//!   numerical values for rating answers (SurveyMonkey Help Center, "Exporting survey
//!   results"): `Respondent ID`, `Collector ID`, `Start Date`, `End Date`, `IP Address`,
//!   `Email Address`, `First Name`, `Last Name`, `Custom Data 1`, then the questions; a
//!   second header row names each question's answer column (`Response`, `Open-Ended
//!   Response`); dates `MM/DD/YYYY hh:mm:ss AM`. The second header row is skipped as a rule of
//!   its own (`SkipRule::SubHeader`), not rejected.
//! - `delighted_nps.csv`: Delighted's response CSV export (Delighted help, "Exporting your
//!   data"): `Response ID`, `Email`, `Name`, `Score`, `Comment`, `Response timestamp`, then
//!   one column per person property (`Company`, `Plan`).
//! - `google_forms_ces_de.csv`: a Google Forms response sheet downloaded as CSV from a German
//!   Google Sheets (Google Forms help, "Choose where to save form responses"): `Zeitstempel`
//!   (`DD.MM.YYYY hh:mm:ss`), `E-Mail-Adresse` when emails are collected, then one column per
//!   question headed by the question text, here a CES question naming its scale.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns may unwrap fixtures

use analytics::surveys::{surveys, SurveyOptions, SurveyReport};
use analytics::{report, ReportOptions};
use ingest::{ImportOptions, ScaleSetting, ScaleSource, SkipRule};
use records::{Dataset, SurveyKind, SurveyScale};

/// (month, NPS, CSAT, CES mean).
type MonthRow = (String, Option<f64>, Option<f64>, Option<f64>);

fn import(name: &str) -> ingest::ImportResult {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap();
    let r = ingest::import(&bytes, &ImportOptions::default()).unwrap();
    assert!(r.accounting.adds_up(), "{name}: {:?}", r.accounting);
    assert!(r.rejections.is_empty(), "{name}: {:?}", r.rejections);
    r
}

fn analyse(name: &str) -> SurveyReport {
    let r = import(name);
    let Dataset::Surveys(answers) = &r.dataset else { panic!("{name}: not surveys") };
    surveys(answers, &SurveyOptions::default()).unwrap()
}

/// Per month: (month, promoters, passives, detractors, NPS).
fn nps_rows(r: &SurveyReport) -> Vec<(String, u32, u32, u32, Option<f64>)> {
    r.months
        .iter()
        .map(|m| {
            (m.month.to_string(), m.nps.promoters, m.nps.passives, m.nps.detractors, m.nps.nps)
        })
        .collect()
}

// | month | Submit Date (UTC) scores | P | N | D | NPS              |
// |-------|--------------------------|---|---|---|------------------|
// | Jan   | 10 9 8 6 3               | 2 | 1 | 2 | (2 − 2)/5 = 0    |
// | Feb   | 10 10 9 7                | 3 | 1 | 0 | (3 − 0)/4 = +75  |
// The 10 started on Jan 31 23:58 and submitted on Feb 1 00:02 counts in February: the
// submit date is the answer's date, not the start date.
#[test]
fn typeform_nps_per_month() {
    let r = import("typeform_nps.csv");
    let Dataset::Surveys(answers) = &r.dataset else { panic!() };
    assert!(answers.iter().all(|a| a.kind == Some(SurveyKind::Nps) && a.scale.is_none()));
    assert_eq!(answers[2].comment.as_deref(), Some("Good but pricey"));
    let s = analyse("typeform_nps.csv");
    assert_eq!(
        nps_rows(&s),
        [("2025-01".into(), 2, 1, 2, Some(0.0)), ("2025-02".into(), 3, 1, 0, Some(75.0))]
    );
    assert_eq!(s.nps_total.nps, Some(100.0 * 3.0 / 9.0));
}

// | month | End Date scores (1–5) | satisfied (4–5) | CSAT       |
// |-------|-----------------------|-----------------|------------|
// | Mar   | 5 4 3 5 2             | 3               | 3/5 = 0.6  |
// | Apr   | 4 4 1                 | 2               | 2/3        |
// The 4 started on Mar 31 and ended on Apr 1 counts in April (the end date is the answer's).
#[test]
fn surveymonkey_csat_per_month_with_its_second_header_row() {
    let r = import("surveymonkey_csat.csv");
    assert_eq!(r.accounting.skipped_by_rule, [(SkipRule::SubHeader, 1)]);
    assert_eq!((r.accounting.rows, r.accounting.used), (9, 8));
    assert_eq!(
        r.settings.survey_scales,
        [ScaleSetting {
            kind: SurveyKind::Csat,
            scale: SurveyScale::OneToFive,
            source: ScaleSource::Values
        }]
    );
    let s = analyse("surveymonkey_csat.csv");
    let csat: Vec<(String, u32, u32, Option<f64>)> = s
        .months
        .iter()
        .map(|m| (m.month.to_string(), m.csat.satisfied, m.csat.responses, m.csat.csat))
        .collect();
    assert_eq!(
        csat,
        [("2025-03".into(), 3, 5, Some(0.6)), ("2025-04".into(), 2, 3, Some(2.0 / 3.0))]
    );
    assert_eq!(s.csat_scale, Some(SurveyScale::OneToFive));
    assert_eq!(s.nps_total.responses, 0);
}

// | month | scores    | P | N | D | NPS               |
// |-------|-----------|---|---|---|-------------------|
// | Jan   | 9 7 2     | 1 | 1 | 1 | 0                 |
// | Feb   | 10 0 0 8  | 1 | 1 | 2 | (1 − 2)/4 = −25   |
// | Mar   | 9         | 1 | 0 | 0 | +100              |
#[test]
fn delighted_nps_per_month() {
    let s = analyse("delighted_nps.csv");
    assert_eq!(
        nps_rows(&s),
        [
            ("2025-01".into(), 1, 1, 1, Some(0.0)),
            ("2025-02".into(), 1, 1, 2, Some(-25.0)),
            ("2025-03".into(), 1, 0, 0, Some(100.0)),
        ]
    );
}

// | month | Zeitstempel scores (1–5) | CES mean        |
// |-------|--------------------------|-----------------|
// | Jan   | 2 1 3                    | 6 / 3 = 2       |
// | Feb   | 4 2                      | 6 / 2 = 3       |
#[test]
fn google_forms_ces_per_month_on_the_scale_its_question_names() {
    let r = import("google_forms_ces_de.csv");
    assert_eq!(
        r.settings.survey_scales,
        [ScaleSetting {
            kind: SurveyKind::Ces,
            scale: SurveyScale::OneToFive,
            source: ScaleSource::Header
        }]
    );
    let s = analyse("google_forms_ces_de.csv");
    let ces: Vec<(String, u32, Option<f64>)> =
        s.months.iter().map(|m| (m.month.to_string(), m.ces.responses, m.ces.mean)).collect();
    assert_eq!(ces, [("2025-01".into(), 3, Some(2.0)), ("2025-02".into(), 2, Some(3.0))]);
    assert_eq!(s.ces_scale, Some(SurveyScale::OneToFive));
}

// All four files in one report, as a user drops them into the app. NPS pools Typeform and
// Delighted (both 0–10): Jan P 3, N 2, D 3 of 8 → 0; Feb P 4, N 2, D 2 of 8 → +25; Mar P 1 of
// 1 → +100. CSAT and CES each come from their one file.
#[test]
fn four_tools_in_one_report() {
    let datasets: Vec<Dataset> = [
        "typeform_nps.csv",
        "surveymonkey_csat.csv",
        "delighted_nps.csv",
        "google_forms_ces_de.csv",
    ]
    .into_iter()
    .map(|name| import(name).dataset)
    .collect();
    let r = report(&datasets, &ReportOptions::default());
    let s = r.surveys.as_ref().unwrap();
    let rows: Vec<MonthRow> = s
        .months
        .iter()
        .map(|m| (m.month.to_string(), m.nps.nps, m.csat.csat, m.ces.mean))
        .collect();
    assert_eq!(
        rows,
        [
            ("2025-01".into(), Some(0.0), None, Some(2.0)),
            ("2025-02".into(), Some(25.0), None, Some(3.0)),
            ("2025-03".into(), Some(100.0), Some(0.6), None),
            ("2025-04".into(), None, Some(2.0 / 3.0), None),
        ]
    );
    let q1 = analytics::Period::parse("2025-Q1").unwrap();
    let nps = analytics::figure(&r, analytics::Kpi::Nps, q1).unwrap();
    // Q1: P 8, N 4, D 5 of 17 → (8 − 5)/17.
    assert_eq!(nps.value, Some(300.0 / 17.0));
}
