// Browser benchmark: every figure next to a peer measured in the same run, same Chromium.
//
// usage: node tools/bench/browser.mjs --app http://127.0.0.1:8590/ --peer http://127.0.0.1:8591/
//          --data DIR --sizes 1,10,100 [--out target/bench/browser.json] [--quick]
// Started by tools/bench.sh, which builds dist/, generates the files and serves both origins.
//
// What it measures (see BENCHMARKS.md for the goals):
//   parse      PapaParse 5 (header, dynamicTyping true/false) in a Worker on a picked File,
//              interleaved with our import through the app's import page, as a user: pick,
//              Import, done (+ long tasks on the main thread, peak renderer memory, progress
//              updates seen; for the largest file also on to the dashboard's tiles and charts)
//              DuckDB-Wasm (npm, served from node_modules) on the largest file: picked file →
//              table → MRR per month (tools/bench/peer/mrr.sql), interleaved with the rest
//   agg        analytics::report over 1M subscription rows, compiled to wasm, vs a one-pass
//              month sum in the same wasm
//   keystroke  sales-velocity calculator: keydown → result text / chart svg changed, vs the
//              peer page's one-line input handler
//   paint      first (contentful) paint of the app vs the peer page, fresh context each
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => {
    if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : true]);
    return acc;
  }, []),
);
const APP = args.app ?? 'http://127.0.0.1:8590/';
const PEER = args.peer ?? 'http://127.0.0.1:8591/';
const DATA = args.data ?? 'target/bench/data';
const SIZES = String(args.sizes ?? '1,10,100').split(',').map(Number);
const OUT = args.out ?? 'target/bench/browser.json';
const QUICK = Boolean(args.quick);
const ONLY = args.only ? String(args.only).split(',') : null;
const want = (part) => !ONLY || ONLY.includes(part);
const NO_DUCKDB = Boolean(args['no-duckdb']);

const MB = 1_000_000;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? null : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const round = (x, d = 1) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);
const log = (...a) => console.error('[bench]', ...a);
const fileFor = (mb) => path.resolve(DATA, `subscriptions-${mb * MB}.csv`);
const repeatsFor = (mb) => (QUICK ? 1 : mb >= 100 ? 2 : 5);

// --- renderer memory (RSS of every renderer process this browser started) -------------------

function descendants(root) {
  const children = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch { /* process ended */ }
  }
  const out = [];
  const stack = [root];
  while (stack.length) {
    const p = stack.pop();
    for (const c of children.get(p) ?? []) { out.push(c); stack.push(c); }
  }
  return out;
}

function rendererPids() {
  return descendants(process.pid).filter((pid) => {
    try { return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer'); } catch { return false; }
  });
}

function rss(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0; // gone
  }
}

/**
 * Samples every renderer's RSS every 50 ms until stop(). The tab under test is the renderer
 * that grows (its workers live in the same process), so the result is the process with the
 * highest peak: its RSS before the measurement, its peak, and the difference.
 */
// CPU time (user + system) of a process in milliseconds; clock ticks are 10 ms on Linux.
function cpuMs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return null; // gone
  }
}

function memorySampler() {
  const pids0 = rendererPids();
  const cpu0 = new Map(pids0.map((pid) => [pid, cpuMs(pid)]));
  const baseline = new Map(pids0.map((pid) => [pid, rss(pid)]));
  const peak = new Map(baseline);
  const sample = () => {
    for (const pid of rendererPids()) peak.set(pid, Math.max(peak.get(pid) ?? 0, rss(pid)));
  };
  const timer = process.env.BENCH_NO_SAMPLER ? null : setInterval(sample, 50);
  return {
    stop() {
      clearInterval(timer);
      sample();
      // The tab under test is also the renderer that worked most: its CPU time (main thread,
      // workers, compositor) is far less disturbed by other people's load than wall time.
      let cpu = null;
      for (const pid of rendererPids()) {
        const c = cpuMs(pid);
        if (c == null) continue;
        const d = c - (cpu0.get(pid) ?? 0);
        if (cpu == null || d > cpu) cpu = d;
      }
      let best = null;
      for (const [pid, p] of peak) if (!best || p > best.p) best = { pid, p, b: baseline.get(pid) ?? 0 };
      if (!best) return { baselineMB: 0, peakMB: 0, deltaMB: 0, cpuMs: cpu };
      return { baselineMB: round(best.b / MB), peakMB: round(best.p / MB), deltaMB: round((best.p - best.b) / MB), cpuMs: cpu };
    },
  };
}

