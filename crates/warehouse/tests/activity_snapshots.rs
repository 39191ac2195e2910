//! The activity KPIs' SQL text per dialect (insta snapshots of a few representative KPIs),
//! and the rules every activity query keeps: it names its KPI, returns `kpi` and `value`, and
//! writes table and column names only through the mapping.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns may unwrap fixtures

use analytics::{Kpi, Period};
use records::{Date, Month};
use warehouse::{kpi_sql, Ctx, Dialect, Mapping};

const ACTIVITY: [Kpi; 19] = [
    Kpi::Nps,
    Kpi::Csat,
    Kpi::Ces,
    Kpi::TicketVolume,
    Kpi::FirstResponseTime,
    Kpi::FirstResponseTimeP90,
    Kpi::Fcr,
    Kpi::ResolutionRate,
    Kpi::LeadResponseTime,
    Kpi::WinRate,
    Kpi::WinLossRatio,
    Kpi::WinLossValueRatio,
    Kpi::SalesVelocity,
    Kpi::DauMau,
    Kpi::AvgSessionDuration,
    Kpi::SessionsPerDay,
    Kpi::ProductUsageRate,
    Kpi::AtRisk,
    Kpi::HealthScore,
];

fn q3() -> Period {
    Period::Quarter(Month::from_ym(2025, 7).unwrap())
}

fn sql(kpi: Kpi, dialect: Dialect, as_of: Option<Date>, mapping: &Mapping) -> String {
    let ctx = Ctx { dialect, period: q3(), as_of, currency: None, mapping };
    kpi_sql(kpi, &ctx).unwrap_or_else(|| panic!("no SQL for {}", kpi.id()))
}

fn as_of() -> Option<Date> {
    Some("2025-10-15".parse().unwrap())
}

#[test]
fn snapshots_per_dialect() {
    let mapping = Mapping::default();
    let kpis = [
        Kpi::Nps,
        Kpi::Csat,
        Kpi::FirstResponseTimeP90,
        Kpi::SalesVelocity,
        Kpi::DauMau,
        Kpi::HealthScore,
    ];
    for kpi in kpis {
        for dialect in Dialect::ALL {
            let name = format!("{}_{}", kpi.id(), dialect.id());
            insta::assert_snapshot!(name, sql(kpi, dialect, as_of(), &mapping));
        }
    }
}

#[test]
fn snapshot_of_the_derived_as_of_day() {
    let mapping = Mapping::default();
    for dialect in Dialect::ALL {
        let name = format!("lead_response_time_derived_as_of_{}", dialect.id());
        insta::assert_snapshot!(name, sql(Kpi::LeadResponseTime, dialect, None, &mapping));
    }
}

#[test]
fn every_activity_kpi_names_itself_and_returns_kpi_and_value() {
    let mapping = Mapping::default();
    for kpi in ACTIVITY {
        for dialect in Dialect::ALL {
            for as_of in [as_of(), None] {
                let text = sql(kpi, dialect, as_of, &mapping);
                let id = kpi.id();
                assert!(text.starts_with(&format!("-- KPI {id}: ")), "{id} {dialect:?}");
                assert!(text.contains(&format!("SELECT '{id}' AS kpi")), "{id} {dialect:?}");
                assert!(text.contains(" AS value\nFROM "), "{id}");
                assert!(!text.trim_end().ends_with(';'), "{id}");
                // The period of the context: 2025-Q3 runs from July 1 to before October 1.
                assert!(text.contains("DATE '2025-07-01' AS period_start"), "{id}");
                assert!(text.contains("DATE '2025-10-01' AS period_end"), "{id}");
            }
        }
    }
}

#[test]
fn table_and_column_names_come_from_the_mapping() {
    let mapping: Mapping = serde_json::from_str(
        r#"{"tables": {"tickets": "support.tickets", "survey_answers": "cx.answers"},
            "columns": {"tickets.created": "Opened At", "survey_answers.score": "rating"}}"#,
    )
    .unwrap();
    for dialect in Dialect::ALL {
        let quoted = match dialect {
            Dialect::Spark => "`Opened At`",
            _ => "\"Opened At\"",
        };
        let frt = sql(Kpi::FirstResponseTime, dialect, None, &mapping);
        assert!(frt.contains("FROM support.tickets CROSS JOIN bounds"), "{frt}");
        assert!(frt.contains(&format!("SELECT {quoted} AS created,")), "{frt}");
        assert!(frt.contains(&format!("CAST({quoted} AS DATE) AS day FROM support.tickets")));
        assert!(!frt.contains("FROM tickets ") && !frt.contains("FROM tickets\n"), "{frt}");
        let health = sql(Kpi::HealthScore, dialect, as_of(), &mapping);
        assert!(health.contains("FROM cx.answers CROSS JOIN bounds"));
        assert!(health.contains("rating AS score"));
        assert!(health.contains("FROM support.tickets CROSS JOIN bounds"));
        for canonical in ["FROM tickets ", "FROM tickets\n", "FROM survey_answers"] {
            assert!(!health.contains(canonical), "{canonical}");
        }
    }
}
