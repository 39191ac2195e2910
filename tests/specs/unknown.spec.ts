import { expect, test } from '@playwright/test';
import { ImportPage, type TestFile } from '../pages/import';

const file = (name: string, text: string): TestFile => ({ name, bytes: Buffer.from(text, 'utf8') });

const SUBS = file('subs.csv', 'customer,start,amount\nC-1,2025-01-01,10.00\nC-2,2025-01-01,10.00\nC-3,2025-01-01,10.00\n');
// Accounts by company domain; the customer ids are in another column.
const USAGE = file(
  'usage.csv',
  'timestamp,user_id,account_id,customer_ref,event\n' +
    '2025-03-10T09:00:00Z,u1,acme.com,C-1,login\n' +
    '2025-03-11T09:00:00Z,u2,beta.io,C-2,login\n',
);

test('a usage file matching no customer says so, and reads again keyed by another column', async ({ page }) => {
  const imp = new ImportPage(page);
  await imp.open('&lang=en');
  await imp.drop([SUBS]);
  const subs = imp.job('subs.csv');
  await subs.getByTestId('import').click();
  await expect(subs.getByTestId('result')).toBeVisible();
  await imp.drop([USAGE]);
  const usage = imp.job('usage.csv');
  await usage.getByTestId('import').click();
  await expect(usage.getByTestId('result')).toBeVisible();
  await expect(usage.getByTestId('import-usage-match')).toHaveText('usage: 0 of 3 customers matched');

  await usage.getByTestId('usage-key').selectOption({ label: 'customer_ref' });
  await usage.getByTestId('usage-rekey').click();
  await expect(usage.getByTestId('import-usage-match')).toHaveText('usage: 2 of 3 customers matched', { timeout: 20_000 });
  await expect(imp.fileCount).toHaveAttribute('data-count', '2');

  await page.getByRole('link', { name: 'Dashboard' }).first().click();
  await expect(page.getByTestId('usage-match')).toContainText('usage: 2 of 3 customers matched');
});

test('a survey file read on the chosen scale rejects the answer off it with its line', async ({ page }) => {
  const imp = new ImportPage(page);
  await imp.open('&lang=en');
  await imp.drop([file('csat.csv', 'date,kind,score\n2025-03-01,CSAT,4\n2025-03-02,CSAT,5\n2025-03-03,CSAT,7\n')]);
  const job = imp.job('csat.csv');
  await job.getByTestId('survey-scale').selectOption('1-5');
  await job.getByTestId('import').click();
  await expect(job.getByTestId('result')).toBeVisible();
  expect(await imp.accounting(job)).toEqual({ used: 2, rejected: 1, skipped: 0, rows: 3 });
  await expect(job.getByTestId('rejections')).toContainText('Line 4, column score');
  await expect(job.getByTestId('applied-scale')).toHaveText('CSAT – scale: 1–5 (chosen)');

  await page.getByRole('link', { name: 'Dashboard' }).first().click();
  await expect(page.getByTestId('survey-scales')).toHaveText('CSAT on the 1–5 scale');
});
