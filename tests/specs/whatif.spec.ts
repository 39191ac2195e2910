import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Page } from '@playwright/test';
import { sampleReport } from '../lib/cli';
import { RequestLog, loadedAndCached } from '../lib/requests';

/**
 * What-if: a typed-in baseline with the scenario "churn −1 pt" gives the hand-computed
 * figures (crates/analytics/tests/whatif.rs, `the_browser_specs_case`); the share link
 * restores the scenario; with sample data the baseline comes from the data (checked against
 * the CLI's report) and never reaches the link.
 *
 * MRR 10.000 €, 100 customers, 500 € new MRR and 5 new customers a month, expansion 1 %,
 * contraction 0,5 %, churn 3 %: MRR(t) = 0.975ᵗ × 10.000 + 500 × (1 − 0.975ᵗ) ÷ 0.025; with
 * churn 2 %, 0.985ᵗ and ÷ 0.015. Month 24: 14.553,58 € and 17.098,56 €; revenue over 24
 * months 302.410,20 € and 333.861,46 €, difference 31.451,26 €; over 36 months 70.273,89 €.
 */

const norm = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/\u2212/g, '-').trim();

async function open(page: Page, query = '') {
  await page.goto(`./?page=whatif${query}`);
  await expect(page.getByTestId('wi-result')).toBeVisible();
}

async function shows(page: Page, id: string, text: string) {
  await expect.poll(async () => norm(await page.getByTestId(id).innerText())).toBe(text);
}

const TYPED_DE: [string, string][] = [
  ['mrr', '10.000'],
  ['cust', '100'],
  ['bnew', '500'],
  ['breact', '0'],
  ['bcust', '5'],
  ['bexp', '1'],
  ['bcon', '0,5'],
  ['bchurn', '3 %'],
];

test('typed-in baseline, churn −1 pt: hand-computed figures, and the share link restores them', async ({ page }) => {
  await open(page, '&lang=de');
  for (const [key, text] of TYPED_DE) await page.locator(`#wi-${key}`).fill(text);
  for (const key of ['exp', 'con', 'new', 'react']) await page.locator(`#wi-${key}`).fill('');
  await page.locator('#wi-churn').fill('−1');
  await page.getByTestId('wi-horizon').selectOption('24');

  await shows(page, 'wi-diff', 'Umsatzdifferenz über 24 Monate: +31.451,26 €');
  await shows(page, 'wi-mrr-base', '14.553,58 €');
  await shows(page, 'wi-mrr-scen', '17.098,56 €');
  await shows(page, 'wi-mrr-diff', '+2.544,98 €');
  await shows(page, 'wi-revenue-base', '302.410,20 €');
  await shows(page, 'wi-revenue-scen', '333.861,46 €');
  await shows(page, 'wi-revenue-diff', '+31.451,26 €');
  await shows(page, 'wi-arr-scen', '205.182,72 €');
  // CLV = ARPU ÷ churn: 108,15 € ÷ 3 % and 108,47 € ÷ 2 %.
  await shows(page, 'wi-clv-base', '3.604,90 €');
  await shows(page, 'wi-clv-scen', '5.423,54 €');
  await expect(page.getByTestId('wi-diff')).toHaveAttribute('data-value', '3145126');
  // The chart has its table; the table per month ends with month 24.
  await expect(page.getByTestId('chart').locator('svg')).toBeVisible();
  await page.getByTestId('wi-months').locator('summary').click();
  await expect(page.getByTestId('wi-month-24').locator('td').nth(2)).toHaveAttribute('data-value', '254498');

  // The share link: the scenario and, without data, the typed-in figures.
  const url = new URL(page.url());
  expect(url.searchParams.get('churn')).toBe('-1');
  expect(url.searchParams.get('h')).toBe('24');
  expect(url.searchParams.get('mrr')).toBe('10000');
  expect(url.searchParams.get('bcon')).toBe('0.5');
  await page.goto(page.url());
  await expect(page.locator('#wi-churn')).toHaveValue('-1');
  await expect(page.locator('#wi-mrr')).toHaveValue('10.000');
  await expect(page.locator('#wi-bcon')).toHaveValue('0,5');
  await shows(page, 'wi-diff', 'Umsatzdifferenz über 24 Monate: +31.451,26 €');

  // 36 months.
  await page.getByTestId('wi-horizon').selectOption('36');
  await shows(page, 'wi-revenue-diff', '+70.273,89 €');
  expect(new URL(page.url()).searchParams.get('h')).toBe('36');

  // A scenario equal to the baseline changes nothing.
  await page.locator('#wi-churn').fill('0');
  await shows(page, 'wi-revenue-diff', '0,00 €');
  await expect(page.locator('body')).not.toContainText(/NaN|Infinity|undefined/);

  // Switching the language rewrites the typed figures in English format: 10.000 stays ten
  // thousand, and the figures stay the same.
  await page.locator('#wi-churn').fill('-1');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('#wi-mrr')).toHaveValue('10,000');
  await expect(page.locator('#wi-bcon')).toHaveValue('0.5');
  await shows(page, 'wi-revenue-diff', '+€70,273.89');
});

