import { expect, test, type Page } from '@playwright/test';
import { CalculatorPage } from '../pages/calculator';

// One hand-computed case per category; the expected texts are written out per locale.
const CASES = [
  { kpi: 'churn_rate', inputs: { lost: '2', start: '100' }, de: '2 %', en: '2%' },
  { kpi: 'arr', inputs: { mrr: '10000' }, de: '120.000,00 €', en: '€120,000.00' },
  { kpi: 'cac', inputs: { sales_cost: '30000', marketing_cost: '20000', customers_won: '100' }, de: '500,00 €', en: '€500.00' },
  { kpi: 'nps', inputs: { promoters: '50', passives: '30', detractors: '20' }, de: '30', en: '30' },
  { kpi: 'advocacy_rate', inputs: { would_recommend: '25', asked: '100' }, de: '25 %', en: '25%' },
  { kpi: 'fcr', inputs: { resolved_first: '80', tickets: '100' }, de: '80 %', en: '80%' },
  { kpi: 'win_rate', inputs: { won: '20', lost: '80' }, de: '20 %', en: '20%' },
  { kpi: 'dau_mau', inputs: { dau: '250', mau: '1000' }, de: '25 %', en: '25%' },
];

for (const locale of ['de-DE', 'en-US'] as const) {
  test.describe(`hand-computed cases (${locale})`, () => {
    test.use({ locale });
    for (const c of CASES) {
      test(`${c.kpi} shows ${locale === 'de-DE' ? c.de : c.en}`, async ({ page }) => {
        const calc = new CalculatorPage(page);
        await calc.open(c.kpi);
        await calc.fill(c.inputs);
        await expect(calc.result).toHaveText(locale === 'de-DE' ? c.de : c.en);
        await calc.expectNoBrokenNumbers();
      });
    }
  });
}

test('switching the churn variant from A to B recomputes (2 of 100 start + 10 new)', async ({ page }) => {
  const calc = new CalculatorPage(page);
  await calc.open('churn_rate');
  await calc.fill({ lost: '2', start: '100' });
  await expect(calc.result).toHaveText('2 %');
  await page.locator('label[for="variant-b"]').click();
  await calc.type('new', '10');
  // 2 / (100 + 10) = 1.8181… %
  await expect(calc.result).toHaveText('1,82 %');
  await expect(page).toHaveURL(/v=b/);
});

test.describe('share link', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('the copied link opens the same calculation in a new page', async ({ page, context }) => {
    const calc = new CalculatorPage(page);
    await calc.open('churn_rate');
    await page.locator('label[for="variant-b"]').click();
    await calc.fill({ lost: '7', start: '180', new: '20' });
    await expect(calc.result).toHaveText('3,5 %');
    await page.getByRole('button', { name: 'Link kopieren' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Link kopiert' })).toBeVisible();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toContain('kpi=churn_rate');
    const other = await context.newPage();
    await other.goto(link);
    await expect(other.getByTestId('result-value')).toHaveText('3,5 %');
    await expect(other.locator('#variant-b')).toBeChecked();
  });
});

test('an invalid input shows the error text and no NaN or ∞ anywhere', async ({ page }) => {
  const calc = new CalculatorPage(page);
  await calc.open('churn_rate');
  await calc.fill({ lost: '120', start: '100' });
  await expect(page.getByRole('alert').first()).toBeVisible();
  await calc.expectNoBrokenNumbers();
  await calc.fill({ lost: '1', start: '0' });
  await expect(page.getByRole('alert').first()).toBeVisible();
  await calc.expectNoBrokenNumbers();
});

async function registryIds(page: Page): Promise<string[]> {
  await page.goto('./?page=catalogue');
  await expect(page.locator('.kpi-link').first()).toBeVisible();
  const hrefs = await page.locator('.kpi-link').evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''));
  return hrefs.map((h) => new URLSearchParams(h.split('?')[1]).get('kpi') ?? '');
}

test('every KPI page in the registry renders without a console error', async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  const ids = await registryIds(page);
  expect(ids.length).toBeGreaterThanOrEqual(40);
  for (const id of ids) {
    await page.goto(`./?kpi=${id}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByTestId('result-value')).toBeVisible();
    const text = await page.locator('body').innerText();
    expect(text, id).not.toMatch(/NaN|Infinity|∞|undefined/);
  }
  expect(errors, errors.join("\n")).toEqual([]);
});
