import { expect, test } from '@playwright/test';
import { CalculatorPage } from '../pages/calculator';

const WORKED_EXAMPLE = { opportunities: '100', deal_value: '3000', win_rate: '20', cycle_days: '30' };

test.describe('sales velocity in German', () => {
  test('the worked example gives 2.000,00 € pro Tag with the formula in the user numbers', async ({ page }) => {
    const calc = new CalculatorPage(page);
    await page.goto('./');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Sales Pipeline Velocity');
    await calc.fill({ ...WORKED_EXAMPLE, deal_value: '3.000' });
    await expect(calc.result).toHaveText('2.000,00 € pro Tag');
    await expect(calc.formula).toHaveText('(100 × 3.000 € × 20 %) / 30 Tage = 2.000,00 € pro Tag');
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  });

  for (const [typed, reading] of [
    ['20', 'als Prozent gelesen'],
    ['20 %', ''],
    ['0,20', 'als Anteil gelesen'],
    ['0.2', 'als Anteil gelesen'],
  ]) {
    test(`win rate typed as "${typed}" is understood as 20 %`, async ({ page }) => {
      const calc = new CalculatorPage(page);
      await calc.open('sales_velocity');
      await calc.fill({ ...WORKED_EXAMPLE, win_rate: typed });
      await expect(calc.result).toHaveText('2.000,00 € pro Tag');
      await expect(calc.message('win_rate')).toContainText('verstanden als 20 %');
      if (reading) await expect(calc.message('win_rate')).toContainText(reading);
    });
  }

  test('invalid inputs show the error beside the field, never NaN or ∞', async ({ page }) => {
    const calc = new CalculatorPage(page);
    await calc.open('sales_velocity');
    await calc.type('cycle_days', '0');
    await expect(calc.message('cycle_days').getByRole('alert')).toContainText('Verkaufszyklus');
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
    const desc = await calc.chart.locator('desc').textContent();
    expect(desc).toContain('60.000');
  });
});

test.describe('sales velocity in English', () => {
  test.use({ locale: 'en-US' });

  test('the worked example gives €2,000.00 per day', async ({ page }) => {
    const calc = new CalculatorPage(page);
    await calc.open('sales_velocity');
    await calc.fill({ ...WORKED_EXAMPLE, deal_value: '3,000', win_rate: '0.2' });
    await expect(calc.result).toHaveText('€2,000.00 per day');
    await expect(calc.formula).toHaveText('(100 × €3,000 × 20%) / 30 days = €2,000.00 per day');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });

  test('the language switch turns every string German and keeps the numbers', async ({ page }) => {
    const calc = new CalculatorPage(page);
    await calc.open('sales_velocity');
    await calc.type('deal_value', '3,000');
    await page.getByRole('button', { name: /Deutsch/ }).click();
    await expect(calc.result).toHaveText('2.000,00 € pro Tag');
    await expect(calc.input('deal_value')).toHaveValue('3.000');
    await expect(page.getByRole('heading', { name: 'Ergebnis' })).toBeVisible();
  });
});
