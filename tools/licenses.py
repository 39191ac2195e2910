#!/usr/bin/env python3
"""The third-party license list of what a Kennzahl release ships, generated, never hand-written.

usage: licenses.py --write     rewrite THIRD-PARTY-LICENSES.md from Cargo.lock
       licenses.py --check     fail (exit 1) when a shipped dependency's license is not in the
                               allow-list, when one has no license text, or when
                               THIRD-PARTY-LICENSES.md is stale against Cargo.lock
       licenses.py --selftest  the license-expression rules on hand-made cases

What ships: the browser app and its import worker (the root package `kennzahl`, both binaries,
built for wasm32-unknown-unknown) and the CLI (`kennzahl-cli`, built for x86_64 Linux). For
each, the closure of *normal* dependencies from `cargo metadata --filter-platform TARGET`
(dev-dependencies and build-dependencies are not followed: they are never linked in; proc
macros are listed, their expansions are in the code). Cargo's resolve unifies features over
the workspace, so the list may name a crate a target does not really link: never one fewer.
The license texts are the files found in each package's own directory (LICENSE*, LICENCE*,
COPYING*, NOTICE*, UNLICENSE*, and the manifest's `license-file`), as cargo unpacked them.
npm packages: those in package.json's `dependencies` would be bundled; `devDependencies` are
test and build tools whose code is not in dist/.
"""
import argparse
import hashlib
import json
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "THIRD-PARTY-LICENSES.md"

# A license expression is allowed when it can be satisfied with these (SPDX ids).
ALLOWED = {
    "MIT", "MIT-0", "Apache-2.0", "Apache-2.0 WITH LLVM-exception", "BSD-2-Clause",
    "BSD-3-Clause", "0BSD", "ISC", "Unicode-3.0", "Unicode-DFS-2016", "Zlib", "MPL-2.0",
    "BSL-1.0", "CC0-1.0", "Unlicense",
}

# (label, package name, target triple, what it is)
SHIPPED = [
    ("web", "kennzahl", "wasm32-unknown-unknown", "the browser app and its import worker (wasm)"),
    ("cli", "kennzahl-cli", "x86_64-unknown-linux-gnu", "the `kennzahl` command-line binary"),
]

LICENSE_FILE = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE|UNLICENSE)", re.IGNORECASE)


# --- license expressions -------------------------------------------------------------------------

def tokens(expr):
    # Old crates write "MIT/Apache-2.0" for "MIT OR Apache-2.0".
    expr = expr.replace("/", " OR ")
    return re.findall(r"\(|\)|[A-Za-z0-9.+\-]+", expr)


def allowed(expr, allow=ALLOWED):
    """Whether the SPDX expression can be met with allowed licenses only (OR: one side; AND:
    both; `X WITH E` counts as itself when listed, else as X)."""
    toks = tokens(expr)
    pos = 0

    def peek():
        return toks[pos] if pos < len(toks) else None

    def take():
        nonlocal pos
        pos += 1
        return toks[pos - 1]

    def atom():
        t = take()
        if t == "(":
            v = disj()
            if take() != ")":
                raise ValueError(f"unbalanced parentheses in {expr!r}")
            return v
        if peek() == "WITH":
            take()
            exc = take()
            return f"{t} WITH {exc}" in allow or t in allow
        return t.rstrip("+") in allow

    def conj():
        v = atom()
        while peek() == "AND":
            take()
            v = atom() and v
        return v

    def disj():
        v = conj()
        while peek() == "OR":
            take()
            v = conj() or v
        return v

    if not toks:
        return False
    result = disj()
    if pos != len(toks):
        raise ValueError(f"cannot read license expression {expr!r}")
    return result


def selftest():
    cases = [
        ("MIT", True), ("MIT OR Apache-2.0", True), ("MIT/Apache-2.0", True),
        ("Apache-2.0 WITH LLVM-exception", True), ("GPL-3.0-only", False),
        ("MIT OR GPL-3.0-only", True), ("MIT AND GPL-3.0-only", False),
        ("(MIT OR Apache-2.0) AND Unicode-3.0", True), ("(MIT OR Apache-2.0) AND LGPL-2.1", False),
        ("GPL-2.0 WITH Classpath-exception-2.0", False), ("", False),
    ]
    bad = [(e, want) for e, want in cases if allowed(e) != want]
    for e, want in bad:
        print(f"selftest: allowed({e!r}) should be {want}", file=sys.stderr)
    print(f"licenses selftest: {len(cases) - len(bad)} passed, {len(bad)} failed")
    return 1 if bad else 0


# --- the dependency closure ----------------------------------------------------------------------

def metadata(target):
    # Not --offline: on a fresh machine the wasm-only crates are not downloaded yet when the
    # native tests run; --locked keeps Cargo.lock as it is.
    out = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--locked",
         "--filter-platform", target],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(out)


def closure(meta, root_name):
    packages = {p["id"]: p for p in meta["packages"]}
    members = set(meta["workspace_members"])
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    root = next(i for i in members if packages[i]["name"] == root_name)
    seen, todo = set(), [root]
    while todo:
        node = nodes[todo.pop()]
        for dep in node["deps"]:
            if any(k["kind"] is None for k in dep["dep_kinds"]) and dep["pkg"] not in seen:
                seen.add(dep["pkg"])
                todo.append(dep["pkg"])
    return [packages[i] for i in seen if i not in members]


def license_texts(pkg):
    folder = pathlib.Path(pkg["manifest_path"]).parent
    files = sorted(f for f in folder.iterdir() if f.is_file() and LICENSE_FILE.match(f.name))
    if pkg.get("license_file"):
        extra = (folder / pkg["license_file"]).resolve()
        if extra.is_file() and extra not in files:
            files.append(extra)
    texts = [(f.name, f.read_text(encoding="utf-8", errors="replace").strip()) for f in files]
    return texts or standard_texts(pkg)


