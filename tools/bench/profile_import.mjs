// Main-thread CPU profile of one typed import through the app's UI (issue 18, small files):
// pick the file on `?page=import`, click import, and profile the page's main thread (CDP
// `Profiler`) from the click until the result card is shown and the report has arrived
// (`settleMs` later). Prints the wall time click -> result, the profile's total, and the
// functions with the most self time.
//
//   python3 tools/serve.py --dir dist --port 8790 &
//   node tools/bench/profile_import.mjs --app http://127.0.0.1:8790/ --file /path/to/1MB.csv \
//     [--runs 3] [--settle 1500] [--top 25] [--out target/profile.json]
import { chromium } from 'playwright';
import { writeFileSync } from 'node:fs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const APP = arg('app', 'http://127.0.0.1:8790/');
const FILE = arg('file');
const RUNS = Number(arg('runs', '3'));
const SETTLE = Number(arg('settle', '1500'));
const TOP = Number(arg('top', '25'));
const OUT = arg('out');
if (!FILE) throw new Error('--file is required');

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});

// Self time per function (ms), from a CDP profile.
function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const n = byId.get(profile.samples[i]);
    const f = n.callFrame;
    const name = `${f.functionName || '(anonymous)'} ${f.url ? f.url.split('/').pop() : ''}`.trim();
    self.set(name, (self.get(name) ?? 0) + (dt[i] ?? 0) / 1000);
  }
  return self;
}

const totals = new Map();
const walls = [];
let lastProfile = null;
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({ serviceWorkers: 'block', locale: 'de-DE' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(APP + '?page=import');
  await page.locator('[data-testid=file-input]').first().setInputFiles(FILE);
  const start = page.locator('[data-testid=import]:not([disabled])').first();
  await start.waitFor({ state: 'visible', timeout: 30_000 });
  await page.waitForTimeout(300);
  await page.evaluate(() => {
    window.__t = {};
    document.addEventListener('click', (e) => { window.__t.click = e.timeStamp; }, { capture: true, once: true });
    new MutationObserver((_, obs) => {
      if (document.querySelector('[data-testid=result]')) { window.__t.done = performance.now(); obs.disconnect(); }
    }).observe(document.body, { subtree: true, childList: true });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await start.click();
  await page.locator('[data-testid=result]').first().waitFor({ state: 'visible', timeout: 60_000 });
  await page.waitForTimeout(SETTLE);
  const { profile } = await cdp.send('Profiler.stop');
  const t = await page.evaluate(() => window.__t);
  walls.push(t.done - t.click);
  for (const [k, v] of selfTimes(profile)) totals.set(k, (totals.get(k) ?? 0) + v);
  lastProfile = profile;
  await context.close();
}
await browser.close();

const idle = ['(idle)', '(program)', '(garbage collector)'];
let busy = 0;
for (const [k, v] of totals) if (!idle.includes(k)) busy += v;
const r = (x) => Math.round(x * 10) / 10;
console.log(`click -> result (ms, per run): ${walls.map(r).join(', ')}`);
console.log(`main thread, per run: busy ${r(busy / RUNS)} ms (without idle/program/GC), GC ${r((totals.get('(garbage collector)') ?? 0) / RUNS)} ms, program ${r((totals.get('(program)') ?? 0) / RUNS)} ms`);
const rows = [...totals].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, TOP);
for (const [k, v] of rows) console.log(`${r(v / RUNS).toString().padStart(8)} ms  ${k}`);
if (OUT) writeFileSync(OUT, JSON.stringify(lastProfile));
