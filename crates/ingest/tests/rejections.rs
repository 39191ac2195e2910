//! What each kind of bad cell is rejected with: line, column, expected, found, message.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns may unwrap fixtures

use ingest::{Expected, ImportOptions};

/// Imports `input` and compares every rejection as (line, column, expected, German message).
fn check(input: &str, want: &[(u64, Option<&str>, Expected, &str)]) {
    let r = ingest::import(input.as_bytes(), &ImportOptions::default()).unwrap();
    assert!(r.accounting.adds_up());
    let got: Vec<(u64, Option<&str>, Expected, &str)> = r
        .rejections
        .iter()
        .map(|x| (x.line, x.column.as_deref(), x.expected, x.message_de.as_str()))
        .collect();
    assert_eq!(got, want, "{input}");
}

#[test]
fn subscriptions() {
    check(
        "Kunde;Beginn;Ende;Betrag;Intervall\n\
         ;01.01.2025;;10,00;monatlich\n\
         B;01.13.2025;;10,00;monatlich\n\
         C;01.01.2025;;12,5,0;monatlich\n\
         D;01.01.2025;;10,00;zweiwöchentlich\n\
         E;01.01.2025;;5 %;monatlich\n\
         F;01.01.2025;;10,00;jährlich\n",
        &[
            (
                2,
                Some("Kunde"),
                Expected::Value,
                "Zeile 2, Spalte Kunde: Pflichtwert fehlt – bitte ausfüllen.",
            ),
            (
                3,
                Some("Beginn"),
                Expected::Date,
                "Zeile 3, Spalte Beginn: »01.13.2025« ist kein gültiges Datum (erwartet z. B. \
                 31.12.2025 oder 2025-12-31).",
            ),
            (
                4,
                Some("Betrag"),
                Expected::Money,
                "Zeile 4, Spalte Betrag: »12,5,0« ist keine Zahl (erwartet z. B. 1.234,56).",
            ),
            (
                5,
                Some("Intervall"),
                Expected::Interval,
                "Zeile 5, Spalte Intervall: »zweiwöchentlich« ist kein Abrechnungsintervall \
                 (erwartet monatlich, quartalsweise, halbjährlich oder jährlich).",
            ),
            (
                6,
                Some("Betrag"),
                Expected::Money,
                "Zeile 6, Spalte Betrag: »5 %« ist keine Zahl (erwartet z. B. 1.234,56).",
            ),
        ],
    );
}

#[test]
fn tickets_and_counts() {
    check(
        "Ticket ID,Created,Contacts,FCR\n\
         1,2025-01-01 10:00,2,yes\n\
         2,2025-01-01 10:00,-1,no\n\
         3,2025-01-01 10:00,1,maybe\n",
        &[
            (
                3,
                Some("Contacts"),
                Expected::Count,
                "Zeile 3, Spalte Contacts: »-1« ist keine ganze Zahl ≥ 0 (erwartet z. B. 3).",
            ),
            (
                4,
                Some("FCR"),
                Expected::Bool,
                "Zeile 4, Spalte FCR: »maybe« ist kein Ja/Nein-Wert (erwartet ja/nein, 1/0 oder x).",
            ),
        ],
    );
}

#[test]
fn costs_months() {
    check(
        "Monat;Vertrieb;Marketing\n2025-01;1.000,00;500,00\nDreizehnter;1,00;1,00\n",
        &[(
            3,
            Some("Monat"),
            Expected::Month,
            "Zeile 3, Spalte Monat: »Dreizehnter« ist kein Monat (erwartet z. B. 2025-01 oder \
             01.2025).",
        )],
    );
}

#[test]
fn english_messages_and_unnamed_columns() {
    let input = "customer,start,amount,\nA,2025-01-01,ten,x\n";
    let r = ingest::import(input.as_bytes(), &ImportOptions::default()).unwrap();
    assert_eq!(
        r.rejections[0].message(ingest::Lang::En),
        "Line 2, column amount: “ten” is not a number (expected e.g. 1,234.56)."
    );
    // A rejection in a column with an empty header cell names it by position.
    let mut mapping = std::collections::BTreeMap::new();
    mapping.extend([("customer".to_string(), 0), ("start".to_string(), 1)]);
    mapping.insert("amount".to_string(), 3);
    let opts = ImportOptions { mapping: Some(mapping), ..Default::default() };
    let r = ingest::import(input.as_bytes(), &opts).unwrap();
    assert_eq!(
        r.rejections[0].message_en,
        "Line 2, column #4: “x” is not a number (expected e.g. 1,234.56)."
    );
}
