//! Billing exports in the shape real tools write them, imported through `ingest` and analysed
//! by `analytics` as the app and the CLI do, against figures computed by hand under the
//! conventions of `analytics::billing` (README, "Conventions").

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests

use analytics::billing::{CurrencyOptions, Rate};
use analytics::{figure, report, Kpi, Period, Report, ReportOptions};
use ingest::ImportOptions;
use records::{Currency, Dataset, Date, Money};
use std::path::PathBuf;
use std::process::Command;

fn path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ingest/tests/data/exports").join(name)
}

fn import(name: &str) -> Dataset {
    let bytes = std::fs::read(path(name)).unwrap();
    let r = ingest::import(&bytes, &ImportOptions::default()).unwrap();
    assert_eq!(r.accounting.rejected, 0, "{name}: {:?}", r.rejections);
    r.dataset
}

fn d(y: i32, m: u32, day: u32) -> Date {
    Date::from_ymd(y, m, day).unwrap()
}

/// MRR in cents per month, oldest first.
fn mrr(r: &Report) -> Vec<(String, i64)> {
    let rev = r.revenue.as_ref().unwrap();
    rev.months.iter().map(|m| (m.month.to_string(), m.mrr.cents())).collect()
}

fn value(r: &Report, kpi: Kpi, period: &str) -> Option<f64> {
    figure(r, kpi, Period::parse(period).unwrap()).unwrap().value
}

// Stripe's dashboard export of subscriptions (Billing → Subscriptions → Export; columns as
// documented at https://stripe.com/docs/billing/subscriptions and the export dialog: dates
// "YYYY-MM-DD hh:mm" in UTC, amounts per unit with a decimal point, lower-case currency).
// Twelve subscriptions, one per case the conventions name:
// A plain monthly 49; B trial 20 Jan → 3 Feb that converts; C trial that is cancelled during
// the trial (never paid); D cancel at period end, ended 1 Mar (Canceled At 15 Feb is only the
// request); E cancel at period end after the as-of date (2 seats × 49 = 98); F
// incomplete_expired; G past_due 99; H yearly 490 (40.83 a month); I every 3 months 135 (45 a
// month); J in trial on the as-of date; K cancelled and ended 10 Mar; L created 15 Apr, the
// latest thing that happened: the as-of date (period ends and trial ends are scheduled).
//
// MRR by hand (month end; April on 15 Apr):
//   Jan: A 49 + D 49 + H 40.83 + K 49                          = 187.83 (4 customers)
//   Feb: A 49 + B 49 + D 49 + G 99 + H 40.83 + I 45 + K 49       = 380.83 (7)
//   Mar: A 49 + B 49 + E 98 + G 99 + H 40.83 + I 45              = 380.83 (6)
//   Apr: A 49 + B 49 + E 98 + G 99 + H 40.83 + I 45 + L 49       = 429.83 (7)
// Movements: Feb new B+G+I = 193.00; Mar new E 98, churn D+K 98; Apr new L 49.
// Trials: started Jan 1 (B), Feb 1 (C), Apr 1 (J); ended Feb 2 (B converted, C not) → 50 %.
#[test]
fn stripe_subscriptions() {
    let data = vec![import("stripe_subscriptions.csv")];
    let r = report(&data, &ReportOptions::default());
    let as_of = r.as_of.unwrap();
    assert_eq!((as_of.date, as_of.chosen, as_of.partial), (d(2025, 4, 15), false, true));
    assert_eq!(
        mrr(&r),
        [
            ("2025-01".into(), 18_783),
            ("2025-02".into(), 38_083),
            ("2025-03".into(), 38_083),
            ("2025-04".into(), 42_983)
        ]
    );
    let rev = r.revenue.as_ref().unwrap();
    let customers: Vec<u32> = rev.months.iter().map(|m| m.customers).collect();
    assert_eq!(customers, [4, 7, 6, 7]);
    let feb = &rev.months[1].movements;
    assert_eq!((feb.new, feb.new_customers, feb.churn), (Money(19_300), 3, Money::ZERO));
    let mar = &rev.months[2].movements;
    assert_eq!((mar.new, mar.churn, mar.churned_customers), (Money(9_800), Money(9_800), 2));
    assert_eq!(rev.months[3].movements.new, Money(4_900));
    // Trials apart, never MRR.
    assert_eq!(value(&r, Kpi::TrialsStarted, "2025-01"), Some(1.0));
    assert_eq!(value(&r, Kpi::TrialsStarted, "2025-Q1"), Some(2.0));
    assert_eq!(value(&r, Kpi::FreeToPaid, "2025-02"), Some(0.5));
    assert_eq!(value(&r, Kpi::FreeToPaid, "2025-01"), None);
    let b = r.billing.as_ref().unwrap();
    assert_eq!((b.never_paid, b.past_due, b.ending_later, b.in_trial), (1, 1, 1, 1));
    // The as-of month is partial, the default period the last complete month.
    let april = figure(&r, Kpi::Mrr, Period::parse("2025-04").unwrap()).unwrap();
    assert!(april.partial);
    assert!(!figure(&r, Kpi::Mrr, Period::parse("2025-03").unwrap()).unwrap().partial);
    assert_eq!(analytics::figure::default_month(&r).map(|m| m.to_string()), Some("2025-03".into()));
    // No figure for a month after the as-of date.
    assert_eq!(value(&r, Kpi::Mrr, "2025-05"), None);
}

