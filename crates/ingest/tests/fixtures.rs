//! Every fixture under tests/data: detected settings, exact typed values and accounting.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns may unwrap fixtures

use ingest::{
    Accounting, DateOrder, DecimalStyle, Encoding, ImportOptions, ImportResult, IngestError,
    SkipRule,
};
use records::{
    BillingInterval, CostRow, Dataset, DatasetKind, Date, DateTime, Deal, DealOutcome, Invoice,
    Lead, LineKind, Money, Month, SubState, Subscription, SurveyAnswer, SurveyKind, Ticket,
    UsageEvent,
};

fn bytes(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn import(name: &str) -> ImportResult {
    import_with(name, &ImportOptions::default())
}

fn import_with(name: &str, options: &ImportOptions) -> ImportResult {
    let r = ingest::import(&bytes(name), options).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    assert!(r.accounting.adds_up(), "{name}: {:?}", r.accounting);
    r
}

fn d(y: i32, m: u32, day: u32) -> Date {
    Date::from_ymd(y, m, day).unwrap()
}

fn t(y: i32, m: u32, day: u32, h: u32, mi: u32) -> DateTime {
    DateTime::from_ymd_hms(y, m, day, h, mi, 0).unwrap()
}

fn acc(rows: u64, used: u64, rejected: u64, skipped: &[(SkipRule, u64)]) -> Accounting {
    Accounting { rows, used, rejected, skipped_by_rule: skipped.to_vec() }
}

/// `Some(v)` as whatever text type the field has (`String` or `records::Text`).
fn s<T: for<'a> From<&'a str>>(v: &str) -> Option<T> {
    Some(T::from(v))
}

fn invoice(customer: &str, date: Date, cents: i64, period_months: u32) -> Invoice {
    Invoice::new(customer, date, Money(cents), period_months)
}

fn invoices(r: &ImportResult) -> &[Invoice] {
    match &r.dataset {
        Dataset::Invoices(v) => v,
        other => panic!("expected invoices, got {:?}", other.kind()),
    }
}

#[test]
fn semicolon_decimal_comma_cp1252() {
    let r = import("semicolon_decimal_comma_cp1252.csv");
    assert_eq!(r.settings.encoding, Encoding::Windows1252);
    assert_eq!(r.settings.delimiter, ';');
    assert_eq!(r.settings.kind, DatasetKind::Subscriptions);
    assert_eq!(r.settings.headers[2], "Kündigungsdatum");
    let amount = r.settings.fields.iter().find(|f| f.field == "amount").unwrap();
    assert_eq!(amount.decimal, DecimalStyle::Comma);
    let want = vec![
        Subscription {
            interval: BillingInterval::MONTH,
            plan: s("Groß"),
            ..Subscription::new("Müller GmbH", d(2024, 3, 1), None, Money(123_450))
        },
        Subscription {
            interval: BillingInterval::YEAR,
            plan: s("Basis"),
            ..Subscription::new(
                "Bäckerei Schäfer",
                d(2024, 1, 15),
                Some(d(2024, 12, 31)),
                Money(9_900),
            )
        },
        Subscription {
            interval: BillingInterval::QUARTER,
            plan: s("Spaß"),
            ..Subscription::new("Öko Süd", d(2025, 7, 1), None, Money(1_250))
        },
    ];
    assert_eq!(r.dataset, Dataset::Subscriptions(want.into()));
    assert_eq!(r.accounting, acc(3, 3, 0, &[]));
}

#[test]
fn bom_utf8() {
    let sniffed = ingest::sniff(&bytes("bom_utf8.csv")).unwrap();
    assert_eq!(sniffed.encoding, Encoding::Utf8Bom);
    // The BOM must not end up in the first header.
    assert_eq!(sniffed.headers[0], "Kunde");
    let r = import("bom_utf8.csv");
    assert_eq!(
        invoices(&r),
        [
            invoice("ACME Corp", d(2025, 1, 31), 10_050, 1),
            invoice("Straße & Söhne", d(2025, 2, 28), 200_000, 1)
        ]
    );
    assert_eq!(r.accounting, acc(2, 2, 0, &[]));
}

#[test]
fn utf16le_bom() {
    let r = import("utf16le_bom.csv");
    assert_eq!(r.settings.encoding, Encoding::Utf16Le);
    assert_eq!(r.settings.delimiter, '\t');
    let Dataset::Surveys(rows) = &r.dataset else { panic!("{:?}", r.dataset.kind()) };
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].date, d(2025, 2, 3));
    assert_eq!(rows[0].score, 9.0);
    assert_eq!(rows[0].comment.as_deref(), Some("Sehr gut, danke"));
    assert_eq!(rows[1].comment.as_deref(), Some("„Zu langsam“ – bitte schneller"));
    assert_eq!(rows[1].score, 3.0);
    assert_eq!(r.accounting, acc(2, 2, 0, &[]));
}

