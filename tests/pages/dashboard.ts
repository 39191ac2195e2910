import { expect, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

/** The dashboard page (`?page=dashboard`). */
export class DashboardPage {
  readonly alerts: Locator;

  constructor(readonly page: Page) {
    this.alerts = page.getByTestId('alert-list');
  }

  /** Opens the dashboard; `query` is appended (e.g. `&lang=en`). */
  async open(query = '') {
    await this.page.goto(`./?page=dashboard${query}`);
  }

  /** Clicks "try with sample data" and waits for the tiles. */
  async loadSample() {
    await this.page.getByTestId('load-sample').click();
    await expect(this.tile('mrr')).toBeVisible({ timeout: 20_000 });
  }

  tile(id: string): Locator {
    return this.page.getByTestId(`tile-${id}`);
  }

  value(id: string): Locator {
    return this.page.getByTestId(`tile-value-${id}`);
  }

  /** The tile's number in its stored unit (cents, fractions, points), from `data-value`. */
  async raw(id: string): Promise<number> {
    const text = await this.value(id).getAttribute('data-value');
    expect(text, `tile ${id} has a value`).toBeTruthy();
    return Number(text);
  }

  /** The month the dashboard shows (`2025-12`). */
  async month(): Promise<string> {
    return this.page.getByTestId('period-month').inputValue();
  }

  /** Clicks an export button and returns the downloaded file's text. */
  async download(testId: string): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByTestId(testId).click(),
    ]);
    const path = await download.path();
    return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
  }

  /** Sets an alert rule in the threshold panel. */
  async setThreshold(id: string, op: 'above' | 'below' | 'off', value?: string) {
    const panel = this.page.locator('details.thresholds');
    if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) {
      await panel.locator('summary').click();
    }
    await this.page.getByTestId(`th-op-${id}`).selectOption(op);
    if (value !== undefined) {
      const field = this.page.getByTestId(`th-value-${id}`);
      await field.fill(value);
      await field.press('Enter');
      await field.blur();
    }
  }
}

/** Splits CSV text (comma, quotes doubled, CRLF) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\r' && src[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}
