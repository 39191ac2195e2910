import { expect, test, type Page } from '@playwright/test';
import { CalculatorPage } from '../pages/calculator';
import { ImportPage, fixture } from '../pages/import';
import { pdfPages } from '../lib/pdf';

// Issue 19: phone first (390 × 844, an iPhone 12–15 in CSS pixels), the printed report and no
// silent loss of imported data.
test.use({ viewport: { width: 390, height: 844 } });

/** True when the element is wholly inside the viewport. */
async function wholeInView(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;
  });
}

test('typing into the last input keeps the result in view: the summary bar shows value and band', async ({ page }) => {
  const calc = new CalculatorPage(page);
  await calc.open('ndr');
  // The last of NDR's four inputs: (10.000 + 800 − 200 − 1.300) ÷ 10.000 = 93 %.
  await calc.type('churned_mrr', '1300');
  await expect(calc.result).toHaveText('93\u202f%');
  await expect(calc.input('churned_mrr')).toBeFocused();
  // On a phone the result card sits below the inputs, out of view; the bar is in view with the
  // same value.
  expect(await wholeInView(page, 'result-value')).toBe(false);
  const bar = page.getByTestId('result-sticky');
  await expect(bar).toBeVisible();
  await expect(page.getByTestId('sticky-value')).toHaveText('93\u202f%');
  expect(await wholeInView(page, 'result-sticky')).toBe(true);
  // The field being typed into is not under the bar.
  const field = await calc.input('churned_mrr').boundingBox();
  const barBox = await bar.boundingBox();
  expect(field!.y + field!.height).toBeLessThanOrEqual(barBox!.y);
  // The live region of the result card announces; the bar repeats it silently.
  await expect(bar).toHaveAttribute('aria-hidden', 'true');
  expect(await bar.locator('[aria-live]').count()).toBe(0);
  await expect(page.locator('.result-body[aria-live="polite"]')).toHaveCount(1);
  // With the result card in view the bar goes away.
  await calc.result.scrollIntoViewIfNeeded();
  await expect(bar).toBeHidden();
  expect(await wholeInView(page, 'result-value')).toBe(true);
});

test('the summary bar carries the band: 20 promoters, 30 passives, 50 detractors give an NPS of −30', async ({ page }) => {
  const calc = new CalculatorPage(page);
  await calc.open('nps');
  // 20 − 50 of 100 answers = −30: "more detractors than promoters" (bad).
  await calc.fill({ promoters: '20', passives: '30' });
  // Pasted in one go (fill), so the bar appears after the browser scrolled the field into view.
  await calc.input('detractors').fill('50');
  await expect(calc.result).toHaveText('−30');
  const bar = page.getByTestId('result-sticky');
  await expect(bar).toBeVisible();
  // The field being typed into is lifted clear of the bar.
  await expect
    .poll(async () => {
      const field = (await calc.input('detractors').boundingBox())!;
      const barBox = (await bar.boundingBox())!;
      return field.y + field.height <= barBox.y;
    })
    .toBe(true);
  await expect(page.getByTestId('sticky-value')).toHaveText('−30');
  await expect(bar.locator('.band')).toHaveText('Mehr Detraktoren als Promotoren');
  await expect(bar.locator('.band')).toHaveClass('band band-bad');
});

const PAGES: Array<[string, string]> = [
  ['?kpi=ndr', 'result-value'],
  ['?kpi=nps', 'result-value'],
  ['?page=catalogue', 'catalogue'],
  ['?page=import', 'file-input'],
  ['?page=dashboard&sample=1', 'tile-mrr'],
  ['?page=whatif&sample=1', 'wi-headline'],
  ['?page=report&sample=1', 'at-risk-table'],
  ['?page=privacy', 'prose'],
];

