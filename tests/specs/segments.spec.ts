import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { cli } from '../lib/cli';
import { ImportPage } from '../pages/import';

// Issue 17, segments: the dashboard's "Split by" shows each segment's figures, and they equal
// `kennzahl report --by … --json` segment by segment, tile by tile (one definition per KPI).
// The German Excel fixture has a plan switch (K1: Team → Pro on 1 March 2025), hand-computed
// in crates/cli/tests/segments.rs and crates/analytics/tests/segments.rs.

const DATA = join(__dirname, '..', 'data');
const FILES = [join(DATA, 'segments_subscriptions.csv'), join(DATA, 'segments_tickets.csv')];

/** Every segment column of the dashboard equals the CLI's segments, value by value. */
async function expectSegmentsLikeCli(page: Page, report: any, only?: string[]) {
  const segments = report.segments.slice(0, 5);
  expect(segments.length).toBeGreaterThan(1);
  // Beyond five segments the dashboard adds one column for the rest (the CLI lists them all).
  const rest = report.segments.length > 5 ? 1 : 0;
  const head = page.getByTestId('segments').locator('table.segment-table thead th');
  await expect(head).toHaveCount(segments.length + 1 + rest, { timeout: 30_000 });
  // Polled: a split chosen before may still be on screen with as many columns.
  const shown = () => head.evaluateAll((els) => els.slice(1).map((e) => e.textContent));
  await expect.poll(async () => (await shown()).slice(0, segments.length), { timeout: 30_000 })
    .toEqual(segments.map((s: any) => s.label));
  const labels = await shown();
  if (rest) expect(labels[segments.length]).toBe(`rest (${report.segments.length - 5} more)`);
  for (const t of report.tiles.filter((x: any) => !only || only.includes(x.kpi))) {
    for (let i = 0; i < segments.length; i++) {
      const want = segments[i].tiles.find((x: any) => x.kpi === t.kpi)?.value ?? null;
      const raw = await page.getByTestId(`seg-${t.kpi}-${i}`).getAttribute('data-value');
      if (want === null) {
        expect(raw, `${t.kpi} ${segments[i].label}`).toBe('');
      } else if (Number.isInteger(want)) {
        expect(Number(raw), `${t.kpi} ${segments[i].label}`).toBe(want);
      } else {
        expect(Math.abs(Number(raw) - want), `${t.kpi} ${segments[i].label}`).toBeLessThan(1e-12);
      }
    }
  }
}

test('German Excel files split by plan give the CLI\'s segments, and the plan switch moves MRR', async ({ page }) => {
  await new ImportPage(page).importEach(FILES);
  await page.getByRole('link', { name: 'Dashboard' }).first().click();
  await expect(page.getByTestId('tile-mrr')).toBeVisible({ timeout: 30_000 });
  const period = await page.getByTestId('period-month').inputValue();
  expect(period).toBe('2025-03');
  await page.getByTestId('split-by').selectOption('plan');
  const report = JSON.parse(cli(['report', ...FILES, '--json', '--by', 'plan', '--period', period]));
  expect(report.segments.map((s: any) => s.label)).toEqual(['Team', 'Pro', 'Basic']);
  await expectSegmentsLikeCli(page, report);
  // Hand-computed: Team 130.00, Pro 550.00, Basic 20.50 add up to the total 700.50; K1's
  // switch is contraction 100.00 in Team and expansion 250.00 in Pro.
  await expect(page.getByTestId('seg-mrr-0')).toHaveAttribute('data-value', '13000');
  await expect(page.getByTestId('seg-mrr-1')).toHaveAttribute('data-value', '55000');
  await expect(page.getByTestId('seg-mrr-2')).toHaveAttribute('data-value', '2050');
  await expect(page.getByTestId('tile-value-mrr')).toHaveAttribute('data-value', '70050');
  await expect(page.getByTestId('seg-contraction_mrr-0')).toHaveAttribute('data-value', '10000');
  await expect(page.getByTestId('seg-expansion_mrr-1')).toHaveAttribute('data-value', '25000');

  // The global filter applies to every tile: only plan Team.
  await page.getByTestId('segment-filter').selectOption('plan=Team');
  await expect(page.getByTestId('tile-value-mrr')).toHaveAttribute('data-value', '13000', { timeout: 30_000 });
  await expect(page.getByTestId('tile-value-ticket_volume')).toHaveAttribute('data-value', '2');
  const team = JSON.parse(cli(['report', ...FILES, '--json', '--where', 'plan=Team', '--period', period]));
  for (const t of team.tiles.filter((x: any) => x.value !== null && Number.isInteger(x.value))) {
    await expect(page.getByTestId(`tile-value-${t.kpi}`), t.kpi).toHaveAttribute('data-value', String(t.value));
  }
});

