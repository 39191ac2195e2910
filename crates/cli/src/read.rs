//! Reading a file for `report`, `drill` and `tables`: slice by slice into
//! [`ingest::Importer`] through one fixed buffer, so a file of gigabytes never sits in memory
//! whole (only its typed rows do). Large files show a progress bar on stderr when stderr is
//! a terminal (`indicatif`); stdout, where `--json` goes, is never written to.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use ingest::{ImportOptions, ImportResult, Importer, Lang};
use std::io::{IsTerminal, Read};
use std::path::Path;

/// Bytes read at a time: the only buffer of the file's bytes.
pub const READ_BUFFER: usize = 1 << 20;

/// Files at least this large show progress (when stderr is a terminal).
const PROGRESS_FROM: u64 = 64 << 20;

/// Files at least this large are read in two parts on two threads, where there are two
/// cores ([`import_in_parts`]).
const PARTS_FROM: u64 = 16 << 20;

/// Why a file could not be imported, as printed after `kennzahl: FILE: `.
#[derive(Debug)]
pub enum ReadError {
    /// The file cannot be opened or read.
    Io(std::io::Error),
    /// The import options could not be built from the file's head (`--usage-account`).
    Options(String),
    /// The file is unusable.
    Ingest(ingest::IngestError),
}

impl ReadError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ReadError::Io(e) => e.to_string(),
            ReadError::Options(m) => m.clone(),
            ReadError::Ingest(e) => e.message(lang),
        }
    }
}

