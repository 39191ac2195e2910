import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportPage, fixture } from '../pages/import';

const ORIGIN = process.env.KZ_APP_ORIGIN!;
const GERMAN = 'semicolon_decimal_comma_cp1252.csv';

test('a dropped German Excel CSV shows its settings and preview, maps and imports with counts that add up', async ({ page }) => {
  const imp = new ImportPage(page);
  await imp.open();
  await imp.drop([fixture(GERMAN)]);
  const job = imp.job(GERMAN);
  await expect(job.getByTestId('encoding')).toHaveValue('Windows-1252');
  await expect(job.getByTestId('delimiter')).toHaveValue(';');
  await expect(job.getByTestId('kind')).toHaveValue('subscriptions');
  // Betrag is column 4 (index 3): decimal comma.
  await expect(job.getByTestId('decimal-3')).toHaveValue('comma');
  const preview = job.getByTestId('preview');
  await expect(preview).toContainText('Müller GmbH');
  await expect(preview).toContainText('1.234,50');
  await expect(preview).toContainText('99,00');
  await expect(preview).toContainText('31.12.2024');
  await expect(job.getByTestId('raw-lines')).toContainText('Kunde;Beginn;Kündigungsdatum;Betrag');

  // In English the same numbers read the English way.
  await page.getByRole('button', { name: /English/ }).click();
  await expect(preview).toContainText('1,234.50');
  await expect(preview).toContainText('2024-12-31');
  await page.getByRole('button', { name: /Deutsch/ }).click();

  // Unmapping the plan column removes it from the preview; mapping it back restores it.
  const plan = job.getByTestId('map-plan');
  await expect(plan).toHaveValue('5');
  await plan.selectOption('');
  await expect(preview).not.toContainText('Basis');
  await plan.selectOption('5');
  await expect(preview).toContainText('Basis');

  await job.getByTestId('import').click();
  await expect(job.getByTestId('result')).toBeVisible();
  const acc = await imp.accounting(job);
  expect(acc.rows).toBe(3);
  expect(acc.used + acc.rejected + acc.skipped).toBe(acc.rows);
  await expect(imp.fileCount).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('file-entry')).toContainText(GERMAN);
});

test('rejected rows are listed with line numbers and download as CSV with a reason column', async ({ page }) => {
  const imp = new ImportPage(page);
  await imp.open();
  await imp.pick([join(__dirname, '..', 'data', 'ragged_rows.csv')]);
  const job = imp.job('ragged_rows.csv');
  await job.getByTestId('import').click();
  await expect(job.getByTestId('result')).toBeVisible();
  const acc = await imp.accounting(job);
  expect(acc).toEqual({ used: 2, rejected: 2, skipped: 0, rows: 4 });
  const rejections = job.getByTestId('rejections');
  // The header is line 1: B (extra field) is on line 3, C (missing field) on line 4.
  await expect(rejections.locator('tbody tr')).toHaveCount(2);
  await expect(rejections.locator('tbody tr').nth(0).locator('td').first()).toHaveText('3');
  await expect(rejections.locator('tbody tr').nth(1).locator('td').first()).toHaveText('4');
  await expect(rejections).toContainText('Zeile 3');

  const [download] = await Promise.all([page.waitForEvent('download'), job.getByTestId('download-rejections').click()]);
  expect(download.suggestedFilename()).toBe('ragged_rows-abgelehnt.csv');
  const path = await download.path();
  const text = readFileSync(path!, 'utf8').replace(/^\uFEFF/, '');
  const lines = text.trim().split(/\r?\n/);
  expect(lines[0]).toBe('Zeile,Grund,customer,date,amount');
  expect(lines).toHaveLength(3);
  expect(lines[1]).toMatch(/^3,"?Zeile 3.*B,2025-01-02,20.00,extra$/);
  expect(lines[2]).toMatch(/^4,.*C,2025-01-03$/);
});

test('Cancel stops a large import and adds no file', async ({ page }) => {
  test.setTimeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), 'kz-import-'));
  const file = join(dir, 'big_abos.csv');
  const lines = ['Kunde;Beginn;Kündigungsdatum;Betrag;Abrechnungsintervall;Tarif'];
  for (let i = 0; i < 700_000; i++) {
    lines.push(`Kunde ${i} GmbH;${String((i % 28) + 1).padStart(2, '0')}.0${(i % 9) + 1}.2024;;${(i % 5000) + 1},50 €;monatlich;Basis`);
  }
  writeFileSync(file, lines.join('\r\n') + '\r\n');
  const imp = new ImportPage(page);
  await imp.open();
  await imp.pick([file]);
  const job = imp.job('big_abos.csv');
  await job.getByTestId('import').click();
  await expect(job.getByTestId('progress-text')).toContainText('Zeilen gelesen');
  await job.getByTestId('cancel').click();
  await expect(job.getByTestId('cancelled')).toBeVisible();
  await page.waitForTimeout(300);
  await expect(imp.fileCount).toHaveAttribute('data-count', '0');
  await expect(page.getByTestId('file-entry')).toHaveCount(0);
});

test('a range pasted from Excel (tab-separated) imports', async ({ page }) => {
  const imp = new ImportPage(page);
  await imp.open();
  await imp.paste('Kunde\tBeginn\tBetrag\nMüller GmbH\t01.03.2024\t1.234,50 €\nSchäfer KG\t15.01.2024\t99,00 €\n');
  const job = imp.job('Eingefügt 1.tsv');
  await expect(job.getByTestId('delimiter')).toHaveValue('\t');
  await expect(job.getByTestId('preview')).toContainText('1.234,50');
  await job.getByTestId('import').click();
  await expect(job.getByTestId('result')).toBeVisible();
  expect(await imp.accounting(job)).toEqual({ used: 2, rejected: 0, skipped: 0, rows: 2 });
  await expect(imp.fileCount).toHaveAttribute('data-count', '1');
});

