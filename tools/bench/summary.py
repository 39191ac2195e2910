#!/usr/bin/env python3
"""Prints the benchmark summary: each goal of issue 10 with our figure, the peer from the same
run, the ratio, and met / not met. Reads what tools/bench.sh wrote into target/bench/.

usage: summary.py target/bench [--markdown]
"""
import json
import pathlib
import re
import sys

out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/bench")
markdown = "--markdown" in sys.argv


def load(name):
    p = out / name
    return json.loads(p.read_text()) if p.exists() else {}


b = load("browser.json")
n = load("native.json")
rows = []  # (goal, ours, peer, ratio, verdict)


def add(goal, ours, peer, ratio, verdict):
    rows.append((goal, ours, peer, ratio, verdict))


def verdict(ok):
    return "met" if ok else "NOT met"


papa = b.get("papa", {})
imp = b.get("import", {})
sizes = b.get("sizesMB", [])

# 1. Typed parse in the browser vs PapaParse typed (>= 5x).
for mb in sizes:
    p = papa.get(f"typed_{mb}MB")
    s = papa.get(f"strings_{mb}MB")
    i = imp.get(f"{mb}MB") if isinstance(imp, dict) else None
    if p and s:
        add(f"PapaParse {mb} MB: typed vs strings", f"typed {p['ms']:.0f} ms ({p['mbPerS']} MB/s)",
            f"strings {s['ms']:.0f} ms ({s['mbPerS']} MB/s)", f"{p['ms'] / s['ms']:.2f}x slower", "(peer only)")
    if p and i:
        # The median of per-repetition ratios (PapaParse typed and ours ran seconds apart).
        r = i.get("papaTypedOverOurs") or p["ms"] / i["ms"]
        add(f"typed import {mb} MB, UI click -> done, >= 5x PapaParse typed (wall)",
            f"{i['ms']:.0f} ms ({i['mbPerS']} MB/s; worker's own clock {i.get('workerMs') or 0:.0f} ms; runs {i['runs']})",
            f"PapaParse typed {p['ms']:.0f} ms (runs {p['runs']})", f"{r:.2f}x faster (per-run {i.get('papaTypedOverOursPerRun')})",
            verdict(r >= 5))
        if i.get("papaTypedOverOursCpu"):
            rc = i["papaTypedOverOursCpu"]
            add(f"typed import {mb} MB, same, renderer CPU time", f"{i['cpuMs']:.0f} ms CPU",
                f"PapaParse typed {i['papaTypedCpuMs']:.0f} ms CPU", f"{rc:.2f}x less", verdict(rc >= 5))
if imp.get("gap"):
    add("typed import through the UI", "not measured", "", "", f"gap: {imp['gap']}")

# 2. 100 MB -> dashboard (>= 4x faster than PapaParse parse alone), memory, long tasks, progress.
big = max(sizes) if sizes else None
i = imp.get(f"{big}MB") if isinstance(imp, dict) and big else None
p = papa.get(f"typed_{big}MB") if big else None
if i and p and i.get("totalToDashboardMs"):
    r = i.get("papaTypedOverTotalToDashboard") or p["ms"] / i["totalToDashboardMs"]
    c = i.get("dashCounts") or {}
    add(f"{big} MB file -> dashboard ({c.get('tiles', '?')} tiles, {c.get('charts', '?')} charts), >= 4x PapaParse typed parse",
        f"{i['totalToDashboardMs']:.0f} ms (pick -> mapping {i.get('pickMs') or 0:.0f} ms, import {i['ms']:.0f} ms, -> charts {i['dashboardMs']:.0f} ms)",
        f"PapaParse typed {p['ms']:.0f} ms", f"{r:.2f}x faster", verdict(r >= 4))
    if i.get("papaTypedOverTotalToDashboardCpu"):
        rc = i["papaTypedOverTotalToDashboardCpu"]
        add(f"{big} MB file -> dashboard, renderer CPU time", f"{i['totalToDashboardCpuMs']:.0f} ms CPU",
            f"PapaParse typed {i['papaTypedCpuMs']:.0f} ms CPU", f"{rc:.2f}x less", verdict(rc >= 4))
    d = i.get("duckdb")
    if d and d.get("overTotalToDashboard"):
        # Issue 18: DuckDB-Wasm, picked file -> table -> MRR per month (tools/bench/peer/mrr.sql).
        add(f"{big} MB file -> dashboard, >= 2x faster than DuckDB-Wasm (file -> MRR per month)",
            f"{i['totalToDashboardMs']:.0f} ms, {i['totalToDashboardCpuMs']:.0f} ms CPU",
            f"DuckDB-Wasm {d['version']} {d['ms']:.0f} ms (load {d['loadMs']:.0f}, query {d['queryMs']:.0f}; "
            f"init {d['initMs']:.0f} before the pick), {d['cpuMs']:.0f} ms CPU, peak {d['memory']['peakMB']:.0f} MB",
            f"{d['overTotalToDashboard']:.2f}x wall, {d['overTotalToDashboardCpu']:.2f}x CPU",
            verdict(d["overTotalToDashboard"] >= 2))
if i:
    mem = i["memory"]
    size_mb = i["bytes"] / 1e6
    ratio = mem["peakMB"] / size_mb
    pm = p["memory"] if p else None
    add(f"{big} MB import: peak renderer memory < 3x file", f"peak {mem['peakMB']:.0f} MB (+{mem['deltaMB']:.0f} MB)",
        f"PapaParse typed peak {pm['peakMB']:.0f} MB (+{pm['deltaMB']:.0f} MB)" if pm else "",
        f"{ratio:.2f}x file (delta {mem['deltaMB'] / size_mb:.2f}x)", verdict(ratio < 3))
    add(f"{big} MB import: longest main-thread task < 100 ms", f"{i['longestTaskMs']:.0f} ms ({i['longTasks']} long tasks)",
        "", "", verdict(i["longestTaskMs"] < 100))
    add(f"{big} MB import: progress visible", f"{i['progressUpdates']} progress updates", "", "",
        verdict(i["progressUpdates"] > 1))

