// CPU profile of the import worker's thread during one typed import through the app's UI
// (issue 18, small files): the page's CDP session auto-attaches to the worker (non-flat
// sessions, `Target.sendMessageToTarget`), profiles it from the click until 1 s after the
// result card, and prints the worker's busy time and its heaviest functions. The release
// build has no function names (wasm-opt strips them), so wasm functions show as indices.
//
//   python3 tools/serve.py --dir dist --port 8790 &
//   node tools/bench/profile_worker.mjs http://127.0.0.1:8790/ /path/to/1MB.csv [runs]
import { chromium } from 'playwright';
const APP = process.argv[2], FILE = process.argv[3], RUNS = Number(process.argv[4] ?? 3);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const totals = new Map(); let walls = [];
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  let wsession = null; let nextId = 1; const waiting = new Map();
  cdp.on('Target.attachedToTarget', (e) => { if (e.targetInfo.type === 'worker' && e.targetInfo.url.includes('import_worker')) wsession = e.sessionId; });
  cdp.on('Target.receivedMessageFromTarget', (e) => { const m = JSON.parse(e.message); if (m.id && waiting.has(m.id)) { waiting.get(m.id)(m.result); waiting.delete(m.id); } });
  const wsend = (method, params = {}) => new Promise((res) => { const id = nextId++; waiting.set(id, res); cdp.send('Target.sendMessageToTarget', { sessionId: wsession, message: JSON.stringify({ id, method, params }) }); });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  await page.goto(APP + '?page=import');
  await page.locator('[data-testid=file-input]').first().setInputFiles(FILE);
  const start = page.locator('[data-testid=import]:not([disabled])').first();
  await start.waitFor({ state: 'visible', timeout: 30000 });
  await page.waitForTimeout(300);
  if (!wsession) { console.log('no worker session'); process.exit(1); }
  await wsend('Profiler.enable'); await wsend('Profiler.setSamplingInterval', { interval: 100 }); await wsend('Profiler.start');
  await start.click();
  await page.locator('[data-testid=result]').first().waitFor({ state: 'visible', timeout: 60000 });
  await page.waitForTimeout(1000);
  const { profile } = await wsend('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (let i = 0; i < profile.samples.length; i++) {
    const f = byId.get(profile.samples[i]).callFrame;
    const name = `${f.functionName || '(anon)'} ${f.url ? f.url.split('/').pop() : ''}`.trim();
    totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  await context.close();
}
await browser.close();
let busy = 0; for (const [k, v] of totals) if (k !== '(idle)') busy += v;
console.log(`worker busy per run (incl. program/GC): ${(busy / RUNS).toFixed(1)} ms`);
for (const [k, v] of [...totals].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${(v / RUNS).toFixed(1).padStart(8)} ms  ${k}`);