#[test]
fn quoted_newlines_keep_physical_line_numbers() {
    let r = import("quoted_newlines.csv");
    let Dataset::Surveys(rows) = &r.dataset else { panic!() };
    assert_eq!(rows[0].comment.as_deref(), Some("Great\nproduct, love it"));
    assert_eq!(rows[1].comment.as_deref(), Some("She said \"ok\""));
    assert_eq!(rows[1].date, d(2025, 1, 7));
    assert_eq!(r.accounting, acc(3, 2, 1, &[]));
    // The second record starts on line 4 (the first spans lines 2–3).
    let rej = &r.rejections[0];
    assert_eq!(rej.line, 4);
    assert_eq!(rej.column.as_deref(), Some("Score"));
    assert_eq!(rej.found, "abc");
    assert_eq!(rej.expected, ingest::Expected::Number);
    assert_eq!(
        rej.message_de,
        "Zeile 4, Spalte Score: »abc« ist keine Zahl (erwartet z. B. 1,234.56)."
    );
    assert_eq!(
        rej.message_en,
        "Line 4, column Score: “abc” is not a number (expected e.g. 1,234.56)."
    );
}

#[test]
fn ragged_rows_are_rejected_with_field_counts() {
    let r = import("ragged_rows.csv");
    assert_eq!(
        invoices(&r),
        [invoice("A", d(2025, 1, 1), 1_000, 1), invoice("D", d(2025, 1, 4), 4_000, 1)]
    );
    assert_eq!(r.accounting, acc(4, 2, 2, &[]));
    let got: Vec<(u64, ingest::Expected)> =
        r.rejections.iter().map(|r| (r.line, r.expected)).collect();
    assert_eq!(
        got,
        [
            (3, ingest::Expected::Fields { expected: 3, found: 4 }),
            (4, ingest::Expected::Fields { expected: 3, found: 2 })
        ]
    );
    assert_eq!(r.rejections[0].fields, ["B", "2025-01-02", "20.00", "extra"]);
}

#[test]
fn repeated_header_blank_line_and_total_row_are_skipped_by_rule() {
    let r = import("repeated_header.csv");
    assert_eq!(
        invoices(&r),
        [
            invoice("A", d(2025, 1, 1), 1_000, 1),
            invoice("B", d(2025, 1, 2), 2_000, 1),
            invoice("C", d(2025, 1, 3), 3_000, 1)
        ]
    );
    assert_eq!(
        r.accounting,
        acc(
            6,
            3,
            0,
            &[(SkipRule::BlankLine, 1), (SkipRule::RepeatedHeader, 1), (SkipRule::TotalRow, 1)]
        )
    );
}

#[test]
fn excel_paste_tab_separated_german_deals() {
    let r = import("excel_paste.tsv");
    assert_eq!(r.settings.delimiter, '\t');
    let deal = |id: &str, created, closed, outcome, cents, stage: &str, source: &str| Deal {
        id: id.into(),
        created,
        closed,
        outcome,
        value: Some(Money(cents)),
        stage: s(stage),
        source: s(source),
        lost_at_stage: None,
    };
    let want = vec![
        deal(
            "Projekt Alpha",
            d(2025, 2, 3),
            Some(d(2025, 2, 28)),
            DealOutcome::Won,
            1_250_000,
            "Gewonnen",
            "Website",
        ),
        deal(
            "Projekt Beta",
            d(2025, 2, 10),
            Some(d(2025, 3, 15)),
            DealOutcome::Lost,
            700_000,
            "Verloren",
            "Empfehlung",
        ),
        deal("Projekt Gamma", d(2025, 3, 1), None, DealOutcome::Open, 325_050, "Angebot", "Messe"),
    ];
    assert_eq!(r.dataset, Dataset::Deals(want));
    assert_eq!(r.accounting, acc(3, 3, 0, &[]));
}