def standard_texts(pkg):
    """A package published without a license file (the Leptos crates, gloo): the standard
    text of the licenses its manifest names, with its authors as the copyright holders."""
    ids = set(tokens(pkg.get("license") or ""))
    holders = ", ".join(a.split(" <")[0] for a in pkg.get("authors") or []) or f"the {pkg['name']} authors"
    texts = []
    if "MIT" in ids:
        body = (ROOT / "LICENSE-MIT").read_text(encoding="utf-8").split("\n\n", 2)[2]
        texts.append(("standard MIT text, no license file in the package",
                      f"MIT License\n\nCopyright (c) {holders}\n\n{body}".strip()))
    if "Apache-2.0" in ids:
        texts.append(("standard Apache-2.0 text, no license file in the package",
                      (ROOT / "LICENSE-APACHE").read_text(encoding="utf-8").strip()))
    return texts


def npm_bundled():
    pkg = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    return sorted(pkg.get("dependencies", {}).items()), sorted(pkg.get("devDependencies", {}))


# --- the document --------------------------------------------------------------------------------

def generate():
    crates = {}  # (name, version) -> {"pkg": ..., "in": set()}
    own_version = None
    for label, name, target, _ in SHIPPED:
        meta = metadata(target)
        own_version = next(p["version"] for p in meta["packages"] if p["name"] == "kennzahl")
        for pkg in closure(meta, name):
            entry = crates.setdefault((pkg["name"], pkg["version"]), {"pkg": pkg, "in": set()})
            entry["in"].add(label)
    rows = sorted(crates.values(), key=lambda e: (e["pkg"]["name"], e["pkg"]["version"]))
    problems = []
    lines = [
        "# Third-party licenses",
        "",
        f"Kennzahl {own_version} is licensed under MIT OR Apache-2.0 (`LICENSE-MIT`, `LICENSE-APACHE`).",
        "This file lists the third-party code a release ships, with the license texts each",
        "package carries. It is generated by `tools/licenses.py --write` from `Cargo.lock`",
        "(`cargo metadata`) and the packages' own license files; do not edit it by hand.",
        "",
        "What ships:",
        "",
    ]
    for label, name, target, what in SHIPPED:
        n = sum(1 for e in rows if label in e["in"])
        lines.append(f"- `{label}`: {what}: package `{name}` for `{target}`, {n} crates (normal dependencies, transitively).")
    deps, dev = npm_bundled()
    if deps:
        lines.append("- npm packages bundled into the web app: " + ", ".join(f"`{n}` {v}" for n, v in deps) + ".")
    else:
        lines.append("- npm packages bundled into the web app: none. `package.json` has only devDependencies ("
                     + ", ".join(f"`{n}`" for n in dev)
                     + "): the browser-test runner, `wasm-opt`, terser (it minifies the calculator module's own js"
                     " glue) and benchmark peers, none of whose code is in `dist/`.")
    lines += [
        "- The Rust standard library (`std`, `core`, `alloc` and their dependencies), MIT OR Apache-2.0,",
        "  is compiled into both.",
        "",
        "## Summary by license",
        "",
        "| License | Crates |",
        "| --- | ---: |",
    ]
    by_license = {}
    for e in rows:
        by_license.setdefault(e["pkg"]["license"] or "(none given)", []).append(e)
    for lic in sorted(by_license):
        lines.append(f"| {lic} | {len(by_license[lic])} |")
    lines += ["", "## Crates", "", "| Crate | Version | License | Shipped in | Repository |", "| --- | --- | --- | --- | --- |"]
    for e in rows:
        p = e["pkg"]
        lic = p["license"] or ""
        if not lic:
            problems.append(f"{p['name']} {p['version']}: no license expression in its manifest")
        elif not allowed(lic):
            problems.append(f"{p['name']} {p['version']}: license {lic!r} is not in the allow-list")
        lines.append(f"| {p['name']} | {p['version']} | {lic} | {', '.join(sorted(e['in']))} | {p.get('repository') or ''} |")
    lines += ["", "## License texts", "", "Identical texts are printed once, under every crate that carries them.", ""]
    groups = {}  # text hash -> (text, [crate file names])
    order = []
    for e in rows:
        p = e["pkg"]
        texts = license_texts(p)
        if not texts:
            problems.append(f"{p['name']} {p['version']}: no license file in the package")
        for fname, text in texts:
            key = hashlib.sha256(text.encode()).hexdigest()
            if key not in groups:
                groups[key] = (text, [])
                order.append(key)
            groups[key][1].append(f"{p['name']} {p['version']} ({fname})")
    for key in order:
        text, owners = groups[key]
        lines.append("### " + ", ".join(owners))
        lines += ["", "```text", text.replace("```", "'''"), "```", ""]
    return "\n".join(lines).rstrip() + "\n", problems


def main():
    ap = argparse.ArgumentParser()
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--write", action="store_true")
    g.add_argument("--check", action="store_true")
    g.add_argument("--selftest", action="store_true")
    a = ap.parse_args()
    if a.selftest:
        return selftest()
    text, problems = generate()
    for p in problems:
        print(f"licenses: {p}", file=sys.stderr)
    if a.write:
        OUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUT.name} ({len(text.splitlines())} lines)")
        return 1 if problems else 0
    current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
    if current != text:
        print(f"licenses: {OUT.name} is stale against Cargo.lock: run python3 tools/licenses.py --write", file=sys.stderr)
        return 1
    if problems:
        return 1
    print(f"licenses: {OUT.name} is current, every shipped license is allowed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
