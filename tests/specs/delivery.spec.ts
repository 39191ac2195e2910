import { expect, test } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CalculatorPage } from '../pages/calculator';
import { loadedAndCached } from '../lib/requests';

// Compressed delivery (issue 19): `./dev build` writes .br and .gz copies, tools/serve.py sends
// them by Accept-Encoding; the browser decodes, so the app and its offline copy are the same.
const DIST = resolve(__dirname, '..', '..', process.env.KZ_DIST ?? 'dist');

test('the wasm and the script arrive compressed, the app runs, and the offline copy holds the decoded files', async ({ page }) => {
  const encodings = new Map<string, string>();
  page.on('response', (r) => {
    const name = new URL(r.url()).pathname.split('/').pop() ?? '';
    if (/\.(wasm|js)$/.test(name)) encodings.set(name, r.headers()['content-encoding'] ?? 'none');
  });
  const calc = new CalculatorPage(page);
  await calc.open('nps');
  // 60 − 15 of 100 = 45.
  await calc.fill({ promoters: '60', passives: '25', detractors: '15' });
  await expect(calc.result).toHaveText('45');
  await loadedAndCached(page);
  // A calculator page loads the calculator module (src/bin/calc.rs) of its language (German).
  const wasm = readdirSync(DIST).find((f) => /^calc-de-.*_bg\.wasm$/.test(f))!;
  expect(wasm).toBeTruthy();
  // Chromium offers br over HTTPS and to localhost (gzip, deflate, br, zstd), so br it is.
  expect(encodings.get(wasm)).toBe('br');
  expect(encodings.get(wasm.replace('_bg.wasm', '.js'))).toBe('br');
  // The service worker's copy is the file itself, decoded: same length, wasm magic number.
  const cached = await page.evaluate(async (name) => {
    for (const key of await caches.keys()) {
      const hit = await (await caches.open(key)).match(`./${name}`);
      if (hit) {
        const bytes = new Uint8Array(await hit.arrayBuffer());
        return [...bytes.subarray(0, 4), bytes.length];
      }
    }
    return null;
  }, wasm);
  expect(cached).not.toBeNull();
  expect(cached!.slice(0, 4)).toEqual([0, 0x61, 0x73, 0x6d]);
  expect(cached![4]).toBe(readFileSync(join(DIST, wasm)).length);
});