#[test]
fn ambiguous_dates_are_reported_and_options_decide() {
    let sniffed = ingest::sniff(&bytes("ambiguous_dates.csv")).unwrap();
    let date = sniffed.columns[1].date.as_ref().unwrap();
    assert!(date.ambiguous);
    assert_eq!(date.order, None);
    // Default is day-first (German users); the setting says it was a guess.
    let r = import("ambiguous_dates.csv");
    assert_eq!(invoices(&r)[0].date, d(2025, 2, 1));
    let field = r.settings.fields.iter().find(|f| f.field == "date").unwrap();
    assert!(field.date_ambiguous);
    assert_eq!(field.date_order, DateOrder::Dmy);
    let opts = ImportOptions { date_order: Some(DateOrder::Mdy), ..Default::default() };
    let r = import_with("ambiguous_dates.csv", &opts);
    let dates: Vec<Date> = invoices(&r).iter().map(|i| i.date).collect();
    assert_eq!(dates, [d(2025, 1, 2), d(2025, 3, 4), d(2025, 5, 6)]);
    assert_eq!(r.accounting, acc(3, 3, 0, &[]));
}

#[test]
fn thousands_separators_per_column() {
    let r = import("thousands_separators.csv");
    assert_eq!(
        invoices(&r),
        [
            invoice("A", d(2025, 1, 1), 123_456, 1),
            invoice("B", d(2025, 1, 2), 1_234_567_890, 12),
            invoice("C", d(2025, 1, 3), 99_900, 3),
            invoice("D", d(2025, 1, 4), 100_050, 1)
        ]
    );
    assert_eq!(r.accounting, acc(4, 4, 0, &[]));
}

#[test]
fn unusable_files_have_typed_errors() {
    let check = |input: &[u8], want: IngestError| {
        assert_eq!(ingest::import(input, &ImportOptions::default()), Err(want.clone()));
        assert_eq!(ingest::sniff(input).map(|_| ()), Err(want));
    };
    check(&bytes("empty.csv"), IngestError::ZeroBytes);
    check(
        &bytes("header_only.csv"),
        IngestError::HeaderOnly { headers: vec!["Kunde".into(), "Beginn".into(), "Betrag".into()] },
    );
    check(&bytes("whitespace_only.csv"), IngestError::OnlyWhitespace);
    check(
        b"PK\x03\x04\x14\x00\x06\x00",
        IngestError::Spreadsheet { format: ingest::SpreadsheetFormat::Xlsx },
    );
    check(
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        IngestError::Spreadsheet { format: ingest::SpreadsheetFormat::Xls },
    );
    check(b"\x7fELF\x02\x01\x01\x00\x00\x00", IngestError::Binary { offset: 7 });
    // Sniffing a file of unknown kind succeeds (the UI asks for the kind); importing fails.
    let unknown = b"foo;bar\n1;2\n";
    assert_eq!(ingest::sniff(unknown).map(|s| s.kind), Ok(None));
    assert_eq!(
        ingest::import(unknown, &ImportOptions::default()),
        Err(IngestError::UnknownKind { headers: vec!["foo".into(), "bar".into()] })
    );
    // A kind the user chose whose required column is missing.
    let opts = ImportOptions { kind: Some(DatasetKind::Tickets), ..Default::default() };
    assert_eq!(
        ingest::import(b"Kunde;Betrag\nA;1\n", &opts),
        Err(IngestError::MissingColumn {
            kind: DatasetKind::Tickets,
            field: "id".into(),
            label_de: "Ticket-ID".into()
        })
    );
}

#[test]
fn error_messages_exist_in_both_languages() {
    let e = IngestError::Spreadsheet { format: ingest::SpreadsheetFormat::Xlsx };
    assert!(e.message(ingest::Lang::De).contains("Excel-Datei (.xlsx)"));
    assert!(e.message(ingest::Lang::En).contains("Excel file (.xlsx)"));
    let e = IngestError::HeaderOnly { headers: vec!["Kunde".into()] };
    assert_eq!(
        e.message(ingest::Lang::De),
        "Die Datei hat nur eine Kopfzeile (Kunde) und keine Datenzeilen."
    );
}

