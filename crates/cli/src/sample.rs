//! `kennzahl sample --out DIR [--format en|de]`: writes the demo data set (the app's "try
//! with sample data") as one CSV file per kind; `--kind K --bytes N` writes one file of
//! about N bytes instead, for benchmarks.

use records::DatasetKind;
use sample::CsvFormat;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `sample`.
#[derive(Debug, PartialEq)]
pub struct Args {
    /// Output folder.
    pub out: PathBuf,
    /// English (`,`, decimal point, ISO dates) or German Excel (`;`, decimal comma, cp1252).
    pub german: bool,
    /// One kind of file of about this many bytes instead of the demo set.
    pub bytes: Option<(DatasetKind, usize)>,
}

/// Writes the files; returns the exit code.
pub fn run(args: &Args, out: &mut dyn Write) -> u8 {
    let format = if args.german { CsvFormat::GermanExcel } else { CsvFormat::English };
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        let _ = writeln!(std::io::stderr(), "kennzahl: {}: {e}", args.out.display());
        return 2;
    }
    let files: Vec<(String, Vec<u8>)> = match args.bytes {
        Some((kind, n)) => vec![(
            format!("{}-{n}.csv", kind.id()),
            sample::generate_bytes(kind, n, format, sample::DEMO_SEED),
        )],
        None => sample::demo()
            .iter()
            .map(|d| (format!("{}.csv", d.kind().id()), sample::write_csv(d, format)))
            .collect(),
    };
    for (name, bytes) in files {
        let path = args.out.join(name);
        if let Err(e) = std::fs::write(&path, &bytes) {
            let _ = writeln!(std::io::stderr(), "kennzahl: {}: {e}", path.display());
            return 2;
        }
        let _ = writeln!(out, "{} ({} bytes)", path.display(), bytes.len());
    }
    0
}
