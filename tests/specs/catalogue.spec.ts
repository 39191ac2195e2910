import { expect, test } from '@playwright/test';

test.describe('catalogue in English', () => {
  test.use({ locale: 'en-US' });

  test('searching "churn" finds the churn rate and opens it', async ({ page }) => {
    await page.goto('./?page=catalogue');
    await page.getByLabel('Search KPIs').fill('churn');
    const link = page.getByRole('link', { name: /Churn rate/i }).first();
    await expect(link).toBeVisible();
    await link.click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/Churn rate/i);
    await expect(page).toHaveURL(/kpi=churn_rate/);
  });

  test('keyboard: type to filter, arrow down, Enter opens', async ({ page }) => {
    await page.goto('./?page=catalogue');
    const search = page.getByLabel('Search KPIs');
    await search.focus();
    await page.keyboard.type('NPS');
    await expect(page.getByTestId('hit-count')).not.toHaveText(/^0 /);
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('.kpi-link').first()).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/kpi=nps/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Net Promoter Score');
  });

  test('Enter in the search field opens the first hit', async ({ page }) => {
    await page.goto('./?page=catalogue');
    await page.getByLabel('Search KPIs').fill('velocity');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/kpi=sales_velocity/);
  });
});

test('catalogue in German: "Abwanderung" finds the churn rate', async ({ page }) => {
  await page.goto('./?page=catalogue');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Alle Kennzahlen');
  await page.getByLabel('Kennzahl suchen').fill('Abwanderung');
  await expect(page.locator('.kpi-link[href*="kpi=churn_rate"]')).toBeVisible();
  await expect(page.locator('.kpi-link[href*="kpi=nps"]')).toHaveCount(0);
  await page.locator('.kpi-link[href*="kpi=churn_rate"]').click();
  await expect(page.getByTestId('result-value')).toBeVisible();
});
