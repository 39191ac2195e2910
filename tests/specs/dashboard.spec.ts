import AxeBuilder from '@axe-core/playwright';
import { test, expect } from '@playwright/test';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DashboardPage, parseCsv } from '../pages/dashboard';
import { sampleReport } from '../lib/cli';

/**
 * The report the CLI computes from the same sample data (`kennzahl report --sample --json`),
 * independently of the browser; the binary was built before the suite started (global setup),
 * so this takes well under a second.
 */
let cli: any;
test.beforeAll(() => {
  cli = sampleReport();
});

/**
 * A number as the English page writes it ("1,234", "−12", "–" for unknown). The minus sign
 * U+2212 is a minus: a parser that dropped it read a rise of the score as a fall.
 */
function shownNumber(text: string): number | null {
  const t = text.trim();
  if (t === '–') return null;
  expect(t, `a number: ${t}`).toMatch(/^[\u2212-]?\d{1,3}(,\d{3})*(\.\d+)?$/);
  return Number(t.replace(/^\u2212/, '-').replace(/,/g, ''));
}

const byMonth = (rows: any[], month: string) => rows.find((r: any) => r.month === month);

test('sample tiles equal the CLI report: MRR, NPS, logo churn, ticket volume', async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.open();
  await expect(page.getByTestId('dashboard-empty')).toBeVisible();
  await dash.loadSample();
  const month = await dash.month();
  expect(month).toMatch(/^\d{4}-\d{2}$/);

  // The report as the app exports it, and as the CLI computes it.
  const exported = JSON.parse((await dash.download('export-json')).text);
  for (const report of [cli, exported]) {
    const rev = byMonth(report.revenue.months, month);
    expect(await dash.raw('mrr')).toBe(rev.mrr);
    expect(await dash.raw('churn_rate')).toBeCloseTo(rev.retention.logo_churn_a, 12);
    expect(await dash.raw('nps')).toBeCloseTo(byMonth(report.surveys.months, month).nps.nps, 12);
    expect(await dash.raw('ticket_volume')).toBe(byMonth(report.tickets.months, month).opened);
  }
  // The default month is the latest one with data (the sample ends with a complete month).
  expect(cli.revenue.months.at(-1).month).toBe(month);

  // Shown per locale: the German page writes euros with a decimal comma.
  const mrr = byMonth(cli.revenue.months, month).mrr / 100;
  const german = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(mrr);
  const norm = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').trim();
  expect(norm(await dash.value('mrr').innerText())).toBe(norm(german));
  await expect(page.locator('body')).not.toContainText(/NaN|Infinity|undefined/);

  // English: same number, English formatting, no German labels left.
  await page.getByRole('button', { name: 'English' }).click();
  const english = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(mrr);
  await expect(dash.value('mrr')).toHaveText(english);
  await expect(dash.tile('churn_rate')).toContainText('Logo churn');
  await expect(page.getByRole('heading', { name: 'Accounts at risk', level: 2 })).toBeVisible();
  await expect(page.locator('main')).not.toContainText(/ggü\.|Zeitraum|Gefährdet|Kunden|Monat/);
});

test('a threshold turns its tile red, lists it as an alert, and is stored only on request', async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.open('&lang=en');
  await dash.loadSample();
  await expect(dash.tile('mrr')).not.toHaveClass(/alert/);
  await expect(page.getByTestId('alert-mrr')).toHaveCount(0);

  // MRR below 100 million euros: always breached.
  await dash.setThreshold('mrr', 'below', '100000000');
  await expect(dash.tile('mrr')).toHaveClass(/alert/);
  await expect(page.getByTestId('tile-alert-mrr')).toHaveText('Alert');
  await expect(page.getByTestId('alert-mrr')).toContainText('MRR');
  expect(await page.evaluate(() => localStorage.getItem('kennzahl.thresholds'))).toBeNull();

  // Turning the rule off clears the alert; saving keeps the rules under the app prefix.
  await dash.setThreshold('mrr', 'off');
  await expect(dash.tile('mrr')).not.toHaveClass(/alert/);
  await dash.setThreshold('nps', 'below', '101');
  await expect(dash.tile('nps')).toHaveClass(/alert/);
  await page.getByTestId('save-thresholds').check();
  const stored = await page.evaluate(() => localStorage.getItem('kennzahl.thresholds'));
  expect(stored).toContain('nps:below:101');
  expect(stored).not.toContain('mrr');
  await page.getByTestId('save-thresholds').uncheck();
  expect(await page.evaluate(() => localStorage.getItem('kennzahl.thresholds'))).toBeNull();
});

