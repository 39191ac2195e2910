//! Survey fixture with hand-computed NPS, CSAT, CES and word counts.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns may unwrap fixtures

use analytics::surveys::{surveys, tokenize, SurveyOptions};
use records::{Date, SurveyAnswer, SurveyKind, SurveyScale};

fn answer(
    date: (i32, u32, u32),
    score: f64,
    kind: Option<SurveyKind>,
    comment: Option<&str>,
) -> SurveyAnswer {
    SurveyAnswer {
        date: Date::from_ymd(date.0, date.1, date.2).unwrap(),
        score,
        kind,
        customer: None,
        segment: None,
        comment: comment.map(String::from),
        scale: None,
    }
}

// | month | NPS scores                   | P | N | D | NPS              | CSAT (1–5)   | CES mean      |
// |-------|------------------------------|---|---|---|------------------|--------------|---------------|
// | Jan   | 10 9 9 8 7 6 3 0 (+11 bad)   | 3 | 2 | 3 | (3−3)/8 = 0      | 5 4 3 → 2/3  | 2 3 4 → 3     |
// | Feb   | 10 10 7 2                    | 2 | 1 | 1 | (2−1)/4 = +25    | 2 → 0        | 6.5           |
// | Mar   | —                            | 0 | 0 | 0 | None             | None         | None          |
// | Apr   | 5                            | 0 | 0 | 1 | −100             | None         | None          |
// Total: 5 P, 3 N, 5 D of 13 → 0; CSAT 2/4 = 0.5; CES (9 + 6.5) / 4 = 3.875.
fn fixture() -> Vec<SurveyAnswer> {
    use SurveyKind::*;
    let jan = (2025, 1, 10);
    let feb = (2025, 2, 10);
    vec![
        answer(jan, 10.0, None, Some("Great support, really great!")),
        answer(jan, 9.0, Some(Nps), Some("Toller Support und schnelle Hilfe")),
        answer(jan, 9.0, None, None),
        answer(jan, 8.0, None, Some("ok")),
        answer(jan, 7.0, None, None),
        answer(jan, 6.0, None, Some("Zu teuer. Support langsam")),
        answer(jan, 3.0, None, Some("too expensive, slow support")),
        answer(jan, 0.0, None, None),
        answer(jan, 11.0, None, None),
        answer(jan, 5.0, Some(Csat), None),
        answer(jan, 4.0, Some(Csat), None),
        answer(jan, 3.0, Some(Csat), None),
        answer(jan, 2.0, Some(Ces), None),
        answer(jan, 3.0, Some(Ces), None),
        answer(jan, 4.0, Some(Ces), None),
        answer(feb, 10.0, None, None),
        answer(feb, 10.0, None, None),
        answer(feb, 7.0, None, None),
        answer(feb, 2.0, None, None),
        answer(feb, 2.0, Some(Csat), None),
        answer(feb, 6.5, Some(Ces), None),
        answer((2025, 4, 1), 5.0, None, None),
    ]
}

#[test]
fn monthly_nps_csat_ces() {
    let r = surveys(&fixture(), &SurveyOptions::default()).unwrap();
    assert_eq!(r.csat_scale_max, 5);
    assert_eq!(r.ignored_answers, 1);
    let rows: Vec<(String, u32, u32, u32, Option<f64>)> = r
        .months
        .iter()
        .map(|m| {
            let n = m.nps;
            (m.month.to_string(), n.promoters, n.passives, n.detractors, n.nps)
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("2025-01".into(), 3, 2, 3, Some(0.0)),
            ("2025-02".into(), 2, 1, 1, Some(25.0)),
            ("2025-03".into(), 0, 0, 0, None),
            ("2025-04".into(), 0, 0, 1, Some(-100.0)),
        ]
    );
    assert_eq!(r.months[0].csat.csat, Some(2.0 / 3.0));
    assert_eq!(r.months[1].csat.csat, Some(0.0));
    assert_eq!(r.months[2].csat.csat, None);
    assert_eq!(r.months[0].ces.mean, Some(3.0));
    assert_eq!(r.months[1].ces.mean, Some(6.5));
    // Quarters pool answers: Q1 has 5 P, 3 N, 4 D of 12 → (5 − 4) / 12 = +8.33.
    let q: Vec<(&str, u32, Option<f64>)> =
        r.quarters.iter().map(|q| (q.label.as_str(), q.nps.responses, q.nps.nps)).collect();
    assert_eq!(q, [("2025-Q1", 12, Some(100.0 / 12.0)), ("2025-Q2", 1, Some(-100.0))]);
    assert_eq!(r.quarters[0].csat.csat, Some(0.5));
    assert_eq!(r.quarters[0].ces.mean, Some(3.875));
    assert_eq!(r.nps_total.responses, 13);
    assert_eq!(r.nps_total.nps, Some(0.0));
    assert_eq!(r.csat_total.csat, Some(0.5));
    assert_eq!(r.ces_total.mean, Some(3.875));
}

#[test]
fn answers_without_a_scale_get_the_smallest_that_holds_them() {
    // Rows built in memory carry no scale: 7, 5, 6, 10 fit 1–10 (not 1–5 or 1–7), where 7,
    // 6 and 10 are satisfied (≥ 6) → 3/4.
    let day = (2025, 3, 3);
    let rows: Vec<SurveyAnswer> = [7.0, 5.0, 6.0, 10.0]
        .into_iter()
        .map(|s| answer(day, s, Some(SurveyKind::Csat), None))
        .collect();
    let r = surveys(&rows, &SurveyOptions::default()).unwrap();
    assert_eq!(r.csat_scale_max, 10);
    assert_eq!(r.csat_scale, Some(SurveyScale::OneToTen));
    assert_eq!(r.months[0].csat.csat, Some(0.75));
    assert_eq!(r.months[0].nps.responses, 0);
}

