//! The release version is the same everywhere: the workspace (`Cargo.toml`), `report --json`
//! (top-level `version`), and a CHANGELOG section of its own.

#![allow(clippy::unwrap_used)] // test helpers

use serde_json::Value;
use std::process::Command;

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn report_json(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_kennzahl"))
        .args(["report", "--sample", "--json"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn root_file(name: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(name),
    )
    .unwrap()
}

#[test]
fn the_workspace_version_is_the_release() {
    let manifest = root_file("Cargo.toml");
    let line = format!("[workspace.package]\nedition = \"2021\"\nversion = \"{VERSION}\"\n");
    assert!(manifest.contains(&line), "Cargo.toml's [workspace.package] version is not {VERSION}");
    assert_eq!(VERSION, "0.1.0");
}

#[test]
fn report_json_names_the_version_beside_the_unchanged_fields() {
    for args in [&[][..], &["--period", "2025-Q3"][..], &["--by", "plan"][..]] {
        let report = report_json(args);
        assert_eq!(report["version"], VERSION, "report --json {args:?}");
        // The added field leaves the others where consumers read them.
        assert_eq!(report["schema_version"], 3, "report --json {args:?}");
        assert!(report["as_of"]["date"].is_string(), "report --json {args:?}");
    }
}

#[test]
fn the_changelog_has_a_section_for_the_version() {
    let changelog = root_file("CHANGELOG.md");
    let head = format!("\n## [{VERSION}] - ");
    assert!(changelog.contains(&head), "CHANGELOG.md has no `## [{VERSION}] - DATE` section");
    let unreleased = changelog.find("\n## [Unreleased]").unwrap();
    assert!(unreleased < changelog.find(&head).unwrap(), "Unreleased comes first");
}
