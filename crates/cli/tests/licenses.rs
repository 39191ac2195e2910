//! The release's third-party license list (`THIRD-PARTY-LICENSES.md`, written by
//! `tools/licenses.py`): every shipped dependency's license is in the allow-list, has a text,
//! and the committed list matches `Cargo.lock`. After a dependency change:
//! `python3 tools/licenses.py --write`.

#![allow(clippy::unwrap_used)] // test helper

use std::path::Path;
use std::process::Command;

fn licenses(flag: &str) -> (bool, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = Command::new("python3")
        .arg("tools/licenses.py")
        .arg(flag)
        .current_dir(&root)
        .output()
        .unwrap();
    let text =
        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

#[test]
fn license_expressions_are_judged_by_the_allow_list() {
    let (ok, text) = licenses("--selftest");
    assert!(ok, "{text}");
    assert!(text.contains("11 passed, 0 failed"), "{text}");
}

#[test]
fn the_third_party_license_list_is_current_and_allowed() {
    let (ok, text) = licenses("--check");
    assert!(ok, "{text}");
}