// The same export read as of 5 March: no month after March; E starts that day, D ended on
// 1 March, K's end on 10 March has not happened yet (and was not scheduled).
#[test]
fn stripe_subscriptions_as_of_a_chosen_day() {
    let data = vec![import("stripe_subscriptions.csv")];
    let options = ReportOptions { as_of: Some(d(2025, 3, 5)), ..ReportOptions::default() };
    let r = report(&data, &options);
    let as_of = r.as_of.unwrap();
    assert_eq!((as_of.date, as_of.chosen, as_of.partial), (d(2025, 3, 5), true, true));
    // 5 Mar: A 49 + B 49 + E 98 (starts that day) + G 99 + H 40.83 + I 45 + K 49 (ends 10
    // Mar) = 429.83; D ended on 1 Mar.
    let months = mrr(&r);
    assert_eq!(months.last(), Some(&("2025-03".into(), 42_983)));
    assert_eq!(months.len(), 3);
    // E is set to end at its period's end (5 May) and counts until then; K's end is not
    // scheduled, so it is not "ending later".
    assert_eq!(r.billing.as_ref().unwrap().ending_later, 1);
}

// Chargebee's subscription export (Subscriptions → Export, "subscriptions.csv"; column names
// as in Chargebee's export: "subscriptions.id", "subscriptions.customer_id",
// "subscriptions.status" with future/in_trial/active/non_renewing/paused/cancelled,
// "subscriptions.plan_quantity", "subscriptions.plan_unit_price", "subscriptions.billing_period"
// with "subscriptions.billing_period_unit", trial and term dates, "subscriptions.cancelled_at",
// which for a non_renewing subscription is the day it will end; dates dd/MM/yyyy hh:mm here
// as the EU data centre writes them).
// By hand, months end: c1 monthly 100 × 2 = 200 from Jan; c2 every 2 months 300 → 150 from
// Feb; c3 yearly 1,200 → 100, in trial until 1 Mar, paid from Mar; c4 non_renewing 80 from
// Jan, ends 15 Apr (scheduled, not the as-of date); c5 cancelled 10 Feb (80 from Jan); c6
// future (starts 1 May, never in force). As of 2 Apr (c7 created that day, 50 monthly):
//   Jan 200 + 80 + 80 = 360; Feb 200 + 150 + 80 = 430; Mar 430 + 100 = 530;
//   Apr (2 Apr) 530 + 50 = 580.
#[test]
fn chargebee_subscriptions() {
    let data = vec![import("chargebee_subscriptions.csv")];
    let r = report(&data, &ReportOptions::default());
    assert_eq!(r.as_of.unwrap().date, d(2025, 4, 2));
    assert_eq!(
        mrr(&r),
        [
            ("2025-01".into(), 36_000),
            ("2025-02".into(), 43_000),
            ("2025-03".into(), 53_000),
            ("2025-04".into(), 58_000)
        ]
    );
    assert_eq!(value(&r, Kpi::FreeToPaid, "2025-03"), Some(1.0));
    assert_eq!(r.billing.as_ref().unwrap().ending_later, 1);
}

