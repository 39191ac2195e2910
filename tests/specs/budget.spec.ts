import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { CalculatorPage } from '../pages/calculator';
import { DashboardPage } from '../pages/dashboard';

// The download budgets of issue 18, measured from what the page really requests: every
// response of the page (and its workers) is recorded, and each requested wasm, js and css file
// is brotli-compressed (quality 11, as tools/bundle_size.py and a precompressing server do)
// from the dist/ folder the server serves. The service worker is blocked: it precaches the
// whole app after load for offline use (tests in privacy.spec.ts), which is not what a page
// needs before it is interactive.

/** Calculator page, `?embed=1` widget: wasm + js + css before it is interactive. */
// Issue 18's goal is 150 kB. Measured 214.6 kB after the split (was 556 kB: the whole app),
// 220.4 kB with the static pages' about card merged, 193.2 kB (German; English 190.5 kB) with
// one calculator module per language and the velocity chart without plotters; the guard sits
// just above it and names the gap: 43 kB, mostly the calculator's views, Leptos and the 42
// KPIs' texts of one language (BENCHMARKS.md, "Issue 18, round three"). Round four: 157.9 kB
// (German; English 155.1 kB): immediate-abort panics, no std stable sort, float parsing without
// core's table, wasm-streams' unused exports dropped, short import names, the js glue minified;
// the gap (7.9 kB) is the calculator's views, Leptos and the KPIs' texts (BENCHMARKS.md, "Issue
// 18, round four").
const CALC_GOAL_KB = 150;
const CALC_BUDGET_KB = 160;
/** Everything needed to reach the dashboard with sample data: app + worker. */
// Issue 18's goal is 450 kB. Measured 817.1 kB (the split does not shrink the workbench),
// 843.7 kB with drill-down for every figure, segment lines, the phone bar and the capacity check
// merged; 828.0 kB with the worker protocol as externally tagged JSON (no serde-wasm-bindgen,
// issue 18 round three); 698.7 kB with the import worker running the workbench module itself
// (one wasm file, round four), 711.6 kB merged with round four's faster import (ingest at
// opt-level s) and report (revenue by customer id); the guard sits just above it, the gap and
// its profile are in BENCHMARKS.md.
const DASHBOARD_GOAL_KB = 450;
const DASHBOARD_BUDGET_KB = 716;

const DIST = join(__dirname, '..', '..', process.env.KZ_DIST ?? 'dist');
const ORIGIN = process.env.KZ_APP_ORIGIN!;

test.use({ serviceWorkers: 'block' });

/** Records the app files (wasm, js, css) the page and its workers fetch, by dist-relative name. */
function recordAppFiles(page: Page): Set<string> {
  const files = new Set<string>();
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (url.origin !== ORIGIN || !/\.(wasm|js|css)$/.test(url.pathname)) return;
    files.add(url.pathname.replace(/^\//, ''));
  });
  return files;
}

/** kB (1000 bytes) of the files, each brotli-compressed at quality 11. */
function brotliKb(files: Set<string>): number {
  let bytes = 0;
  for (const name of files) {
    const raw = readFileSync(join(DIST, name));
    bytes += brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return bytes / 1000;
}

/** Waits until the page has had no request in flight for 500 ms (its downloads are done). */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
}

for (const [what, query] of [
  ['a calculator page', './?kpi=churn_rate'],
  ['the start page (sales velocity and its chart)', './'],
  ['the embedded calculator', './?embed=1&kpi=nps'],
] as const) {
  test(`${what} downloads at most ${CALC_BUDGET_KB} kB (brotli) before it is interactive`, async ({ page }) => {
    const files = recordAppFiles(page);
    await page.goto(query);
    const calc = new CalculatorPage(page);
    await expect(calc.result).toBeVisible();
    await settle(page);
    const names = [...files].sort();
    // The calculator module only: no workbench module, no import worker.
    expect(names.some((n) => /^calc-(de|en)-[0-9a-f]+_bg\.wasm$/.test(n)), names.join('\n')).toBe(true);
    expect(names.filter((n) => /^kennzahl-|import_worker/.test(n)), names.join('\n')).toEqual([]);
    const kb = brotliKb(files);
    console.log(`${what}: ${kb.toFixed(1)} kB brotli, goal ${CALC_GOAL_KB} kB (${names.join(', ')})`);
    expect(kb, names.join('\n')).toBeLessThanOrEqual(CALC_BUDGET_KB);
  });
}

test(`reaching the dashboard with sample data downloads at most ${DASHBOARD_BUDGET_KB} kB (brotli)`, async ({ page }) => {
  test.setTimeout(60_000);
  const files = recordAppFiles(page);
  const dash = new DashboardPage(page);
  await dash.open('&lang=en');
  await dash.loadSample();
  await settle(page);
  const names = [...files].sort();
  // The workbench module, which the import worker starts again (its loader script), and no
  // other wasm: not the calculator module, no module of the worker's own (issue 18 round four).
  expect(names.filter((n) => n.endsWith('.wasm')).length, names.join('\n')).toBe(1);
  expect(names.some((n) => /^kennzahl-[0-9a-f]+_bg\.wasm$/.test(n)), names.join('\n')).toBe(true);
  expect(names.some((n) => n === 'import_worker_loader.js'), names.join('\n')).toBe(true);
  expect(names.filter((n) => n.startsWith('calc-')), names.join('\n')).toEqual([]);
  const kb = brotliKb(files);
  console.log(`dashboard: ${kb.toFixed(1)} kB brotli, goal ${DASHBOARD_GOAL_KB} kB (${names.join(', ')})`);
  expect(kb, names.join('\n')).toBeLessThanOrEqual(DASHBOARD_BUDGET_KB);
});

test('a workbench link on a calculator page loads the workbench module, and Back the calculator', async ({ page }) => {
  const files = recordAppFiles(page);
  const calc = new CalculatorPage(page);
  await calc.open('nps', '&lang=en');
  await page.getByRole('link', { name: 'Dashboard' }).first().click();
  await expect(page).toHaveURL(/page=dashboard/);
  await expect(page.getByTestId('load-sample')).toBeVisible();
  expect([...files].some((n) => n.startsWith('kennzahl-'))).toBe(true);
  await page.goBack();
  await expect(calc.result).toBeVisible();
  await expect(page).toHaveURL(/kpi=nps/);
});
