import { expect, test } from '@playwright/test';
import { CalculatorPage } from '../pages/calculator';
import { DashboardPage } from '../pages/dashboard';
import { RequestLog, loadedAndCached } from '../lib/requests';
import { expectNothingStored, expectShellCacheHoldsOnlyAppFiles, stored } from '../lib/storage';

const ORIGIN = process.env.KZ_APP_ORIGIN!;
const SUB = process.env.KZ_SUB_ORIGIN!;

test('every request goes to the app origin and none happens after the initial load but the language switch', async ({ page }) => {
  const all = new RequestLog(page);
  await page.goto('./?page=catalogue');
  await loadedAndCached(page);
  const initial = await all.settle();
  expect(initial.length).toBeGreaterThan(0);
  expect(initial.filter((r) => !r.split(' ')[1].startsWith(`${ORIGIN}/`)), initial.join('\n')).toEqual([]);

  const after = new RequestLog(page);
  // Walk every page kind, switch language and currency, type, open the chart's table, download.
  await page.getByLabel('Kennzahl suchen').fill('nps');
  await page.locator('.kpi-link[href*="kpi=nps"]').click();
  const calc = new CalculatorPage(page);
  await calc.fill({ promoters: '40', passives: '40', detractors: '20' });
  await expect(calc.result).toHaveText('20');
  await page.getByText('Daten als Tabelle').click();
  await calc.download('SVG');
  await calc.download('PNG');
  await after.expectNone('before the language switch');
  // A calculator module has one language's texts (issue 18): the switch loads the page again
  // in English, from the app's origin (the service worker answers it from its cache).
  const reload = new RequestLog(page);
  await page.getByRole('button', { name: /English/ }).click();
  await expect(page).toHaveURL(/lang=en/);
  await expect(calc.result).toHaveText('20');
  const switched = await reload.settle();
  expect(switched.filter((r) => !r.split(' ')[1].startsWith(`${ORIGIN}/`)), switched.join('\n')).toEqual([]);
  const rest = new RequestLog(page);
  await page.getByRole('combobox', { name: 'Currency' }).selectOption('USD');
  await page.getByRole('link', { name: 'All KPIs' }).first().click();
  await page.locator('.kpi-link[href*="kpi=clv_cac_ratio"]').click();
  await expect(page.getByTestId('result-value')).toBeVisible();
  await page.getByRole('link', { name: 'Privacy' }).click();
  await expect(page).toHaveURL(/page=privacy/);
  await page.goBack();
  await expect(page.getByTestId('result-value')).toBeVisible();
  await rest.expectNone('after the language switch');
});

