#!/usr/bin/env python3
"""Reads divan's text output (one or more `cargo bench` runs) and prints each benchmark's
median next to its peer from the same run, as a ratio; writes JSON.

usage: divan_ratios.py OUTPUT.txt... [--json target/bench/native.json]

Peers (see the bench files' docs):
  ingest    parse/<case>/typed              vs parse/<case>/untyped_csv   (csv crate, no typing)
            parse/<case>/typed_chunked      vs parse/<case>/untyped_csv
  analytics report/<size>/report_subscriptions vs report/<size>/naive_month_sum (one pass)
            report/<size>/revenue_only      vs report/<size>/naive_month_sum
  kpi       eval/evaluate_all               vs eval/default_inputs_only
"""
import json
import re
import sys

UNITS = {"ns": 1e-9, "µs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}
TIME = re.compile(r"^([0-9.]+) (ns|µs|us|ms|s)$")


def parse(text):
    """{path: (median seconds, fastest seconds)}; path is 'file/function[/arg]'. Columns are cut at the '│'
    positions of each table's header line (the tree drawing uses '│' too)."""
    out = {}
    stack = []
    seps = None
    for line in text.splitlines():
        if "fastest" in line and "median" in line and not line.startswith((" ", "│", "├", "╰")):
            seps = [i for i, c in enumerate(line) if c == "│"]
            stack = [line.split()[0]]
            continue
        if not seps or len(line) <= seps[2]:
            continue
        head = line[: seps[0]]
        mark = max(head.find("├─"), head.find("╰─"))
        if mark < 0:
            continue  # a throughput line
        depth = mark // 3 + 1
        name = re.split(r"\s{2,}", head[mark + 3:].strip())[0]
        stack = stack[:depth] + [name]
        t = TIME.match(line[seps[1] + 1 : seps[2]].strip())
        f = TIME.match(re.split(r"\s{2,}", line[mark + 3 : seps[0]].strip())[-1])
        if t and f:
            out["/".join(stack)] = (
                float(t.group(1)) * UNITS[t.group(2)],
                float(f.group(1)) * UNITS[f.group(2)],
            )
    return out


# (our benchmark, its peer): regular expressions on the path, the peer with \\1 for the case.
PEERS = [
    (r"^parse/(\w+)/typed$", r"parse/\1/untyped_csv"),
    (r"^parse/(\w+)/typed_chunked$", r"parse/\1/untyped_csv"),
    (r"^report/(\w+)/report_subscriptions$", r"report/\1/naive_month_sum"),
    (r"^report/(\w+)/revenue_only$", r"report/\1/naive_month_sum"),
    (r"^eval/evaluate_all$", r"eval/default_inputs_only"),
]


def main():
    files = [a for a in sys.argv[1:] if not a.startswith("--")]
    out_json = sys.argv[sys.argv.index("--json") + 1] if "--json" in sys.argv else None
    files = [f for f in files if f != out_json]
    medians = {}
    for f in files:
        with open(f, encoding="utf-8") as fh:
            medians.update(parse(fh.read()))
    rows = []
    for ours, peer in PEERS:
        for path, secs in sorted(medians.items()):
            if not re.match(ours, path):
                continue
            peer_path = re.sub(ours, peer, path)
            if peer_path in medians:
                (med, fast), (pmed, pfast) = secs, medians[peer_path]
                rows.append({"bench": path, "median_ms": med * 1e3, "fastest_ms": fast * 1e3,
                             "peer": peer_path, "peer_median_ms": pmed * 1e3,
                             "peer_fastest_ms": pfast * 1e3, "ratio": med / pmed,
                             "ratio_fastest": fast / pfast})
    print(f"{'benchmark':<50} {'median':>11} {'peer median':>12} {'ratio':>7} {'ratio of fastest':>17}")
    for r in rows:
        print(f"{r['bench']:<50} {r['median_ms']:>8.3f} ms {r['peer_median_ms']:>9.3f} ms "
              f"{r['ratio']:>6.1f}× {r['ratio_fastest']:>16.1f}×")
    if out_json:
        with open(out_json, "w", encoding="utf-8") as fh:
            json.dump({"median_fastest_ms": {k: [v[0] * 1e3, v[1] * 1e3] for k, v in medians.items()}, "ratios": rows}, fh, indent=2)


if __name__ == "__main__":
    main()
