import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { CalculatorPage } from '../pages/calculator';
import { registry } from '../lib/registry';
import { loadedAndCached } from '../lib/requests';

// The static KPI pages that `./dev build` writes beside index.html (crates/site): readable
// with JavaScript off, then taken over by the app in place. The numbers are the seed's worked
// example (Bitrix24 article): (100 × 3.000 € × 0,20) / 30 Tage = 2.000 € pro Tag.

const { count } = registry();

async function headOf(page: Page) {
  return page.evaluate(() => ({
    canonical: document.querySelector('link[rel=canonical]')?.getAttribute('href'),
    alternates: [...document.querySelectorAll('link[rel=alternate][hreflang]')].map(
      (l) => `${l.getAttribute('hreflang')} ${l.getAttribute('href')}`,
    ),
    ogTitle: document.querySelector('meta[property="og:title"]')?.getAttribute('content'),
    twitter: document.querySelector('meta[name="twitter:card"]')?.getAttribute('content'),
    description: document.querySelector('meta[name=description]')?.getAttribute('content'),
    jsonLd: document.querySelector('script[type="application/ld+json"]')?.textContent ?? '',
  }));
}

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the German sales velocity page shows name, example, formula and sources', async ({ page }) => {
    await page.goto('sales_velocity-de.html');
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Sales Pipeline Velocity');
    await expect(page.getByTestId('result-value')).toHaveText('2.000,00 € pro Tag');
    await expect(page.getByTestId('formula')).toHaveText('(100 × 3.000 € × 20 %) / 30 Tage = 2.000,00 € pro Tag');
    await expect(page.locator('#in-deal_value')).toHaveValue('3.000');
    await expect(page.locator('#in-win_rate')).toHaveValue('20\u202f%');
    await expect(page.locator('.about .formulas')).toContainText('(Opportunities × Ø Umsatzwert × Gewinnrate) / Zyklustage');
    await expect(page.locator('.about .sources')).toHaveText('„Customer-Success-KPIs: Kundenerfolg messen“ – Bitrix24');
    await expect(page.locator('body')).not.toContainText(/Seed|Quelle: 0/);

    const head = await headOf(page);
    expect(head.canonical).toBe('sales_velocity-de.html');
    expect(head.alternates.sort()).toEqual([
      'de sales_velocity-de.html',
      'en sales_velocity-en.html',
      'x-default sales_velocity-en.html',
    ]);
    expect(head.ogTitle).toContain('Sales Pipeline Velocity');
    expect(head.twitter).toBe('summary');
    expect(head.description).toContain('2.000,00\u00a0€ pro Tag');
    const ld = JSON.parse(head.jsonLd);
    expect(ld['@type']).toBe('WebApplication');
    expect(ld.about.name).toBe('Sales Pipeline Velocity');
    expect(ld.citation.map((c: { publisher?: { name: string } }) => c.publisher?.name)).toEqual(['Bitrix24']);
  });

  test('the English page has the same example in English formats and names its sources', async ({ page }) => {
    await page.goto('sales_velocity-en.html');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('result-value')).toHaveText('€2,000.00 per day');
    await expect(page.getByTestId('formula')).toHaveText('(100 × €3,000 × 20%) / 30 days = €2,000.00 per day');
    await expect(page.locator('.about .sources')).toHaveText('“Customer success KPIs: measuring customer success” – Bitrix24 (in German)');
    // The language switch is a plain link to the other page.
    await expect(page.locator('a.lang-switch')).toHaveAttribute('href', 'sales_velocity-de.html');
  });

  test('a KPI with several sources lists each by title, author and publisher', async ({ page }) => {
    await page.goto('clv_cac_ratio-de.html');
    const items = page.locator('.about .sources li');
    await expect(items.first()).toBeVisible();
    await expect(page.locator('.about .sources')).toContainText('Rebecca Wentworth, SharpSpring');
  });
});

// The static markup itself, before any app (Lighthouse audits the page after the app mounted):
// the app's files are blocked, axe runs on what a reader without JavaScript gets.
for (const path of ['sales_velocity-de.html', 'nps-en.html', 'ces-de.html', 'clv_cac_ratio-en.html']) {
  test(`no axe violations on the static markup of ${path}`, async ({ page }) => {
    await page.route(/(kennzahl|calc-de|calc-en)-[0-9a-f]+(_bg\.wasm|\.js)$/, (route) => route.abort());
    await page.goto(path);
    await expect(page.locator('[data-kz-static] main h1')).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  });
}

