import { expect, test } from '@playwright/test';
import { cli } from '../lib/cli';

// The SQL panel of a KPI's detail view: generated in the browser by warehouse::kpi_sql, so its
// text must equal `kennzahl sql` for the same KPI, dialect, period and as-of date (the CLI is
// the oracle); the dialect switch changes it and the copy button puts it on the clipboard.

const PERIOD = '2025-Q3';
const DIALECTS = [
  { id: 'duckdb', name: 'DuckDB' },
  { id: 'postgres', name: 'PostgreSQL' },
  { id: 'spark', name: 'Spark SQL' },
] as const;

/** The sample's as-of date and the KPIs with a tile in PERIOD, as the app computes them. */
function sample(): { asOf: string; kpis: string[] } {
  const report = JSON.parse(cli(['report', '--sample', '--json', '--period', PERIOD]));
  return { asOf: report.as_of.date, kpis: report.tiles.map((t: any) => t.kpi) };
}

/** `kennzahl sql --json` for one KPI: its query text, or null. */
function sqlOf(dialect: string, kpi: string, asOf: string): string | null {
  const out = JSON.parse(cli(['sql', '--dialect', dialect, '--kpi', kpi, '--period', PERIOD, '--as-of', asOf, '--json']));
  expect(out).toHaveLength(1);
  expect(out[0].kpi).toBe(kpi);
  return out[0].sql;
}

/** MRR when it has SQL, else the first sample KPI that has (the SQL is written KPI by KPI). */
function kpiWith(hasSql: boolean): { kpi: string; asOf: string } | null {
  const { asOf, kpis } = sample();
  const order = ['mrr', ...kpis.filter((k) => k !== 'mrr')];
  const kpi = order.find((k) => (sqlOf('duckdb', k, asOf) !== null) === hasSql);
  return kpi ? { kpi, asOf } : null;
}

test.describe('SQL panel', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('shows the CLI\'s query per dialect and copies it to the clipboard', async ({ page }) => {
    const found = kpiWith(true);
    test.skip(found === null, 'no sample KPI has SQL yet');
    const { kpi, asOf } = found!;
    const texts = Object.fromEntries(DIALECTS.map((d) => [d.id, sqlOf(d.id, kpi, asOf)!]));
    await page.goto(`./?page=dashboard&sample=1&lang=en&period=${PERIOD}&kpi=${kpi}`);
    const panel = page.getByTestId('detail').getByTestId('sql-panel');
    await expect(panel.getByRole('heading', { name: 'SQL' })).toBeVisible();
    const group = panel.getByRole('group', { name: 'SQL dialect' });
    // DuckDB first; each switch shows exactly the CLI's text for that dialect.
    await expect(group.getByRole('button', { name: 'DuckDB' })).toHaveAttribute('aria-pressed', 'true');
    for (const d of DIALECTS) {
      await group.getByRole('button', { name: d.name }).click();
      await expect(group.getByRole('button', { name: d.name })).toHaveAttribute('aria-pressed', 'true');
      const shown = await panel.getByTestId('sql-text').innerText();
      expect(shown.trim()).toBe(texts[d.id].trim());
      // It names the KPI: the rows it returns carry the KPI's id.
      expect(shown).toContain(`'${kpi}'`);
    }
    // The dialects differ where their syntax does (the CLI's texts differ, so must the panel's).
    const [duck, pg, spark] = DIALECTS.map((d) => texts[d.id]);
    expect(new Set([duck, pg, spark]).size).toBeGreaterThan(1);
    // Spark is selected last: the copy holds its text, character for character.
    await panel.getByRole('button', { name: 'Copy SQL' }).click();
    await expect(panel.getByRole('status')).toHaveText('Copied to the clipboard.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(texts.spark);
    expect(copied).not.toBe(texts.duckdb);
    // Switching the dialect clears the status.
    await group.getByRole('button', { name: 'PostgreSQL' }).click();
    await expect(panel.getByRole('status')).toHaveText('');
  });

  test('in German; a KPI without SQL says so', async ({ page }) => {
    // A KPI without SQL while there is one, else MRR: the panel follows the CLI either way.
    const found = kpiWith(false) ?? { kpi: 'mrr', asOf: sample().asOf };
    const sql = sqlOf('postgres', found.kpi, found.asOf);
    await page.goto(`./?page=dashboard&sample=1&lang=de&period=${PERIOD}&kpi=${found.kpi}`);
    const panel = page.getByTestId('detail').getByTestId('sql-panel');
    const group = panel.getByRole('group', { name: 'SQL-Dialekt' });
    await group.getByRole('button', { name: 'PostgreSQL' }).click();
    if (sql === null) {
      await expect(panel.getByTestId('sql-none')).toHaveText('Für diese Kennzahl gibt es noch kein SQL.');
      await expect(panel.getByTestId('sql-text')).toHaveCount(0);
      await expect(panel.getByRole('button', { name: 'SQL kopieren' })).toHaveCount(0);
    } else {
      await expect(panel.getByTestId('sql-text')).toHaveText(sql.trim());
      await panel.getByRole('button', { name: 'SQL kopieren' }).click();
      await expect(panel.getByRole('status')).toHaveText('In die Zwischenablage kopiert.');
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(sql);
    }
  });
});
