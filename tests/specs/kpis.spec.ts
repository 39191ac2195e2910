import { expect, test } from '@playwright/test';
import { CalculatorPage } from '../pages/calculator';
import { registry } from '../lib/registry';

// One hand-computed case per category; the expected texts are written out per locale. No input
// equals the registry default the page starts with (checked below), so each case fails if the
// typed values were ignored.
const CASES = [
  // 7 lost of 140 at the start: 7 / 140 = 0.05.
  { kpi: 'churn_rate', inputs: { lost: '7', start: '140' }, de: '5 %', en: '5%' },
  // 12 × 12,345 € = 148,140 €.
  { kpi: 'arr', inputs: { mrr: '12345' }, de: '148.140,00 €', en: '€148,140.00' },
  // (42,000 + 18,000) / 150 = 400 €.
  { kpi: 'cac', inputs: { sales_cost: '42000', marketing_cost: '18000', customers_won: '150' }, de: '400,00 €', en: '€400.00' },
  // 60 % promoters − 15 % detractors of 100 answers = 45.
  { kpi: 'nps', inputs: { promoters: '60', passives: '25', detractors: '15' }, de: '45', en: '45' },
  // 33 / 120 = 0.275.
  { kpi: 'advocacy_rate', inputs: { would_recommend: '33', asked: '120' }, de: '27,5 %', en: '27.5%' },
  // 54 / 72 = 0.75 (the defaults give 70 %).
  { kpi: 'fcr', inputs: { resolved_first: '54', tickets: '72' }, de: '75 %', en: '75%' },
  // 18 won / (18 + 42 decided) = 0.3.
  { kpi: 'win_rate', inputs: { won: '18', lost: '42' }, de: '30 %', en: '30%' },
  // 150 / 1,200 = 0.125.
  { kpi: 'dau_mau', inputs: { dau: '150', mau: '1200' }, de: '12,5 %', en: '12.5%' },
];

for (const locale of ['de-DE', 'en-US'] as const) {
  test.describe(`hand-computed cases (${locale})`, () => {
    test.use({ locale });
    for (const c of CASES) {
      test(`${c.kpi} shows ${locale === 'de-DE' ? c.de : c.en}`, async ({ page }) => {
        const calc = new CalculatorPage(page);
        const expected = locale === 'de-DE' ? c.de : c.en;
        await calc.open(c.kpi);
        // The defaults give another result, so this case proves the typed inputs are used.
        await expect(calc.result).not.toHaveText(expected);
        for (const [id, text] of Object.entries(c.inputs)) await expect(calc.input(id)).not.toHaveValue(text);
        await calc.fill(c.inputs);
        await expect(calc.result).toHaveText(expected);
        await calc.expectNoBrokenNumbers();
      });
    }
  });
}

test('switching the churn variant from A to B recomputes (9 of 150 start + 30 new)', async ({ page }) => {
  const calc = new CalculatorPage(page);
  await calc.open('churn_rate');
  // A: 9 / 150 = 6 %.
  await calc.fill({ lost: '9', start: '150' });
  await expect(calc.result).toHaveText('6 %');
  await page.locator('label[for="variant-b"]').click();
  await calc.type('new', '30');
  // B: 9 / (150 + 30) = 5 %.
  await expect(calc.result).toHaveText('5 %');
  await expect(page).toHaveURL(/v=b/);
  for (const pair of ['lost=9', 'start=150', 'new=30']) await expect(page).toHaveURL(new RegExp(`[?&]${pair}(&|$)`));
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

test('an invalid input shows the error text, a "–" result and no NaN or ∞ anywhere', async ({ page }) => {
  const calc = new CalculatorPage(page);
  await calc.open('churn_rate');
  await calc.fill({ lost: '120', start: '100' });
  await expect(page.getByRole('alert').first()).toHaveText(
    'Es können nicht 120 Kunden verloren gehen, wenn nur 100 da waren. Verlorene Kunden verringern oder Kundenzahl erhöhen.',
  );
  await expect(calc.result).toHaveText('–');
  await calc.expectNoBrokenNumbers();
  await calc.fill({ lost: '0', start: '0' });
  await expect(page.getByRole('alert').first()).toHaveText(
    '„Kunden zu Beginn“ ist 0, es wird aber dadurch geteilt. Bitte einen Wert über 0 eingeben.',
  );
  await expect(calc.result).toHaveText('–');
  await calc.expectNoBrokenNumbers();
});

test('every KPI page in the registry shows a numeric result without a console error', async ({ page }) => {
  test.setTimeout(120_000);
  const { count, datasetOnly } = registry();
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./?page=catalogue');
  await expect(page.locator('.kpi-link')).toHaveCount(count);
  const hrefs = await page.locator('.kpi-link').evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''));
  const ids = hrefs.map((h) => new URLSearchParams(h.split('?')[1]).get('kpi') ?? '');
  expect(new Set(ids).size, ids.join(' ')).toBe(count);
  const calc = new CalculatorPage(page);
  let numeric = 0;
  for (const id of ids) {
    await page.goto(`./?kpi=${id}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    if (datasetOnly.includes(id)) {
      // Only a dataset can produce it: the page says so instead of inventing a number.
      await expect(calc.result, id).toHaveText('–');
      await expect(page.getByTestId('result-error'), id).toHaveText(
        `„${id}“ lässt sich nur aus einem Datensatz berechnen. Bitte Daten importieren.`,
      );
    } else {
      // The registry's defaults are valid inputs, so every other page shows a number.
      await expect(calc.result, id).toHaveText(/\d/);
      await expect(calc.result, id).not.toHaveText('–');
      numeric += 1;
    }
    const text = await page.locator('body').innerText();
    expect(text, id).not.toMatch(/NaN|Infinity|∞|undefined/);
  }
  expect(numeric).toBe(count - datasetOnly.length);
  expect(errors, errors.join('\n')).toEqual([]);
});
