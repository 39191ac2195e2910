import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportPage, fixture } from '../pages/import';
import { RequestLog, loadedAndCached } from '../lib/requests';

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
  // Three data rows, all valid: 1.234,50 € → 123450 cents, 99,00 € → 9900, 12,5 → 1250; the
  // two-digit year 25 reads as 2025 (`kennzahl inspect` says the same: 3 used of 3 rows).
  expect(await imp.accounting(job)).toEqual({ used: 3, rejected: 0, skipped: 0, rows: 3 });
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
  // About 60 MB: at today's speed the import takes well over half a second, and the first
  // progress message comes after 50 ms of it.
  const rows = 1_000_000;
  const dir = mkdtempSync(join(tmpdir(), 'kz-import-'));
  const file = join(dir, 'big_abos.csv');
  const lines = ['Kunde;Beginn;Kündigungsdatum;Betrag;Abrechnungsintervall;Tarif'];
  for (let i = 0; i < rows; i++) {
    lines.push(`Kunde ${i} GmbH;${String((i % 28) + 1).padStart(2, '0')}.0${(i % 9) + 1}.2024;;${(i % 5000) + 1},50 €;monatlich;Basis`);
  }
  writeFileSync(file, lines.join('\r\n') + '\r\n');
  const imp = new ImportPage(page);
  await imp.open();
  await imp.pick([file]);
  const job = imp.job('big_abos.csv');
  await expect(job.getByTestId('import')).toBeEnabled();
  // Cancel in the page the moment the first progress is shown (a click from the test would
  // come tens of milliseconds later and could race the end), and keep what it said.
  await page.evaluate(() => {
    const observer = new MutationObserver(() => {
      const progress = document.querySelector('[data-testid="progress-text"]');
      const cancel = document.querySelector<HTMLButtonElement>('[data-testid="cancel"]');
      if (!progress || !cancel || !/\d/.test(progress.textContent ?? '')) return;
      observer.disconnect();
      (window as any).progressAtCancel = progress.textContent;
      cancel.click();
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await job.getByTestId('import').click();
  await expect(job.getByTestId('cancelled')).toHaveText('Import abgebrochen – die Datei wurde nicht übernommen.');
  // Progress was seen before the cancel, part way through the file.
  const seen: string = await page.evaluate(() => (window as any).progressAtCancel);
  expect(seen).toMatch(/^[\d.]+ Zeilen gelesen · \d+ %$/);
  expect(Number(seen.split(' ')[0].replace(/\./g, ''))).toBeLessThan(rows);
  // The worker answers in order: once a later import is in, the cancelled one cannot follow.
  await imp.paste('Kunde\tBeginn\tBetrag\nA\t01.03.2024\t5\n');
  await imp.job('Eingefügt 1.tsv').getByTestId('import').click();
  await expect(imp.fileCount).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('file-entry')).toHaveCount(1);
  await expect(page.getByTestId('file-entry')).toContainText('Eingefügt 1.tsv');
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

test('every unusable file says why, in German and in English', async ({ page }) => {
  const imp = new ImportPage(page);
  await imp.open();
  const xlsx = { name: 'kunden.xlsx', bytes: Buffer.concat([Buffer.from('PK\x03\x04', 'binary'), Buffer.alloc(200, 1)]), type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
  const xls = { name: 'alt.xls', bytes: Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(200, 0)]), type: 'application/vnd.ms-excel' };
  // 'Kunde,Betrag\nA,' is 15 bytes, so the first NUL is at byte 15.
  const binary = { name: 'binaer.csv', bytes: Buffer.concat([Buffer.from('Kunde,Betrag\nA,'), Buffer.alloc(200, 0)]) };
  const blank = { name: 'leer.csv', bytes: Buffer.from('\n  \r\n\t\n\n') };
  const cases = [
    { file: fixture('empty.csv'), de: 'Die Datei ist leer (0 Bytes). Bitte den Export erneut speichern.', en: 'The file is empty (0 bytes). Please export it again.' },
    { file: blank, de: 'Die Datei enthält nur Leerzeilen.', en: 'The file contains only blank lines.' },
    { file: fixture('header_only.csv'), de: 'Die Datei hat nur eine Kopfzeile (Kunde, Beginn, Betrag) und keine Datenzeilen.', en: 'The file has only a header row (Kunde, Beginn, Betrag) and no data rows.' },
    { file: binary, de: 'Die Datei ist keine Textdatei (Binärdaten ab Byte 15). Bitte als CSV exportieren.', en: 'The file is not text (binary data at byte 15). Please export as CSV.' },
    { file: xlsx, de: 'Das ist eine Excel-Datei (.xlsx), keine CSV-Datei. In Excel »Speichern unter« → »CSV (Trennzeichen-getrennt)« wählen.', en: 'This is an Excel file (.xlsx), not a CSV file. In Excel choose “Save as” → “CSV”.' },
    { file: xls, de: 'Das ist eine Excel-Datei (.xls), keine CSV-Datei. In Excel »Speichern unter« → »CSV (Trennzeichen-getrennt)« wählen.', en: 'This is an Excel file (.xls), not a CSV file. In Excel choose “Save as” → “CSV”.' },
  ];
  await imp.pick(cases.map((c) => c.file));
  for (const c of cases) {
    await expect(imp.job(c.file.name).getByTestId('error'), c.file.name).toHaveText(`Diese Datei kann nicht importiert werden: ${c.de}`);
    await expect(imp.job(c.file.name).getByRole('alert'), c.file.name).toBeVisible();
    await expect(imp.job(c.file.name).getByTestId('import'), c.file.name).toHaveCount(0);
  }
  await page.getByRole('button', { name: /English/ }).click();
  for (const c of cases) await expect(imp.job(c.file.name).getByTestId('error'), c.file.name).toHaveText(`This file cannot be imported: ${c.en}`);
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

test('a file of unknown kind shows its table as read before what is missing', async ({ page }) => {
  // Bug: with no kind the preview showed no table, only the request to choose one.
  const imp = new ImportPage(page);
  await imp.open();
  await imp.pick([{ name: 'unbekannt.csv', bytes: Buffer.from('foo;bar\n1;Müller\n2;Schäfer\n') }]);
  const job = imp.job('unbekannt.csv');
  const raw = job.getByTestId('preview-raw');
  await expect(raw.getByRole('columnheader', { name: 'foo', exact: true })).toBeVisible();
  await expect(raw.getByRole('columnheader', { name: 'bar', exact: true })).toBeVisible();
  await expect(raw.getByRole('cell', { name: 'Müller', exact: true })).toBeVisible();
  await expect(raw.getByRole('cell', { name: 'Schäfer', exact: true })).toBeVisible();
  await expect(job.getByTestId('import')).toBeDisabled();
  const blockers = job.locator('.imp-blockers');
  await expect(blockers).toHaveText('– bitte wählen –');
  const [table, message] = [await raw.boundingBox(), await blockers.boundingBox()];
  expect(table && message && table.y < message.y, 'the table comes before the message').toBe(true);
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
  await loadedAndCached(page);
  const after = new RequestLog(page);
  await imp.drop([fixture(GERMAN)]);
  const job = imp.job(GERMAN);
  await job.getByTestId('import').click();
  await expect(job.getByTestId('result')).toBeVisible();
  await imp.paste('Kunde\tBeginn\tBetrag\nA\t01.03.2024\t5\n');
  await imp.job('Eingefügt 1.tsv').getByTestId('import').click();
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('file-entry')).toHaveCount(8);
  await after.expectNone('while importing');
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

test('Import all imports every file whose mapping is complete; one that needs a decision stays open', async ({ page }) => {
  const imp = new ImportPage(page);
  await imp.open('&lang=en');
  await imp.drop([fixture(GERMAN), fixture('ambiguous_dates.csv'), fixture('ragged_rows.csv')]);
  const all = page.getByTestId('import-all');
  // Two files are ready; the ambiguous dates still need the day/month order.
  await expect(all).toHaveText('Import every ready file (2)');
  await expect(page.getByText('Files that still need a decision stay open.')).toBeVisible();
  await all.click();
  await expect(imp.fileCount).toHaveAttribute('data-count', '2', { timeout: 20_000 });
  const waiting = imp.job('ambiguous_dates.csv');
  await expect(waiting.getByTestId('import')).toBeDisabled();
  await expect(waiting).toContainText('Please say first whether the day or the month comes first.');
  await expect(page.getByTestId('import-all')).toHaveCount(0);
});
