#!/usr/bin/env bash
# Native `kennzahl report` against native DuckDB's MRR-per-month query on the same large
# subscriptions file, interleaved run by run, each under /usr/bin/time -v (wall time and peak
# RSS). `bash tools/bench.sh --cli-duckdb` runs it; alone:
#
#   bash tools/bench/cli_duckdb.sh [--bytes 1000000000] [--runs 3] [--threads N]
#                                  [--query changes|grid] [--memory-limit 8GB]
#
# Env: BENCH_DATA (default /work/bench-data if it exists, else target/bench/data): where the
#      file is generated once (`kennzahl sample --kind subscriptions --bytes N`) and reused;
#      CARGO_TARGET_DIR (default target/bench/cli); VENV_SQL (default .venv-sql, DuckDB 2.0.1).
# The CLI is built with the release profile at opt-level 3 (the workspace's release profile
# is opt-level "z" for the wasm bundle). DuckDB gets `SET threads = N` (default nproc);
# kennzahl uses every core too (a two-part import, the revenue pass on threads). DuckDB runs
# the query named by --query (tools/bench/duckdb_mrr.py;
# `changes` by default) with memory_limit 8GB (the machine is shared; it spills to
# target/bench/duckdb-tmp beyond that). Output: target/bench/cli-duckdb.txt and cli-duckdb.json.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
BYTES=1000000000
RUNS=3
THREADS="$(nproc)"
QUERY=changes
MEMORY_LIMIT=8GB
while [ $# -gt 0 ]; do
  case "$1" in
    --bytes) BYTES="$2"; shift ;;
    --runs) RUNS="$2"; shift ;;
    --threads) THREADS="$2"; shift ;;
    --query) QUERY="$2"; shift ;;
    --memory-limit) MEMORY_LIMIT="$2"; shift ;;
    *) echo "usage: tools/bench/cli_duckdb.sh [--bytes N] [--runs R] [--threads T] [--query changes|grid] [--memory-limit 8GB]"; exit 2 ;;
  esac
  shift
done
if [ -z "${BENCH_DATA:-}" ]; then
  if [ -d /work/bench-data ]; then BENCH_DATA=/work/bench-data; else BENCH_DATA="$ROOT/target/bench/data"; fi
fi
VENV_SQL="${VENV_SQL:-$ROOT/.venv-sql}"
[ -x "$VENV_SQL/bin/python" ] || VENV_SQL=/work/main/.venv-sql
"$VENV_SQL/bin/python" -c 'import duckdb' || { echo "no DuckDB in $VENV_SQL (./dev sql sets it up)"; exit 1; }
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target/bench/cli}"
OUT="$ROOT/target/bench"
mkdir -p "$OUT" "$BENCH_DATA"

echo "== building kennzahl (release, opt-level 3)"
CARGO_PROFILE_RELEASE_OPT_LEVEL=3 cargo build -q --release -p kennzahl-cli \
  --config 'profile.release.package.ingest.opt-level=3'
KZ="$CARGO_TARGET_DIR/release/kennzahl"

FILE="$BENCH_DATA/subscriptions-$BYTES.csv"
if [ ! -s "$FILE" ]; then
  echo "== generating $FILE (once; shared)"
  TMP="$BENCH_DATA/.tmp-$$"
  mkdir -p "$TMP"
  "$KZ" sample --out "$TMP" --kind subscriptions --bytes "$BYTES" >/dev/null
  mv "$TMP/subscriptions-$BYTES.csv" "$FILE"
  rmdir "$TMP"
fi
SIZE=$(stat -c %s "$FILE")

LOG="$OUT/cli-duckdb.txt"
{
  echo "file: $FILE ($SIZE bytes)"
  echo "date: $(date -u +%FT%TZ)  host nproc: $(nproc)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "kennzahl: $KZ ($(git rev-parse --short HEAD))  duckdb: $("$VENV_SQL/bin/python" -c 'import duckdb; print(duckdb.__version__)') threads=$THREADS query=$QUERY memory_limit=$MEMORY_LIMIT"
} | tee "$LOG"