/// Fills `buf` from `input` as far as it goes (short reads of pipes and signals retried);
/// returns how many bytes it holds, fewer than its length only at the end of the input.
fn fill(input: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match input.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// The read buffer of `buffer` bytes filled with the input's first slice, its length, and
/// the import options `options` builds from it (the head the sniffer reads).
fn head(
    input: &mut impl Read,
    buffer: usize,
    options: impl FnOnce(&[u8]) -> Result<ImportOptions, String>,
) -> Result<(Vec<u8>, usize, ImportOptions), ReadError> {
    let mut buf = vec![0; buffer.max(1)];
    let n = fill(input, &mut buf).map_err(ReadError::Io)?;
    let options = options(&buf[..n]).map_err(ReadError::Options)?;
    Ok((buf, n, options))
}

/// Imports `input` (`size` bytes, when known) in slices of `buffer` bytes. `options` builds
/// the import options from the first slice (the head the sniffer reads).
pub fn import_stream(
    input: &mut impl Read,
    size: Option<u64>,
    buffer: usize,
    options: impl FnOnce(&[u8]) -> Result<ImportOptions, String>,
    progress: &ProgressBar,
) -> Result<ImportResult, ReadError> {
    let (mut buf, n, options) = head(input, buffer, options)?;
    let mut importer = match size {
        Some(size) => Importer::with_file_size(options, size),
        None => Importer::new(options),
    };
    if n > 0 {
        importer.push(&buf[..n]).map_err(ReadError::Ingest)?;
        progress.inc(n as u64);
    }
    finish_stream(importer, input, &mut buf, progress)
}

/// [`import_stream`] of an input of `size` bytes in two parts on two threads: this thread
/// imports the bytes up to the first `\n` at or after the middle, and a second one, reading
/// the input again from its start (`again`), counts the lines before that `\n` and imports
/// the rest ([`ingest::Fork`]); the parts are joined into the result of one import. Where
/// the join refuses (the `\n` stood inside a quoted cell, or the attributes cannot be
/// joined exactly) this thread imports the rest itself, as [`import_stream`] would.
pub fn import_in_parts<R: Read + Send>(
    input: &mut impl Read,
    again: impl FnOnce() -> std::io::Result<R> + Send,
    size: u64,
    buffer: usize,
    options: impl FnOnce(&[u8]) -> Result<ImportOptions, String>,
    progress: &ProgressBar,
) -> Result<ImportResult, ReadError> {
    let (mut buf, n, options) = head(input, buffer, options)?;
    let mut importer = Importer::with_file_size(options, size);
    importer.push(&buf[..n]).map_err(ReadError::Ingest)?;
    progress.inc(n as u64);
    let middle = size / 2;
    let Some(fork) = importer.fork().filter(|_| (n as u64) < middle) else {
        return finish_stream(importer, input, &mut buf, progress);
    };
    let bar = progress.clone();
    std::thread::scope(|scope| {
        let later = scope.spawn(move || later_part(again, fork, middle, size, buffer, &bar));
        // This part: up to and with the first `\n` at or after the middle.
        let mut at = n as u64;
        let mut rest = None;
        loop {
            let n = fill(input, &mut buf).map_err(ReadError::Io)?;
            if n == 0 {
                break;
            }
            let from = middle.saturating_sub(at).min(n as u64) as usize;
            if let Some(i) = buf[from..n].iter().position(|&b| b == b'\n') {
                let end = from + i + 1;
                importer.push(&buf[..end]).map_err(ReadError::Ingest)?;
                progress.inc(end as u64);
                rest = Some((end, n));
                break;
            }
            importer.push(&buf[..n]).map_err(ReadError::Ingest)?;
            progress.inc(n as u64);
            at += n as u64;
        }
        let later = later.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        let importer = match later.filter(|_| rest.is_some()) {
            Some(part) => match importer.join(part) {
                Ok(result) => return Ok(result),
                Err(both) => both.0,
            },
            None => importer,
        };
        // No join: the rest of the input here (the later part's bytes were counted).
        let mut importer = importer;
        if let Some((end, n)) = rest {
            importer.push(&buf[end..n]).map_err(ReadError::Ingest)?;
        }
        let hidden = ProgressBar::hidden();
        finish_stream(importer, input, &mut buf, &hidden)
    })
}

/// Pushes the rest of `input` into `importer` and finishes it.
fn finish_stream(
    mut importer: Importer,
    input: &mut impl Read,
    buf: &mut [u8],
    progress: &ProgressBar,
) -> Result<ImportResult, ReadError> {
    loop {
        let n = fill(input, buf).map_err(ReadError::Io)?;
        if n == 0 {
            break;
        }
        importer.push(&buf[..n]).map_err(ReadError::Ingest)?;
        progress.inc(n as u64);
    }
    importer.finish().map_err(ReadError::Ingest)
}

/// The later part of [`import_in_parts`]: the input read from its start, the line breaks up
/// to the first `\n` at or after `middle` counted, the rest imported; `None` when there is
/// no such `\n` (the first part is the whole input).
fn later_part<R: Read>(
    again: impl FnOnce() -> std::io::Result<R>,
    fork: ingest::Fork,
    middle: u64,
    size: u64,
    buffer: usize,
    progress: &ProgressBar,
) -> Result<Option<ingest::Part>, ReadError> {
    let mut input = again().map_err(ReadError::Io)?;
    let mut buf = vec![0; buffer.max(1)];
    let (mut at, mut lines) = (0u64, 0u64);
    let (cut, n) = loop {
        let n = fill(&mut input, &mut buf).map_err(ReadError::Io)?;
        if n == 0 {
            return Ok(None);
        }
        let from = middle.saturating_sub(at).min(n as u64) as usize;
        lines += count_newlines(&buf[..from]);
        if let Some(i) = buf[from..n].iter().position(|&b| b == b'\n') {
            break (from + i + 1, n);
        }
        lines += count_newlines(&buf[from..n]);
        at += n as u64;
    };
    // The line after the cut's `\n` (the `\n`s before it and that one).
    let first_line = lines + 2;
    let part_size = size.saturating_sub(at + cut as u64);
    let mut importer = fork.start(first_line, Some(part_size)).map_err(ReadError::Ingest)?;
    importer.push(&buf[cut..n]).map_err(ReadError::Ingest)?;
    progress.inc((n - cut) as u64);
    loop {
        let n = fill(&mut input, &mut buf).map_err(ReadError::Io)?;
        if n == 0 {
            break;
        }
        importer.push(&buf[..n]).map_err(ReadError::Ingest)?;
        progress.inc(n as u64);
    }
    importer.finish_part().map(Some).map_err(ReadError::Ingest)
}

/// The `\n` bytes in `bytes`.
fn count_newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

/// A progress bar for a file of `size` bytes on stderr, hidden unless stderr is a terminal
/// and the file is large.
fn bar(path: &Path, size: u64) -> ProgressBar {
    if size < PROGRESS_FROM || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(size), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template(
        "{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {eta}",
    );
    if let Ok(style) = style {
        bar.set_style(style.progress_chars("=> "));
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    bar.set_message(name);
    bar
}

/// Imports the file at `path` (see [`import_stream`]), with progress for a large file.
pub fn import_file(
    path: &Path,
    options: impl FnOnce(&[u8]) -> Result<ImportOptions, String>,
) -> Result<ImportResult, ReadError> {
    let mut file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let size = file.metadata().ok().map(|m| m.len());
    let progress = bar(path, size.unwrap_or(0));
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let result = match size {
        Some(size) if size >= PARTS_FROM && cores > 1 => {
            let again = || std::fs::File::open(path);
            import_in_parts(&mut file, again, size, READ_BUFFER, options, &progress)
        }
        _ => import_stream(&mut file, size, READ_BUFFER, options, &progress),
    };
    progress.finish_and_clear();
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Generated subscriptions of about 300 kB, well past the sniffer's 64 KiB head.
    fn big_file(format: sample::CsvFormat) -> Vec<u8> {
        let kind = records::DatasetKind::Subscriptions;
        sample::generate_bytes(kind, 300_000, format, sample::DEMO_SEED)
    }

    /// A reader that hands out at most `step` bytes per `read`, like a pipe.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.1.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn slices_smaller_than_the_file_give_the_one_shot_import() {
        for format in [sample::CsvFormat::English, sample::CsvFormat::GermanExcel] {
            same_in_slices(&big_file(format));
        }
    }

    fn same_in_slices(bytes: &[u8]) {
        let whole = ingest::import(bytes, &ImportOptions::default()).expect("file imports");
        assert!(bytes.len() > 4 * ingest::SNIFF_BYTES, "past the head: {}", bytes.len());
        assert!(whole.accounting.used > 5000, "{:?}", whole.accounting);
        for (buffer, step, size) in [
            (4096, 4096, Some(bytes.len() as u64)),
            (4096, 1000, None),
            (777, 13, None),
            (bytes.len() * 2, usize::MAX, Some(bytes.len() as u64)),
        ] {
            let mut input = Trickle(bytes, step);
            let hidden = ProgressBar::hidden();
            let defaults = |_: &[u8]| Ok(ImportOptions::default());
            let read = import_stream(&mut input, size, buffer, defaults, &hidden);
            let read = read.expect("file imports in slices");
            // Not `assert_eq!`: the debug output of thousands of rows says nothing.
            assert!(read.dataset == whole.dataset, "rows differ: buffer {buffer}, step {step}");
            assert!(read.lines == whole.lines, "lines differ: buffer {buffer}, step {step}");
            assert_eq!(read.accounting, whole.accounting);
            assert_eq!(read.attributes, whole.attributes);
            assert_eq!(hidden.position(), bytes.len() as u64, "every byte counted once");
        }
    }

    #[test]
    fn two_parts_on_two_threads_give_the_one_thread_import() {
        let mut files: Vec<Vec<u8>> =
            [sample::CsvFormat::English, sample::CsvFormat::GermanExcel].map(big_file).into();
        // A quoted cell with line breaks right at the middle, and a bad row after it.
        let mut quoted = big_file(sample::CsvFormat::English);
        let mid = quoted.len() / 2;
        let at = mid - quoted[..mid].iter().rev().position(|&b| b == b'\n').unwrap_or(0);
        let header_cells =
            quoted.iter().take_while(|&&b| b != b'\n').filter(|&&b| b == b',').count();
        let mut row = b"\"K\nX\n\"".to_vec();
        row.extend(std::iter::repeat_n(b',', header_cells));
        row.extend_from_slice(b"\nK1,no date\n");
        quoted.splice(at..at, row);
        files.push(quoted);
        for bytes in &files {
            let size = bytes.len() as u64;
            let hidden = ProgressBar::hidden();
            let defaults = |_: &[u8]| Ok(ImportOptions::default());
            let one = import_stream(&mut Trickle(bytes, 4096), Some(size), 4096, defaults, &hidden);
            let one = one.expect("file imports");
            for (buffer, step) in [(4096, 4096), (777, 13), (1 << 20, usize::MAX)] {
                let bar = ProgressBar::hidden();
                let again = || Ok(Trickle(bytes, step));
                let defaults = |_: &[u8]| Ok(ImportOptions::default());
                let two =
                    import_in_parts(&mut Trickle(bytes, step), again, size, buffer, defaults, &bar);
                let two = two.expect("file imports in parts");
                assert_eq!(two.accounting, one.accounting);
                assert_eq!(two.rejections, one.rejections);
                assert!(two == one, "parts differ: buffer {buffer}, step {step}");
                assert_eq!(bar.position(), size, "every byte counted once");
            }
        }
    }

    #[test]
    fn the_options_see_the_head_and_an_empty_file_is_zero_bytes() {
        let bytes = big_file(sample::CsvFormat::English);
        let mut seen = 0;
        let mut input = Trickle(&bytes, 100);
        let hidden = ProgressBar::hidden();
        let options = |head: &[u8]| {
            seen = head.len();
            Ok(ImportOptions::default())
        };
        assert!(import_stream(&mut input, None, 4096, options, &hidden).is_ok());
        assert_eq!(seen, 4096, "the first slice is filled before the options are asked");
        let fail = |_: &[u8]| Err("no".to_string());
        let e = import_stream(&mut Trickle(&bytes, 10), None, 64, fail, &hidden);
        assert!(matches!(e, Err(ReadError::Options(m)) if m == "no"));
        let defaults = |_: &[u8]| Ok(ImportOptions::default());
        let e = import_stream(&mut Trickle(b"", 10), None, 64, defaults, &hidden);
        assert!(matches!(e, Err(ReadError::Ingest(ingest::IngestError::ZeroBytes))));
    }
}
