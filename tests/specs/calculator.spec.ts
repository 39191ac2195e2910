import { expect, test } from '@playwright/test';
import { CalculatorPage } from '../pages/calculator';

// NPS bands (crates/kpi/src/defs/surveys.rs): 0 is "as many promoters as detractors" (warn),
// above 0 good, below 0 bad. Each case is promoters − detractors in % of all answers.
const BANDS = [
  // 60 − 15 of 100 = 45.
  { inputs: { promoters: '60', passives: '25', detractors: '15' }, value: '45', tone: 'good', label: 'Mehr Promotoren als Detraktoren' },
  // 20 − 50 of 100 = −30.
  { inputs: { promoters: '20', passives: '30', detractors: '50' }, value: '−30', tone: 'bad', label: 'Mehr Detraktoren als Promotoren' },
  // 30 − 30 of 100 = 0.
  { inputs: { promoters: '30', passives: '40', detractors: '30' }, value: '0', tone: 'warn', label: 'Gleich viele Promotoren wie Detraktoren' },
];

test('the band and the interpretation follow the result', async ({ page }) => {
  const calc = new CalculatorPage(page);
  await calc.open('nps');
  for (const c of BANDS) {
    await calc.fill(c.inputs);
    await expect(calc.result).toHaveText(c.value);
    await expect(page.getByTestId('band')).toHaveText(c.label);
    await expect(page.getByTestId('band')).toHaveClass(`band band-${c.tone}`);
    await expect(page.getByTestId('interpretation')).toHaveText(`NPS ${c.value} – ${c.label}. Höher ist besser.`);
  }
  await page.getByRole('button', { name: /English/ }).click();
  await expect(page.getByTestId('interpretation')).toHaveText('NPS 0 – As many promoters as detractors. Higher is better.');
});

test('the chart has a data table and downloads as SVG and PNG with the user numbers', async ({ page }) => {
  const calc = new CalculatorPage(page);
  await calc.open('nps');
  await calc.fill({ promoters: '60', passives: '25', detractors: '15' });
  await expect(calc.result).toHaveText('45');
  await expect(calc.chart.locator('desc')).toHaveText('15 Kritiker, 25 Passive, 60 Promotoren; NPS 45.');

  await page.getByText('Daten als Tabelle').click();
  const rows = page.locator('.chart-table tbody tr');
  await expect(rows).toHaveCount(3);
  const cells = await rows.evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.replace(/[\u00a0\u202f]/g, ' '))),
  );
  expect(cells).toEqual([
    ['Kritiker (0–6)', '15', '15 %'],
    ['Passive (7–8)', '25', '25 %'],
    ['Promotoren (9–10)', '60', '60 %'],
  ]);

  const svg = await calc.download('SVG');
  expect(svg.name).toBe('nps.svg');
  const text = svg.bytes.toString('utf8');
  expect(text).toMatch(/^<svg /);
  expect(text).toMatch(/<desc[^>]*>15 Kritiker, 25 Passive, 60 Promotoren; NPS 45\.<\/desc>/);
  const width = Number(text.match(/^<svg [^>]*\bwidth="([\d.]+)"/)![1]);
  const height = Number(text.match(/^<svg [^>]*\bheight="([\d.]+)"/)![1]);

  const png = await calc.download('PNG');
  expect(png.name).toBe('nps.png');
  expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  // IHDR: twice the SVG's size (the download is drawn at scale 2 for sharp print).
  expect(png.bytes.readUInt32BE(16)).toBe(Math.floor(width) * 2);
  expect(png.bytes.readUInt32BE(20)).toBe(Math.floor(height) * 2);
  // Not a blank canvas: a drawn chart compresses to more than a few hundred bytes.
  expect(png.bytes.length).toBeGreaterThan(2000);
});
