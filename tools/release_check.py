#!/usr/bin/env python3
"""Tests of the release archives as a user gets them (`./dev release` runs them).

usage: release_check.py cli --archive TAR_GZ --workspace-cli BINARY
       release_check.py web --archive ZIP [--cli BINARY] [--base /tools/kennzahl/]
       release_check.py sums --dir RELEASE_DIR

cli:  unpacks the CLI archive into a temp folder and runs the packed `kennzahl` on fixtures
      (two German Excel exports of tests/data, and the demo data for a quarter); its
      `report --json` output must equal the workspace build's byte for byte and name the
      release version; the archive must hold the README (with the glibc floor) and licenses.
web:  unpacks the web archive into a temp folder and runs the calculator, import, version and
      offline browser specs against its app/ folder, served by tools/serve.py below a sub-path.
sums: every file SHA256SUMS names has that sum, and SHA256SUMS names every archive.
Each prints a closing `N passed, N failed` line.
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys
import tarfile
import tempfile
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import release  # noqa: E402  (the version, as the packer reads it)

VERSION = release.version()
FIXTURES = [
    ["report", "tests/data/segments_subscriptions.csv", "tests/data/segments_tickets.csv", "--json"],
    ["report", "tests/data/segments_subscriptions.csv", "--json", "--by", "plan", "--period", "2025-Q1"],
    ["report", "--sample", "--json", "--period", "2025-Q3"],
]


class Checks:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAILED: {what}", file=sys.stderr)

    def close(self, name):
        print(f"release {name}: {self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0


def run(binary, args):
    return subprocess.run([str(binary), *args], cwd=ROOT, capture_output=True)


def check_cli(archive, workspace_cli):
    c = Checks()
    with tempfile.TemporaryDirectory(prefix="kennzahl-cli-") as tmp:
        with tarfile.open(archive) as t:
            t.extractall(tmp, filter="data")
        folder = pathlib.Path(tmp) / f"kennzahl-{VERSION}-x86_64-linux"
        names = sorted(p.name for p in folder.iterdir())
        c.check(names == ["LICENSE-APACHE", "LICENSE-MIT", "README.md", "THIRD-PARTY-LICENSES.md", "kennzahl"],
                f"the CLI archive holds the binary, README and licenses, not {names}")
        packed = folder / "kennzahl"
        c.check(os.access(packed, os.X_OK), "the packed kennzahl is executable")
        readme = (folder / "README.md").read_text(encoding="utf-8")
        floor = release.glibc_floor(packed)
        c.check(f"kennzahl {VERSION}" in readme and (f"glibc {floor} or newer" in readme if floor else "static" in readme),
                f"the README names the version and the glibc floor ({floor})")
        for args in FIXTURES:
            mine, theirs = run(packed, args), run(workspace_cli, args)
            c.check(mine.returncode == theirs.returncode == 0,
                    f"kennzahl {' '.join(args)}: exit {mine.returncode} (packed) and {theirs.returncode} (workspace): {mine.stderr[-500:]!r}")
            c.check(mine.stdout == theirs.stdout and len(mine.stdout) > 1000,
                    f"kennzahl {' '.join(args)}: the packed binary's JSON differs from the workspace build's")
            try:
                c.check(json.loads(mine.stdout)["version"] == VERSION, f"kennzahl {' '.join(args)}: version {VERSION}")
            except (ValueError, KeyError) as e:
                c.check(False, f"kennzahl {' '.join(args)}: JSON with a version ({e})")
    return c.close("cli archive")


def check_web(archive, cli, base):
    c = Checks()
    with tempfile.TemporaryDirectory(prefix="kennzahl-web-") as tmp:
        with zipfile.ZipFile(archive) as z:
            z.extractall(tmp)
        folder = pathlib.Path(tmp) / f"kennzahl-{VERSION}-web"
        app = folder / "app"
        for name in ["HOSTING.md", "nginx.conf.example", "csp.txt", "serve.py", "LICENSE-MIT",
                     "LICENSE-APACHE", "THIRD-PARTY-LICENSES.md", "app/index.html", "app/sw.js", "app/csp.txt"]:
            c.check((folder / name).is_file(), f"the web archive holds {name}")
        csp = (app / "csp.txt").read_text(encoding="utf-8").strip()
        nginx = (folder / "nginx.conf.example").read_text(encoding="utf-8")
        c.check(f'"{csp}; frame-ancestors' in nginx, "the nginx example carries this build's policy")
        hosting = (folder / "HOSTING.md").read_text(encoding="utf-8")
        c.check("@VERSION@" not in hosting and "@CSP@" not in hosting and csp in hosting,
                "the hosting guide has its placeholders filled in")
        env = dict(os.environ, KZ_DIST=str(app), KZ_APP_BASE=base)
        for k in ["KZ_APP_PORT", "KZ_HOST_PORT", "KZ_SUB_PORT", "KZ_BASE_URL"]:
            env.pop(k, None)
        if cli:
            env["KZ_CLI"] = str(cli)
        # The privacy spec's offline tests only: its header and origin tests are about the
        # origin's root, which this test serves nothing at.
        runs = [["specs/calculator.spec.ts", "specs/import.spec.ts", "specs/version.spec.ts"],
                ["specs/privacy.spec.ts", "--grep", "offline"]]
        for args in runs:
            r = subprocess.run(["npx", "playwright", "test", "--config", "tests/playwright.config.ts", *args],
                               cwd=ROOT, env=env)
            c.check(r.returncode == 0, f"{' '.join(args)} against the unpacked web archive below {base}")
    return c.close("web archive")


def check_sums(folder):
    c = Checks()
    folder = pathlib.Path(folder)
    lines = (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    named = {}
    for line in lines:
        digest, name = line.split("  ", 1)
        named[name] = digest
    archives = sorted(p.name for p in folder.iterdir() if p.name != "SHA256SUMS")
    c.check(sorted(named) == archives, f"SHA256SUMS names {sorted(named)}, the folder has {archives}")
    c.check(sorted(named) == [f"kennzahl-{VERSION}-web.zip", f"kennzahl-{VERSION}-x86_64-linux.tar.gz"],
            "SHA256SUMS names the two archives of this version")
    for name, digest in named.items():
        path = folder / name
        c.check(path.is_file() and release.sha256(path) == digest, f"the sum of {name}")
    return c.close("sums")


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("cli")
    p.add_argument("--archive", required=True)
    p.add_argument("--workspace-cli", required=True)
    w = sub.add_parser("web")
    w.add_argument("--archive", required=True)
    w.add_argument("--cli")
    w.add_argument("--base", default="/tools/kennzahl/")
    s = sub.add_parser("sums")
    s.add_argument("--dir", required=True)
    a = ap.parse_args()
    if a.cmd == "cli":
        return check_cli(a.archive, a.workspace_cli)
    if a.cmd == "web":
        return check_web(a.archive, a.cli, a.base)
    return check_sums(a.dir)


if __name__ == "__main__":
    sys.exit(main())