#[test]
fn stripe_subscriptions_export() {
    let r = import("stripe_subscriptions.csv");
    let sub = |c: &str, start, end, cents, interval, plan: &str, state| Subscription {
        interval,
        plan: s(plan),
        state,
        ..Subscription::new(c, start, end, Money(cents))
    };
    let want = vec![
        sub("cus_A", d(2024, 1, 15), None, 4_900, BillingInterval::MONTH, "Pro", SubState::Active),
        // Amount is per unit: 3 × 20.00; Ended At wins over Canceled At.
        sub(
            "cus_B",
            d(2024, 2, 1),
            Some(d(2024, 7, 1)),
            6_000,
            BillingInterval::MONTH,
            "Team",
            SubState::Ended,
        ),
        sub(
            "cus_C",
            d(2024, 3, 31),
            None,
            49_000,
            BillingInterval::YEAR,
            "Pro Annual",
            SubState::Active,
        ),
    ];
    assert_eq!(r.dataset, Dataset::Subscriptions(want.into()));
    assert_eq!(r.accounting, acc(3, 3, 0, &[]));
}

#[test]
fn german_invoices_cp1252() {
    let r = import("invoices_de_cp1252.csv");
    assert_eq!(r.settings.encoding, Encoding::Windows1252);
    assert_eq!(
        invoices(&r),
        [
            invoice("K-001", d(2025, 1, 15), 120_000, 12),
            invoice("K-002", d(2025, 1, 15), 9_990, 1),
            invoice("K-002", d(2025, 2, 15), 9_990, 1),
            // A negative amount is a credit note: shown apart, never MRR.
            Invoice { line: LineKind::Refund, ..invoice("K-003", d(2025, 2, 15), -5_000, 1) }
        ]
    );
    assert_eq!(r.accounting, acc(4, 4, 0, &[]));
}

#[test]
fn german_nps_survey_takes_kind_from_header() {
    let r = import("surveys_de.csv");
    let answer = |date, score, comment: Option<&str>, c: &str, seg: &str| SurveyAnswer {
        date,
        score,
        kind: Some(SurveyKind::Nps),
        customer: s(c),
        segment: s(seg),
        comment: comment.map(String::from),
        scale: None,
    };
    let want = vec![
        answer(d(2025, 1, 5), 10.0, Some("Super Service!"), "K-001", "Enterprise"),
        answer(d(2025, 1, 6), 6.0, Some("„Zu teuer“"), "K-002", "SMB"),
        answer(d(2025, 1, 7), 0.0, None, "K-003", "SMB"),
    ];
    assert_eq!(r.dataset, Dataset::Surveys(want));
    assert_eq!(r.accounting, acc(3, 3, 0, &[]));
}

#[test]
fn delighted_nps_export() {
    let r = import("delighted_nps.csv");
    let Dataset::Surveys(rows) = &r.dataset else { panic!() };
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].date, d(2025, 2, 1));
    assert_eq!(rows[0].kind, Some(SurveyKind::Nps));
    assert_eq!(rows[0].customer.as_deref(), Some("a@example.com"));
    assert_eq!(rows[0].comment.as_deref(), Some("Love it, really"));
    assert_eq!((rows[1].score, rows[1].comment.as_deref()), (4.0, None));
    assert_eq!(r.accounting, acc(2, 2, 0, &[]));
}

#[test]
fn zendesk_tickets_first_reply_minutes() {
    let r = import("zendesk_tickets.csv");
    let want = vec![
        Ticket {
            id: "101".into(),
            created: t(2025, 3, 3, 9, 0),
            first_response: Some(t(2025, 3, 3, 9, 45)),
            resolved: Some(t(2025, 3, 3, 11, 30)),
            contacts: Some(2),
            first_contact_resolution: None,
            channel: s("Mail"),
            urgency: s("high"),
            ticket_type: s("problem"),
            customer: s("ACME"),
        },
        Ticket {
            id: "102".into(),
            created: t(2025, 3, 4, 14, 15),
            first_response: None,
            resolved: None,
            contacts: Some(0),
            first_contact_resolution: None,
            channel: s("Web form"),
            urgency: s("normal"),
            ticket_type: s("question"),
            customer: s("Beta"),
        },
    ];
    assert_eq!(r.dataset, Dataset::Tickets(want));
    assert_eq!(r.accounting, acc(2, 2, 0, &[]));
}

