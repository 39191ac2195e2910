//! The scale of a survey file's CSAT and CES answers: chosen by the user, else named by the
//! score column's header, else the smallest scale that holds the file's values; answers
//! outside it are rejected with their line.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns may unwrap fixtures

use ingest::{Expected, ImportOptions, ImportResult, ScaleSetting, ScaleSource, SkipRule};
use records::{Dataset, SurveyKind, SurveyScale};

fn import_with(input: &str, options: &ImportOptions) -> ImportResult {
    let r = ingest::import(input.as_bytes(), options).unwrap();
    assert!(r.accounting.adds_up(), "{:?}", r.accounting);
    r
}

fn import(input: &str) -> ImportResult {
    import_with(input, &ImportOptions::default())
}

/// Every answer's (score, scale).
fn scored(r: &ImportResult) -> Vec<(f64, Option<SurveyScale>)> {
    let Dataset::Surveys(rows) = &r.dataset else { panic!("not surveys: {:?}", r.dataset) };
    rows.iter().map(|a| (a.score, a.scale)).collect()
}

fn setting(kind: SurveyKind, scale: SurveyScale, source: ScaleSource) -> ScaleSetting {
    ScaleSetting { kind, scale, source }
}

#[test]
fn scale_from_the_header_in_both_languages() {
    use SurveyScale::*;
    // (header of the score column, the scale it names)
    let cases = [
        ("Zufriedenheit (1–5)", OneToFive),
        ("CSAT (1-5)", OneToFive),
        ("Zufriedenheit 1 bis 7", OneToSeven),
        ("Satisfaction (0–10)", ZeroToTen),
        ("CSAT 1-10", OneToTen),
    ];
    for (header, want) in cases {
        let csv = format!("Datum;Fragetyp;{header}\n01.03.2025;CSAT;4\n02.03.2025;CSAT;5\n");
        let r = import(&csv);
        assert_eq!(scored(&r), [(4.0, Some(want)), (5.0, Some(want))], "{header}");
        let want_setting = setting(SurveyKind::Csat, want, ScaleSource::Header);
        assert_eq!(r.settings.survey_scales, [want_setting], "{header}");
    }
    assert_eq!(ingest::scale_in_header("Kundenzufriedenheit"), None);
    assert_eq!(ingest::parse_survey_scale("1 bis 7"), Some(OneToSeven));
    assert_eq!(ingest::parse_survey_scale("0–10"), Some(ZeroToTen));
    assert_eq!(ingest::parse_survey_scale("2-5"), None);
}

#[test]
fn scale_from_the_values_is_the_smallest_that_holds_them() {
    use SurveyScale::*;
    // (CSAT scores of one file, the scale they decide)
    let cases: [(&[u8], SurveyScale); 4] = [
        (&[1, 4, 5], OneToFive),
        (&[2, 6, 7], OneToSeven),
        (&[3, 8, 10], OneToTen),
        (&[0, 5, 9], ZeroToTen),
    ];
    for (scores, want) in cases {
        let mut csv = String::from("date,kind,score\n");
        for s in scores {
            csv.push_str(&format!("2025-03-01,CSAT,{s}\n"));
        }
        let r = import(&csv);
        assert!(scored(&r).iter().all(|(_, scale)| *scale == Some(want)), "{scores:?}");
        assert_eq!(
            r.settings.survey_scales,
            [setting(SurveyKind::Csat, want, ScaleSource::Values)],
            "{scores:?}"
        );
    }
}

#[test]
fn a_stray_value_decides_only_its_own_file() {
    // Bug: one CSAT answer of 7 anywhere turned every CSAT answer of the data set into the
    // 1–10 scale (satisfied from 6 instead of 4). Each file now has its own scale: the file
    // with the 7 reads as 1–7, the other stays 1–5.
    let five = import("date,kind,score\n2025-03-01,CSAT,4\n2025-03-02,CSAT,5\n");
    let stray = import("date,kind,score\n2025-03-01,CSAT,4\n2025-03-02,CSAT,7\n");
    assert_eq!(
        scored(&five),
        [(4.0, Some(SurveyScale::OneToFive)), (5.0, Some(SurveyScale::OneToFive))]
    );
    assert_eq!(
        scored(&stray),
        [(4.0, Some(SurveyScale::OneToSeven)), (7.0, Some(SurveyScale::OneToSeven))]
    );
    // The user knows the survey was 1–5: with the switch, the 7 is rejected with its line.
    let chosen = ImportOptions { survey_scale: Some(SurveyScale::OneToFive), ..Default::default() };
    let fixed = import_with("date,kind,score\n2025-03-01,CSAT,4\n2025-03-02,CSAT,7\n", &chosen);
    assert_eq!(scored(&fixed), [(4.0, Some(SurveyScale::OneToFive))]);
    assert_eq!(
        fixed.settings.survey_scales,
        [setting(SurveyKind::Csat, SurveyScale::OneToFive, ScaleSource::Chosen)]
    );
    let lines: Vec<(u64, Expected)> =
        fixed.rejections.iter().map(|x| (x.line, x.expected)).collect();
    assert_eq!(lines, [(3, Expected::Scale { min: 1, max: 5 })]);
}

