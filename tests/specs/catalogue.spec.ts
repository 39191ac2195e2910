import { expect, test } from '@playwright/test';
import { registry } from '../lib/registry';

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

test('the catalogue lists every KPI once, grouped by category in registry order', async ({ page }) => {
  await page.goto('./?page=catalogue');
  const groups = page.locator('#kpi-groups section.cat');
  // The categories of crates/kpi (Category::ALL) with the KPIs of each, in registry order.
  const expected = [
    ['Bindung und Abwanderung', ['retention_rate', 'churn_rate', 'revenue_churn', 'ndr', 'grr', 'renewal_rate']],
    ['Umsatz', ['mrr', 'arr', 'arpu', 'expansion_mrr', 'mrr_movements', 'upsell_rate', 'cross_sell_rate', 'share_of_wallet']],
    ['Wert und Kosten', ['clv', 'cac', 'clv_cac_ratio', 'cac_payback_months', 'retention_cost', 'roi']],
    ['Zufriedenheit und Loyalität', ['nps', 'csat', 'ces', 'advocacy_rate', 'engagement_score', 'health_score', 'qualitative_feedback']],
    ['Support', ['fcr', 'resolution_rate', 'first_response_time', 'lead_response_time', 'ticket_volume']],
    ['Vertrieb und Funnel', ['sales_velocity', 'win_rate', 'win_loss_ratio', 'conversion_rate', 'free_to_paid', 'onboarding_dropoff']],
    ['Nutzung', ['dau_mau', 'avg_session_duration', 'product_usage_rate', 'sessions_per_day']],
  ];
  await expect(groups).toHaveCount(expected.length);
  const shown = await groups.evaluateAll((sections) =>
    sections.map((s) => [
      s.querySelector('h2')!.textContent,
      [...s.querySelectorAll('.kpi-link')].map((a) => new URLSearchParams(a.getAttribute('href')!.split('?')[1]).get('kpi')),
    ]),
  );
  expect(shown).toEqual(expected);
  await expect(page.getByTestId('hit-count')).toHaveText(`${registry().count} Kennzahlen gefunden`);

  // A search keeps the grouping and shows only the groups with hits.
  await page.getByLabel('Kennzahl suchen').fill('MRR');
  await expect(groups.locator('h2')).toHaveText(['Bindung und Abwanderung', 'Umsatz']);
  await page.getByLabel('Kennzahl suchen').fill('zzzz');
  await expect(groups).toHaveCount(0);
  await expect(page.getByTestId('hit-count')).toHaveText('0 Kennzahlen gefunden');
});