test('a tile opens its detail view with chart, definition and numbers', async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.open('&lang=en');
  await dash.loadSample();
  await dash.tile('churn_rate').getByRole('button', { name: 'Logo churn (A)' }).click();
  const detail = page.getByTestId('detail');
  await expect(detail).toContainText('churned customers ÷ customers at the end of the previous period');
  await expect(detail.getByTestId('chart').first().locator('svg')).toBeVisible();
  await expect(detail.getByTestId('detail-table').locator('tbody tr')).toHaveCount(12);
  expect(page.url()).toContain('kpi=churn_rate');

  // A quarter's churn is computed from its start and end, and the tile says so.
  await page.getByTestId('period-kind').selectOption('quarter');
  await expect(detail).toContainText("Computed from the period's start and end");
  const quarter = await page.getByTestId('period-quarter').inputValue();
  expect(quarter).toMatch(/^\d{4}-Q[1-4]$/);
  const q = cli.revenue.quarters.find((x: any) => x.label === quarter);
  expect(q, `the CLI has quarter ${quarter}`).toBeDefined();
  expect(await dash.raw('churn_rate')).toBeCloseTo(q.retention.logo_churn_a, 12);

  // A custom month range is computed from its own start and end too (never a mean of months),
  // and the detail names its basis: churned of start customers.
  await page.getByTestId('period-kind').selectOption('range');
  await expect(page.getByTestId('period-from')).toBeVisible();
  await expect(detail).toContainText("Computed from the period's start and end");
  await expect(detail).not.toContainText('Mean of the monthly values');
  await expect(page.getByTestId('detail-basis')).toContainText(/Basis: \d+ of \d+ customers\./);
  expect(page.url()).toMatch(/period=\d{4}-\d{2}\.\.\d{4}-\d{2}/);
});

test('changing a health weight recomputes the at-risk list and shows the new sum', async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.open('&lang=en');
  await dash.loadSample();
  await expect(page.getByTestId('weights-sum')).toHaveText('Sum of weights: 1.00');
  const before = await dash.raw('at_risk');
  // Scoring everyone below 90 puts (almost) every account at risk.
  await page.getByTestId('risk-below').fill('90');
  await page.getByTestId('risk-below').press('Enter');
  await page.getByTestId('risk-below').blur();
  await expect.poll(() => dash.raw('at_risk')).toBeGreaterThan(before);
  await page.getByTestId('weight-frequency').fill('0.8');
  await page.getByTestId('weight-frequency').blur();
  await expect(page.getByTestId('weights-sum')).toHaveText('Sum of weights: 1.50');

  // Sorted by the fall of the score: every account fell at least as far as the next one, and
  // accounts without a previous score ("–") come last.
  await page.getByTestId('risk-sort').selectOption('drop');
  const drops = (await page.getByTestId('at-risk-table').locator('tbody tr td:nth-child(3)').allInnerTexts()).map(shownNumber);
  expect(drops.length).toBeGreaterThan(1);
  const known = drops.filter((d): d is number => d !== null);
  expect(drops.slice(0, known.length), 'unknown drops last').toEqual(known);
  expect(known).toEqual([...known].sort((a, b) => b - a));
  expect(known[0]).toBeGreaterThan(0);
});

test('the at-risk table is read with its minus sign', () => {
  // Regression: the parser stripped U+2212, so a drop of −12 compared as 12.
  expect(shownNumber('−12')).toBe(-12);
  expect(shownNumber('1,234')).toBe(1234);
  expect(shownNumber('–')).toBeNull();
});