for (const [query, ready] of PAGES) {
  test(`no horizontal overflow at 390 px and touch targets of 44 px: ${query}`, async ({ page }) => {
    await page.goto(`./${query}`);
    await expect(page.locator(`[data-testid="${ready}"], .${ready}`).first()).toBeAttached({ timeout: 20_000 });
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    expect(clientWidth).toBe(390);
    // Buttons, fields, selects, disclosure summaries and the links of the top bar; a check
    // box or radio button counts by its label, which takes the tap.
    const small = await page.evaluate(() => {
      const out: string[] = [];
      const sel = 'button, select, textarea, summary, .topbar a, input:not([type=hidden]):not([type=file])';
      for (const el of document.querySelectorAll<HTMLElement>(sel)) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || el.closest('.skip')) continue;
        const input = el as HTMLInputElement;
        const target = input.type === 'checkbox' || input.type === 'radio' ? el.closest('label') ?? document.querySelector(`label[for="${el.id}"]`) : el;
        const h = target ? target.getBoundingClientRect().height : 0;
        if (h < 44) out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${(el.textContent ?? '').trim().slice(0, 30)}" ${h.toFixed(1)} px`);
      }
      return out;
    });
    expect(small).toEqual([]);
  });
}

for (const width of [320, 400]) {
  test(`the embed at ${width} px shows input and result without scrolling sideways`, async ({ page }) => {
    await page.setViewportSize({ width, height: 700 });
    await page.goto('./?embed=1&kpi=ndr');
    const calc = new CalculatorPage(page);
    await expect(calc.result).toBeVisible();
    await calc.type('churned_mrr', '1300');
    await expect(calc.result).toHaveText('93\u202f%');
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    for (const el of [calc.input('mrr_start'), calc.result]) {
      const box = (await el.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
    }
    // No summary bar in a frame that grows with its content.
    await expect(page.getByTestId('result-sticky')).toHaveCount(0);
  });
}

test('the printed report has the KPI table on page 1 and cuts the at-risk list to 10 rows with a note', async ({ page }) => {
  // Printed at A4 as "Save as PDF" would; the phone viewport does not matter for print.
  await page.goto('./?page=report&sample=1');
  await expect(page.getByTestId('at-risk-table')).toBeVisible({ timeout: 20_000 });
  const rows = await page.getByTestId('at-risk-table').locator('tbody tr').count();
  expect(rows).toBe(14);
  const pages = pdfPages(await page.pdf({ format: 'A4' }));
  const first = pages[0];
  expect(first).toContain('Quartalsbericht 2025-Q4');
  // The table's head and its first rows, with the sample data's values (`kennzahl report`).
  expect(first).toContain('Kennzahl Wert Vorperiode');
  expect(first).toContain('9.959,63 €');
  expect(first).toContain('119.516 €');
  // At-risk list: the first 10 of 14 accounts, and where the rest is.
  const all = pages.join('\n');
  expect(all).toContain('Gedruckt: die ersten 10 von 14 gefährdeten Kunden.');
  expect(all).toContain('„Gefährdete Kunden als CSV“');
  const listed = (all.match(/\bK\d{5}\b/g) ?? []).length;
  expect(listed).toBe(10);
  // On screen the note is not shown, and the list is whole.
  await expect(page.getByTestId('print-cut')).toBeHidden();
});

test('leaving with an imported file asks first; with nothing or only the sample data it does not', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.type());
    void d.dismiss();
  });
  const imp = new ImportPage(page, { confirmLeave: false });
  await imp.open();
  // Nothing imported: a reload goes through without asking.
  await page.getByTestId('load-sample').click();
  await expect(imp.fileCount).not.toHaveAttribute('data-count', '0', { timeout: 20_000 });
  await page.reload();
  await expect(page.locator('main h1')).toBeVisible();
  expect(dialogs).toEqual([]);
  // The user's own file: closing the tab asks, and "stay" keeps page and file.
  await imp.pick([fixture('semicolon_decimal_comma_cp1252.csv')]);
  await page.getByTestId('import').first().click();
  await expect(imp.fileCount).toHaveAttribute('data-count', '1', { timeout: 20_000 });
  const asked = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  expect((await asked).type()).toBe('beforeunload');
  expect(dialogs).toEqual(['beforeunload']);
  expect(page.isClosed()).toBe(false);
  await expect(imp.fileCount).toHaveAttribute('data-count', '1');
  // Removing the file again: nothing to lose, no question.
  await page.getByTestId('file-entry').getByRole('button').first().click();
  await expect(imp.fileCount).toHaveAttribute('data-count', '0');
  await page.reload();
  expect(dialogs).toEqual(['beforeunload']);
});