test.describe('with JavaScript on', () => {
  test('the app mounts on the static page in place and the calculator works', async ({ page }) => {
    await page.addInitScript(() => {
      (window as unknown as { shifts: number }).shifts = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
          if (!e.hadRecentInput) (window as unknown as { shifts: number }).shifts += e.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto('sales_velocity-de.html');
    // The app replaced the static markup: one frame, no copy left.
    await expect(page.locator('[data-kz-static]')).toHaveCount(0);
    await expect(page.locator('.app')).toHaveCount(1);
    await expect(page.locator('#currency')).toBeEnabled();
    const calc = new CalculatorPage(page);
    await expect(calc.result).toHaveText('2.000,00 € pro Tag');
    await expect(page.locator('.about .sources')).toContainText('Bitrix24');
    const shifts = await page.evaluate(() => (window as unknown as { shifts: number }).shifts);
    expect(shifts).toBeLessThan(0.01);
    // (80 × 2.500 € × 25 %) / 40 Tage = 1.250 € pro Tag
    await calc.fill({ opportunities: '80', deal_value: '2.500', win_rate: '25', cycle_days: '40' });
    await expect(calc.result).toHaveText('1.250,00 € pro Tag');
    // The share link keeps the page and carries the calculation in the query.
    expect(new URL(page.url()).pathname).toMatch(/\/sales_velocity-de\.html$/);
    expect(new URL(page.url()).searchParams.get('deal_value')).toBe('2500');
  });

  test('the English page opens its KPI in English; a query naming a KPI still wins', async ({ page }) => {
    await page.goto('nps-en.html');
    await expect(page.locator('[data-kz-static]')).toHaveCount(0);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Net Promoter Score');
    // The query names the KPI (and here no language): it opens as from index.html, in the
    // browser's language (de-DE in this suite).
    await page.goto('nps-en.html?kpi=churn_rate&lost=2&start=100');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Kundenabwanderungsrate');
    await expect(page.getByTestId('result-value')).toHaveText('2 %');
    await page.goto('./?kpi=nps&lang=en');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Net Promoter Score');
  });

  // Sales velocity has a chart card, which only the app draws (below the cards compared);
  // gross revenue churn has none, so its "about" card must stay put too.
  for (const [file, keys] of [
    ['sales_velocity-de.html', ['h1', 'inputs', 'result']],
    ['revenue_churn-de.html', ['h1', 'inputs', 'result', 'about']],
  ] as const) {
    for (const width of [1280, 390]) {
      test(`${file} does not move when the app takes over (${width} px)`, async ({ browser }) => {
        const boxes = async (js: boolean) => {
          const ctx = await browser.newContext({ javaScriptEnabled: js, viewport: { width, height: 900 }, locale: 'de-DE' });
          const page = await ctx.newPage();
          await page.goto(file);
          if (js) await expect(page.locator('[data-kz-static]')).toHaveCount(0);
          const box = async (sel: string) => (await page.locator(sel).first().boundingBox())!;
          const out = {
            h1: await box('h1'),
            inputs: await box('.card.inputs h2'),
            result: await box('.result-value'),
            about: await box('.card.about'),
          };
          await ctx.close();
          return out;
        };
        const before = await boxes(false);
        const after = await boxes(true);
        for (const key of keys) {
          expect(Math.abs(after[key].y - before[key].y), key).toBeLessThanOrEqual(1);
          expect(Math.abs(after[key].x - before[key].x), key).toBeLessThanOrEqual(1);
        }
      });
    }
  }

  test('a visited static page opens offline, and the app still mounts on it', async ({ page, context }) => {
    await page.goto('nps-de.html');
    await loadedAndCached(page);
    // The worker keeps the page that installed it (its activation caches open static pages).
    await expect
      .poll(() => page.evaluate(async () => !!(await caches.match(location.origin + location.pathname))))
      .toBe(true);
    await context.setOffline(true);
    await page.reload();
    await expect(page.locator('[data-kz-static]')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Net Promoter Score');
    // 60 − 15 = 45 (the defaults give another value).
    await new CalculatorPage(page).fill({ promoters: '60', passives: '25', detractors: '15' });
    await expect(page.getByTestId('result-value')).toHaveText('45');
    await context.setOffline(false);
  });

  test('the catalogue links every static page in its language', async ({ page }) => {
    await page.goto('./?page=catalogue');
    await expect(page.locator('.kpi-page')).toHaveCount(count);
    await expect(page.locator('.kpi-page[href="nps-de.html"]')).toHaveText('NPS – Erklärung und Rechenbeispiel');
  });
});

test('sitemap.xml lists every static page with its alternates; robots.txt allows crawling', async ({ request }) => {
  const sitemap = await (await request.get('sitemap.xml')).text();
  const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
  expect(locs.length).toBe(2 * count + 1);
  for (const lang of ['de', 'en']) {
    expect(locs.filter((l) => l.endsWith(`-${lang}.html`)).length).toBe(count);
  }
  for (const loc of locs.filter((l) => l.endsWith('.html')).slice(0, 6)) {
    expect((await request.get(loc.split('/').pop()!)).status(), loc).toBe(200);
  }
  expect(sitemap).toContain('hreflang="en" href="');
  const robots = await (await request.get('robots.txt')).text();
  expect(robots).toContain('User-agent: *');
});