#[test]
fn ces_answers_outside_their_scale_are_rejected_with_line_numbers() {
    // The header names 1–5: the 6 on line 3 and the 0 on line 5 are not on it.
    let r = import("Datum;Fragetyp;Aufwand (1-5)\n01.03.2025;CES;2\n02.03.2025;CES;6\n03.03.2025;CES;5\n04.03.2025;CES;0\n");
    assert_eq!(
        scored(&r),
        [(2.0, Some(SurveyScale::OneToFive)), (5.0, Some(SurveyScale::OneToFive))]
    );
    let got: Vec<(u64, Option<&str>, Expected, &str)> = r
        .rejections
        .iter()
        .map(|x| (x.line, x.column.as_deref(), x.expected, x.message_de.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                3,
                Some("Aufwand (1-5)"),
                Expected::Scale { min: 1, max: 5 },
                "Zeile 3, Spalte Aufwand (1-5): »6« liegt nicht auf der Skala der Datei \
                 (erwartet 1 bis 5; Skala beim Import ändern, falls sie falsch ist)."
            ),
            (
                5,
                Some("Aufwand (1-5)"),
                Expected::Scale { min: 1, max: 5 },
                "Zeile 5, Spalte Aufwand (1-5): »0« liegt nicht auf der Skala der Datei \
                 (erwartet 1 bis 5; Skala beim Import ändern, falls sie falsch ist)."
            ),
        ]
    );
    assert_eq!(
        r.rejections[0].message_en,
        "Line 3, column Aufwand (1-5): “6” is not on the file's scale (expected 1 to 5; \
         change the scale on import if it is wrong)."
    );
    // Without a named scale CES fits 1–5 or 1–7: an 8 is on neither and is rejected, the
    // rest decide 1–7.
    let r = import("date,kind,score\n2025-03-01,CES,2\n2025-03-02,CES,8\n2025-03-03,CES,6\n");
    assert_eq!(
        scored(&r),
        [(2.0, Some(SurveyScale::OneToSeven)), (6.0, Some(SurveyScale::OneToSeven))]
    );
    let lines: Vec<(u64, Expected)> = r.rejections.iter().map(|x| (x.line, x.expected)).collect();
    assert_eq!(lines, [(3, Expected::Scale { min: 1, max: 7 })]);
    assert_eq!(
        r.settings.survey_scales,
        [setting(SurveyKind::Ces, SurveyScale::OneToSeven, ScaleSource::Values)]
    );
}

#[test]
fn nps_answers_get_no_scale_and_mixed_files_decide_per_kind() {
    // One file, three kinds: NPS stays 0–10 without a scale; CSAT 4, 5 → 1–5; CES 1, 7 → 1–7.
    let r = import(
        "date,kind,score\n2025-03-01,NPS,9\n2025-03-01,CSAT,4\n2025-03-01,CSAT,5\n\
         2025-03-01,CES,1\n2025-03-01,CES,7\n",
    );
    assert_eq!(
        scored(&r),
        [
            (9.0, None),
            (4.0, Some(SurveyScale::OneToFive)),
            (5.0, Some(SurveyScale::OneToFive)),
            (1.0, Some(SurveyScale::OneToSeven)),
            (7.0, Some(SurveyScale::OneToSeven)),
        ]
    );
    assert_eq!(
        r.settings.survey_scales,
        [
            setting(SurveyKind::Csat, SurveyScale::OneToFive, ScaleSource::Values),
            setting(SurveyKind::Ces, SurveyScale::OneToSeven, ScaleSource::Values),
        ]
    );
}

#[test]
fn the_chosen_scale_wins_over_the_header() {
    let chosen = ImportOptions { survey_scale: Some(SurveyScale::OneToTen), ..Default::default() };
    let r = import_with("Datum;Fragetyp;Zufriedenheit (1-5)\n01.03.2025;CSAT;8\n", &chosen);
    assert_eq!(scored(&r), [(8.0, Some(SurveyScale::OneToTen))]);
    assert!(r.rejections.is_empty());
}

#[test]
fn surveymonkey_second_header_row_is_skipped() {
    // SurveyMonkey writes a second header row ("Response", "Open-Ended Response") below the
    // question texts; it is no answer and used to be rejected for its empty date.
    let csv = "Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,How satisfied are you with our support? (1-5),Any comments?\n\
               ,,,,,,Response,Open-Ended Response\n\
               114,4321,03/14/2025 09:00:00 AM,03/14/2025 09:02:10 AM,192.0.2.1,a@example.com,4,Quick help\n";
    let r = import(csv);
    assert_eq!(r.accounting.skipped_by_rule, [(SkipRule::SubHeader, 1)]);
    assert_eq!(r.accounting.used, 1);
    assert!(r.rejections.is_empty(), "{:?}", r.rejections);
}

#[test]
fn a_scale_other_than_0_to_10_without_a_kind_means_csat() {
    // "Bewertung (1–5)" and no question type: 1–5 answers are no NPS answers (NPS is 0–10), so
    // they are CSAT; read as NPS every one of them would have been a detractor.
    let r = import("Datum;Bewertung (1–5)\n01.03.2025;4\n02.03.2025;5\n");
    let Dataset::Surveys(rows) = &r.dataset else { panic!() };
    assert!(rows.iter().all(|a| a.kind == Some(SurveyKind::Csat)));
    assert_eq!(
        scored(&r),
        [(4.0, Some(SurveyScale::OneToFive)), (5.0, Some(SurveyScale::OneToFive))]
    );
    // The same when the user chooses the scale.
    let chosen =
        ImportOptions { survey_scale: Some(SurveyScale::OneToSeven), ..Default::default() };
    let r = import_with("Datum;Bewertung\n01.03.2025;6\n", &chosen);
    assert_eq!(scored(&r), [(6.0, Some(SurveyScale::OneToSeven))]);
    // 0–10 without a kind stays NPS, as before.
    let r = import("Datum;Bewertung (0-10)\n01.03.2025;9\n");
    let Dataset::Surveys(rows) = &r.dataset else { panic!() };
    assert_eq!((rows[0].kind, rows[0].scale), (None, None));
}
