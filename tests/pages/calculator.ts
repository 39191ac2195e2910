import { expect, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

/** A KPI calculator page. */
export class CalculatorPage {
  readonly result: Locator;
  readonly formula: Locator;
  readonly chart: Locator;

  constructor(readonly page: Page) {
    this.result = page.getByTestId('result-value');
    this.formula = page.getByTestId('formula');
    this.chart = page.getByTestId('chart').locator('svg');
  }

  /** Opens a KPI by id (the app is ready when the result card is there). */
  async open(kpi: string, query = '') {
    await this.page.goto(`./?kpi=${kpi}${query}`);
    await expect(this.result).toBeVisible();
  }

  input(id: string): Locator {
    return this.page.locator(`#in-${id}`);
  }

  message(id: string): Locator {
    return this.page.getByTestId(`msg-in-${id}`);
  }

  /** Replaces a field's text, as a user would type it. */
  async type(id: string, text: string) {
    const field = this.input(id);
    await field.fill('');
    await field.pressSequentially(text);
  }

  async fill(values: Record<string, string>) {
    for (const [id, text] of Object.entries(values)) await this.type(id, text);
  }

  /** Clicks the chart's SVG or PNG download button; returns file name and bytes. */
  async download(kind: 'SVG' | 'PNG'): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: new RegExp(`\\b${kind}\\b`) }).click(),
    ]);
    return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
  }

  /** Fails if anything on the page reads NaN, Infinity, ∞ or undefined. */
  async expectNoBrokenNumbers() {
    const text = await this.page.locator('body').innerText();
    expect(text).not.toMatch(/NaN|Infinity|∞|undefined/);
  }
}
