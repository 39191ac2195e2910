//! `kennzahl`: command-line front end of the Kennzahl engine crates.
//!
//! Reading path: [`main`] parses the command line with `clap` ([`args`]: help, usage errors
//! with exit code 2, `--version`, shell completions) and dispatches in one `match`; each
//! subcommand lives in its own module with a `run(&Args, out) -> u8` function and its own
//! `Args`, which `args` fills. Files are read slice by slice ([`read`]), with progress on
//! stderr for large files when stderr is a terminal.

mod args;
mod drill;
mod inspect;
mod read;
mod report;
mod sample;
mod sql;
mod tables;

use args::{Cli, Cmd};
use clap::{CommandFactory, Parser};
use std::io::Write;
use std::process::ExitCode;

/// Writes the completion script for `shell` (`kennzahl completions bash|zsh|fish|…`).
fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> u8 {
    // Into memory first: `generate` panics when it cannot write (a closed pipe).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "kennzahl", &mut script);
    match out.write_all(&script) {
        Ok(()) => 0,
        Err(_) => 2,
    }
}

fn main() -> ExitCode {
    // Usage errors exit with 2 and a message on stderr; `--help` and `--version` with 0.
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let code = match cli.command {
        Cmd::Inspect(a) => inspect::run(&a.into_args(), &mut out),
        Cmd::Report(a) => report::run(&a.into_args(), &mut out),
        Cmd::Drill(a) => drill::run(&a.into_args(), &mut out),
        Cmd::Sample(a) => sample::run(&a.into_args(), &mut out),
        Cmd::Tables(a) => tables::run(&a.into_args(), &mut out),
        Cmd::Sql(a) => sql::run(&a.into_args(), &mut out),
        Cmd::Completions { shell } => completions(shell, &mut out),
    };
    let _ = out.flush();
    ExitCode::from(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::error::ErrorKind;

    fn parse(list: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("kennzahl").chain(list.iter().copied()))
    }

    #[test]
    fn the_command_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn parses_subcommands() {
        assert_eq!(parse(&["help"]).err().map(|e| e.kind()), Some(ErrorKind::DisplayHelp));
        assert!(parse(&[]).is_err());
        assert_eq!(
            parse(&["frobnicate"]).err().map(|e| e.kind()),
            Some(ErrorKind::InvalidSubcommand)
        );
        let Ok(Cli { command: Cmd::Inspect(a) }) =
            parse(&["inspect", "x.csv", "--kind", "deals", "--json"])
        else {
            panic!("inspect not parsed");
        };
        let a = a.into_args();
        assert_eq!(a.file, std::path::PathBuf::from("x.csv"));
        assert_eq!(a.kind, Some(records::DatasetKind::Deals));
        assert!(a.json);
        assert_eq!(a.lang, ingest::Lang::De);
        assert!(parse(&["inspect", "x.csv", "--kind", "nonsense"]).is_err());
        assert!(parse(&["inspect"]).is_err());
        assert!(parse(&["inspect", "a", "b"]).is_err());
    }

    #[test]
    fn report_takes_every_option_it_took_before() {
        let Ok(Cli { command: Cmd::Report(a) }) = parse(&[
            "report",
            "a.csv",
            "--period",
            "2025-Q3",
            "--by",
            "plan",
            "--where",
            "plan=Team",
            "b.csv",
            "--as-of",
            "2025-10-15",
            "--currency",
            "EUR",
            "--rate",
            "USD=0,92",
            "--rate",
            "CHF=1.05",
            "--json",
            "--lang",
            "en",
            "--scale",
            "0-10",
            "--usage-account",
            "Firma",
            "--where",
            "segment=SMB",
        ]) else {
            panic!("report not parsed");
        };
        let a = a.into_args();
        assert_eq!(a.files, vec![std::path::PathBuf::from("a.csv"), "b.csv".into()]);
        assert_eq!(a.period, analytics::Period::parse("2025-Q3"));
        assert_eq!(a.by.as_deref(), Some("plan"));
        assert_eq!(a.filter.len(), 2);
        assert_eq!(a.filter[1].value, "SMB");
        assert_eq!(a.as_of, "2025-10-15".parse().ok());
        assert_eq!(a.currency.base, records::Currency::parse("EUR"));
        assert_eq!(a.currency.rates.len(), 2);
        assert_eq!(a.currency.rates[0].to_base, 0.92);
        assert_eq!(a.currency.rates[1].to_base, 1.05);
        assert!(a.json && !a.sample);
        assert_eq!(a.lang, ingest::Lang::En);
        assert_eq!(a.scale, ingest::parse_survey_scale("0-10"));
        assert_eq!(a.usage_account.as_deref(), Some("Firma"));
    }

    #[test]
    fn bad_values_are_usage_errors_that_name_the_option() {
        for (list, option) in [
            (&["report", "a.csv", "--period", "2025-13"][..], "--period"),
            (&["report", "a.csv", "--as-of", "15.10.2025"][..], "--as-of"),
            (&["report", "a.csv", "--rate", "USD"][..], "--rate"),
            (&["report", "a.csv", "--where", "plan"][..], "--where"),
            (&["report", "a.csv", "--lang", "fr"][..], "--lang"),
            (&["drill", "--sample", "--kpi", "sales_velocity"][..], "--kpi"),
            (&["drill", "--sample", "--cohort", "2025-01"][..], "--cohort"),
            (&["sql", "--dialect", "oracle"][..], "--dialect"),
            (&["sample", "--out", "x", "--bytes", "lots", "--kind", "deals"][..], "--bytes"),
        ] {
            let e = parse(list).err().map(|e| (e.kind(), e.to_string()));
            let Some((ErrorKind::ValueValidation | ErrorKind::InvalidValue, text)) = e else {
                panic!("{list:?} gave {e:?}");
            };
            assert!(text.contains(option), "{list:?}: {text}");
        }
    }

    #[test]
    fn required_parts_are_usage_errors() {
        let kind = |list: &[&str]| parse(list).err().map(|e| e.kind());
        assert_eq!(kind(&["report"]), Some(ErrorKind::MissingRequiredArgument));
        assert!(parse(&["report", "--sample"]).is_ok());
        assert_eq!(kind(&["drill", "--sample"]), Some(ErrorKind::MissingRequiredArgument));
        assert_eq!(kind(&["tables", "a.csv"]), Some(ErrorKind::MissingRequiredArgument));
        assert_eq!(kind(&["sql"]), Some(ErrorKind::MissingRequiredArgument));
        assert_eq!(
            kind(&["sample", "--out", "x", "--kind", "deals"]),
            Some(ErrorKind::MissingRequiredArgument)
        );
        assert_eq!(kind(&["report", "a.csv", "--frobnicate"]), Some(ErrorKind::UnknownArgument));
    }

    #[test]
    fn an_option_given_twice_takes_the_last_value() {
        let list = ["report", "--sample", "--json", "--json", "--period", "2025-07"];
        let Ok(Cli { command: Cmd::Report(a) }) =
            parse(&[&list[..], &["--period", "2025-08", "--lang", "en", "--lang", "de"]].concat())
        else {
            panic!("report not parsed");
        };
        let a = a.into_args();
        assert_eq!(a.period, analytics::Period::parse("2025-08"));
        assert_eq!(a.lang, ingest::Lang::De);
        assert!(a.json);
        let Ok(Cli { command: Cmd::Sql(a) }) =
            parse(&["sql", "--dialect", "spark", "--dialect", "postgres"])
        else {
            panic!("sql not parsed");
        };
        assert_eq!(a.into_args().dialect, warehouse::Dialect::Postgres);
    }

    #[test]
    fn drill_with_a_cohort_drills_mrr() {
        let Ok(Cli { command: Cmd::Drill(a) }) =
            parse(&["drill", "--sample", "--cohort", "2025-01+3", "--json"])
        else {
            panic!("drill not parsed");
        };
        let a = a.into_args();
        assert_eq!(a.kpi, analytics::Kpi::Mrr);
        assert_eq!(a.cohort.map(|(m, k)| (m.to_string(), k)), Some(("2025-01".to_string(), 3)));
        assert!(a.report.json && a.report.sample);
    }
}