#[test]
fn german_tickets_cp1252_with_invalid_date() {
    let r = import("tickets_de_cp1252.csv");
    let Dataset::Tickets(rows) = &r.dataset else { panic!() };
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1].created, t(2025, 3, 3, 10, 15));
    assert_eq!(rows[1].resolved, Some(t(2025, 3, 5, 16, 45)));
    assert_eq!(rows[1].contacts, Some(3));
    assert_eq!(rows[1].first_contact_resolution, Some(false));
    assert_eq!(rows[0].first_contact_resolution, Some(true));
    assert_eq!(rows[0].ticket_type.as_deref(), Some("Störung"));
    assert_eq!(rows[2].customer.as_deref(), Some("Öko Süd"));
    assert_eq!(rows[2].first_response, None);
    assert_eq!(r.accounting, acc(4, 3, 1, &[]));
    assert_eq!(
        r.rejections[0].message_de,
        "Zeile 5, Spalte Erstellt am: »31.02.2025 08:00« ist kein gültiges Datum \
         (erwartet z. B. 31.12.2025 oder 2025-12-31)."
    );
}

#[test]
fn hubspot_deals_export_with_month_first_dates() {
    let r = import("hubspot_deals.csv");
    let created = r.settings.fields.iter().find(|f| f.field == "created").unwrap();
    assert_eq!((created.date_order, created.date_ambiguous), (DateOrder::Mdy, false));
    let Dataset::Deals(rows) = &r.dataset else { panic!() };
    type Row<'a> = (&'a str, Date, Option<Date>, DealOutcome, Option<i64>);
    let got: Vec<Row> = rows
        .iter()
        .map(|x| (x.id.as_str(), x.created, x.closed, x.outcome, x.value.map(|v| v.cents())))
        .collect();
    assert_eq!(
        got,
        [
            ("9001", d(2024, 12, 15), Some(d(2025, 1, 31)), DealOutcome::Won, Some(1_200_000)),
            ("9002", d(2025, 1, 20), Some(d(2025, 2, 28)), DealOutcome::Lost, Some(500_000)),
            ("9003", d(2025, 2, 14), None, DealOutcome::Open, Some(75_050)),
            // An early deal without amount is kept, not rejected, and its value stays unknown
            // (it used to become 0 and pulled the average deal value down).
            ("9004", d(2025, 3, 1), None, DealOutcome::Open, None),
        ]
    );
    assert_eq!(rows[0].source.as_deref(), Some("Organic Search"));
    assert_eq!(r.accounting, acc(4, 4, 0, &[]));
}

#[test]
fn salesforce_won_and_closed_flags() {
    let r = import("salesforce_opportunities.csv");
    let Dataset::Deals(rows) = &r.dataset else { panic!() };
    let got: Vec<(&str, Date, DealOutcome, Option<i64>)> = rows
        .iter()
        .map(|x| (x.id.as_str(), x.created, x.outcome, x.value.map(|v| v.cents())))
        .collect();
    assert_eq!(
        got,
        [
            ("0061", d(2025, 1, 5), DealOutcome::Won, Some(2_500_000)),
            ("0062", d(2025, 1, 20), DealOutcome::Lost, Some(850_000)),
            ("0063", d(2025, 2, 10), DealOutcome::Open, Some(420_000)),
        ]
    );
    assert_eq!(r.accounting, acc(3, 3, 0, &[]));
}

#[test]
fn german_leads_cp1252() {
    let r = import("leads_de_cp1252.csv");
    let want = vec![
        Lead {
            id: s("L-1"),
            created: t(2025, 12, 31, 14, 5),
            first_contact: Some(t(2026, 1, 2, 9, 0)),
        },
        Lead { id: s("L-2"), created: t(2025, 12, 1, 8, 30), first_contact: None },
    ];
    assert_eq!(r.dataset, Dataset::Leads(want));
    assert_eq!(r.accounting, acc(2, 2, 0, &[]));
}

#[test]
fn usage_events_with_offsets() {
    let r = import("usage_events.csv");
    let want = vec![
        UsageEvent {
            timestamp: t(2025, 4, 1, 8, 0),
            user: "u1".into(),
            account: s("acc1"),
            event: s("login"),
            session_seconds: Some(300.0),
        },
        UsageEvent {
            // 10:30 at +02:00 is 08:30 UTC.
            timestamp: t(2025, 4, 1, 8, 30),
            user: "u2".into(),
            account: s("acc1"),
            event: s("export"),
            session_seconds: Some(125.5),
        },
        UsageEvent {
            timestamp: t(2025, 4, 2, 12, 0),
            user: "u1".into(),
            account: s("acc2"),
            event: s("report_viewed"),
            session_seconds: None,
        },
    ];
    assert_eq!(r.dataset, Dataset::Usage(want));
    assert_eq!(r.accounting, acc(3, 3, 0, &[]));
}