# 3. Aggregation of 1M rows in wasm (<= 150 ms).
a = b.get("agg")
if a:
    add(f"analytics::report, {a['rows']:,} rows, wasm in Chromium, <= 150 ms", f"{a['reportMs']:.0f} ms (revenue only {a['revenueMs']:.0f} ms)",
        f"one-pass month sum {a['naiveMs']:.1f} ms", f"{a['reportMs'] / a['naiveMs']:.1f}x the peer",
        verdict(a["reportMs"] <= 150) if a["rows"] >= 1_000_000 else "(fewer rows: --quick)")
for r in n.get("ratios", []):
    if r["bench"].startswith("report/rows_1m/"):
        add(f"native {r['bench']}", f"{r['median_ms']:.0f} ms", f"{r['peer']} {r['peer_median_ms']:.1f} ms",
            f"{r['ratio']:.1f}x", "(native)")

# 4. Keystroke -> result and chart (< 16 ms).
k = b.get("keystroke")
if k:
    add(f"keystroke -> result (sales velocity, median of {k['keystrokes']}), < 16 ms",
        f"{k['resultMs']:.1f} ms (p90 {k['resultP90Ms']:.1f}), chart {k['chartMs']:.1f} ms",
        f"one-line input handler {k['peerResultMs']:.1f} ms", f"{k['resultMs'] / max(k['peerResultMs'], 0.01):.1f}x the peer",
        verdict(k["resultMs"] < 16 and (k["chartMs"] or 99) < 16))
    add("keystroke -> next frame after result", f"{k['frameMs']:.1f} ms", f"peer {k['peerFrameMs']:.1f} ms",
        f"{k['frameMs'] / k['peerFrameMs']:.2f}x", "(frame-aligned)")

ka = b.get("keystrokeAll")
if ka and ka.get("worstMedianMs") is not None:
    add(f"keystroke -> result, every calculator ({ka['timed']} of {ka['kpis']} KPI pages), < 16 ms",
        f"worst median {ka['worstMedianMs']:.1f} ms ({ka['worstKpi']}), slowest single {ka['slowestSingleMs']:.1f} ms, "
        f"median of medians {ka['medianOfMediansMs']:.1f} ms; worst chart {ka['worstChartMedianMs'] or 0:.1f} ms ({ka['worstChartKpi']})",
        "", "", verdict(ka["worstMedianMs"] < 16 and (ka["worstChartMedianMs"] or 0) < 16))

# 5. Bundle and first paint.
bundle = (out / "bundle.txt").read_text() if (out / "bundle.txt").exists() else ""
m = re.search(r"bundle: ([0-9.]+) kB raw, ([0-9.]+) kB brotli", bundle)
if m:
    br = float(m.group(2))
    add("bundle wasm + js + css, brotli, <= 300 kB", f"{br:.1f} kB ({float(m.group(1)):.0f} kB raw)", "budget 300 kB",
        f"{br / 300:.2f}x budget", verdict(br <= 300))
pa = b.get("paint")
if pa:
    add(f"first paint, local server (median of {pa['loads']} fresh loads), <= 250 ms",
        f"FP {pa['appFirstPaintMs']:.0f} ms", f"static peer page FP {pa['peerFirstPaintMs']:.0f} ms",
        f"{pa['appFirstPaintMs'] / pa['peerFirstPaintMs']:.1f}x the peer", verdict(pa["appFirstPaintMs"] <= 250))
    wasm = f", wasm arrived {pa['appWasmEndMs']:.0f} ms" if pa.get("appWasmEndMs") else ""
    add("first contentful paint (the app's first text), <= 250 ms",
        f"FCP {pa['appFcpMs']:.0f} ms (app mounted {pa['appMountedMs']:.0f} ms{wasm})",
        f"static peer page FCP {pa['peerFcpMs']:.0f} ms", f"{pa['appFcpMs'] / pa['peerFcpMs']:.1f}x the peer",
        verdict(pa["appFcpMs"] <= 250))

# Native parse ratios (typed vs untyped csv crate).
for r in n.get("ratios", []):
    if r["bench"].startswith("parse/"):
        add(f"native {r['bench']}", f"{r['median_ms']:.1f} ms", f"untyped csv {r['peer_median_ms']:.2f} ms",
            f"{r['ratio']:.1f}x slower (fastest {r['ratio_fastest']:.1f}x)", "(native)")
    if r["bench"].startswith("eval/"):
        add(f"native {r['bench']}", f"{r['median_ms'] * 1000:.1f} µs", f"default inputs only {r['peer_median_ms'] * 1000:.1f} µs",
            f"{r['ratio']:.1f}x", "(native)")

machine = (out / "machine.txt").read_text().strip() if (out / "machine.txt").exists() else ""
if markdown:
    print("| goal / figure | ours | peer (same run) | ratio | verdict |\n|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(c.replace("|", "/") for c in r) + " |")
else:
    print(machine)
    w = [max(len(r[i]) for r in rows) for i in range(5)] if rows else [0] * 5
    for r in rows:
        print("  ".join(c.ljust(w[i]) for i, c in enumerate(r)).rstrip())
