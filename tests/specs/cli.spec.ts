import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliRun } from '../lib/cli';

// The CLI is the dashboard's oracle; these check what its user reads: the text output and the
// exit codes (0 imported, 1 with rejections, 2 unusable), and `sample --kind --bytes`.
const DATA = join(__dirname, '..', 'data');

test('inspect explains how a German Excel CSV is read, in text', () => {
  const r = cliRun(['inspect', join(DATA, 'semicolon_decimal_comma_cp1252.csv')]);
  expect(r.code).toBe(0);
  const lines = r.stdout.split('\n');
  expect(lines).toContain(`encoding: Windows-1252  delimiter: ';'  quote: '"'  header: yes (line 1)`);
  expect(lines.find((l) => l.includes('Betrag'))).toMatch(/^\s+4 Betrag\s+money, decimal comma, thousands '\.'$/);
  expect(lines.find((l) => l.includes('Beginn'))).toMatch(/^\s+2 Beginn\s+date, DD\.MM\.YYYY$/);
  expect(lines).toContain('kind: subscriptions');
  expect(lines).toContain('  amount               <- Betrag (column 4)');
  // 1.234,50 € = 123450 cents; 31.12.2024 is the end of the second subscription.
  expect(r.stdout).toContain('"amount":123450,"currency":null,"customer":"Müller GmbH"');
  expect(r.stdout).toContain('"end":"2024-12-31"');
  expect(lines).toContain('accounting: 3 rows = 3 used + 0 rejected + 0 skipped');
});

test('inspect lists rejections with line numbers in the chosen language and exits 1', () => {
  const de = cliRun(['inspect', join(DATA, 'ragged_rows.csv')]);
  expect(de.code).toBe(1);
  expect(de.stdout).toContain('accounting: 4 rows = 2 used + 2 rejected + 0 skipped');
  expect(de.stdout).toContain('  Zeile 3: 4 Felder statt 3 – Trennzeichen und Anführungszeichen in dieser Zeile prüfen.');
  expect(de.stdout).toContain('  Zeile 4: 2 Felder statt 3 – Trennzeichen und Anführungszeichen in dieser Zeile prüfen.');
  const en = cliRun(['inspect', join(DATA, 'ragged_rows.csv'), '--lang', 'en']);
  expect(en.code).toBe(1);
  expect(en.stdout).toMatch(/^ {2}Line 3: .+$/m);
  expect(en.stdout).not.toContain('Zeile');
});

test('inspect of an unusable file says why and exits 2', () => {
  const r = cliRun(['inspect', join(DATA, 'empty.csv'), '--lang', 'en']);
  expect(r.code).toBe(2);
  expect(r.stdout + r.stderr).toContain('The file is empty (0 bytes). Please export it again.');
  expect(cliRun(['inspect']).code).toBe(2);
  expect(cliRun(['frobnicate']).code).toBe(2);
});

test('report prints the monthly table the JSON report holds', () => {
  const text = cliRun(['report', '--sample', '--lang', 'en']);
  const json = cliRun(['report', '--sample', '--json']);
  expect(text.code).toBe(0);
  const report = JSON.parse(json.stdout);
  const months = report.revenue.months;
  const rows = text.stdout.split('\n').filter((l) => /^\d{4}-\d{2}\s/.test(l)).map((l) => l.trim().split(/\s+/));
  expect(rows).toHaveLength(months.length);
  // Two decimals, within half a unit of the last digit (Rust rounds an exact half to even).
  const close = (shown: string, value: number) => expect(Math.abs(Number(shown) - value)).toBeLessThanOrEqual(0.005 + 1e-9);
  const pct = (cells: string[], v: number | null) => {
    if (v === null) return expect(cells).toEqual(['–']);
    expect(cells[1]).toBe('%');
    close(cells[0], v * 100);
  };
  rows.forEach((row, i) => {
    const m = months[i];
    expect(row[0]).toBe(m.month);
    close(row[1], m.mrr / 100);
    expect(row[2], m.month).toBe(String(m.customers));
    // The last three columns: logo churn (A), NRR and GRR, each "–" or "x.xx %".
    const rest = row.slice(8);
    const cols: string[][] = [];
    for (let j = 0; j < rest.length; j++) cols.push(rest[j] === '–' ? ['–'] : [rest[j], rest[++j]]);
    expect(cols, m.month).toHaveLength(3);
    pct(cols[0], m.retention.logo_churn_a);
    pct(cols[1], m.retention.nrr);
    pct(cols[2], m.retention.grr);
  });
  // The dataset lines and the latest values are the JSON's too.
  expect(text.stdout).toContain('subscriptions: 141 rows');
  for (const k of report.latest) {
    expect(text.stdout).toMatch(new RegExp(`^ {2}${k.kpi_id}\\s+${k.period}\\s+${String(k.value).replace('.', '\\.')}$`, 'm'));
  }
});

test('sample --kind --bytes writes one file of about that size that imports cleanly', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kz-sample-'));
  const r = cliRun(['sample', '--out', dir, '--kind', 'deals', '--bytes', '100000']);
  expect(r.code).toBe(0);
  const file = join(dir, 'deals-100000.csv');
  const size = statSync(file).size;
  expect(r.stdout).toContain(`deals-100000.csv (${size} bytes)`);
  // Whole rows only, so a little under the asked size, never over.
  expect(size).toBeLessThanOrEqual(100_000);
  expect(size).toBeGreaterThan(99_000);
  expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('id,created,closed,outcome,value,stage,source,lost_at_stage');
  const inspect = cliRun(['inspect', file, '--lang', 'en']);
  expect(inspect.code).toBe(0);
  expect(inspect.stdout).toContain('kind: deals');
  expect(inspect.stdout).toMatch(/^accounting: (\d+) rows = \1 used \+ 0 rejected \+ 0 skipped$/m);

  const de = mkdtempSync(join(tmpdir(), 'kz-sample-'));
  expect(cliRun(['sample', '--out', de, '--kind', 'deals', '--bytes', '50000', '--format', 'de']).code).toBe(0);
  // German Excel: semicolons, German headers, dates as DD.MM.YYYY and decimal commas.
  const german = readFileSync(join(de, 'deals-50000.csv'), 'latin1').split(/\r?\n/);
  expect(german[0]).toBe('ID;Erstellt;Abgeschlossen;Ergebnis;Wert;Phase;Quelle;Verloren in Phase');
  expect(german[1]).toMatch(/^D\d{6};\d{2}\.\d{2}\.\d{4};(\d{2}\.\d{2}\.\d{4})?;\w+;\d+,\d{2};/);
  expect(cliRun(['sample', '--out', de, '--kind', 'deals']).code).toBe(2);
  expect(cliRun(['sample', '--out', de, '--kind', 'nonsense', '--bytes', '10']).code).toBe(2);
});
