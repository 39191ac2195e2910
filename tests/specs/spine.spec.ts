import { test, expect } from '@playwright/test';
import { cli } from '../lib/cli';

// One definition per KPI: for the sample data, the dashboard's tiles of a month, a quarter and
// a month range that is no calendar period equal `kennzahl report --period … --json`, tile by
// tile (counts and cents exactly, ratios to 1e-12). The range is computed from its own start
// and end in both places; an average of its months would differ.

/** `kennzahl report --sample --period P --json`. */
const cliTiles = (period: string): any =>
  JSON.parse(cli(['report', '--sample', '--json', '--period', period]));

for (const period of ['2025-10', '2025-Q3', '2025-02..2025-05']) {
  test(`dashboard tiles for ${period} equal the CLI's`, async ({ page }) => {
    const cli = cliTiles(period);
    expect(cli.period).toBe(period);
    expect(cli.tiles.length).toBeGreaterThan(25);

    await page.goto(`./?page=dashboard&sample=1&lang=en&period=${encodeURIComponent(period)}`);
    const tiles = page.getByTestId('tiles');
    await expect(page.getByTestId('tile-mrr')).toBeVisible({ timeout: 30_000 });
    // Ranges are recomputed by the worker; wait until NRR of the range has arrived.
    const ndr = cli.tiles.find((t: any) => t.kpi === 'ndr');
    await expect(page.getByTestId('tile-value-ndr')).toHaveAttribute('data-value', String(ndr.value));

    const shown = await tiles.locator('article.tile').evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-testid')!.replace(/^tile-/, '')),
    );
    expect(shown).toEqual(cli.tiles.map((t: any) => t.kpi));
    for (const t of cli.tiles) {
      const raw = await page.getByTestId(`tile-value-${t.kpi}`).getAttribute('data-value');
      if (t.value === null) {
        expect(raw, `${t.kpi} has no value`).toBe('');
        continue;
      }
      expect(raw, `${t.kpi} has a value`).not.toBe('');
      const v = Number(raw);
      if (Number.isInteger(t.value)) expect(v, t.kpi).toBe(t.value);
      else expect(Math.abs(v - t.value), t.kpi).toBeLessThan(1e-12);
    }
  });
}

test('a range tile says it was computed from start to end, with its basis', async ({ page }) => {
  await page.goto('./?page=dashboard&sample=1&lang=en&period=2025-02..2025-05&kpi=ndr');
  const basis = page.getByTestId('detail-basis');
  await expect(basis).toContainText('Computed from the period\'s start and end');
  // "Basis: €3,594.82 of €3,693.82." — the start customers' MRR kept, of their start MRR.
  await expect(basis).toContainText(/Basis: €[\d,.]+ of €[\d,.]+\./);
});

test('the quarterly report shows the same figures as the CLI for its quarter', async ({ page }) => {
  const want = cliTiles('2025-Q3');
  await page.goto('./?page=report&q=2025-Q3&sample=1&lang=en');
  await expect(page.getByTestId('report-table')).toBeVisible({ timeout: 30_000 });
  for (const t of want.tiles) {
    const cell = page.getByTestId(`report-value-${t.kpi}`);
    const raw = await cell.getAttribute('data-value');
    if (t.value === null) {
      expect(raw, t.kpi).toBe('');
    } else {
      expect(Math.abs(Number(raw) - t.value), t.kpi).toBeLessThan(1e-9 * Math.max(1, Math.abs(t.value)));
    }
  }
});