// Paddle Billing's subscription export (Paddle → Subscriptions → Export CSV; fields as in
// Paddle's subscription entity: id, customer_id, status active/trialing/past_due/paused/
// canceled, currency_code, billing_cycle interval and frequency, next_billed_at (scheduled),
// started_at, first_billed_at, canceled_at, scheduled_change; amounts as decimal strings).
// Two currencies: EUR and USD. By hand (as of 20 Mar, the latest start):
//   EUR: p1 30 monthly from Jan; p2 600 yearly → 50 from Feb; p4 20 from 20 Mar.
//   USD: p3 100 monthly from Jan; p5 60 quarterly (20 a month) from Feb.
// Default: the currency with the most rows (EUR, 3 rows) — Jan 30, Feb 80, Mar 100.
// With USD → EUR at 0.9: Jan 30 + 90 = 120; Feb 80 + 90 + 18 = 188; Mar 100 + 108 = 208.
#[test]
fn paddle_subscriptions_in_two_currencies() {
    let data = vec![import("paddle_subscriptions.csv")];
    let r = report(&data, &ReportOptions::default());
    let c = r.billing.as_ref().unwrap().currency.as_ref().unwrap();
    assert_eq!((c.base.code(), c.chosen, c.left_out), ("EUR", false, 2));
    assert_eq!(
        mrr(&r),
        [("2025-01".into(), 3_000), ("2025-02".into(), 8_000), ("2025-03".into(), 10_000)]
    );
    let eur = Currency::parse("EUR").unwrap();
    let usd = Currency::parse("USD").unwrap();
    let converted = ReportOptions {
        currency: CurrencyOptions {
            base: Some(eur),
            rates: vec![Rate { currency: usd, to_base: 0.9 }],
        },
        ..ReportOptions::default()
    };
    let r = report(&data, &converted);
    assert_eq!(
        mrr(&r),
        [("2025-01".into(), 12_000), ("2025-02".into(), 18_800), ("2025-03".into(), 20_800)]
    );
    assert_eq!(r.billing.as_ref().unwrap().currency.as_ref().unwrap().left_out, 0);
    // USD alone: p3 100 from Jan, p5 20 from Feb.
    let usd_only = ReportOptions {
        currency: CurrencyOptions { base: Some(usd), rates: Vec::new() },
        ..ReportOptions::default()
    };
    assert_eq!(
        mrr(&report(&data, &usd_only)),
        [("2025-01".into(), 10_000), ("2025-02".into(), 12_000), ("2025-03".into(), 12_000)]
    );
}

// A lexoffice invoice export (Belege → Export als CSV: "Belegnummer;Belegdatum;Kunde;
// Belegart;Bezeichnung;Leistungszeitraum von;Leistungszeitraum bis;Nettobetrag;Währung",
// German dates and decimal commas, Windows-1252). Recurring lines have a service period;
// the setup fee and the training have none; the credit note (Gutschrift) is a refund.
// By hand: K1 1.200,00 for 01.01.–31.12.2025 → 100,00 a month; K2 89,00 for Jan, Feb, Mar
// each; K3 267,00 for 01.02.–30.04.2025 → 89,00 a month; Einrichtung 500,00 (Jan) and
// Schulung 350,00 (Feb) one-time; Gutschrift −89,00 (Mar). As of 15 Mar (the latest date):
//   MRR Jan 100 + 89 = 189; Feb 100 + 89 + 89 = 278; Mar 278.
//   Non-recurring: Jan 500; Feb 350; Mar −89.
#[test]
fn lexoffice_invoices_recurring_and_one_time() {
    let data = vec![import("lexoffice_invoices.csv")];
    let r = report(&data, &ReportOptions::default());
    assert_eq!(r.as_of.unwrap().date, d(2025, 3, 15));
    assert_eq!(
        mrr(&r),
        [("2025-01".into(), 18_900), ("2025-02".into(), 27_800), ("2025-03".into(), 27_800)]
    );
    assert_eq!(value(&r, Kpi::NonRecurringRevenue, "2025-01"), Some(50_000.0));
    assert_eq!(value(&r, Kpi::NonRecurringRevenue, "2025-03"), Some(-8_900.0));
    assert_eq!(value(&r, Kpi::NonRecurringRevenue, "2025-Q1"), Some(76_100.0));
}