#[test]
fn german_costs_cp1252_skip_sum_row() {
    let r = import("costs_de_cp1252.csv");
    let m = |mo| Month::from_ym(2025, mo).unwrap();
    let row = |mo, sales, marketing, cs| CostRow {
        month: m(mo),
        sales: Money(sales),
        marketing: Money(marketing),
        customer_success: Money(cs),
    };
    let want = vec![
        row(1, 1_250_000, 800_000, 425_050),
        row(2, 1_300_000, 750_000, 430_000),
        row(3, 1_275_000, 910_000, 428_075),
    ];
    assert_eq!(r.dataset, Dataset::Costs(want));
    assert_eq!(r.accounting, acc(4, 3, 0, &[(SkipRule::TotalRow, 1)]));
}

#[test]
fn kind_and_mapping_can_be_overridden() {
    // The ambiguous_dates file read as subscriptions with a hand-made mapping.
    let mut mapping = std::collections::BTreeMap::new();
    mapping.insert("customer".to_string(), 0);
    mapping.insert("start".to_string(), 1);
    mapping.insert("amount".to_string(), 2);
    let opts = ImportOptions {
        kind: Some(DatasetKind::Subscriptions),
        mapping: Some(mapping),
        ..Default::default()
    };
    let r = import_with("ambiguous_dates.csv", &opts);
    let Dataset::Subscriptions(rows) = &r.dataset else { panic!() };
    let rows = rows.to_vec();
    assert_eq!((rows[2].customer.as_str(), rows[2].start), ("C", d(2025, 6, 5)));
    let mut bad = std::collections::BTreeMap::new();
    bad.insert("customer".to_string(), 7);
    let opts = ImportOptions { mapping: Some(bad), ..opts };
    assert_eq!(
        ingest::import(&bytes("ambiguous_dates.csv"), &opts),
        Err(IngestError::BadMapping { field: "customer".into(), index: 7, columns: 3 })
    );
}

#[test]
fn rejected_rows_csv_has_reason_column() {
    let r = import("ragged_rows.csv");
    let mut out = Vec::new();
    ingest::write_rejections_csv(
        &mut out,
        &r.settings.headers,
        &r.rejections,
        ',',
        ingest::Lang::En,
    )
    .unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(
        text,
        "line,reason,customer,date,amount\n\
         3,Line 3: 4 fields instead of 3 – check delimiters and quotes in this row.,B,2025-01-02,20.00,extra\n\
         4,Line 4: 2 fields instead of 3 – check delimiters and quotes in this row.,C,2025-01-03\n"
    );
}

#[test]
fn progress_callback_and_cancel() {
    let mut text = String::from("Kunde;Beginn;Betrag\n");
    for i in 0..25 {
        text.push_str(&format!("K{i};01.01.2025;{i},50\n"));
    }
    let opts = ImportOptions { progress_every: Some(10), ..Default::default() };
    let mut seen = Vec::new();
    let r = ingest::import_with_progress(text.as_bytes(), &opts, &mut |p| {
        seen.push(p.rows);
        true
    })
    .unwrap();
    assert_eq!(seen, [10, 20, 25]);
    assert_eq!(r.accounting.used, 25);
    let cancelled = ingest::import_with_progress(text.as_bytes(), &opts, &mut |p| p.rows < 20);
    assert_eq!(cancelled, Err(IngestError::Cancelled { rows: 20 }));
    // The chunked front end gives the same result as the one-shot call.
    let mut importer = ingest::Importer::new(ImportOptions::default());
    for chunk in text.as_bytes().chunks(7) {
        importer.push(chunk).unwrap();
    }
    assert_eq!(
        importer.finish().unwrap(),
        ingest::import(text.as_bytes(), &Default::default()).unwrap()
    );
}