// --- page instrumentation ---------------------------------------------------------------------

// Installed before any page script: long tasks (buffered) and the time the app mounted.
const INIT = () => {
  window.__long = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch { /* not supported */ }
  window.__mounted = null;
  new MutationObserver((_, obs) => {
    if (document.body && [...document.body.children].some((c) => !['NOSCRIPT', 'SCRIPT', 'LINK'].includes(c.tagName))) {
      window.__mounted = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
};

async function newPage(browser) {
  // Service workers off: every load is a first load from the local server.
  const context = await browser.newContext({ serviceWorkers: 'block', locale: 'de-DE' });
  await context.addInitScript(INIT);
  const page = await context.newPage();
  page.on('pageerror', (e) => log('page error:', e.message));
  return { context, page };
}

// --- a. PapaParse -----------------------------------------------------------------------------

async function papaOnce(browser, mb, typed) {
  const { context, page } = await newPage(browser);
  await page.goto(PEER);
  await page.setInputFiles('#file', fileFor(mb));
  const sampler = memorySampler();
  const r = await page.evaluate((t) => window.bench.papa(t), typed);
  const memory = sampler.stop();
  await context.close();
  if (r.error) throw new Error(`papaparse: ${r.error}`);
  return { ...r, memory };
}

function summarisePapa(runs) {
  const ms = median(runs.map((r) => r.ms));
  const mem = runs.reduce((a, b) => (b.memory.peakMB > a.memory.peakMB ? b : a)).memory;
  const last = runs.at(-1);
  const cpu = median(runs.map((r) => r.memory.cpuMs));
  return { ms: round(ms), runs: runs.map((r) => round(r.ms)), cpuMs: cpu, cpuRuns: runs.map((r) => r.memory.cpuMs), bytes: last.bytes, rows: last.rows, mbPerS: round(last.bytes / MB / (ms / 1000), 2), memory: mem, types: last.types };
}

// --- b. our import through the app's UI --------------------------------------------------------

// The import page's test ids (src/pages/import). Filled in from the page as built; when the page
// has no usable flow, importOnce returns { gap } and the report says so.
const IMPORT = {
  url: '?page=import',
  fileInput: '[data-testid=file-input]',
  start: '[data-testid=import]',
  progress: '[data-testid=progress] progress',
  done: '[data-testid=result]',
  used: '[data-testid=acc-used]',
};

async function importOnce(browser, mb, withDashboard) {
  const { context, page } = await newPage(browser);
  await page.goto(APP + IMPORT.url);
  const input = page.locator(IMPORT.fileInput).first();
  try {
    await input.waitFor({ state: 'attached', timeout: 10_000 });
  } catch {
    await context.close();
    return { gap: `no file input (${IMPORT.fileInput}) on ${IMPORT.url}` };
  }
  // Progress updates seen by the user: count changes of the progress element's value/text.
  await page.evaluate((sel) => {
    window.__progress = [];
    const seen = () => {
      const el = document.querySelector(sel);
      const v = el ? el.getAttribute('value') ?? el.textContent : null;
      const last = window.__progress[window.__progress.length - 1];
      if (el && (!last || last.v !== v)) window.__progress.push({ t: performance.now(), v });
    };
    new MutationObserver(seen).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  }, IMPORT.progress);
  const sampler = memorySampler();
  const t0 = await page.evaluate(() => performance.now());
  // The pick's own time stamps: the input's change event, and when the import button is
  // enabled (the mapping screen is ready), noted in the page.
  await page.evaluate((inputSel) => {
    window.__pickedAt = null;
    const el = document.querySelector(inputSel);
    if (el) el.addEventListener('change', (e) => { window.__pickedAt = e.timeStamp; }, { capture: true, once: true });
  }, IMPORT.fileInput);
  await stampWhen(page, 'ready', [`${IMPORT.start}:not([disabled])`], { attributes: true });
  await input.setInputFiles(fileFor(mb));
  const start = page.locator(`${IMPORT.start}:not([disabled])`).first();
  try {
    await start.waitFor({ state: 'visible', timeout: 30_000 });
  } catch {
    sampler.stop();
    await context.close();
    return { gap: `no import button (${IMPORT.start}) after picking the file` };
  }
  const tPicked = await page.evaluate(() => performance.now());
  const pickedAt = await page.evaluate(() => window.__pickedAt);
  const readyAt = await stampOf(page, 'ready');
  const pickInPage = pickedAt != null && readyAt != null ? readyAt - pickedAt : null;
  const cpuAtClick = new Map(rendererPids().map((pid) => [pid, cpuMs(pid)]));
  // The click's own time stamp in the page: Playwright's click returns only after its round
  // trip, by which time a 1 MB import may be nearly done.
  // Likewise the result's own time stamp: a MutationObserver notes when it is first in the
  // page, so the figure does not include Playwright's polling or main-thread work after it
  // (the dashboard's report arriving).
  await page.evaluate(() => {
    window.__clickAt = null;
    document.addEventListener('click', (e) => { window.__clickAt = e.timeStamp; }, { capture: true, once: true });
  });
  await stampWhen(page, 'done', [IMPORT.done]);
  await start.click();
  const tClick = await page.evaluate(() => window.__clickAt ?? performance.now());
  await page.locator(IMPORT.done).first().waitFor({ state: 'visible', timeout: 300_000 });
  const tDone = (await stampOf(page, 'done')) ?? (await page.evaluate(() => performance.now()));
  let importCpuMs = null;
  for (const [pid, c0] of cpuAtClick) {
    const c = cpuMs(pid);
    if (c != null && c0 != null && (importCpuMs == null || c - c0 > importCpuMs)) importCpuMs = c - c0;
  }
  const used = await page.locator(IMPORT.used).first().textContent().catch(() => null);
  // The worker's own clock for the import, as the result shows it ("Importiert (0,45 s)").
  const resultText = await page.locator(IMPORT.done).first().innerText().catch(() => '');
  const secs = /\(([0-9]+[.,][0-9]+) s\)/.exec(resultText);
  const workerMs = secs ? Number(secs[1].replace(',', '.')) * 1000 : null;
  let tDash = null;
  let dashMs = null;
  let dashCounts = null;
  if (withDashboard) {
    // Same page, client-side route: the report was computed in the worker during the import.
    const d0 = await page.evaluate(() => performance.now());
    // In-page stamps: the link's click, and when tiles and a chart are first there.
    await stampWhen(page, 'dash', ['[data-testid=tiles]', '[data-testid=chart] svg']);
    await page.evaluate(() => {
      const a = document.querySelector('a[href*="page=dashboard"]');
      window.__dashClickAt = performance.now();
      if (a) a.click(); else location.search = '?page=dashboard';
    });
    await page.locator('[data-testid=tiles]').first().waitFor({ state: 'visible', timeout: 120_000 });
    await page.locator('[data-testid=chart] svg').first().waitFor({ state: 'visible', timeout: 120_000 });
    tDash = await page.evaluate(() => performance.now());
    const dashAt = await stampOf(page, 'dash');
    const inPage = dashAt != null ? dashAt - (await page.evaluate(() => window.__dashClickAt)) : null;
    dashMs = inPage ?? tDash - d0;
    dashCounts = await page.evaluate(() => ({
      tiles: document.querySelectorAll('[data-testid^=tile-value-]').length,
      charts: document.querySelectorAll('[data-testid=chart] svg').length,
    }));
  }
  const memory = sampler.stop();
  const long = await page.evaluate((from) => window.__long.filter((l) => l.start >= from), t0);
  const progress = await page.evaluate((from) => window.__progress.filter((p) => p.t >= from).length, tClick);
  await context.close();
  return {
    ms: tDone - tClick,
    workerMs,
    importCpuMs,
    pickToDoneMs: tDone - t0,
    pickMs: pickInPage ?? tPicked - t0,
    dashboardMs: dashMs,
    dashCounts,
    // The app's own time from pick to dashboard: the three phases as stamped in the page
    // (pick -> mapping ready, click -> result, link -> tiles and chart), without the time the
    // harness (a person, in real use) takes between them.
    totalToDashboardMs: tDash ? (pickInPage ?? tPicked - t0) + (tDone - tClick) + dashMs : null,
    harnessWallToDashboardMs: tDash ? tDash - t0 : null,
    used,
    memory,
    longTasks: long.length,
    longestTaskMs: long.reduce((m, l) => Math.max(m, l.ms), 0),
    progressUpdates: progress,
  };
}

// A time stamp taken in the page itself: the first moment every one of `selectors` matches,
// noted by a MutationObserver (so neither Playwright's polling nor main-thread work after it
// counts). `stampOf` reads it, null while it has not happened.
async function stampWhen(page, key, selectors, { attributes = false } = {}) {
  await page.evaluate(({ key, selectors, attributes }) => {
    window.__stamps = window.__stamps || {};
    window.__stamps[key] = null;
    const o = new MutationObserver(() => {
      if (window.__stamps[key] == null && selectors.every((sel) => document.querySelector(sel))) {
        window.__stamps[key] = performance.now();
        o.disconnect();
      }
    });
    o.observe(document.body, { childList: true, subtree: true, attributes });
  }, { key, selectors, attributes });
}

function stampOf(page, key) {
  return page.evaluate((k) => (window.__stamps ? window.__stamps[k] ?? null : null), key);
}

// --- a2. DuckDB-Wasm ----------------------------------------------------------------------------

// DuckDB-Wasm (the eh bundle: one thread, as our import worker) on its own bench page: started
// and instantiated when the page loads (timed apart, as the app's worker starts with the page),
// then the picked file → CREATE TABLE … read_csv → mrr.sql (the MRR per month).
async function duckOnce(browser, mb) {
  const { context, page } = await newPage(browser);
  await page.goto(PEER + 'duckdb.html');
  await page.waitForFunction(() => window.duckReady === true, null, { timeout: 30_000 });
  const sampler = memorySampler();
  const init = await page.evaluate(() => window.duck.init());
  await page.setInputFiles('#file', fileFor(mb));
  const r = await page.evaluate(() => window.duck.run());
  const memory = sampler.stop();
  await context.close();
  return { ...init, ...r, memory };
}

function summariseDuck(runs) {
  const mem = runs.reduce((a, b) => (b.memory.peakMB > a.memory.peakMB ? b : a)).memory;
  return {
    version: runs[0].version, ms: round(median(runs.map((r) => r.ms))), runs: runs.map((r) => round(r.ms)),
    loadMs: round(median(runs.map((r) => r.loadMs))), queryMs: round(median(runs.map((r) => r.queryMs))),
    initMs: round(median(runs.map((r) => r.initMs))), cpuMs: median(runs.map((r) => r.memory.cpuMs)),
    rows: runs[0].rows, months: runs[0].months, last: runs[0].last, memory: mem,
  };
}

// a + b, interleaved: per repetition PapaParse typed, PapaParse strings, then ours, so each
// ratio compares runs a few seconds apart (the load on a shared machine drifts).
async function benchParse(browser) {
  const papa = {};
  const imp = {};
  for (const mb of SIZES) {
    const typedRuns = [];
    const stringRuns = [];
    const runs = [];
    const duckRuns = [];
    for (let i = 0; i < repeatsFor(mb); i++) {
      typedRuns.push(await papaOnce(browser, mb, true));
      stringRuns.push(await papaOnce(browser, mb, false));
      if (imp.gap) continue;
      const r = await importOnce(browser, mb, mb === Math.max(...SIZES));
      if (r.gap) { log('import gap:', r.gap); imp.gap = r.gap; continue; }
      runs.push(r);
      if (mb === Math.max(...SIZES) && !NO_DUCKDB) duckRuns.push(await duckOnce(browser, mb));
    }
    papa[`typed_${mb}MB`] = summarisePapa(typedRuns);
    papa[`strings_${mb}MB`] = summarisePapa(stringRuns);
    for (const k of [`typed_${mb}MB`, `strings_${mb}MB`]) {
      log(`papa ${k}: ${papa[k].ms} ms, ${papa[k].mbPerS} MB/s, rows ${papa[k].rows}, peak renderer ${papa[k].memory.peakMB} MB`);
    }
    if (!runs.length) continue;
    const ms = median(runs.map((r) => r.ms));
    const bytes = fs.statSync(fileFor(mb)).size;
    const worst = runs.reduce((a, b) => (b.longestTaskMs > a.longestTaskMs ? b : a));
    const peak = runs.reduce((a, b) => (b.memory.peakMB > a.memory.peakMB ? b : a));
    const pairRatios = runs.map((r, i) => typedRuns[i].ms / r.ms);
    // CPU time of the import alone (click -> done); the dashboard step is sampled separately.
    const cpuRatios = runs.map((r, i) => typedRuns[i].memory.cpuMs / r.importCpuMs);
    const dash = runs.filter((r) => r.totalToDashboardMs != null);
    imp[`${mb}MB`] = {
      ms: round(ms), runs: runs.map((r) => round(r.ms)), bytes, mbPerS: round(bytes / MB / (ms / 1000), 2),
      workerMs: median(runs.map((r) => r.workerMs).filter((x) => x != null)), workerRuns: runs.map((r) => r.workerMs),
      papaTypedOverOursPerRun: pairRatios.map((x) => round(x, 2)), papaTypedOverOurs: round(median(pairRatios), 2),
      cpuMs: median(runs.map((r) => r.importCpuMs)), papaTypedCpuMs: median(typedRuns.map((r) => r.memory.cpuMs)),
      papaTypedOverOursCpuPerRun: cpuRatios.map((x) => round(x, 2)), papaTypedOverOursCpu: round(median(cpuRatios), 2),
      pickToDoneMs: round(median(runs.map((r) => r.pickToDoneMs))), pickMs: round(median(runs.map((r) => r.pickMs))),
      dashboardMs: dash.length ? round(median(dash.map((r) => r.dashboardMs))) : null,
      dashCounts: dash.length ? dash.at(-1).dashCounts : null,
      totalToDashboardMs: dash.length ? round(median(dash.map((r) => r.totalToDashboardMs))) : null,
      harnessWallToDashboardMs: dash.length ? round(median(dash.map((r) => r.harnessWallToDashboardMs))) : null,
      totalToDashboardCpuMs: dash.length ? median(dash.map((r) => r.memory.cpuMs)) : null,
      papaTypedOverTotalToDashboardCpu: dash.length ? round(median(dash.map((r) => typedRuns[runs.indexOf(r)].memory.cpuMs / r.memory.cpuMs)), 2) : null,
      papaTypedOverTotalToDashboard: dash.length ? round(median(dash.map((r) => typedRuns[runs.indexOf(r)].ms / r.totalToDashboardMs)), 2) : null,
      used: runs[0].used, memory: peak.memory, longTasks: worst.longTasks, longestTaskMs: round(worst.longestTaskMs),
      progressUpdates: median(runs.map((r) => r.progressUpdates)),
    };
    if (duckRuns.length && dash.length) {
      const d = summariseDuck(duckRuns);
      // Same repetition, a few seconds apart: DuckDB's file → MRR per month over our
      // pick → dashboard (every KPI and chart), and its CPU time over ours.
      const pairs = dash.map((r) => [duckRuns[runs.indexOf(r)], r]).filter(([x]) => x);
      d.overTotalToDashboardPerRun = pairs.map(([x, r]) => round(x.ms / r.totalToDashboardMs, 2));
      d.overTotalToDashboard = round(median(pairs.map(([x, r]) => x.ms / r.totalToDashboardMs)), 2);
      d.overTotalToDashboardCpu = round(median(pairs.map(([x, r]) => x.memory.cpuMs / r.memory.cpuMs)), 2);
      imp[`${mb}MB`].duckdb = d;
      log(`duckdb-wasm ${d.version} ${mb}MB: file → MRR per month ${d.ms} ms (load ${d.loadMs}, query ${d.queryMs}; init ${d.initMs} before the pick), ${d.overTotalToDashboard}x our pick → dashboard, ${d.overTotalToDashboardCpu}x CPU, peak renderer ${d.memory.peakMB} MB, last month ${JSON.stringify(d.last)}`);
    }
    log(`import ${mb}MB: ${round(ms)} ms (${imp[`${mb}MB`].mbPerS} MB/s), PapaParse typed / ours ${imp[`${mb}MB`].papaTypedOverOurs}x wall, ${imp[`${mb}MB`].papaTypedOverOursCpu}x CPU, longest task ${round(worst.longestTaskMs)} ms, peak renderer ${peak.memory.peakMB} MB`);
  }
  return { papa, imp };
}

// --- c. aggregation in wasm --------------------------------------------------------------------

async function benchAgg(browser) {
  const { context, page } = await newPage(browser);
  await page.goto(PEER);
  const rows = QUICK ? 100_000 : 1_000_000;
  const r = await page.evaluate(([n, k]) => window.bench.agg(n, k), [rows, QUICK ? 2 : 5]);
  await context.close();
  const out = {
    rows: r.rows, prepareMs: round(r.prepareMs),
    reportMs: round(median(r.report)), revenueMs: round(median(r.revenue)), naiveMs: round(median(r.naive), 2),
    runs: { report: r.report.map((x) => round(x)), revenue: r.revenue.map((x) => round(x)), naive: r.naive.map((x) => round(x, 2)) },
  };
  log(`agg ${r.rows} rows: report ${out.reportMs} ms, revenue ${out.revenueMs} ms, naive ${out.naiveMs} ms`);
  return out;
}

// --- d. keystroke → result -----------------------------------------------------------------------

// Arms one measurement: keydown (capture) → first mutation of the result, of the chart, and
// the next animation frame after both.
const ARM = ([resultSel, chartSel]) => {
  const result = document.querySelector(resultSel);
  const chart = chartSel ? document.querySelector(chartSel) : null;
  const m = { key: null, result: null, chart: null, frame: null };
  const before = result ? result.textContent : null;
  const observers = [];
  const watch = (el, field, changed) => {
    if (!el) return;
    const o = new MutationObserver(() => { if (m[field] == null && changed()) m[field] = performance.now(); });
    o.observe(el, { subtree: true, childList: true, characterData: true, attributes: true });
    observers.push(o);
  };
  watch(result, 'result', () => result.textContent !== before);
  watch(chart, 'chart', () => true);
  document.addEventListener('keydown', (e) => { m.key = e.timeStamp; }, { capture: true, once: true });
  window.__ks = new Promise((resolve) => {
    const t = performance.now();
    const poll = () => {
      const complete = m.result != null && (!chart || m.chart != null);
      if (complete || performance.now() - t > 2000) {
        requestAnimationFrame(() => {
          m.frame = performance.now();
          observers.forEach((o) => o.disconnect());
          resolve({
            resultMs: m.result == null ? null : m.result - m.key,
            chartMs: m.chart == null ? null : m.chart - m.key,
            frameMs: m.frame - m.key,
          });
        });
      } else {
        setTimeout(poll, 0);
      }
    };
    poll();
  });
};

async function keystrokes(page, field, resultSel, chartSel, n) {
  await page.locator(field).click();
  await page.keyboard.press('End');
  const out = [];
  for (let i = 0; i < n; i++) {
    await page.evaluate(ARM, [resultSel, chartSel]);
    await page.keyboard.press(i % 2 === 0 ? '1' : 'Backspace');
    out.push(await page.evaluate(() => window.__ks));
  }
  return out;
}

async function benchKeystroke(browser) {
  const n = QUICK ? 10 : 50;
  const { context, page } = await newPage(browser);
  await page.goto(APP + '?kpi=sales_velocity');
  await page.locator('[data-testid=result-value]').waitFor({ state: 'visible' });
  await page.locator('[data-testid=chart] svg').first().waitFor({ state: 'visible' });
  const ours = await keystrokes(page, '#in-opportunities', '[data-testid=result-value]', '[data-testid=chart]', n);
  const long = await page.evaluate(() => window.__long.length);
  await context.close();
  const peerCtx = await newPage(browser);
  await peerCtx.page.goto(PEER);
  const peer = await keystrokes(peerCtx.page, '#typing', '#echo', null, n);
  await peerCtx.context.close();
  const pick = (rs, f) => rs.map((r) => r[f]).filter((x) => x != null);
  const out = {
    keystrokes: n,
    resultMs: round(median(pick(ours, 'resultMs')), 2), chartMs: round(median(pick(ours, 'chartMs')), 2),
    frameMs: round(median(pick(ours, 'frameMs')), 2),
    resultP90Ms: round(pick(ours, 'resultMs').sort((a, b) => a - b)[Math.floor(0.9 * pick(ours, 'resultMs').length)], 2),
    missedResults: ours.filter((r) => r.resultMs == null).length,
    peerResultMs: round(median(pick(peer, 'resultMs')), 2), peerFrameMs: round(median(pick(peer, 'frameMs')), 2),
    longTasksOnPage: long,
  };
  log(`keystroke: result ${out.resultMs} ms, chart ${out.chartMs} ms, frame ${out.frameMs} ms; peer ${out.peerResultMs} ms / frame ${out.peerFrameMs} ms`);
  return out;
}

// Every calculator, not only sales velocity: on each KPI page of the catalogue, the first
// number input with at least two characters gets its last character deleted and typed again,
// alternately (so the value stays valid), and the result and chart are timed as above.
async function benchKeystrokeAll(browser) {
  const n = QUICK ? 4 : 10;
  const { context, page } = await newPage(browser);
  await page.goto(APP + '?page=catalogue');
  await page.locator('a[href*="kpi="]').first().waitFor({ state: 'attached', timeout: 30_000 });
  const ids = await page.evaluate(() => [...new Set([...document.querySelectorAll('a[href*="kpi="]')]
    .map((a) => new URL(a.href).searchParams.get('kpi')).filter(Boolean))]);
  const per = [];
  for (const id of ids) {
    await page.goto(`${APP}?kpi=${encodeURIComponent(id)}`);
    try {
      await page.locator('[data-testid=result-value]').first().waitFor({ state: 'visible', timeout: 5_000 });
    } catch {
      per.push({ id, gap: 'no result on the page (a dataset-only KPI)' });
      continue;
    }
    const field = await page.evaluate(() => {
      const el = [...document.querySelectorAll('input[id^="in-"]')]
        .find((e) => e.type !== 'checkbox' && e.value.length >= 2 && /[0-9]$/.test(e.value));
      return el ? `[id="${el.id}"]` : null;
    });
    if (!field) {
      per.push({ id, gap: 'no number input with two characters' });
      continue;
    }
    const chartSel = (await page.locator('[data-testid=chart]').count()) > 0 ? '[data-testid=chart]' : null;
    const last = (await page.locator(field).inputValue()).slice(-1);
    await page.locator(field).click();
    await page.keyboard.press('End');
    const rs = [];
    for (let i = 0; i < n; i++) {
      await page.evaluate(ARM, ['[data-testid=result-value]', chartSel]);
      await page.keyboard.press(i % 2 === 0 ? 'Backspace' : last);
      rs.push(await page.evaluate(() => window.__ks));
    }
    const res = rs.map((r) => r.resultMs).filter((x) => x != null);
    const charts = rs.map((r) => r.chartMs).filter((x) => x != null);
    per.push({
      id, field, keystrokes: n, changed: res.length,
      resultMs: res.length ? round(median(res), 2) : null, resultMaxMs: res.length ? round(Math.max(...res), 2) : null,
      chartMs: charts.length ? round(median(charts), 2) : null,
    });
  }
  await context.close();
  const timed = per.filter((p) => p.resultMs != null);
  const worst = timed.reduce((w, p) => (!w || p.resultMs > w.resultMs ? p : w), null);
  const worstChart = timed.filter((p) => p.chartMs != null).reduce((w, p) => (!w || p.chartMs > w.chartMs ? p : w), null);
  const out = {
    kpis: ids.length, timed: timed.length, gaps: per.filter((p) => p.gap),
    worstMedianMs: worst ? worst.resultMs : null, worstKpi: worst ? worst.id : null,
    worstChartMedianMs: worstChart ? worstChart.chartMs : null, worstChartKpi: worstChart ? worstChart.id : null,
    slowestSingleMs: timed.length ? round(Math.max(...timed.map((p) => p.resultMaxMs)), 2) : null,
    medianOfMediansMs: timed.length ? round(median(timed.map((p) => p.resultMs)), 2) : null,
    per,
  };
  log(`keystroke, every calculator: ${out.timed}/${out.kpis} timed, worst median ${out.worstMedianMs} ms (${out.worstKpi}), slowest single ${out.slowestSingleMs} ms`);
  return out;
}

// --- e. first paint ---------------------------------------------------------------------------

async function paintOnce(browser, url, waitSel) {
  const { context, page } = await newPage(browser);
  await page.goto(url, { waitUntil: 'load' });
  if (waitSel) await page.locator(waitSel).first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.waitForTimeout(100);
  const r = await page.evaluate(() => {
    const p = Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, e.startTime]));
    // When the app's own files arrived: what the first contentful paint waits for.
    const res = performance.getEntriesByType('resource');
    const end = (re) => Math.max(0, ...res.filter((r) => re.test(r.name)).map((r) => r.responseEnd));
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      fp: p['first-paint'] ?? null, fcp: p['first-contentful-paint'] ?? null, mounted: window.__mounted,
      htmlEnd: nav ? nav.responseEnd : null, jsEnd: end(/\.js$/) || null, wasmEnd: end(/_bg\.wasm$/) || null,
    };
  });
  await context.close();
  return r;
}