test('the demo data split by plan equals `kennzahl report --sample --by plan`', async ({ page }) => {
  await page.goto('./?page=dashboard&sample=1&lang=de');
  await expect(page.getByTestId('tile-mrr')).toBeVisible({ timeout: 30_000 });
  const period = await page.getByTestId('period-month').inputValue();
  await page.getByTestId('split-by').selectOption('plan');
  const report = JSON.parse(cli(['report', '--sample', '--json', '--lang', 'de', '--by', 'plan', '--period', period]));
  await expectSegmentsLikeCli(page, report);
});

test('the URL keeps the split and the filter, and opening it restores them', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./?page=dashboard&lang=en');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('tile-mrr')).toBeVisible({ timeout: 30_000 });
  // The filter is chosen before the split's answer arrives (issue 17: the answer to the
  // split used to take the split back, and the filter's request then dropped it).
  // Both changes in one task of the page, so no answer of the worker can come in between.
  await page.evaluate(() => {
    const pick = (id: string, value: string) => {
      const el = document.querySelector(`[data-testid="${id}"]`) as HTMLSelectElement;
      el.value = value;
      el.dispatchEvent(new Event('change', { bubbles: true }));
    };
    pick('split-by', 'plan');
    pick('segment-filter', 'plan=Pro');
  });
  await expect(page.getByTestId('split-by')).toHaveValue('plan');
  const head = page.getByTestId('segments').locator('table.segment-table thead th');
  await expect(head).toHaveCount(2, { timeout: 30_000 });
  await expect(page.getByTestId('split-by')).toHaveValue('plan');
  await expect(page).toHaveURL(/[?&]by=plan(&|$)/);
  await expect(page).toHaveURL(/[?&]only=plan%3DPro(&|$)/);
  await expect(head.nth(1)).toHaveText('Pro');
  const mrr = await page.getByTestId('seg-mrr-0').getAttribute('data-value');
  expect(Number(mrr)).toBeGreaterThan(0);
  const url = page.url();

  // The sample data is not kept across a reload: load it again, and the link's choice returns.
  await page.goto(url);
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('split-by')).toHaveValue('plan', { timeout: 30_000 });
  await expect(page.getByTestId('segment-filter')).toHaveValue('plan=Pro');
  await expect(page.getByTestId('segments').locator('table.segment-table thead th')).toHaveCount(2, { timeout: 30_000 });
  await expect(page.getByTestId('seg-mrr-0')).toHaveAttribute('data-value', mrr ?? '');
  expect(page.url()).toContain('by=plan');

  // An unknown attribute or value in a link is ignored: no split, all rows, and no panic.
  await page.goto('./?page=dashboard&lang=en&by=land&only=plan%3DGold');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('tile-mrr')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('split-by')).toHaveValue('');
  await expect(page.getByTestId('segment-filter')).toHaveValue('');
  await expect(page.getByTestId('segments')).toHaveCount(0);
  await expect(page).not.toHaveURL(/by=land/);
  expect(errors).toEqual([]);
});

