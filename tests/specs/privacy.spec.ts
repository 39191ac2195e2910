import { expect, test, type Page, type Request } from '@playwright/test';
import { CalculatorPage } from '../pages/calculator';

const ORIGIN = process.env.KZ_APP_ORIGIN!;
const HOST = process.env.KZ_HOST_ORIGIN!;
const SUB = process.env.KZ_SUB_ORIGIN!;

/** Records every request of the page (and its workers) from now on. */
function recordRequests(page: Page): string[] {
  const seen: string[] = [];
  const log = (r: Request) => seen.push(`${r.method()} ${r.url()}`);
  page.on('request', log);
  page.context().on('request', (r) => { if (!seen.includes(`${r.method()} ${r.url()}`)) log(r); });
  return seen;
}

async function ready(page: Page) {
  await expect(page.locator('main h1')).toBeVisible();
  // The service worker caches the shell during the initial load; wait until that is done.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
}

test('every request goes to the app origin and none happens after the initial load', async ({ page }) => {
  const all = recordRequests(page);
  await page.goto('./?page=catalogue');
  await ready(page);
  await page.waitForLoadState('networkidle');
  expect(all.filter((r) => !r.split(' ')[1].startsWith(ORIGIN) && !r.split(' ')[1].startsWith('data:')), all.join('\n')).toEqual([]);

  const after: string[] = [];
  page.on('request', (r) => after.push(`${r.method()} ${r.url()}`));
  // Walk every page kind, switch language and currency, type, open charts' tables.
  await page.getByLabel('Kennzahl suchen').fill('nps');
  await page.locator('.kpi-link[href*="kpi=nps"]').click();
  const calc = new CalculatorPage(page);
  await calc.fill({ promoters: '40', passives: '40', detractors: '20' });
  await page.getByText('Daten als Tabelle').click();
  await page.getByRole('button', { name: /English/ }).click();
  await page.getByRole('combobox', { name: 'Currency' }).selectOption('USD');
  await page.getByRole('link', { name: 'All KPIs' }).first().click();
  await page.locator('.kpi-link[href*="kpi=clv_cac_ratio"]').click();
  await page.getByRole('link', { name: 'Privacy' }).click();
  await page.goBack();
  await page.waitForTimeout(500);
  expect(after, `requests after load:\n${after.join('\n')}`).toEqual([]);
});

test('the page carries the Content-Security-Policy and nothing violates it', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text()); });
  const response = await page.goto('./?kpi=sales_velocity');
  const header = response?.headers()['content-security-policy'] ?? '';
  for (const directive of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval' 'sha256-", "connect-src 'self'", "img-src 'self' data: blob:", "object-src 'none'", "base-uri 'none'", "form-action 'none'", 'frame-ancestors']) {
    expect(header).toContain(directive);
  }
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("default-src 'self'");
  await expect(page.getByTestId('result-value')).toBeVisible();
  for (const path of ['./?page=catalogue', './?kpi=nps', './?kpi=clv_cac_ratio', './?kpi=mrr_movements', './?page=privacy']) {
    await page.goto(path);
    await expect(page.locator('main h1')).toBeVisible();
  }
  expect(violations).toEqual([]);
});

test('after one visit the app opens and computes offline', async ({ page, context }) => {
  await page.goto('./?kpi=sales_velocity');
  await ready(page);
  await context.setOffline(true);
  await page.reload();
  const calc = new CalculatorPage(page);
  await calc.fill({ opportunities: '100', deal_value: '3.000', win_rate: '20', cycle_days: '30' });
  await expect(calc.result).toHaveText('2.000,00 € pro Tag');
  await expect(calc.chart).toBeVisible();
  await page.goto('./?kpi=nps');
  await expect(page.getByTestId('result-value')).toHaveText('30');
  await context.setOffline(false);
});

