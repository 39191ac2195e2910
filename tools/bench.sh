#!/usr/bin/env bash
# Kennzahl benchmarks: `./dev bench` (after dev has built dist/) or `bash tools/bench.sh`.
#
# Every figure is printed next to a peer measured in the same run on the same machine, because
# the machines this runs on are shared and noisy: compare the ratios, not the milliseconds.
#   native   divan benches (cargo bench -p ingest/analytics/kpi), ratios by tools/bench/divan_ratios.py
#   browser  headless Debian Chromium via Playwright: tools/bench/browser.mjs
# Output: target/bench/native.txt, native.json, browser.json, bundle.txt and a summary table.
#
# usage: tools/bench.sh [--quick] [--native-only | --browser-only] [--sizes 1,10,100] [--only PARTS]
#        tools/bench.sh --lighthouse   (Lighthouse scores, tools/lighthouse.sh)
#        tools/bench.sh --cli-duckdb [--bytes N] [--runs R] [--threads T]
#   --only    browser parts to run, comma-separated: paint,keystroke,agg,parse (parse includes
#             PapaParse and, on the largest file, DuckDB-Wasm)
#   --cli-duckdb  only native `kennzahl report` vs native DuckDB on a 1 GB file
#                 (tools/bench/cli_duckdb.sh; the other options go to it)
#   --quick   one repetition, 1 and 10 MB only, keystrokes and loads fewer (a smoke test)
# Env: BENCH_DIST (default dist), BENCH_PORT (8590; the peer origin uses +1), BENCH_DATA (the
#      generated files; default target/bench/data),
#      CARGO_TARGET_DIR (default target/bench/native, so benches don't wait on other builds).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
export CARGO_TERM_COLOR=never

QUICK=""
NATIVE=1
BROWSER=1
SIZES="1,10,100"
ONLY=""
# The CLI against native DuckDB is a run of its own (a 1 GB file, minutes).
if [ "${1:-}" = "--cli-duckdb" ]; then
  shift
  exec bash tools/bench/cli_duckdb.sh "$@"
fi
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK="--quick"; SIZES="1,10" ;;
    --native-only) BROWSER=0 ;;
    --browser-only) NATIVE=0 ;;
    --sizes) SIZES="$2"; shift ;;
    --lighthouse) exec bash tools/lighthouse.sh ;;
    --only) ONLY="$2"; shift ;;
    *) echo "usage: tools/bench.sh [--quick] [--native-only | --browser-only] [--sizes 1,10,100] [--only PARTS] | --lighthouse | --cli-duckdb [...]"; exit 2 ;;
  esac
  shift
done

DIST="${BENCH_DIST:-${KZ_DIST:-dist}}"
PORT="${BENCH_PORT:-8590}"
PEER_PORT=$((PORT + 1))
OUT="$ROOT/target/bench"
DATA="${BENCH_DATA:-$OUT/data}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target/bench/native}"
mkdir -p "$OUT" "$DATA"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf '\n\033[31mFAILED: %s\033[0m\n' "$*" >&2; exit 1; }

machine() {
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "cpus: $(nproc), $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1)"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "rustc: $(rustc --version)"
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null)"
}

step "machine"
machine | tee "$OUT/machine.txt"

# --- native -----------------------------------------------------------------------------------

if [ "$NATIVE" = 1 ]; then
  step "native benches (divan; each case next to its peer)"
  : > "$OUT/native.txt"
  for spec in "ingest parse" "analytics report" "kpi eval"; do
    set -- $spec
    echo "+ cargo bench -p $1 --bench $2" | tee -a "$OUT/native.txt"
    cargo bench -q -p "$1" --bench "$2" >"$OUT/native-$1.txt" 2>&1
    rc=$?
    cat "$OUT/native-$1.txt" >>"$OUT/native.txt"
    [ "$rc" -eq 0 ] || { tail -30 "$OUT/native-$1.txt"; fail "cargo bench -p $1 --bench $2"; }
  done
  python3 tools/bench/divan_ratios.py "$OUT/native.txt" --json "$OUT/native.json" | tee "$OUT/native-ratios.txt"
fi

[ "$BROWSER" = 1 ] || exit 0

# --- files ------------------------------------------------------------------------------------