test('an accounts file splits MRR by industry like `kennzahl report --by industry`, in tiles and lines', async ({ page }) => {
  // A CRM export without money (Kunden-ID;Firma;Branche;Land;Betreuer) beside the
  // subscriptions: its industry reaches each customer's subscriptions by customer id.
  const accounts = join(DATA, 'segments_accounts.csv');
  const imp = new ImportPage(page);
  await imp.open('&lang=en');
  await imp.pick([FILES[0], accounts]);
  for (let i = 1; i <= 2; i++) {
    await page.getByTestId('import').first().click({ timeout: 20_000 });
    await expect(imp.fileCount).toHaveAttribute('data-count', String(i), { timeout: 20_000 });
  }
  // Five rows, five used: the accounts file counts in the row accounting.
  const job = imp.job('segments_accounts.csv');
  expect(await imp.accounting(job)).toEqual({ used: 5, rejected: 0, skipped: 0, rows: 5 });
  await page.getByRole('link', { name: 'Dashboard' }).first().click();
  await expect(page.getByTestId('tile-mrr')).toBeVisible({ timeout: 30_000 });
  const period = await page.getByTestId('period-month').inputValue();
  await page.getByTestId('split-by').selectOption('industry');
  const report = JSON.parse(cli(['report', FILES[0], accounts, '--json', '--lang', 'en', '--by', 'industry', '--period', period]));
  await expectSegmentsLikeCli(page, report);
  // Hand-computed for March 2025: Handel K1 250 + K3 300, Software K2 50 + K4 80, (none) K5.
  expect(period).toBe('2025-03');
  const labels = report.segments.map((s: any) => s.label);
  const at = (label: string) => labels.indexOf(label);
  await expect(page.getByTestId(`seg-mrr-${at('Handel')}`)).toHaveAttribute('data-value', '55000');
  await expect(page.getByTestId(`seg-mrr-${at('Software')}`)).toHaveAttribute('data-value', '13000');
  await expect(page.getByTestId(`seg-mrr-${at('(none)')}`)).toHaveAttribute('data-value', '2050');
  // The MRR tile lists the segments under its total.
  await expect(page.getByTestId(`tile-seg-mrr-${at('Handel')}`)).toHaveAttribute('data-value', '55000');
  await expect(page.getByTestId('tile-segs-mrr').locator('li')).toHaveCount(labels.length);
  // The trend by segment: one line per segment and the total; its table lists every series.
  const trend = page.getByTestId('segment-trend');
  await expect(trend.locator('svg')).toBeVisible();
  const headers = await trend.locator('table thead th').allTextContents();
  expect(headers.slice(1)).toEqual(['Total', ...labels]);
});

test('the demo data splits NPS and CSAT by segment, tickets by channel and urgency, win rate by source, like the CLI', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('./?page=dashboard&sample=1&lang=en');
  await expect(page.getByTestId('tile-mrr')).toBeVisible({ timeout: 30_000 });
  const period = await page.getByTestId('period-month').inputValue();
  const wanted: Record<string, string[]> = {
    segment: ['nps', 'csat'],
    channel: ['ticket_volume'],
    urgency: ['ticket_volume'],
    source: ['win_rate'],
  };
  for (const [by, kpis] of Object.entries(wanted)) {
    await page.getByTestId('split-by').selectOption(by);
    const report = JSON.parse(cli(['report', '--sample', '--json', '--lang', 'en', '--by', by, '--period', period]));
    await expectSegmentsLikeCli(page, report, kpis);
    for (const kpi of kpis) {
      // Each of these KPIs has a value in some segment: the split is not empty for it.
      const values = report.segments.slice(0, 5).map((s: any) => s.tiles.find((t: any) => t.kpi === kpi)?.value ?? null);
      expect(values.some((v: any) => v !== null), `${kpi} by ${by}: ${values}`).toBe(true);
      await expect(page.getByTestId(`tile-segs-${kpi}`)).toBeVisible();
    }
  }
});
