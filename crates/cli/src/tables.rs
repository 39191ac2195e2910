//! `kennzahl tables FILE... --out DIR`: the imported files as canonical CSV tables plus the
//! `CREATE TABLE` statements per SQL dialect, the way into a warehouse (see
//! `warehouse::schema`).

use crate::report;
use records::DatasetKind;
use std::io::Write;
use std::path::PathBuf;
use warehouse::{tables, Dialect};

/// Arguments of `tables`.
#[derive(Debug, PartialEq)]
pub struct Args {
    /// Where the tables go.
    pub out: PathBuf,
    /// The files and import options, read exactly as `report` reads them.
    pub input: report::Args,
}

/// Runs `tables`; returns the exit code (0, 1 with rejections, 2 unusable file or folder).
pub fn run(args: &Args, out: &mut dyn Write) -> u8 {
    let (datasets, _, code) = match report::load(&args.input) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    match write_all(args, &datasets, out) {
        Ok(()) => code,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "kennzahl: {}: {e}", args.out.display());
            2
        }
    }
}

fn write_all(
    args: &Args,
    datasets: &[records::Dataset],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    std::fs::create_dir_all(&args.out)?;
    // Every kind gets its table, empty where no file has it: a KPI's query may read several
    // (health reads usage, surveys, tickets and subscriptions) and must run on any data set.
    let kinds: Vec<DatasetKind> = DatasetKind::ALL.to_vec();
    for kind in &kinds {
        let name = warehouse::schema::table(*kind).name;
        let path = args.out.join(format!("{name}.csv"));
        let mut file = std::io::BufWriter::new(std::fs::File::create(&path)?);
        let n = tables::write_csv(*kind, datasets, &mut file)?;
        file.flush()?;
        writeln!(out, "{}: {n} rows", path.display())?;
    }
    for dialect in Dialect::ALL {
        let path = args.out.join(format!("schema-{}.sql", dialect.id()));
        std::fs::write(&path, tables::schema_sql(&kinds, dialect))?;
        writeln!(out, "{}", path.display())?;
    }
    Ok(())
}