#[test]
fn chunked_importer_matches_one_shot_on_every_fixture() {
    let dir = format!("{}/tests/data", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".csv") || n.ends_with(".tsv"))
        .collect();
    names.sort();
    assert!(names.len() >= 25, "{names:?}");
    for name in names {
        let data = bytes(&name);
        let one_shot = ingest::import(&data, &ImportOptions::default());
        for chunk in [1, 3, 64, 100_000] {
            let mut importer = ingest::Importer::new(ImportOptions::default());
            let pushed: Result<(), IngestError> =
                data.chunks(chunk).try_for_each(|c| importer.push(c).map(|_| ()));
            let chunked = pushed.and_then(|()| importer.finish());
            assert_eq!(chunked, one_shot, "{name} in chunks of {chunk}");
        }
    }
}

/// A German Excel export larger than the 64 KiB sniffing head, with blank lines, a bad
/// amount every 500 rows and a sum row at the end.
fn large_german_export() -> (Vec<u8>, i64) {
    let mut text = String::from("Kunde;Beginn;Betrag;Intervall\r\n");
    let mut total = 0i64;
    for i in 0..5_000i64 {
        if i % 1000 == 999 {
            text.push_str("\r\n");
        }
        if i % 500 == 250 {
            text.push_str(&format!("Kunde {i} München;01.02.2025;12,5,0;monatlich\r\n"));
            continue;
        }
        let cents = 100_000 + i * 37;
        total += cents;
        text.push_str(&format!(
            "Kunde {i} München;{:02}.{:02}.2025;{}.{:03},{:02} €;jährlich\r\n",
            i % 28 + 1,
            i % 12 + 1,
            cents / 100_000,
            cents / 100 % 1000,
            cents % 100
        ));
    }
    text.push_str(&format!("Summe;;{};\r\n", total));
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    (bytes.into_owned(), total)
}

#[test]
fn large_cp1252_file_streams_in_chunks_with_the_same_result() {
    let (data, total) = large_german_export();
    assert!(data.len() > 200_000);
    let r = ingest::import(&data, &ImportOptions::default()).unwrap();
    let Dataset::Subscriptions(rows) = &r.dataset else { panic!() };
    let rows = rows.to_vec();
    assert_eq!(rows.iter().map(|s| s.amount).sum::<Money>(), Money(total));
    assert_eq!(rows[0].customer, "Kunde 0 München");
    assert_eq!(rows[0].amount, Money(100_000));
    // 5000 records + 5 blank lines + the sum row; 10 bad amounts.
    assert_eq!(
        r.accounting,
        acc(5_006, 4_990, 10, &[(SkipRule::BlankLine, 5), (SkipRule::TotalRow, 1)])
    );
    // Row 250 is on line 252: header, 250 rows before it, no blank line yet.
    assert_eq!(r.rejections[0].line, 252);
    assert_eq!(
        r.rejections[0].message_de,
        "Zeile 252, Spalte Betrag: »12,5,0« ist keine Zahl (erwartet z. B. 1.234,56)."
    );
    for chunk in [4_096, 65_537, 1_000_003] {
        let mut importer = ingest::Importer::new(ImportOptions::default());
        for c in data.chunks(chunk) {
            importer.push(c).unwrap();
        }
        assert_eq!(importer.finish().unwrap(), r, "chunks of {chunk}");
    }
}

#[test]
fn results_round_trip_through_json_for_the_worker_boundary() {
    for name in ["tickets_de_cp1252.csv", "repeated_header.csv", "hubspot_deals.csv"] {
        let r = import(name);
        let back: ImportResult = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
        assert_eq!(back, r, "{name}");
        let sniffed = ingest::sniff(&bytes(name)).unwrap();
        let json = serde_json::to_string(&sniffed).unwrap();
        assert_eq!(serde_json::from_str::<ingest::Sniffed>(&json).unwrap(), sniffed, "{name}");
    }
    let opts: ImportOptions = serde_json::from_str(
        r#"{"kind":"deals","date_order":"mdy","decimal":{"3":"comma"},"delimiter":";"}"#,
    )
    .unwrap();
    assert_eq!(opts.kind, Some(DatasetKind::Deals));
    assert_eq!(opts.date_order, Some(DateOrder::Mdy));
    assert_eq!(opts.decimal.get(&3), Some(&DecimalStyle::Comma));
    assert_eq!(opts.delimiter, Some(';'));
}