# time -v's wall clock (h:mm:ss or m:ss.cc) in seconds, and its peak RSS in kB.
wall() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$1"; }
rss() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; }
# user + system CPU seconds.
cpu() { awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { print s }' "$1"; }

RESULTS="$OUT/cli-duckdb-runs.jsonl"
: > "$RESULTS"
for run in $(seq 1 "$RUNS"); do
  /usr/bin/time -v -o "$OUT/time-duckdb.txt" "$VENV_SQL/bin/python" tools/bench/duckdb_mrr.py "$FILE" \
    --threads "$THREADS" --query "$QUERY" --memory-limit "$MEMORY_LIMIT" --temp-dir "$OUT/duckdb-tmp" \
    > "$OUT/duckdb-out.json"
  /usr/bin/time -v -o "$OUT/time-kennzahl.txt" "$KZ" report "$FILE" --json --lang en \
    > "$OUT/kennzahl-out.json" 2> "$OUT/kennzahl-err.txt" || true
  python3 - "$run" "$SIZE" "$OUT" "$(wall "$OUT/time-duckdb.txt")" "$(rss "$OUT/time-duckdb.txt")" \
    "$(wall "$OUT/time-kennzahl.txt")" "$(rss "$OUT/time-kennzahl.txt")" \
    "$(cpu "$OUT/time-duckdb.txt")" "$(cpu "$OUT/time-kennzahl.txt")" >> "$RESULTS" <<'PY'
import json, sys
run, size, out, d_wall, d_rss, k_wall, k_rss, d_cpu, k_cpu = sys.argv[1:]
duck = json.load(open(f"{out}/duckdb-out.json"))
rep = json.load(open(f"{out}/kennzahl-out.json"))
last = rep["revenue"]["months"][-1]
print(json.dumps({
    "run": int(run),
    "duckdb_s": duck["seconds"], "duckdb_process_s": float(d_wall), "duckdb_rss_kb": int(d_rss),
    "kennzahl_s": float(k_wall), "kennzahl_rss_kb": int(k_rss),
    "duckdb_cpu_s": float(d_cpu), "kennzahl_cpu_s": float(k_cpu),
    "cpu_ratio": round(float(d_cpu) / float(k_cpu), 2),
    "ratio_duckdb_over_kennzahl": round(duck["seconds"] / float(k_wall), 2),
    "kennzahl_rss_over_file": round(int(k_rss) * 1024 / int(size), 3),
    "same_mrr": abs(duck["last_mrr"] * 100 - last["mrr"]) < 0.5,
    "duckdb_last": [duck["last_month"], duck["last_mrr"], duck["last_customers"]],
    "kennzahl_last": [last["month"], last["mrr"] / 100, last["customers"]],
}))
PY
  tail -1 "$RESULTS" | tee -a "$LOG"
done
python3 - "$RESULTS" "$OUT/cli-duckdb.json" <<'PY' | tee -a "$LOG"
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
med = lambda k: statistics.median(r[k] for r in runs)
summary = {
    "runs": runs,
    "median_duckdb_s": med("duckdb_s"), "median_kennzahl_s": med("kennzahl_s"),
    "median_ratio": med("ratio_duckdb_over_kennzahl"),
    "median_cpu_ratio": med("cpu_ratio"),
    "max_kennzahl_rss_over_file": max(r["kennzahl_rss_over_file"] for r in runs),
    "all_same_mrr": all(r["same_mrr"] for r in runs),
}
json.dump(summary, open(sys.argv[2], "w"), indent=2)
print(f"median: DuckDB {summary['median_duckdb_s']:.2f} s, kennzahl {summary['median_kennzahl_s']:.2f} s, "
      f"ratio {summary['median_ratio']:.2f}x (>1: kennzahl faster), CPU time ratio "
      f"{summary['median_cpu_ratio']:.2f}x; kennzahl peak RSS up to "
      f"{summary['max_kennzahl_rss_over_file']:.2f}x the file; same last-month MRR: {summary['all_same_mrr']}")
PY