test('the same link in English', async ({ page }) => {
  const q = '&lang=en&h=24&churn=-1&mrr=10000&cust=100&bnew=500&breact=0&bcust=5&bexp=1&bcon=0.5&bchurn=3';
  await open(page, q);
  await expect(page.locator('#wi-mrr')).toHaveValue('10,000');
  await shows(page, 'wi-diff', 'Revenue difference over 24 months: +€31,451.26');
  await shows(page, 'wi-mrr-base', '€14,553.58');
  await shows(page, 'wi-clv-scen', '€5,423.54');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('What-if');
  await expect(page.locator('main')).not.toContainText(/Umsatz|Kunden|Monat/);
  // An invalid figure is named at its field and no projection is shown.
  await page.locator('#wi-bchurn').fill('120');
  await expect(page.getByTestId('msg-wi-bchurn')).toContainText('0 to 100');
  await expect(page.getByTestId('wi-invalid')).toBeVisible();
});

test('sample data fills the baseline from the data; the link carries the scenario, never the data', async ({ page }) => {
  const cli = sampleReport();
  await open(page, '&lang=en&basis=6&exp=10');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('wi-base-table')).toBeVisible({ timeout: 20_000 });

  // The oracle: the CLI's months, the last 6 complete ones that begin with MRR.
  let months = cli.revenue.months;
  if (cli.as_of?.partial) months = months.slice(0, -1);
  const last = months.at(-1);
  const window = months.slice(-6).filter((m: any) => m.retention.start_mrr > 0);
  const sum = (f: (m: any) => number) => window.reduce((s: number, m: any) => s + f(m), 0);
  const raw = async (key: string) => Number(await page.getByTestId(`wi-base-${key}`).getAttribute('data-value'));
  expect(await raw('mrr')).toBe(last.mrr);
  expect(await raw('cust')).toBe(last.customers);
  expect(await raw('bnew')).toBe(Math.round(sum((m) => m.movements.new) / window.length));
  expect(await raw('bchurn')).toBeCloseTo(sum((m) => m.movements.churn) / sum((m) => m.retention.start_mrr), 12);
  expect(await raw('blogo')).toBeCloseTo(
    sum((m) => m.retention.churned_customers) / sum((m) => m.retention.start_customers),
    12,
  );
  await expect(page.getByTestId('wi-basis-note')).toContainText('average of the 6 complete months');

  // One point less churn is worth something; the difference is positive.
  await page.locator('#wi-churn').fill('-1');
  await expect.poll(async () => Number(await page.getByTestId('wi-diff').getAttribute('data-value'))).toBeGreaterThan(0);
  await expect(page.getByTestId('wi-diff')).toContainText('+€');

  // 3 months average other months.
  await page.getByTestId('wi-basis-months').selectOption('3');
  const window3 = months.slice(-3).filter((m: any) => m.retention.start_mrr > 0);
  const new3 = window3.reduce((s: number, m: any) => s + m.movements.new, 0) / window3.length;
  await expect.poll(() => raw('bnew')).toBe(Math.round(new3));

  // The link: scenario, horizon and basis; no figure from the data.
  const url = new URL(page.url());
  expect(url.searchParams.get('churn')).toBe('-1');
  expect(url.searchParams.get('exp')).toBe('10');
  expect(url.searchParams.get('basis')).toBe('3');
  for (const key of ['mrr', 'cust', 'bnew', 'breact', 'bcust', 'bexp', 'bcon', 'bchurn']) {
    expect(url.searchParams.has(key), key).toBe(false);
  }
  // Reloaded, the data are gone (nothing is stored) and the scenario is back.
  await page.goto(page.url());
  await expect(page.locator('#wi-churn')).toHaveValue('-1');
  await expect(page.locator('#wi-exp')).toHaveValue('10');
  await expect(page.getByTestId('load-sample')).toBeVisible();
});

test('no serious or critical axe violations, the month table open', async ({ page }) => {
  await open(page, '&lang=de');
  await page.getByTestId('wi-months').locator('summary').click();
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  // Reached from the navigation, by keyboard.
  await page.goto('./?page=catalogue&lang=en');
  await page.getByRole('link', { name: 'What-if' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('What-if');
});

test('offline after one visit, without a request: one point less churn over two years, in both languages', async ({ page, context }) => {
  await open(page, '&lang=de');
  await loadedAndCached(page);
  await context.setOffline(true);
  await page.reload();
  await shows(page, 'wi-diff', 'Umsatzdifferenz über 24 Monate: +31.451,26 €');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('wi-base-table')).toBeVisible({ timeout: 20_000 });
  // From here on (app and worker loaded from the service worker's cache), nothing is requested.
  const log = new RequestLog(page);
  await page.locator('#wi-exp').fill('10');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByTestId('wi-diff')).toContainText('Revenue difference over 24 months: +€');
  await context.setOffline(false);
  await log.expectNone('while projecting offline');
});