// Recurly's subscription export (Exports → Subscriptions; snake_case columns as Recurly writes
// them: account_code, subscription_state active/canceled/expired/in_trial/…, amounts in cents
// in `subscription_unit_amount_in_cents`, `plan_interval_length` with `plan_interval_unit`,
// timestamps "YYYY-MM-DD hh:mm:ss UTC"). A Recurly "canceled" subscription runs until its
// `subscription_expires_at`, which the export does not mark as scheduled: the machine's date
// bounds the default as-of date (`ReportOptions::today`).
// By hand, as of 10 Apr (the export's day): acct_1 49 from Jan; acct_2 2 × 25 = 50 from Feb,
// expires 1 May; acct_3 99 Jan–Feb (expired 1 Mar); acct_4 in trial; acct_5 120 a year
// = 10 a month, trial 1–15 Mar then paid; acct_6 30 from 10 Apr.
//   Jan 49 + 99 = 148; Feb 49 + 50 + 99 = 198; Mar 49 + 50 + 10 = 109; Apr 109 + 30 = 139.
#[test]
fn recurly_subscriptions_in_cents_with_an_unmarked_scheduled_end() {
    let data = vec![import("recurly_subscriptions.csv")];
    let today = ReportOptions { today: Some(d(2025, 4, 10)), ..ReportOptions::default() };
    let r = report(&data, &today);
    assert_eq!(r.as_of.unwrap().date, d(2025, 4, 10));
    assert_eq!(
        mrr(&r),
        [
            ("2025-01".into(), 14_800),
            ("2025-02".into(), 19_800),
            ("2025-03".into(), 10_900),
            ("2025-04".into(), 13_900)
        ]
    );
    assert_eq!(value(&r, Kpi::FreeToPaid, "2025-03"), Some(1.0));
    assert_eq!(r.billing.as_ref().unwrap().in_trial, 1);
    // Without the bound, acct_2's expiry on 1 May would have been taken as the as-of date.
    let unbounded = report(&data, &ReportOptions::default());
    assert_eq!(unbounded.as_of.unwrap().date, d(2025, 5, 1));
}

// sevDesk's invoice export (Rechnungen → Exportieren als CSV: "Rechnungsnummer;Rechnungsdatum;
// Kunde;Kundennummer;Status;Rechnungstyp;Betreff;Netto;Steuer;Brutto;Währung", Windows-1252,
// decimal commas). Its invoice types say what recurs: WKR (wiederkehrende Rechnung) is
// recurring, RE a one-time invoice, GU a credit note (exported with a positive amount), SR a
// cancellation. Net amounts, not gross, make revenue.
// By hand: Jan MRR A 100 + B 50 = 150; Feb 150; Mar A 100 (B has no March invoice: churn).
// Non-recurring: Jan setup 200; Feb credit note −50.
#[test]
fn sevdesk_invoices_by_invoice_type() {
    let data = vec![import("sevdesk_invoices.csv")];
    let r = report(&data, &ReportOptions::default());
    assert_eq!(r.as_of.unwrap().date, d(2025, 3, 3));
    assert_eq!(
        mrr(&r),
        [("2025-01".into(), 15_000), ("2025-02".into(), 15_000), ("2025-03".into(), 10_000)]
    );
    assert_eq!(value(&r, Kpi::NonRecurringRevenue, "2025-01"), Some(20_000.0));
    assert_eq!(value(&r, Kpi::NonRecurringRevenue, "2025-02"), Some(-5_000.0));
    assert_eq!(value(&r, Kpi::ChurnedMrr, "2025-03"), Some(5_000.0));
}

// A FastBill subscription export (Abos → Export: German headers "Kunden-Nr.;Kunde;Abo-ID;
// Artikel;Status;Startdatum;Nächste Zahlung;Kündigungsdatum;Enddatum;Intervall;Menge;
// Preis (netto);Währung", Windows-1252, semicolons, decimal commas, intervals "1 Monat",
// "12 Monate"). Its "Enddatum" is the last day in force: Gamma, ending 31.03.2025, still pays
// for March. By hand, as of 14 Apr (Delta's start):
//   Jan Alpha 3 × 19,90 = 59,70 + Gamma 49,00 = 108,70; Feb + Beta 1.188,00 ÷ 12 = 99,00
//   → 207,70; Mar 207,70; Apr (14th) 59,70 + 99,00 + Delta 2 × 19,90 = 198,50, Gamma churned.
#[test]
fn fastbill_subscriptions_end_on_their_last_day() {
    let data = vec![import("fastbill_abos.csv")];
    let r = report(&data, &ReportOptions::default());
    assert_eq!(r.as_of.unwrap().date, d(2025, 4, 14));
    assert_eq!(
        mrr(&r),
        [
            ("2025-01".into(), 10_870),
            ("2025-02".into(), 20_770),
            ("2025-03".into(), 20_770),
            ("2025-04".into(), 19_850)
        ]
    );
    assert_eq!(value(&r, Kpi::ChurnedMrr, "2025-04"), Some(4_900.0));
    assert_eq!(value(&r, Kpi::ChurnedMrr, "2025-03"), Some(0.0));
}