async function benchPaint(browser) {
  const n = QUICK ? 2 : 7;
  const app = [];
  const peer = [];
  for (let i = 0; i < n; i++) {
    // Alternate, so both see the same background load.
    app.push(await paintOnce(browser, APP, 'main, nav'));
    peer.push(await paintOnce(browser, PEER, null));
  }
  const med = (rs, f) => round(median(rs.map((r) => r[f]).filter((x) => x != null)));
  const out = {
    loads: n,
    appFirstPaintMs: med(app, 'fp'), appFcpMs: med(app, 'fcp'), appMountedMs: med(app, 'mounted'),
    appHtmlEndMs: med(app, 'htmlEnd'), appJsEndMs: med(app, 'jsEnd'), appWasmEndMs: med(app, 'wasmEnd'),
    peerFirstPaintMs: med(peer, 'fp'), peerFcpMs: med(peer, 'fcp'),
  };
  log(`paint: app FP ${out.appFirstPaintMs} ms FCP ${out.appFcpMs} ms mounted ${out.appMountedMs} ms (wasm arrived ${out.appWasmEndMs} ms); peer FCP ${out.peerFcpMs} ms`);
  return out;
}

// --- main -------------------------------------------------------------------------------------

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info',
    // For experiments only, e.g. BENCH_JS_FLAGS=--no-wasm-dynamic-tiering (all wasm optimised
    // up front): shows how much of a run was spent in V8's baseline wasm tier.
    ...(process.env.BENCH_JS_FLAGS ? [`--js-flags=${process.env.BENCH_JS_FLAGS}`] : [])],
});
const result = { date: new Date().toISOString(), sizesMB: SIZES, quick: QUICK, chromium: browser.version() };
try {
  if (want('paint')) result.paint = await benchPaint(browser);
  if (want('keystroke')) result.keystroke = await benchKeystroke(browser);
  if (want('keystroke')) result.keystrokeAll = await benchKeystrokeAll(browser);
  if (want('agg')) result.agg = await benchAgg(browser);
  if (want('parse')) {
    const { papa, imp } = await benchParse(browser);
    result.papa = papa;
    result.import = imp;
  }
} finally {
  await browser.close();
}
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, JSON.stringify(result, null, 2));
log('wrote', OUT);