step "generating subscriptions files (English): ${SIZES//,/, } MB"
KZ="$CARGO_TARGET_DIR/release/kennzahl"
for mb in ${SIZES//,/ }; do
  n=$((mb * 1000000))
  [ -s "$DATA/subscriptions-$n.csv" ] && continue
  if [ ! -x "$KZ" ]; then
    cargo build -q --release -p kennzahl-cli || fail "cargo build --release -p kennzahl-cli"
    "$KZ" sample --help 2>&1 | grep -q -- '--bytes' || fail "the CLI has no 'sample' subcommand"
  fi
  "$KZ" sample --out "$DATA" --kind subscriptions --bytes "$n" || fail "kennzahl sample"
done
ls -l "$DATA"

# --- the bench-only wasm module (analytics::report, no wasm-bindgen) ----------------------------

want() { [ -z "$ONLY" ] || [[ ",$ONLY," == *",$1,"* ]]; }
AGG_TARGET="$ROOT/target/bench/agg-wasm"
if want agg; then
step "building tools/bench/agg-wasm (analytics::report for wasm32, the app's release settings)"
if rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  CARGO_TARGET_DIR="$AGG_TARGET" cargo build -q --release --target wasm32-unknown-unknown \
    --manifest-path tools/bench/agg-wasm/Cargo.toml || fail "agg-wasm build"
else
  # The same route as ./dev's app build: Debian's rustc, std built from source.
  ( export PATH="/usr/bin:$PATH" RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort
    CARGO_TARGET_DIR="$AGG_TARGET" cargo build -q --release --target wasm32-unknown-unknown \
      --manifest-path tools/bench/agg-wasm/Cargo.toml ) || fail "agg-wasm build"
fi
fi

# --- servers ----------------------------------------------------------------------------------

[ -f "$DIST/index.html" ] || fail "$DIST/index.html missing (run ./dev build first)"
PEER_DIR="$(mktemp -d /tmp/kennzahl-bench-peer.XXXXXX)"
cp tools/bench/peer/* "$PEER_DIR/"
cp node_modules/papaparse/papaparse.min.js "$PEER_DIR/" || fail "node_modules/papaparse missing (./dev setup)"
if want agg; then cp "$AGG_TARGET/wasm32-unknown-unknown/release/agg_wasm.wasm" "$PEER_DIR/agg.wasm"; fi
# DuckDB-Wasm, the second peer of the 100 MB → dashboard row: its files from node_modules
# (a devDependency, never in dist/), linked, not copied (its wasm builds are 110 MB).
[ -f node_modules/@duckdb/duckdb-wasm/dist/duckdb-eh.wasm ] || fail "node_modules/@duckdb/duckdb-wasm missing (npm ci)"
ln -s "$ROOT/node_modules/@duckdb/duckdb-wasm/dist" "$PEER_DIR/duckdb"
ln -s "$ROOT/node_modules/apache-arrow" "$PEER_DIR/apache-arrow"
ln -s "$ROOT/node_modules/flatbuffers" "$PEER_DIR/flatbuffers"
ln -s "$ROOT/node_modules/tslib" "$PEER_DIR/tslib"

# A server left on one of the ports would answer instead of ours (with stale files).
for p in "$PORT" "$PEER_PORT"; do
  if curl -s -o /dev/null "http://127.0.0.1:$p/"; then
    fail "port $p is already in use; stop that server or set BENCH_PORT"
  fi
done

PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  rm -rf "$PEER_DIR"
}
trap cleanup EXIT
python3 tools/serve.py --dir "$DIST" --port "$PORT" >"$OUT/serve-app.log" 2>&1 &
PIDS+=($!)
python3 -m http.server "$PEER_PORT" --bind 127.0.0.1 --directory "$PEER_DIR" >"$OUT/serve-peer.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 50); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/" && curl -fs -o /dev/null "http://127.0.0.1:$PEER_PORT/" && break
  sleep 0.2
done

# --- browser ----------------------------------------------------------------------------------

step "bundle (python3 tools/bundle_size.py $DIST)"
python3 tools/bundle_size.py "$DIST" | tee "$OUT/bundle.txt"

step "browser benchmark (node tools/bench/browser.mjs)"
node tools/bench/browser.mjs --app "http://127.0.0.1:$PORT/" --peer "http://127.0.0.1:$PEER_PORT/" \
  --data "$DATA" --sizes "$SIZES" --out "$OUT/browser.json" $QUICK ${ONLY:+--only "$ONLY"} || fail "browser benchmark"

step "summary (every figure with its peer from this run)"
python3 tools/bench/summary.py "$OUT" | tee "$OUT/summary.txt"
