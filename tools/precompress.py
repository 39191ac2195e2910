#!/usr/bin/env python3
"""Writes FILE.br and FILE.gz beside every text and wasm file of the build (issue 19).

usage: precompress.py DIST

The last step of `./dev build`, after trunk, the post-build step and the static pages, so
that every file the build wrote gets its compressed copies. Servers send them as they are
(`tools/serve.py`; nginx `brotli_static`/`gzip_static`, Caddy `precompressed`, Apache
rewrites: README, "Hosting") with `Content-Encoding: br` or `gzip`, instead of compressing
on every request or, as Python's http.server did, not at all. A copy that would not be
smaller than its file is not written (the server then sends the file itself), and copies
whose file is gone are removed. Brotli at quality 11 (the `brotli` command-line tool, which
`./dev setup` installs), gzip at level 9 with no time stamp, so builds are reproducible.
"""
import gzip
import pathlib
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

# What a browser fetches and compresses well; images (.png) are compressed already.
SUFFIXES = {".html", ".js", ".mjs", ".css", ".wasm", ".svg", ".json", ".webmanifest", ".txt", ".xml", ".map", ".csv"}
ENCODINGS = (".br", ".gz")


def compressible(path: pathlib.Path) -> bool:
    return path.is_file() and path.suffix in SUFFIXES


def brotli(data_path: pathlib.Path) -> bytes:
    out = subprocess.run(["brotli", "-c", "-q", "11", str(data_path)], capture_output=True, check=True)
    return out.stdout


def write_copies(path: pathlib.Path) -> tuple[int, int, int]:
    data = path.read_bytes()
    sizes = [len(data)]
    for suffix, packed in ((".br", brotli(path)), (".gz", gzip.compress(data, 9, mtime=0))):
        target = path.with_name(path.name + suffix)
        if len(packed) < len(data):
            target.write_bytes(packed)
            sizes.append(len(packed))
        else:
            target.unlink(missing_ok=True)
            sizes.append(len(data))
    return sizes[0], sizes[1], sizes[2]


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    dist = pathlib.Path(sys.argv[1])
    if not dist.is_dir():
        print(f"precompress: {dist} is not a folder", file=sys.stderr)
        return 1
    # Copies left from an earlier build whose file is gone.
    for stale in [p for p in dist.rglob("*") if p.suffix in ENCODINGS and p.is_file()]:
        if not stale.with_suffix("").is_file():
            stale.unlink()
    files = sorted(p for p in dist.rglob("*") if compressible(p))
    with ThreadPoolExecutor(max_workers=2) as pool:
        sizes = list(pool.map(write_copies, files))
    raw = sum(s[0] for s in sizes)
    br = sum(s[1] for s in sizes)
    gz = sum(s[2] for s in sizes)
    print(f"precompressed {len(files)} files: {raw / 1000:.1f} kB raw, {br / 1000:.1f} kB brotli, {gz / 1000:.1f} kB gzip")
    return 0


if __name__ == "__main__":
    sys.exit(main())