test('the quarterly report prints to a multi-page PDF', async ({ page }) => {
  await page.goto('./?page=report&q=2025-Q3&sample=1&lang=de');
  await expect(page.getByRole('heading', { name: 'Quartalsbericht 2025-Q3' })).toBeVisible();
  await expect(page.getByTestId('report-row-mrr')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('report-table')).toContainText('ggü. Vorquartal');
  await page.getByTestId('report-comment').fill('Abwanderung im Griff.');
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('comment')))).toEqual([]);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.topbar')).toBeHidden();
  await expect(page.getByTestId('print')).toBeHidden();
  const pdf = await page.pdf({ format: 'A4' });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pdf.length).toBeGreaterThan(20_000);
  expect(pages).toBeGreaterThan(1);
});

test('CSV exports: plain numbers, pseudonyms on request', async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.open('&lang=en');
  await dash.loadSample();
  const kpis = parseCsv((await dash.download('export-kpis')).text);
  expect(kpis[0]).toEqual(['kpi_id', 'KPI', 'period', 'value', 'previous', 'unit', 'alert']);
  const mrrRow = kpis.find((r) => r[0] === 'mrr')!;
  expect(Number(mrrRow[3])).toBeCloseTo((await dash.raw('mrr')) / 100, 6);
  expect(mrrRow[3]).toMatch(/^-?\d+(\.\d+)?$/);
  const churn = kpis.find((r) => r[0] === 'churn_rate')!;
  expect(Number(churn[3])).toBeCloseTo((await dash.raw('churn_rate')) * 100, 6);

  const plain = parseCsv((await dash.download('export-risk')).text);
  expect(plain[0]).toEqual(['customer', 'health_score', 'drop', 'reasons']);
  expect(plain[1][0]).toMatch(/^K\d+$/);
  await page.getByTestId('pseudonymise').check();
  const hidden = (await dash.download('export-risk')).text;
  expect(hidden).not.toMatch(/K\d{5}/);
  const rows = parseCsv(hidden);
  expect(rows[1][0]).toBe('Customer 001');
  expect(rows.length).toBe(plain.length);
});

test('an imported customer id like =HYPERLINK(...) is neutralised in the at-risk CSV', async ({ page }) => {
  await page.goto('./?page=import&lang=en');
  await expect(page.locator('main h1')).toBeVisible();
  const dir = mkdtempSync(join(tmpdir(), 'kz-'));
  const file = join(dir, 'usage.csv');
  const evil = '=HYPERLINK("http://x","y")';
  const lines = ['timestamp,user,account,event,session_seconds'];
  for (let d = 1; d <= 28; d++) {
    const day = String(d).padStart(2, '0');
    for (const u of ['a', 'b', 'c', 'd', 'e']) lines.push(`2025-06-${day}T10:00:00,${u}@good,good,report,600`);
  }
  lines.push(`2025-06-28T09:00:00,x@evil,"${evil.replace(/"/g, '""')}",login,60`);
  writeFileSync(file, lines.join('\n') + '\n');
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByTestId('import').click({ timeout: 20_000 });
  await expect(page.getByTestId('file-count')).toHaveAttribute('data-count', '1', { timeout: 20_000 });

  // Client-side navigation keeps the imported data.
  await page.getByRole('link', { name: 'Dashboard' }).first().click();
  const dash = new DashboardPage(page);
  await expect(page.getByTestId('at-risk-table')).toContainText(evil);
  const text = (await dash.download('export-risk')).text;
  const rows = parseCsv(text);
  expect(rows.map((r) => r[0])).toContain(`'${evil}`);
  expect(rows.every((r) => !r[0].startsWith('='))).toBe(true);
});

for (const [path, ready] of [
  ['./?page=dashboard&sample=1&kpi=nps', 'detail'],
  ['./?page=dashboard&sample=1&kpi=ndr', 'cohort-cells'],
  ['./?page=report&q=2025-Q3&sample=1', 'report-table'],
  ['./?page=dashboard', 'load-sample'],
]) {
  test(`no serious or critical axe violations on ${path}`, async ({ page }) => {
    // Axe walks every tile, chart and table of the full dashboard.
    test.setTimeout(60_000);
    await page.goto(path);
    await expect(page.getByTestId(ready)).toBeVisible({ timeout: 20_000 });
    const thresholds = page.locator('details.thresholds summary');
    if (await thresholds.count()) await thresholds.click();
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes[0]?.html.slice(0, 120)}`)).toEqual([]);
  });
}