test('remembered inputs and settings are gone after "forget my data"', async ({ page }) => {
  const calc = new CalculatorPage(page);
  await calc.open('nps');
  await page.getByTestId('remember').check();
  await calc.type('promoters', '70');
  await page.getByRole('button', { name: /English/ }).click();
  const stored = await page.evaluate(() => Object.keys(localStorage));
  expect(stored).toEqual(expect.arrayContaining(['kennzahl.remember', 'kennzahl.lang', 'kennzahl.inputs.nps']));
  // A new visit without a link restores the remembered inputs.
  await page.goto('./?kpi=nps');
  await expect(calc.input('promoters')).toHaveValue('70');

  await page.goto('./?page=privacy');
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Forget my data' }).click();
  await expect(page.getByTestId('stored-keys')).toContainText('0 entries');
  expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
});

test('nothing is stored unless the user asks', async ({ page }) => {
  const calc = new CalculatorPage(page);
  await calc.open('nps');
  await calc.type('promoters', '60');
  await page.getByRole('button', { name: /English/ }).click();
  await page.goto('./?page=catalogue');
  expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
  expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([]);
});

test.describe('embedded in an intranet page on another origin', () => {
  const widget = `${ORIGIN}/?kpi=nps&embed=1&lang=en&parent=${encodeURIComponent(HOST)}`;

  test('the widget is chrome-less and tells the host its height', async ({ page }) => {
    await page.goto(`${HOST}/#${encodeURIComponent(widget)}`);
    const frame = page.frameLocator('#kennzahl-widget');
    await expect(frame.getByTestId('result-value')).toHaveText('30');
    await expect(frame.locator('header.topbar')).toHaveCount(0);
    await expect.poll(() => page.evaluate(() => (window as any).received.filter((m: any) => m.data?.type === 'kennzahl:height').length)).toBeGreaterThan(0);
    const origins = await page.evaluate(() => (window as any).received.map((m: any) => m.origin));
    expect(new Set(origins)).toEqual(new Set([ORIGIN]));
    await expect.poll(async () => Number(await page.locator('#kennzahl-widget').getAttribute('height'))).toBeGreaterThan(400);
    // Storage is off in the frame.
    const keys = await page.frames()[1].evaluate(() => Object.keys(localStorage));
    expect(keys).toEqual([]);
  });

  test('a message from the named parent is obeyed, one from a wrong origin changes nothing', async ({ page }) => {
    await page.goto(`${HOST}/#${encodeURIComponent(widget)}`);
    const frame = page.frameLocator('#kennzahl-widget');
    await expect(frame.getByRole('heading', { name: 'Result' })).toBeVisible();
    // An intruder frame with an opaque origin on the same host page tries to switch the language.
    await page.evaluate(() => {
      const intruder = document.createElement('iframe');
      intruder.setAttribute('sandbox', 'allow-scripts');
      intruder.srcdoc =
        "<script>parent.frames[0].postMessage({ type: 'kennzahl:lang', lang: 'de' }, '*');</" + 'script>';
      document.body.appendChild(intruder);
    });
    await page.waitForTimeout(700);
    await expect(frame.getByRole('heading', { name: 'Result' })).toBeVisible();
    // The same message from the host origin the snippet named is obeyed.
    await page.evaluate((origin) => {
      const f = document.getElementById('kennzahl-widget') as HTMLIFrameElement;
      f.contentWindow!.postMessage({ type: 'kennzahl:lang', lang: 'de' }, origin);
    }, ORIGIN);
    await expect(frame.getByRole('heading', { name: 'Ergebnis' })).toBeVisible();
  });
});

test('served below a sub-path, pages and share links keep working', async ({ page }) => {
  await page.goto(`${SUB}/tools/kennzahl/?kpi=churn_rate&lost=2&start=100`);
  await expect(page.getByTestId('result-value')).toHaveText('2 %');
  await page.getByRole('link', { name: 'Alle Kennzahlen' }).first().click();
  await expect(page).toHaveURL(`${SUB}/tools/kennzahl/?page=catalogue`);
  await page.locator('.kpi-link[href*="kpi=nps"]').click();
  await expect(page.getByTestId('result-value')).toHaveText('30');
  await page.reload();
  await expect(page.getByTestId('result-value')).toHaveText('30');
});