#[test]
fn excel_sep_line_names_the_delimiter_and_is_not_a_row() {
    let sniffed = ingest::sniff(&bytes("excel_sep_line.csv")).unwrap();
    assert_eq!((sniffed.delimiter, sniffed.header_line), (';', 2));
    let r = import("excel_sep_line.csv");
    assert_eq!(
        invoices(&r),
        [invoice("A", d(2025, 1, 1), 1_000, 1), invoice("B", d(2025, 1, 2), 100_000, 1)]
    );
    assert_eq!(r.accounting, acc(2, 2, 0, &[]));
}

#[test]
fn title_rows_above_the_table_are_skipped() {
    let sniffed = ingest::sniff(&bytes("report_title_rows.csv")).unwrap();
    assert_eq!(sniffed.header_line, 4);
    assert_eq!(sniffed.headers, ["Deal Name", "Deal Stage", "Amount", "Create Date"]);
    let r = import("report_title_rows.csv");
    let Dataset::Deals(rows) = &r.dataset else { panic!("{:?}", r.dataset.kind()) };
    let got: Vec<(&str, DealOutcome, Option<i64>, Date)> = rows
        .iter()
        .map(|x| (x.id.as_str(), x.outcome, x.value.map(|v| v.cents()), x.created))
        .collect();
    assert_eq!(
        got,
        [
            ("Alpha", DealOutcome::Won, Some(10_000), d(2025, 1, 5)),
            ("Beta", DealOutcome::Lost, Some(20_050), d(2025, 2, 6)),
            ("Gamma", DealOutcome::Open, Some(30_000), d(2025, 3, 7)),
        ]
    );
    // The blank line inside the table is a row; the one in the title block is not.
    assert_eq!(r.accounting, acc(4, 3, 0, &[(SkipRule::BlankLine, 1)]));
}

#[test]
fn whitespace_only_line_after_blank_line_counts_once() {
    // Bug: a spaces-only record right after an empty line was added to the row count twice
    // (once as the skipped gap, once as a skipped record), so the accounting did not add up.
    let input = b"Kunde;Beginn;Betrag\n\n   \nA;01.01.2025;1\n;;\n";
    let r = ingest::import(input, &ImportOptions::default()).unwrap();
    assert_eq!(r.accounting, acc(4, 1, 0, &[(SkipRule::BlankLine, 3)]));
}

#[test]
fn excel_serial_dates_in_a_german_export() {
    // Dates in cells formatted as numbers: German Excel then writes the serial number (days
    // since 1899-12-30) into the CSV. They were rejected as "expected a date" before.
    let csv = "Kunde;Beginn;Ende;Betrag;Intervall\r\n\
               K1;45658;;49,00;monatlich\r\n\
               K2;45717;45748;490,00;jährlich\r\n\
               K3;2025-04-15;;19,90;monatlich\r\n";
    let r = ingest::import(csv.as_bytes(), &ImportOptions::default()).unwrap();
    let Dataset::Subscriptions(rows) = &r.dataset else { panic!("{:?}", r.dataset.kind()) };
    let rows = rows.to_vec();
    let got: Vec<(&str, Date, Option<Date>, i64)> =
        rows.iter().map(|x| (x.customer.as_str(), x.start, x.end, x.amount.cents())).collect();
    assert_eq!(
        got,
        [
            ("K1", d(2025, 1, 1), None, 4_900),
            ("K2", d(2025, 3, 1), Some(d(2025, 4, 1)), 49_000),
            ("K3", d(2025, 4, 15), None, 1_990),
        ]
    );
    assert_eq!(r.accounting, acc(3, 3, 0, &[]));
}

// Issue 15: where an export lacks a column, the import says what it assumed.
#[test]
fn missing_columns_are_named_with_what_was_assumed() {
    let fields = |r: &ImportResult| -> Vec<String> {
        r.assumptions.iter().map(|a| a.field.clone()).collect()
    };
    // A German invoice list with a period column but nothing that marks recurring lines.
    let r = import("invoices_de_cp1252.csv");
    assert_eq!(fields(&r), ["recurring", "currency"]);
    assert!(r.assumptions[0].message_de.starts_with("Nichts kennzeichnet wiederkehrende"));
    // Stripe's export has a column for everything the conventions ask.
    let r = import("exports/stripe_subscriptions.csv");
    assert_eq!(fields(&r), Vec::<String>::new());
    // Paddle's has no trial dates here.
    let r = import("exports/paddle_subscriptions.csv");
    assert_eq!(fields(&r), ["trial_end"]);
    assert_eq!(r.assumptions[0].message_en, "No trial end: no trials, paid from the start.");
}
