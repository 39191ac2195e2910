#!/usr/bin/env python3
"""Packs a release from finished builds into reproducible archives (`./dev release` calls it).

usage: release.py pack --dist DIR --cli BINARY --out DIR [--epoch SECONDS]
       release.py version            print the workspace version (Cargo.toml)
       release.py glibc BINARY        print the highest GLIBC_x.y symbol version BINARY needs

`pack` writes into --out:
  kennzahl-VERSION-web.zip              kennzahl-VERSION-web/app/ (the built dist/, precompressed
                                        files included), csp.txt, HOSTING.md, nginx.conf.example
                                        (docs/release/, this build's policy filled in), serve.py,
                                        LICENSE-MIT, LICENSE-APACHE, THIRD-PARTY-LICENSES.md
  kennzahl-VERSION-x86_64-linux.tar.gz  kennzahl-VERSION-x86_64-linux/kennzahl, README.md (with the
                                        glibc floor read from the binary), the three license files
  SHA256SUMS                            `sha256sum -c` format, sorted by name

Reproducible: entries sorted by path, every mtime = --epoch (SOURCE_DATE_EPOCH, the commit
time; zip stores local time fields, written here as that UTC time), owner 0:0 with no names,
modes 0644 (0755 for folders and the binary), no extra fields, gzip header without name and
with mtime 0, fixed compression levels.
"""
import argparse
import gzip
import hashlib
import io
import os
import pathlib
import re
import subprocess
import sys
import tarfile
import time
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "docs" / "release"
LICENSES = ["LICENSE-MIT", "LICENSE-APACHE", "THIRD-PARTY-LICENSES.md"]
# Already compressed: stored as they are (deflating them again gains nothing).
STORED = (".br", ".gz", ".png", ".zip")


def version():
    text = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    m = re.search(r'^\[workspace\.package\][^\[]*?^version = "([^"]+)"', text, re.M | re.S)
    if not m:
        sys.exit("release: no version in Cargo.toml's [workspace.package]")
    return m.group(1)


def glibc_floor(binary):
    """The highest GLIBC_ symbol version the binary's dynamic symbols need ("" for none:
    a static binary)."""
    out = subprocess.run(["objdump", "-T", str(binary)], check=True, capture_output=True, text=True).stdout
    found = {tuple(int(x) for x in v.split(".")) for v in re.findall(r"GLIBC_([0-9]+(?:\.[0-9]+)+)", out)}
    return ".".join(map(str, max(found))) if found else ""


def files_under(folder):
    """Every file below folder, as (relative POSIX path, path), sorted by relative path."""
    out = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for f in filenames:
            p = pathlib.Path(dirpath) / f
            out.append((p.relative_to(folder).as_posix(), p))
    return sorted(out)


def entries_with_dirs(entries):
    """Adds the folder entries an archive lists before their files; all sorted by path."""
    dirs = set()
    for name, _, _ in entries:
        parts = name.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            dirs.add("/".join(parts[:i]) + "/")
    return sorted([(d, None, 0o755) for d in dirs] + entries, key=lambda e: e[0])


def write_zip(path, entries, epoch):
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip cannot hold dates before 1980
    with zipfile.ZipFile(path, "w") as z:
        for name, data, mode in entries_with_dirs(entries):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3  # Unix, so the modes below count
            if data is None:
                info.external_attr = (0o040000 | mode) << 16 | 0x10
                z.writestr(info, b"")
                continue
            info.external_attr = (0o100000 | mode) << 16
            if name.endswith(STORED):
                info.compress_type = zipfile.ZIP_STORED
                z.writestr(info, data)
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)


def write_tar_gz(path, entries, epoch):
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for name, data, mode in entries_with_dirs(entries):
            info = tarfile.TarInfo(name.rstrip("/"))
            info.mtime, info.mode = epoch, mode
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            if data is None:
                info.type = tarfile.DIRTYPE
                t.addfile(info)
            else:
                info.size = len(data)
                t.addfile(info, io.BytesIO(data))
    with open(path, "wb") as f, gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0, compresslevel=9) as g:
        g.write(raw.getvalue())


def sha256(path):
    return hashlib.sha256(pathlib.Path(path).read_bytes()).hexdigest()


def pack(dist, cli, out, epoch):
    v = version()
    dist, cli, out = pathlib.Path(dist), pathlib.Path(cli), pathlib.Path(out)
    if not (dist / "index.html").is_file() or not (dist / "csp.txt").is_file():
        sys.exit(f"release: {dist} is not a finished build (index.html, csp.txt)")
    out.mkdir(parents=True, exist_ok=True)
    csp = (dist / "csp.txt").read_text(encoding="utf-8").strip()
    licenses = [(name, (ROOT / name).read_bytes(), 0o644) for name in LICENSES]

    web = f"kennzahl-{v}-web"
    entries = [(f"{web}/app/{rel}", p.read_bytes(), 0o644) for rel, p in files_under(dist)]
    fill = {"@VERSION@": v, "@CSP@": csp}
    for template, name in [("HOSTING.md", "HOSTING.md"), ("nginx.conf.in", "nginx.conf.example")]:
        text = (TEMPLATES / template).read_text(encoding="utf-8")
        for k, val in fill.items():
            text = text.replace(k, val)
        entries.append((f"{web}/{name}", text.encode(), 0o644))
    entries.append((f"{web}/csp.txt", (csp + "\n").encode(), 0o644))
    entries.append((f"{web}/serve.py", (ROOT / "tools" / "serve.py").read_bytes(), 0o644))
    entries += [(f"{web}/{n}", d, m) for n, d, m in licenses]
    write_zip(out / f"{web}.zip", entries, epoch)

    linux = f"kennzahl-{v}-x86_64-linux"
    floor = glibc_floor(cli)
    readme = (TEMPLATES / "CLI-README.md").read_text(encoding="utf-8").replace("@VERSION@", v)
    readme = readme.replace(
        "@GLIBC@",
        f"glibc {floor} or newer (`ldd --version` prints yours)" if floor else "no glibc: the binary is static",
    )
    entries = [(f"{linux}/kennzahl", cli.read_bytes(), 0o755), (f"{linux}/README.md", readme.encode(), 0o644)]
    entries += [(f"{linux}/{n}", d, m) for n, d, m in licenses]
    write_tar_gz(out / f"{linux}.tar.gz", entries, epoch)

    names = [f"{web}.zip", f"{linux}.tar.gz"]
    sums = "".join(f"{sha256(out / n)}  {n}\n" for n in sorted(names))
    (out / "SHA256SUMS").write_text(sums, encoding="utf-8")
    sys.stdout.write(sums)
    print(f"glibc floor of the CLI: {floor or 'static'}")


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("pack")
    p.add_argument("--dist", required=True)
    p.add_argument("--cli", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--epoch", type=int, default=int(os.environ.get("SOURCE_DATE_EPOCH", "0")))
    sub.add_parser("version")
    g = sub.add_parser("glibc")
    g.add_argument("binary")
    a = ap.parse_args()
    if a.cmd == "version":
        print(version())
    elif a.cmd == "glibc":
        print(glibc_floor(a.binary) or "static")
    else:
        pack(a.dist, a.cli, a.out, a.epoch)


if __name__ == "__main__":
    main()