test('the dashboard, the report, their downloads and exports make no request', async ({ page }) => {
  test.setTimeout(60_000);
  const dash = new DashboardPage(page);
  await dash.open('&lang=en');
  await loadedAndCached(page);
  const after = new RequestLog(page);
  await dash.loadSample();
  await dash.tile('churn_rate').getByRole('button', { name: 'Logo churn (A)' }).click();
  await expect(page.getByTestId('detail-table')).toBeVisible();
  await page.getByTestId('period-kind').selectOption('quarter');
  await dash.setThreshold('nps', 'below', '101');
  await page.getByTestId('pseudonymise').check();
  for (const id of ['export-json', 'export-kpis', 'export-risk']) {
    const file = await dash.download(id);
    expect(file.text.length, id).toBeGreaterThan(10);
  }
  await page.getByRole('link', { name: /quarterly report/i }).first().click();
  await expect(page.getByTestId('report-row-mrr')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('report-comment').fill('Churn under control.');
  await after.expectNone('while using the dashboard and the report');
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
  for (const path of ['./?page=catalogue', './?kpi=nps', './?kpi=clv_cac_ratio', './?kpi=mrr_movements', './?page=privacy', './?page=dashboard&sample=1', './?page=report&q=2025-Q3&sample=1']) {
    await page.goto(path);
    await expect(page.locator('main h1')).toBeVisible();
  }
  await expect(page.getByTestId('report-row-mrr')).toBeVisible({ timeout: 20_000 });
  expect(violations).toEqual([]);
});

test('the server sends the security headers of the hosting guide', async ({ request }) => {
  for (const path of ['/', '/?kpi=nps', '/sw.js']) {
    const response = await request.get(`${ORIGIN}${path}`);
    expect(response.status(), path).toBe(200);
    const h = response.headers();
    expect(h['x-content-type-options'], path).toBe('nosniff');
    expect(h['referrer-policy'], path).toBe('no-referrer');
    // The app server lets exactly itself and the test intranet host frame it.
    expect(h['content-security-policy'], path).toMatch(
      new RegExp(`; frame-ancestors 'self' ${process.env.KZ_HOST_ORIGIN!.replace(/[.:/]/g, '\\$&')}$`),
    );
  }
  const sub = await request.get(`${SUB}/tools/kennzahl/`);
  expect(sub.headers()['content-security-policy']).toMatch(/; frame-ancestors 'self'$/);
});

test('after one visit the calculator opens and computes offline', async ({ page, context }) => {
  await page.goto('./?kpi=sales_velocity');
  await loadedAndCached(page);
  await context.setOffline(true);
  await page.reload();
  const calc = new CalculatorPage(page);
  await expect(calc.result).toHaveText('2.000,00 € pro Tag');
  // (80 × 2.500 € × 25 %) / 40 days = 1.250 € per day.
  await calc.fill({ opportunities: '80', deal_value: '2.500', win_rate: '25', cycle_days: '40' });
  await expect(calc.result).toHaveText('1.250,00 € pro Tag');
  await expect(calc.chart).toBeVisible();
  await page.goto('./?kpi=nps');
  // 60 − 15 = 45 (defaults would give 30).
  await calc.fill({ promoters: '60', passives: '25', detractors: '15' });
  await expect(page.getByTestId('result-value')).toHaveText('45');
  await context.setOffline(false);
});

test('after one visit the dashboard and the report work offline, and the cache holds no user data', async ({ page, context }) => {
  test.setTimeout(60_000);
  const dash = new DashboardPage(page);
  await dash.open();
  await loadedAndCached(page);
  await context.setOffline(true);
  await page.reload();
  await dash.loadSample();
  await page.goto('./?page=report&q=2025-Q3&sample=1');
  await expect(page.getByRole('heading', { name: 'Quartalsbericht 2025-Q3' })).toBeVisible();
  await expect(page.getByTestId('report-row-mrr')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('report-comment').fill('Vertraulich: Kunde K00042 kündigt.');
  await page.goto('./?kpi=churn_rate&lost=7&start=140');
  await expect(page.getByTestId('result-value')).toHaveText('5 %');
  await context.setOffline(false);
  // Only the build's own files, no page with a query (inputs), no imported data.
  // The app's folder (the origin's root, or the sub-path the release test serves it at).
  await expectShellCacheHoldsOnlyAppFiles(page, new URL('./', page.url()).href);
  await expectNothingStored(page, context);
});

test('remembered inputs and settings are gone after "forget my data"', async ({ page, context }) => {
  const calc = new CalculatorPage(page);
  await calc.open('nps');
  await page.getByTestId('remember').check();
  await calc.fill({ promoters: '70', passives: '10' });
  await page.getByRole('button', { name: /English/ }).click();
  // 70 − 20 of 100 answers = 50.
  await expect(calc.result).toHaveText('50');
  await expect.poll(async () => (await stored(page)).local).toEqual([
    'kennzahl.currency',
    'kennzahl.inputs.nps',
    'kennzahl.lang',
    'kennzahl.remember',
  ]);
  const s = await stored(page);
  expect(s.session).toEqual([]);
  expect(s.indexedDb).toEqual([]);
  // A new visit without a link restores the remembered inputs and language.
  await page.goto('./?kpi=nps');
  await expect(calc.input('promoters')).toHaveValue('70');
  await expect(page.getByRole('heading', { name: 'Result' })).toBeVisible();

  await page.goto('./?page=privacy');
  await expect(page.getByTestId('stored-keys')).toHaveText('Currently stored: 4 entries.');
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Forget my data' }).click();
  await expect(page.getByTestId('stored-keys')).toHaveText('Currently stored: 0 entries.');
  await expectNothingStored(page, context);
});

test('a remembered language and currency come back on the next visit, and only then', async ({ page }) => {
  const calc = new CalculatorPage(page);
  await calc.open('sales_velocity');
  await page.getByRole('combobox', { name: 'Währung' }).selectOption('CHF');
  // 100 × 3.000 × 20 % / 30 = 2.000 per day, written the Swiss way in German.
  await expect(calc.result).toHaveText('2.000,00 CHF pro Tag');
  await page.getByRole('button', { name: /English/ }).click();
  await expect(calc.result).toHaveText('CHF 2,000.00 per day');
  await page.getByRole('combobox', { name: 'Currency' }).selectOption('GBP');
  await expect(calc.result).toHaveText('£2,000.00 per day');
  await expect(calc.formula).toHaveText('(100 × £3,000 × 20%) / 30 days = £2,000.00 per day');
  // Not remembered: the next visit is German (the browser's language) and in euros.
  await page.goto('./?kpi=sales_velocity');
  await expect(calc.result).toHaveText('2.000,00 € pro Tag');

  await page.getByTestId('remember').check();
  await page.getByRole('combobox', { name: 'Währung' }).selectOption('USD');
  await page.getByRole('button', { name: /English/ }).click();
  await expect(calc.result).toHaveText('$2,000.00 per day');
  await page.goto('./?kpi=sales_velocity');
  await expect(calc.result).toHaveText('$2,000.00 per day');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // A language in the URL wins over the remembered one.
  await page.goto('./?kpi=sales_velocity&lang=de');
  await expect(calc.result).toHaveText('2.000,00 $ pro Tag');
});

test('nothing is stored unless the user asks', async ({ page, context }) => {
  const calc = new CalculatorPage(page);
  await calc.open('nps');
  await calc.fill({ promoters: '60', passives: '20' });
  await page.getByRole('button', { name: /English/ }).click();
  await page.getByRole('combobox', { name: 'Currency' }).selectOption('USD');
  // 60 − 20 of 100 answers = 40.
  await expect(calc.result).toHaveText('40');
  await page.goto('./?page=dashboard&sample=1&lang=en');
  const dash = new DashboardPage(page);
  await expect(dash.tile('mrr')).toBeVisible({ timeout: 20_000 });
  await dash.setThreshold('nps', 'below', '101');
  await expect(dash.tile('nps')).toHaveClass(/alert/);
  await page.goto('./?page=report&q=2025-Q3&sample=1');
  await expect(page.getByTestId('report-row-mrr')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('report-comment').fill('Vertraulich.');
  await page.goto('./?page=catalogue');
  await expect(page.locator('main h1')).toBeVisible();
  await expectNothingStored(page, context);
});

test('served below a sub-path, pages and share links keep working', async ({ page }) => {
  // 12 lost of 240: 5 % (the page's defaults give 2 %).
  await page.goto(`${SUB}/tools/kennzahl/?kpi=churn_rate&lost=12&start=240`);
  await expect(page.getByTestId('result-value')).toHaveText('5 %');
  await expect(page.locator('#in-lost')).toHaveValue('12');
  await page.getByRole('link', { name: 'Alle Kennzahlen' }).first().click();
  await expect(page).toHaveURL(`${SUB}/tools/kennzahl/?page=catalogue`);
  await page.locator('.kpi-link[href*="kpi=nps"]').click();
  const calc = new CalculatorPage(page);
  await expect(calc.result).toHaveText('30');
  // 60 − 15 = 45; the URL now carries the inputs, so a reload keeps them.
  await calc.fill({ promoters: '60', passives: '25', detractors: '15' });
  await expect(calc.result).toHaveText('45');
  for (const pair of ['kpi=nps', 'promoters=60', 'passives=25', 'detractors=15']) await expect(page).toHaveURL(new RegExp(`^${SUB}/tools/kennzahl/\\?.*\\b${pair}\\b`));
  await page.reload();
  await expect(calc.result).toHaveText('45');
});
