import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { DashboardPage } from '../pages/dashboard';

// The Stripe-shaped export of crates/ingest/tests/data/exports (its figures are computed by
// hand in crates/cli/tests/billing_exports.rs): as of 15 Apr 2025, April partial, one trial
// running, one of two ended trials converted.
const STRIPE = join(__dirname, '..', '..', 'crates', 'ingest', 'tests', 'data', 'exports', 'stripe_subscriptions.csv');

test('a Stripe export shows its as-of date, the partial month and the trials; another as-of date recomputes', async ({ page }) => {
  await page.goto('./?page=import&lang=en');
  await expect(page.locator('main h1')).toBeVisible();
  await page.getByTestId('file-input').setInputFiles(STRIPE);
  await page.getByTestId('import').click({ timeout: 20_000 });
  await expect(page.getByTestId('file-count')).toHaveAttribute('data-count', '1', { timeout: 20_000 });
  await page.getByRole('link', { name: 'Dashboard' }).first().click();
  const dash = new DashboardPage(page);

  await expect(page.getByTestId('asof-date')).toHaveValue('2025-04-15');
  const notes = page.getByTestId('billing-notes');
  await expect(notes).toContainText('As of 2025-04-15 (latest event in the data)');
  await expect(notes).toContainText('2025-04 is a partial month');
  await expect(notes).toContainText('Never-paid subscriptions (incomplete), not in MRR: 1.');
  await expect(notes).toContainText('Subscriptions in trial on the as-of date (no MRR): 1.');
  // The default period is the last complete month: March, MRR 380.83.
  expect(await dash.month()).toBe('2025-03');
  expect(await dash.raw('mrr')).toBe(38083);
  await expect(page.getByTestId('period-month').locator('option[value="2025-04"]')).toHaveText('2025-04 (partial)');

  // February: two trials ended, one converted.
  await page.getByTestId('period-month').selectOption('2025-02');
  expect(await dash.raw('free_to_paid')).toBe(0.5);
  await expect(dash.value('free_to_paid')).toHaveText(/^50\.0\s?%$/);

  // April is measured on the as-of day and marked so.
  await page.getByTestId('period-month').selectOption('2025-04');
  expect(await dash.raw('mrr')).toBe(42983);
  await expect(page.getByTestId('tile-partial-mrr')).toBeVisible();
  await expect(dash.value('trials_started')).toHaveText('1');

  // Another as-of date: 5 March. No April any more; March is the partial month now.
  await page.getByTestId('asof-date').fill('2025-03-05');
  await page.getByTestId('asof-date').dispatchEvent('change');
  await expect(notes).toContainText('As of 2025-03-05 (chosen)');
  await expect(page.getByTestId('period-month').locator('option[value="2025-04"]')).toHaveCount(0);
  await page.getByTestId('period-month').selectOption('2025-03');
  await expect(dash.value('mrr')).toHaveAttribute('data-value', '42983');
  await page.getByTestId('asof-reset').click();
  await expect(page.getByTestId('asof-date')).toHaveValue('2025-04-15');
});

// Paddle-shaped export with EUR and USD rows (crates/cli/tests/billing_exports.rs computes its
// figures by hand): never summed; a rate the user enters converts USD into EUR.
const PADDLE = join(__dirname, '..', '..', 'crates', 'ingest', 'tests', 'data', 'exports', 'paddle_subscriptions.csv');

test('two currencies are never summed: EUR alone, then USD converted at the rate entered', async ({ page }) => {
  await page.goto('./?page=import&lang=en');
  await expect(page.locator('main h1')).toBeVisible();
  await page.getByTestId('file-input').setInputFiles(PADDLE);
  await page.getByTestId('import').click({ timeout: 20_000 });
  await expect(page.getByTestId('file-count')).toHaveAttribute('data-count', '1', { timeout: 20_000 });
  await page.getByRole('link', { name: 'Dashboard' }).first().click();
  const dash = new DashboardPage(page);
  const notes = page.getByTestId('billing-notes');
  await expect(notes).toContainText('Currency analysed: EUR (most rows).');
  await expect(notes).toContainText('2 rows in USD left out (no conversion rate).');
  expect(await dash.month()).toBe('2025-02');
  expect(await dash.raw('mrr')).toBe(8000);
  await page.getByTestId('currency-rate-USD').fill('0,9');
  await page.getByTestId('currency-apply').click();
  await expect(notes).toContainText('USD converted: 1 USD = 0.9 EUR.');
  await expect(dash.value('mrr')).toHaveAttribute('data-value', '18800');
  // USD alone, in dollars.
  await page.getByTestId('currency-base').selectOption('USD');
  await expect(notes).toContainText('Currency analysed: USD (chosen).');
  await expect(dash.value('mrr')).toHaveAttribute('data-value', '12000');
  await expect(dash.value('mrr')).toContainText('$');
});
