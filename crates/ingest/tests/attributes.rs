//! Segment attributes: which columns an import keeps per row, and how.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns may unwrap fixtures

use ingest::{ImportOptions, ImportResult};
use records::{AttributeColumn, Value};

fn import(text: &str) -> ImportResult {
    ingest::import(text.as_bytes(), &ImportOptions::default()).unwrap()
}

fn fixture(name: &str) -> String {
    let path = format!("{}/../../tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap()
}

fn names(r: &ImportResult) -> Vec<(String, Option<String>)> {
    r.attributes.columns.iter().map(|c| (c.name.clone(), c.field.clone())).collect()
}

#[test]
fn german_subscriptions_keep_the_plan_and_the_unmapped_country_per_row() {
    let r = import(&fixture("segments_subscriptions.csv"));
    // Kunde, Beginn, Ende, Betrag and Intervall are mapped to other fields: no attributes.
    assert_eq!(
        names(&r),
        [("Tarif".to_string(), Some("plan".to_string())), ("Land".to_string(), None)]
    );
    let plan = &r.attributes.columns[0];
    assert_eq!(plan.values, ["Team", "Pro", "Basic"]);
    assert_eq!(plan.codes, [0, 1, 0, 1, 0, 2]);
    let land = &r.attributes.columns[1];
    assert_eq!(land.values, ["DE", "AT"]);
    assert_eq!(land.codes, [0, 0, 1, 0, 0, 1]);
    assert_eq!(land.value(4), Some(Value::Text("DE")));
}

#[test]
fn numbers_dates_and_ids_are_no_attributes_and_rejected_rows_have_no_code() {
    // 30 rows: `Name` is unique per row (an id), `Seats` a number, `Renewal` a date; `Region`
    // repeats two words. The last row is rejected (no start) and gets no code.
    let mut text = String::from("customer,start,amount,Name,Seats,Renewal,Region\n");
    for i in 0..30 {
        let region = if i % 3 == 0 { "EMEA" } else { "APAC" };
        text.push_str(&format!(
            "c{i},2025-01-01,10.00,Firma {i},{i},2025-06-{:02},{region}\n",
            1 + i % 28
        ));
    }
    text.push_str("c99,,10.00,Firma 99,1,2025-06-01,EMEA\n");
    let r = import(&text);
    assert_eq!(r.accounting.used, 30);
    assert_eq!(names(&r), [("Region".to_string(), None)]);
    let region = &r.attributes.columns[0];
    assert_eq!(region.codes.len(), 30);
    assert_eq!(region.codes.iter().filter(|&&c| c == 0).count(), 10);
}

#[test]
fn values_beyond_fifty_are_other_and_empty_cells_none() {
    // 60 distinct countries, each twice, and an empty cell: the first 50 are kept, the rest
    // are "other" (20 of 121 filled cells: not mostly other, so the column stays).
    let mut text = String::from("customer,start,amount,Country\n");
    for i in 0..120 {
        text.push_str(&format!("c{i},2025-01-01,10.00,Land{}\n", i % 60));
    }
    text.push_str("c120,2025-01-01,10.00,\n");
    let r = import(&text);
    let col = &r.attributes.columns[0];
    assert_eq!(col.values.len(), AttributeColumn::MAX_VALUES);
    assert_eq!(col.codes.iter().filter(|&&c| c == AttributeColumn::OTHER).count(), 20);
    assert_eq!(col.codes.last(), Some(&AttributeColumn::NONE));
    assert_eq!(col.value(59), Some(Value::Other));
}

#[test]
fn chunked_import_keeps_the_same_attributes() {
    let text = fixture("segments_tickets.csv");
    let mut importer = ingest::Importer::new(ImportOptions::default());
    for chunk in text.as_bytes().chunks(5) {
        importer.push(chunk).unwrap();
    }
    let chunked = importer.finish().unwrap();
    let one_shot = import(&text);
    assert_eq!(chunked.attributes, one_shot.attributes);
    // Kanal and Priorität are the mapped channel and urgency; Kunde is mapped (customer).
    assert_eq!(
        names(&one_shot),
        [
            ("Kanal".to_string(), Some("channel".to_string())),
            ("Priorität".to_string(), Some("urgency".to_string()))
        ]
    );
    assert_eq!(one_shot.attributes.columns[0].codes, [0, 1, 0, 0]);
}

#[test]
fn attributes_cost_one_byte_per_row_and_column() {
    let mut text = String::from("customer,start,amount,plan,Country\n");
    for i in 0..10_000 {
        text.push_str(&format!("c{i},2025-01-01,10.00,P{},C{}\n", i % 4, i % 7));
    }
    let r = import(&text);
    assert_eq!(r.attributes.columns.len(), 2);
    // 2 columns × 10,000 rows, plus the 11 short values.
    let bytes = r.attributes.heap_bytes();
    assert!((20_000..20_200).contains(&bytes), "{bytes} bytes");
}

#[test]
fn an_accounts_file_is_its_own_kind_and_keeps_only_attributes() {
    // A CRM account export: Kunden-ID;Firma;Branche;Land;Betreuer, five rows, no money.
    let r = import(&fixture("segments_accounts.csv"));
    assert_eq!(r.dataset.kind(), records::DatasetKind::Accounts);
    assert_eq!((r.accounting.rows, r.accounting.used, r.accounting.rejected), (5, 5, 0));
    assert!(r.accounting.adds_up());
    let records::Dataset::Accounts(rows) = &r.dataset else { panic!("not accounts") };
    let ids: Vec<&str> = rows.iter().map(|a| a.customer.as_str()).collect();
    assert_eq!(ids, ["K1", "K2", "K3", "K4", "K6"]);
    // The company name is mapped but no attribute (a name per row); the rest are, by field.
    assert_eq!(
        names(&r),
        [
            ("Branche".to_string(), Some("industry".to_string())),
            ("Land".to_string(), Some("country".to_string())),
            ("Betreuer".to_string(), Some("owner".to_string())),
        ]
    );
    let industry = &r.attributes.columns[0];
    assert_eq!(industry.values, ["Handel", "Software", "Industrie"]);
    assert_eq!(industry.codes, [0, 1, 0, 1, 2]);
    // English CRM headers are the same kind.
    let en = import("Account ID,Account Name,Industry,Billing Country\nA1,Acme,Retail,US\n");
    assert_eq!(en.dataset.kind(), records::DatasetKind::Accounts);
    // With money or dates it is another kind's file, never accounts.
    let subs = import("Kunden-ID;Branche;Beginn;Betrag\nK1;Handel;01.01.2025;10,00\n");
    assert_ne!(subs.dataset.kind(), records::DatasetKind::Accounts);
}
