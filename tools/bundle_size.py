#!/usr/bin/env python3
"""Prints what the release bundle weighs (wasm + js + css, raw and brotli) and checks it.

usage: bundle_size.py DIST [--budget-kb N] [--goal-kb G]

--budget-kb N  fails (exit 1) when the brotli total exceeds N kB: the regression guard that
               ./dev test enforces, set just above the measured size.
--goal-kb G    prints whether the product goal (issue: 300 kB brotli) is met; informational,
               see BENCHMARKS.md for the gap and what it consists of.
"""
import pathlib
import subprocess
import sys

dist = pathlib.Path(sys.argv[1])


def option(name):
    return float(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else None


budget = option("--budget-kb")
goal = option("--goal-kb")


def brotli_size(path):
    out = subprocess.run(["brotli", "-c", "-q", "11", str(path)], capture_output=True, check=True)
    return len(out.stdout)


rows = []
for path in sorted(dist.rglob("*")):
    if path.suffix in (".wasm", ".js", ".css") and path.name != "sw.js":
        rows.append((path.relative_to(dist).as_posix(), path.stat().st_size, brotli_size(path)))

raw = sum(r[1] for r in rows)
br = sum(r[2] for r in rows)
for name, size, size_br in rows:
    print(f"  {name:<48} {size / 1000:8.1f} kB raw {size_br / 1000:8.1f} kB brotli")
print(f"bundle: {raw / 1000:.1f} kB raw, {br / 1000:.1f} kB brotli (wasm + js + css)")
if goal is not None:
    verdict = "met" if br / 1000 <= goal else f"NOT met, {br / 1000 - goal:.0f} kB over"
    print(f"bundle goal {goal:.0f} kB brotli: {verdict}")
if budget is not None:
    if br / 1000 > budget:
        print(f"bundle budget exceeded: {br / 1000:.1f} kB brotli > {budget:.0f} kB (regression guard)")
        sys.exit(1)
    print(f"bundle budget (regression guard): {br / 1000:.1f} kB of {budget:.0f} kB brotli")
