import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { cli } from '../lib/cli';
import { ImportPage } from '../pages/import';

// Issue 15, "done means": a Stripe subscription export, a HubSpot deal export, a Zendesk ticket
// export and a Typeform NPS export, imported together in the app, give every tile the same
// value as `kennzahl report` over the same files (whose figures the native tests compute by
// hand: crates/cli/tests/billing_exports.rs, crates/analytics/tests/exports.rs and surveys.rs).

const ROOT = join(__dirname, '..', '..', 'crates');
const FILES = [
  join(ROOT, 'ingest', 'tests', 'data', 'exports', 'stripe_subscriptions.csv'),
  join(ROOT, 'analytics', 'tests', 'data', 'exports', 'hubspot_deals.csv'),
  join(ROOT, 'analytics', 'tests', 'data', 'exports', 'zendesk_tickets.csv'),
  join(ROOT, 'analytics', 'tests', 'data', 'typeform_nps.csv'),
];

async function expectTilesLikeCli(page: Page, period: string) {
  const report = JSON.parse(cli(['report', ...FILES, '--json', '--period', period]));
  expect(report.tiles.length).toBeGreaterThan(15);
  const first = report.tiles[0];
  await expect(page.getByTestId(`tile-value-${first.kpi}`)).toHaveAttribute('data-value', String(first.value ?? ''));
  const shown = await page.getByTestId('tiles').locator('article.tile').evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-testid')!.replace(/^tile-/, '')),
  );
  expect(shown).toEqual(report.tiles.map((t: any) => t.kpi));
  for (const t of report.tiles) {
    const raw = await page.getByTestId(`tile-value-${t.kpi}`).getAttribute('data-value');
    if (t.value === null) {
      expect(raw, `${t.kpi} has no value`).toBe('');
      continue;
    }
    const v = Number(raw);
    if (Number.isInteger(t.value)) expect(v, t.kpi).toBe(t.value);
    else expect(Math.abs(v - t.value), t.kpi).toBeLessThan(1e-12);
  }
  return report;
}

test('Stripe, HubSpot, Zendesk and Typeform exports give the CLI\'s figures in the app', async ({ page }) => {
  await new ImportPage(page).importEach(FILES);
  await page.getByRole('link', { name: 'Dashboard' }).first().click();
  // The as-of date is the latest event of all four files; the dashboard opens on the last
  // complete month before it.
  const month = JSON.parse(cli(['report', ...FILES, '--json'])).as_of.date.slice(0, 7);
  await expect(page.getByTestId('asof-date')).toHaveValue(/^2025-/);
  const shown = await page.getByTestId('period-month').inputValue();
  expect(shown < month).toBe(true);
  const r = await expectTilesLikeCli(page, shown);
  for (const kpi of ['mrr', 'win_rate', 'ticket_volume', 'nps']) {
    expect(r.tiles.map((t: any) => t.kpi), kpi).toContain(kpi);
  }
  await page.getByTestId('period-kind').selectOption('quarter');
  await expectTilesLikeCli(page, '2025-Q1');
});