#[test]
fn words_by_category() {
    let r = surveys(&fixture(), &SurveyOptions { top_words: 3 }).unwrap();
    let words = |v: &[analytics::surveys::WordCount]| -> Vec<(String, u32)> {
        v.iter().map(|w| (w.word.clone(), w.count)).collect()
    };
    assert_eq!(
        words(&r.words.promoters),
        [("great".into(), 2), ("support".into(), 2), ("hilfe".into(), 1)]
    );
    assert_eq!(words(&r.words.passives), [("ok".into(), 1)]);
    assert_eq!(
        words(&r.words.detractors),
        [("support".into(), 2), ("expensive".into(), 1), ("langsam".into(), 1)]
    );
}

#[test]
fn tokenizer() {
    let check = |text: &str, expected: &[&str]| assert_eq!(tokenize(text), expected, "{text}");
    check("Sehr GUT, übersichtlich!!", &["gut", "übersichtlich"]);
    check("It's 100% the best—really", &["best"]);
    check("Größe: ß und Ä", &["größe"]);
    check("", &[]);
}

fn on_scale(day: u32, score: f64, kind: SurveyKind, scale: SurveyScale) -> SurveyAnswer {
    SurveyAnswer { scale: Some(scale), ..answer((2025, 3, day), score, Some(kind), None) }
}

#[test]
fn answers_on_different_scales_are_not_pooled() {
    // Bug: one CSAT answer above 5 anywhere switched every CSAT answer to the 1–10 scale.
    // Two files: A on 1–5 (5, 4, 3 → 2 of 3 satisfied), B on 1–7 with one stray 7 and a 5
    // (6–7 satisfied → 1 of 2). A has more answers, so the headline is 1–5 and B is apart.
    use SurveyKind::{Ces, Csat};
    use SurveyScale::{OneToFive, OneToSeven};
    let rows = vec![
        on_scale(1, 5.0, Csat, OneToFive),
        on_scale(2, 4.0, Csat, OneToFive),
        on_scale(3, 3.0, Csat, OneToFive),
        on_scale(4, 7.0, Csat, OneToSeven),
        on_scale(5, 5.0, Csat, OneToSeven),
        // CES: 1–5 answers 2, 4 (mean 3); 1–7 answers 6, 7, 5 (mean 6): 1–7 has more.
        on_scale(6, 2.0, Ces, OneToFive),
        on_scale(7, 4.0, Ces, OneToFive),
        on_scale(8, 6.0, Ces, OneToSeven),
        on_scale(9, 7.0, Ces, OneToSeven),
        on_scale(10, 5.0, Ces, OneToSeven),
    ];
    let r = surveys(&rows, &SurveyOptions::default()).unwrap();
    assert_eq!(r.csat_scale, Some(OneToFive));
    assert_eq!(r.csat_scale_max, 5);
    assert_eq!((r.months[0].csat.satisfied, r.months[0].csat.responses), (2, 3));
    assert_eq!(r.csat_total.csat, Some(2.0 / 3.0));
    let by: Vec<(SurveyScale, u32, u32)> =
        r.csat_by_scale.iter().map(|s| (s.scale, s.csat.satisfied, s.csat.responses)).collect();
    assert_eq!(by, [(OneToFive, 2, 3), (OneToSeven, 1, 2)]);
    assert_eq!(r.ces_scale, Some(OneToSeven));
    assert_eq!((r.months[0].ces.responses, r.months[0].ces.mean), (3, Some(6.0)));
    let by: Vec<(SurveyScale, u32, Option<f64>)> =
        r.ces_by_scale.iter().map(|s| (s.scale, s.ces.responses, s.ces.mean)).collect();
    assert_eq!(by, [(OneToFive, 2, Some(3.0)), (OneToSeven, 3, Some(6.0))]);
    assert_eq!(r.ignored_answers, 0);
}

#[test]
fn satisfied_thresholds_per_scale() {
    // One answer per (scale, score) pair at the edge: satisfied from 4 on 1–5, from 6 on
    // 1–7, 1–10 and 0–10.
    use SurveyScale::*;
    let cases = [
        (OneToFive, 3.0, 0),
        (OneToFive, 4.0, 1),
        (OneToSeven, 5.0, 0),
        (OneToSeven, 6.0, 1),
        (OneToTen, 5.0, 0),
        (OneToTen, 6.0, 1),
        (ZeroToTen, 0.0, 0),
        (ZeroToTen, 6.0, 1),
    ];
    for (scale, score, satisfied) in cases {
        let rows = [on_scale(1, score, SurveyKind::Csat, scale)];
        let r = surveys(&rows, &SurveyOptions::default()).unwrap();
        assert_eq!(r.csat_total.satisfied, satisfied, "{scale:?} {score}");
        assert_eq!(r.csat_scale, Some(scale));
    }
    // An answer outside its own scale is left out, never moved to another scale.
    let rows = [on_scale(1, 7.0, SurveyKind::Csat, OneToFive)];
    let r = surveys(&rows, &SurveyOptions::default()).unwrap();
    assert_eq!((r.csat_total.responses, r.ignored_answers, r.csat_scale), (0, 1, None));
}