test('unusable files say why, in the user language', async ({ page }) => {
  const imp = new ImportPage(page);
  await imp.open();
  const xlsx = { name: 'kunden.xlsx', bytes: Buffer.concat([Buffer.from('PK\x03\x04', 'binary'), Buffer.alloc(200, 1)]), type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
  await imp.pick([fixture('empty.csv'), fixture('header_only.csv'), xlsx]);
  await expect(imp.job('empty.csv').getByTestId('error')).toContainText('Die Datei ist leer (0 Bytes)');
  await expect(imp.job('header_only.csv').getByTestId('error')).toContainText('nur eine Kopfzeile (Kunde, Beginn, Betrag)');
  await expect(imp.job('kunden.xlsx').getByTestId('error')).toContainText('Excel-Datei (.xlsx)');
  await expect(imp.job('kunden.xlsx').getByRole('alert')).toBeVisible();
  await page.getByRole('button', { name: /English/ }).click();
  await expect(imp.job('empty.csv').getByTestId('error')).toContainText('The file is empty (0 bytes)');
  await expect(imp.fileCount).toHaveAttribute('data-count', '0');
});

test('ambiguous day/month dates are asked, not guessed', async ({ page }) => {
  const imp = new ImportPage(page);
  await imp.open();
  await imp.drop([fixture('ambiguous_dates.csv')]);
  const job = imp.job('ambiguous_dates.csv');
  await expect(job.getByTestId('date-question')).toBeVisible();
  await expect(job.getByTestId('import')).toBeDisabled();
  await job.getByLabel(/Monat zuerst/).check();
  await expect(job.getByTestId('preview')).toContainText('02.01.2025');
  await expect(job.getByTestId('import')).toBeEnabled();
});

test('sample data loads in the worker and files can be removed', async ({ page }) => {
  const imp = new ImportPage(page);
  await imp.open();
  await page.getByTestId('load-sample').click();
  // sample::DEMO_SIZES: subscriptions, surveys, tickets, deals, usage, costs.
  await expect(page.getByTestId('file-entry')).toHaveCount(6);
  await expect(page.getByTestId('file-entry').last()).toContainText('Kosten · 24 Zeilen übernommen');
  await page.getByRole('button', { name: 'Entfernen Beispieldaten (costs)' }).click();
  await expect(page.getByTestId('file-entry')).toHaveCount(5);
});

test('the drop zone is a keyboard-operable button that opens the picker', async ({ page }) => {
  const imp = new ImportPage(page);
  await imp.open();
  const zone = page.getByRole('button', { name: /Dateien hierher ziehen/ });
  await expect(zone).toHaveAttribute('data-testid', 'dropzone');
  // Count clicks on the hidden file input (and keep the native dialog closed), so the test
  // does not race the browser's file-chooser interception.
  await page.getByTestId('file-input').evaluate((el) => {
    (window as any).pickerOpened = 0;
    el.addEventListener('click', (e) => { (window as any).pickerOpened += 1; e.preventDefault(); });
  });
  await zone.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Space');
  await expect.poll(() => page.evaluate(() => (window as any).pickerOpened)).toBe(2);
  await expect(page.getByTestId('file-input')).toHaveAttribute('multiple', '');
});

test('importing makes no request: the worker and the app were loaded before', async ({ page }) => {
  const imp = new ImportPage(page);
  await imp.open();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.waitForLoadState('networkidle');
  const after: string[] = [];
  page.on('request', (r) => after.push(`${r.method()} ${r.url()}`));
  page.context().on('request', (r) => after.push(`${r.method()} ${r.url()}`));
  await imp.drop([fixture(GERMAN)]);
  const job = imp.job(GERMAN);
  await job.getByTestId('import').click();
  await expect(job.getByTestId('result')).toBeVisible();
  await imp.paste('Kunde\tBeginn\tBetrag\nA\t01.03.2024\t5\n');
  await imp.job('Eingefügt 1.tsv').getByTestId('import').click();
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('file-entry')).toHaveCount(8);
  await page.waitForTimeout(500);
  expect(after.filter((r) => !r.includes('blob:')), `requests after load:\n${after.join('\n')}`).toEqual([]);
  expect(ORIGIN).toBeTruthy();
});

test('no serious or critical axe violations on the mapping screen and the result', async ({ page }) => {
  const imp = new ImportPage(page);
  await imp.open();
  await imp.drop([fixture(GERMAN), fixture('ragged_rows.csv'), fixture('empty.csv')]);
  await expect(imp.job(GERMAN).getByTestId('preview')).toBeVisible();
  await expect(imp.job('empty.csv').getByTestId('error')).toBeVisible();
  const check = async () => {
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  };
  await check();
  await imp.job('ragged_rows.csv').getByTestId('import').click();
  await expect(imp.job('ragged_rows.csv').getByTestId('rejections')).toBeVisible();
  await check();
});

test('after one visit, files import offline and nothing violates the CSP', async ({ page, context }) => {
  const violations: string[] = [];
  page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text()); });
  const imp = new ImportPage(page);
  await imp.open();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.waitForLoadState('networkidle');
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('main h1')).toHaveText('Daten importieren');
  await imp.pick([fixture(GERMAN)]);
  const job = imp.job(GERMAN);
  await job.getByTestId('import').click();
  await expect(job.getByTestId('acc-rows')).toHaveText('3');
  await context.setOffline(false);
  expect(violations).toEqual([]);
});
