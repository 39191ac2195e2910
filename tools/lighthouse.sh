#!/usr/bin/env bash
# Lighthouse (npm lighthouse@12.2.3, Debian chromium, the default mobile preset with simulated
# throttling) on a calculator page, the catalogue and a static KPI page, served from the built
# dist/ by tools/serve.py (the hosting guide's server). Run by `./dev bench --lighthouse`
# (after dev has built dist/) or `bash tools/lighthouse.sh` on a built dist/.
#
# Lighthouse needs Node 20 for 12.x (13.x needs 22); it is installed once into .lighthouse/
# (its own folder, not the project's package.json: it is a measuring tool, ~150 packages).
# Output: target/lighthouse/<page>.json and summary.md (the table for BENCHMARKS.md).
# Env: LH_DIST (default $KZ_DIST or dist), LH_PORT (8597), LH_RUNS (1; the median run's
# scores are reported when more).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
LH_VERSION="12.2.3"
LH_DIR="$ROOT/.lighthouse"
DIST="${LH_DIST:-${KZ_DIST:-dist}}"
PORT="${LH_PORT:-8597}"
RUNS="${LH_RUNS:-1}"
OUT="$ROOT/target/lighthouse"
mkdir -p "$OUT"

fail() { printf '\n\033[31mFAILED: %s\033[0m\n' "$*" >&2; exit 1; }

[ -f "$DIST/index.html" ] || fail "no $DIST/index.html: build first (./dev build)"
[ -f "$DIST/nps-en.html" ] || fail "no static KPI pages in $DIST (crates/site, run by ./dev build)"
if ! "$LH_DIR/node_modules/.bin/lighthouse" --version 2>/dev/null | grep -qx "$LH_VERSION"; then
  echo "installing lighthouse@$LH_VERSION into .lighthouse/ (once)"
  mkdir -p "$LH_DIR"
  npm i -E --no-audit --no-fund --loglevel=error --prefix "$LH_DIR" "lighthouse@$LH_VERSION" \
    || fail "npm i lighthouse@$LH_VERSION"
fi

# Search engines (and Lighthouse's SEO audits) want absolute canonical and hreflang URLs,
# which the static pages get from KZ_SITE_URL at build time. Measure what a site built for
# its address gets: a copy of dist/ whose static pages are written again for this server's
# address (their precompressed copies, if any, are dropped, so none is stale).
SITE="$OUT/dist"
rm -rf "$SITE" && cp -r "$DIST" "$SITE" || fail "copy $DIST to $SITE"
rm -f "$SITE"/*-de.html.* "$SITE"/*-en.html.* "$SITE"/sitemap.xml.* "$SITE"/robots.txt.*
KZ_SITE_URL="http://127.0.0.1:$PORT/" cargo run --quiet -p site --bin kennzahl-site -- "$SITE" \
  || fail "static pages for http://127.0.0.1:$PORT/"

python3 tools/serve.py --dir "$SITE" --port "$PORT" >"$OUT/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null' EXIT
for _ in $(seq 50); do
  curl -fs "http://127.0.0.1:$PORT/" >/dev/null && break
  sleep 0.1
done

PAGES=(
  "calculator|?kpi=nps"
  "catalogue|?page=catalogue"
  "static|nps-en.html"
)
for entry in "${PAGES[@]}"; do
  name="${entry%%|*}"
  path="${entry#*|}"
  for run in $(seq "$RUNS"); do
    CHROME_PATH=/usr/bin/chromium "$LH_DIR/node_modules/.bin/lighthouse" \
      "http://127.0.0.1:$PORT/$path" \
      --quiet --output=json --output-path="$OUT/$name-$run.json" \
      --only-categories=performance,accessibility,best-practices,seo \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
      || fail "lighthouse on /$path"
  done
done

node - "$OUT" "$RUNS" "${PAGES[@]}" <<'JS' | tee "$OUT/summary.md"
const fs = require('fs');
const [out, runs, ...pages] = process.argv.slice(2);
const pct = (c) => Math.round(c.score * 100);
console.log('| page | URL | performance | accessibility | best practices | SEO | LCP | CLS | TBT | transferred |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const entry of pages) {
  const [name, path] = entry.split('|');
  const reports = [];
  for (let r = 1; r <= Number(runs); r++) reports.push(JSON.parse(fs.readFileSync(`${out}/${name}-${r}.json`, 'utf8')));
  reports.sort((a, b) => a.categories.performance.score - b.categories.performance.score);
  const lh = reports[Math.floor(reports.length / 2)];
  const c = lh.categories;
  const a = lh.audits;
  const kb = Math.round(a['total-byte-weight'].numericValue / 1024);
  console.log(`| ${name} | /${path} | ${pct(c.performance)} | ${pct(c.accessibility)} | ${pct(c['best-practices'])} | ${pct(c.seo)} | ${(a['largest-contentful-paint'].numericValue / 1000).toFixed(1)} s | ${a['cumulative-layout-shift'].numericValue.toFixed(3)} | ${Math.round(a['total-blocking-time'].numericValue)} ms | ${kb} kB |`);
  for (const [id, cat] of Object.entries(c)) {
    if (id === 'performance') continue;
    for (const ref of cat.auditRefs) {
      const audit = a[ref.id];
      if (ref.weight > 0 && audit.score !== null && audit.score < 1) console.error(`  ${name}: ${id} fails ${ref.id}: ${audit.title}`);
    }
  }
}
JS