// Amount × quantity − recurring discount, ÷ the interval's months, intervals of any length:
// K1 3 × 10,00 − 5,00 = 25,00 a month; K2 (100,00 − 20,00) every 2 years = 80,00 ÷ 24 =
// 3,33 (3,333… rounded half up once per customer); K3 60,00 every 5 months = 12,00.
#[test]
fn quantity_discount_and_long_intervals() {
    let csv = "customer,start,amount,quantity,discount,interval\n\
               K1,2025-01-01,10.00,3,5.00,month\n\
               K2,2025-01-01,100.00,1,20.00,every 2 years\n\
               K3,2025-01-01,60.00,1,,alle 5 Monate\n";
    let r = ingest::import(csv.as_bytes(), &ImportOptions::default()).unwrap();
    assert_eq!(r.accounting.used, 3, "{:?}", r.rejections);
    let r = report(&[r.dataset], &ReportOptions::default());
    let cents: Vec<i64> =
        r.revenue.as_ref().unwrap().months.iter().map(|m| m.mrr.cents()).collect();
    assert_eq!(cents, [2_500 + 333 + 1_200]);
}

// Stripe's "Cancel At (UTC)": cancelled on 2 Mar for 15 Jun. Until then it pays; "Canceled
// At" is only the day of the request. As of 20 Mar: A 49 + B 49 = 98, nothing churned.
#[test]
fn stripe_cancel_at_a_set_day() {
    let csv = "id,Customer ID,Plan,Quantity,Currency,Interval,Amount,Status,Created (UTC),\
               Start (UTC),Current Period End (UTC),Canceled At (UTC),Cancel At (UTC),\
               Cancel At Period End,Ended At (UTC)\n\
               sub_1,cus_A,Pro,1,eur,month,49.00,active,2025-01-01 09:00,2025-01-01 09:00,\
               2025-05-01 09:00,2025-03-02 10:00,2025-06-15 00:00,false,\n\
               sub_2,cus_B,Pro,1,eur,month,49.00,active,2025-03-20 09:00,2025-03-20 09:00,\
               2025-04-20 09:00,,,false,\n";
    let r = ingest::import(csv.as_bytes(), &ImportOptions::default()).unwrap();
    assert_eq!(r.accounting.used, 2, "{:?}", r.rejections);
    let r = report(&[r.dataset], &ReportOptions::default());
    assert_eq!(r.as_of.unwrap().date, d(2025, 3, 20));
    assert_eq!(mrr(&r).last(), Some(&("2025-03".into(), 9_800)));
    assert_eq!(r.billing.as_ref().unwrap().ending_later, 1);
}

fn cli(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_kennzahl")).args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn cli_prints_the_as_of_date_and_takes_another() {
    let file = path("stripe_subscriptions.csv");
    let file = file.to_str().unwrap();
    let text = cli(&["report", file, "--lang", "en", "--period", "2025-04"]);
    assert!(text.contains("As of 2025-04-15 (latest event in the data)"), "{text}");
    assert!(text.contains("2025-04 is a partial month"), "{text}");
    assert!(text.contains("Never-paid subscriptions (incomplete), not in MRR: 1."), "{text}");
    assert!(text.contains("(partial month, to the as-of date)"), "{text}");
    let json = cli(&["report", file, "--as-of", "2025-03-05", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["as_of"]["date"], "2025-03-05");
    assert_eq!(v["as_of"]["chosen"], true);
    let months = v["revenue"]["months"].as_array().unwrap();
    assert_eq!(months.last().unwrap()["month"], "2025-03");
}
