// Screenshot a page in headless Debian Chromium and print console messages and requests.
// usage: node tools/shot.mjs URL OUT.png [locale] [width] [height]
import { chromium } from '@playwright/test';

const [url, out, locale = 'de-DE', width = '1280', height = '900'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const context = await browser.newContext({ locale, viewport: { width: +width, height: +height } });
const page = await context.newPage();
page.on('console', (m) => console.log(`console.${m.type()}: ${m.text()}`));
page.on('pageerror', (e) => console.log(`pageerror: ${e.message}`));
page.on('request', (r) => console.log(`request: ${r.method()} ${r.url()}`));
await page.goto(url);
await page.waitForTimeout(+(process.env.SHOT_WAIT_MS ?? 1500));
await page.screenshot({ path: out, fullPage: true });
await browser.close();
