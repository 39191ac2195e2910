import { expect, test } from '@playwright/test';
import { CalculatorPage } from '../pages/calculator';

// The page starts with the seed's worked example (100 × 3.000 € × 20 % / 30 = 2.000 € per
// day), so the cases type other figures: (80 × 2.500 € × 25 %) / 40 days = 50.000 / 40 =
// 1.250 € per day. A page that ignored the typed inputs would still show 2.000,00.
const CASE = { opportunities: '80', deal_value: '2500', win_rate: '25', cycle_days: '40' };

test.describe('sales velocity in German', () => {
  test('80 × 2.500 € × 25 % / 40 gives 1.250,00 € pro Tag with the formula in the user numbers', async ({ page }) => {
    const calc = new CalculatorPage(page);
    await page.goto('./');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Sales Pipeline Velocity');
    await expect(calc.result).toHaveText('2.000,00 € pro Tag');
    await calc.fill({ ...CASE, deal_value: '2.500' });
    await expect(calc.result).toHaveText('1.250,00 € pro Tag');
    await expect(calc.formula).toHaveText('(80 × 2.500 € × 25 %) / 40 Tage = 1.250,00 € pro Tag');
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  });

  for (const [typed, reading] of [
    ['25', 'als Prozent gelesen'],
    ['25 %', ''],
    ['0,25', 'als Anteil gelesen'],
    ['0.25', 'als Anteil gelesen'],
  ]) {
    test(`win rate typed as "${typed}" is understood as 25 %`, async ({ page }) => {
      const calc = new CalculatorPage(page);
      await calc.open('sales_velocity');
      await calc.fill({ ...CASE, win_rate: typed });
      await expect(calc.result).toHaveText('1.250,00 € pro Tag');
      if (reading) await expect(calc.message('win_rate')).toHaveText(`verstanden als 25 % (${reading})`);
      else await expect(calc.message('win_rate')).toHaveText('verstanden als 25 %');
    });
  }

  test('invalid inputs show the error beside the field, never NaN or ∞', async ({ page }) => {
    const calc = new CalculatorPage(page);
    await calc.open('sales_velocity');
    await calc.type('cycle_days', '0');
    await expect(calc.message('cycle_days').getByRole('alert')).toHaveText(
      '„Verkaufszyklus (Tage)“ ist 0, es wird aber dadurch geteilt. Bitte einen Wert über 0 eingeben.',
    );
    await expect(calc.result).toHaveText('–');
    await calc.expectNoBrokenNumbers();

    await calc.type('cycle_days', '30');
    await calc.type('win_rate', '150 %');
    await expect(calc.message('win_rate').getByRole('alert')).toBeVisible();
    await calc.type('win_rate', '20');
    await calc.type('opportunities', '-5');
    await expect(calc.message('opportunities').getByRole('alert')).toBeVisible();
    await calc.type('opportunities', '12,5,0');
    await expect(calc.message('opportunities').getByRole('alert')).toContainText('»12,5,0« ist keine Zahl');
    await calc.expectNoBrokenNumbers();
  });

  test('the chart is an SVG with a title and a description for screen readers', async ({ page }) => {
    const calc = new CalculatorPage(page);
    await calc.open('sales_velocity');
    await expect(calc.chart).toHaveAttribute('role', 'img');
    await expect(calc.chart.locator('title')).toHaveText(/Umsatz/);
    // Defaults: 100 × 3.000 € × 20 % = 60.000 € per cycle.
    await expect(calc.chart.locator('desc')).toContainText('60.000');
    // 80 × 2.500 € × 25 % = 50.000 € per cycle: the description follows the inputs.
    await calc.fill({ ...CASE, deal_value: '2.500' });
    await expect(calc.chart.locator('desc')).toContainText('50.000');
    await expect(calc.chart.locator('desc')).not.toContainText('60.000');
  });
});

test.describe('sales velocity in English', () => {
  test.use({ locale: 'en-US' });

  test('80 × €2,500 × 25% / 40 gives €1,250.00 per day', async ({ page }) => {
    const calc = new CalculatorPage(page);
    await calc.open('sales_velocity');
    await calc.fill({ ...CASE, deal_value: '2,500', win_rate: '0.25' });
    await expect(calc.result).toHaveText('€1,250.00 per day');
    await expect(calc.formula).toHaveText('(80 × €2,500 × 25%) / 40 days = €1,250.00 per day');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });

  test('the language switch turns every string German and keeps the numbers', async ({ page }) => {
    const calc = new CalculatorPage(page);
    await calc.open('sales_velocity');
    await calc.type('deal_value', '2,500');
    // 100 × €2,500 × 20% / 30 = €1,666.666… per day.
    await expect(calc.result).toHaveText('€1,666.67 per day');
    await page.getByRole('button', { name: /Deutsch/ }).click();
    await expect(calc.result).toHaveText('1.666,67 € pro Tag');
    await expect(calc.input('deal_value')).toHaveValue('2.500');
    await expect(page.getByRole('heading', { name: 'Ergebnis' })).toBeVisible();
  });
});
