//! The command line as users meet it: usage errors exit with 2 and say what is wrong,
//! `--version` names the workspace version, every shell gets a completion script, and a
//! file larger than the CLI's read buffer gives the same report as importing it in one piece.

// Test helpers outside #[test] functions may unwrap: a failure there is a failed test.
#![allow(clippy::unwrap_used)]

use std::process::Command;

/// Exit code, stdout and stderr of `kennzahl ARGS`.
fn kennzahl(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kennzahl")).args(args).output().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

#[test]
fn bad_arguments_exit_with_2_and_a_message_on_stderr() {
    for (args, says) in [
        (&["report", "--sample", "--frobnicate"][..], "unexpected argument '--frobnicate'"),
        (&["report"][..], "<FILE>"),
        (&["report", "--sample", "--period", "2025-13"][..], "2025-Q3"),
        (&["report", "--sample", "--lang", "fr"][..], "[possible values: de, en]"),
        (&["drill", "--sample", "--kpi", "nonsense"][..], "no drill-down for this KPI"),
        (&["frobnicate"][..], "unrecognized subcommand 'frobnicate'"),
        (&[][..], "Usage: kennzahl <COMMAND>"),
        (&["completions", "tcsh"][..], "[possible values: bash, elvish, fish, powershell, zsh]"),
    ] {
        let (code, out, err) = kennzahl(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?} wrote to stdout: {out}");
    }
}

#[test]
fn help_goes_to_stdout_with_exit_code_0() {
    let (code, out, _) = kennzahl(&["report", "--help"]);
    assert_eq!(code, 0);
    for option in ["--period <P>", "--where <COLUMN=VALUE>", "--as-of <DAY>", "--rate <CODE=RATE>"]
    {
        assert!(out.contains(option), "{option} missing from\n{out}");
    }
    let (code, out, _) = kennzahl(&["help"]);
    assert_eq!(code, 0);
    for command in ["inspect", "report", "drill", "tables", "sql", "sample", "completions"] {
        assert!(out.contains(&format!("  {command} ")), "{command} missing from\n{out}");
    }
}

/// `[workspace.package] version` of the root Cargo.toml.
fn workspace_version() -> String {
    let toml = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.toml"));
    let toml = toml.unwrap();
    let section = &toml[toml.find("[workspace.package]").unwrap()..];
    let line = section.lines().find(|l| l.starts_with("version")).unwrap();
    line.split('"').nth(1).unwrap().to_string()
}

#[test]
fn version_prints_the_workspace_version() {
    let (code, out, _) = kennzahl(&["--version"]);
    assert_eq!(code, 0);
    assert_eq!(out, format!("kennzahl {}\n", workspace_version()));
    let parts: Vec<&str> = out.trim_end().trim_start_matches("kennzahl ").split('.').collect();
    assert!(parts.len() == 3 && parts.iter().all(|p| p.parse::<u32>().is_ok()), "{out}");
}

#[test]
fn completions_for_every_shell_name_the_subcommands() {
    for (shell, marker) in [
        ("bash", "complete -F _kennzahl"),
        ("zsh", "#compdef kennzahl"),
        ("fish", "complete -c kennzahl"),
    ] {
        let (code, out, err) = kennzahl(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(out.contains(marker), "{shell}: no {marker:?}");
        for word in ["report", "period", "usage-account", "drill", "cohort", "completions"] {
            assert!(out.contains(word), "{shell}: no {word}");
        }
    }
}

#[test]
fn a_file_larger_than_the_read_buffer_gives_the_one_shot_report() {
    let kind = records::DatasetKind::Subscriptions;
    // About 3 MB: three reads of the 1 MiB buffer and a short last one.
    let bytes = sample::generate_bytes(kind, 3_000_000, sample::CsvFormat::English, 7);
    assert!(bytes.len() > 2 * (1 << 20) && !bytes.len().is_multiple_of(1 << 20));
    let dir = std::env::temp_dir().join(format!("kennzahl-args-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("subscriptions.csv");
    std::fs::write(&path, &bytes).unwrap();

    let (code, out, err) = kennzahl(&["report", path.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{err}");
    // Notes only (the assumptions for the export's missing columns), no progress bar: stderr
    // is no terminal here.
    assert!(err.lines().all(|l| l.starts_with("kennzahl: ")) && !err.contains('\r'), "{err}");
    let cli: serde_json::Value = serde_json::from_str(&out).unwrap();

    // The one-shot path: the whole file in memory, `ingest::import`, the same report call.
    let whole = ingest::import(&bytes, &ingest::ImportOptions::default()).unwrap();
    assert!(whole.accounting.used > 60_000, "{:?}", whole.accounting);
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
    let today = records::Date::from_days((secs.as_secs() / 86_400) as i32);
    let options = analytics::ReportOptions { today: Some(today), ..Default::default() };
    let report = analytics::segment::filtered(&[whole.dataset], &[whole.attributes], &options, &[]);
    // Through text as the CLI's output went (serde_json's float parsing may differ from the
    // value it printed by one unit in the last place).
    let text = serde_json::to_string_pretty(&report.unwrap()).unwrap();
    let expected: serde_json::Value = serde_json::from_str(&text).unwrap();

    // Every key of the one-shot report, equal (the CLI may add keys of its own).
    let (cli, expected) = (cli.as_object().unwrap(), expected.as_object().unwrap());
    for (key, value) in expected {
        assert_eq!(cli.get(key), Some(value), "{key}");
    }
    let rows = &cli["datasets"][0]["rows"];
    assert_eq!(rows.as_u64(), Some(whole.accounting.used as u64), "{rows}");
    assert!(cli["revenue"]["months"].as_array().is_some_and(|m| m.len() > 12));
    std::fs::remove_dir_all(&dir).unwrap();
}
