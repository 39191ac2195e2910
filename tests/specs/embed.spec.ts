import { expect, test, type Frame, type Page } from '@playwright/test';
import { expectNothingStored } from '../lib/storage';

const ORIGIN = process.env.KZ_APP_ORIGIN!;
const HOST = process.env.KZ_HOST_ORIGIN!;

/** A widget URL for the host page; `parent` is the origin the widget may talk to. */
function widgetUrl(query: string, parent = HOST): string {
  return `${ORIGIN}/?${query}&embed=1&parent=${encodeURIComponent(parent)}`;
}

/** Opens the test intranet page (tests/host) with the widget at `url` in its iframe. */
async function host(page: Page, url: string): Promise<Frame> {
  // Every frame of the widget records the messages it receives, before the app's own
  // listener runs, so a test can prove that a message arrived before asserting its effect.
  await page.addInitScript(() => {
    if (!location.search.includes('embed=1')) return;
    (window as any).kzSeen = [];
    window.addEventListener('message', (e) => (window as any).kzSeen.push({ origin: e.origin, type: e.data?.type }));
  });
  await page.goto(`${HOST}/#${encodeURIComponent(url)}`);
  await expect.poll(() => page.frames().length).toBe(2);
  const frame = page.frames()[1];
  // The app registers its message listener before it renders main.
  await expect(frame.locator('main')).toBeVisible();
  return frame;
}

/** Types of the messages the host page received. */
function received(page: Page): Promise<Array<{ origin: string; type: string }>> {
  return page.evaluate(() => (window as any).received.map((m: any) => ({ origin: m.origin, type: m.data?.type })));
}

/** Number of `kennzahl:height` messages the host page received. */
async function heights(page: Page): Promise<number> {
  return (await received(page)).filter((m) => m.type === 'kennzahl:height').length;
}

/** Posts `message` from the host page to the widget, addressed to the app origin. */
function postToWidget(page: Page, message: object) {
  return page.evaluate(
    ([m, origin]) => (document.getElementById('kennzahl-widget') as HTMLIFrameElement).contentWindow!.postMessage(m, origin),
    [message, ORIGIN] as const,
  );
}

/** Waits until the widget's window has received a message of `type` (from `origin`). */
async function widgetSaw(frame: Frame, type: string, origin?: string) {
  await expect
    .poll(() => frame.evaluate(([t, o]) => (window as any).kzSeen.some((m: any) => m.type === t && (!o || m.origin === o)), [type, origin] as const))
    .toBe(true);
}

test('the widget shows preset inputs chrome-less, tells its parent the height and answers a ping', async ({ page }) => {
  // 60 − 15 = 45 from the preset inputs (the defaults give 30).
  const frame = await host(page, widgetUrl('kpi=nps&lang=en&promoters=60&passives=25&detractors=15'));
  await expect(frame.getByTestId('result-value')).toHaveText('45');
  await expect(frame.locator('header.topbar')).toHaveCount(0);
  await expect(frame.locator('footer')).toHaveCount(0);
  await expect(frame.getByTestId('remember')).toHaveCount(0);
  await expect.poll(() => heights(page)).toBeGreaterThan(0);
  expect(new Set((await received(page)).map((m) => m.origin))).toEqual(new Set([ORIGIN]));
  await expect.poll(async () => Number(await page.locator('#kennzahl-widget').getAttribute('height'))).toBeGreaterThan(400);

  // A ping from the named parent is answered with the height.
  const before = await heights(page);
  await postToWidget(page, { type: 'kennzahl:ping' });
  await expect.poll(() => heights(page)).toBeGreaterThan(before);
});

test('a widget whose parent is another origin sends this host nothing', async ({ page }) => {
  const frame = await host(page, widgetUrl('kpi=nps&lang=en', 'https://intranet.example'));
  await expect(frame.getByTestId('result-value')).toHaveText('30');
  // The host is not the named parent: its ping must be ignored, and the widget's height
  // messages (sent at start and on every resize) must not reach it.
  await postToWidget(page, { type: 'kennzahl:ping' });
  await widgetSaw(frame, 'kennzahl:ping', HOST);
  await page.locator('#kennzahl-widget').evaluate((f: HTMLIFrameElement) => { f.style.width = '320px'; });
  await expect.poll(() => frame.evaluate(() => innerWidth)).toBe(320);
  // After two frames the widget's resize observer has run; a probe the widget's window posts
  // now arrives after anything the app posted before it.
  await frame.evaluate(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => {
      parent.postMessage({ type: 'test:probe' }, '*');
      done();
    }))),
  );
  await expect.poll(async () => (await received(page)).map((m) => m.type)).toContain('test:probe');
  expect(await received(page)).toEqual([{ origin: ORIGIN, type: 'test:probe' }]);
});

test('a message from the named parent is obeyed, the same from another origin is not', async ({ page }) => {
  const frame = await host(page, widgetUrl('kpi=nps&lang=en'));
  await expect(frame.getByRole('heading', { name: 'Result' })).toBeVisible();
  // An intruder frame with an opaque origin on the same host page tries to switch the language.
  await page.evaluate(() => {
    const intruder = document.createElement('iframe');
    intruder.setAttribute('sandbox', 'allow-scripts');
    intruder.srcdoc =
      "<script>parent.frames[0].postMessage({ type: 'kennzahl:lang', lang: 'de' }, '*');</" + 'script>';
    document.body.appendChild(intruder);
  });
  // Proof of delivery: the widget's window received it, and a ping sent after it is answered.
  await widgetSaw(frame, 'kennzahl:lang', 'null');
  const before = await heights(page);
  await postToWidget(page, { type: 'kennzahl:ping' });
  await expect.poll(() => heights(page)).toBeGreaterThan(before);
  await expect(frame.getByRole('heading', { name: 'Result' })).toBeVisible();
  await expect(frame.locator('html')).toHaveAttribute('lang', 'en');
  // The same message from the host origin the snippet named is obeyed.
  await postToWidget(page, { type: 'kennzahl:lang', lang: 'de' });
  await expect(frame.getByRole('heading', { name: 'Ergebnis' })).toBeVisible();
  await expect(frame.locator('html')).toHaveAttribute('lang', 'de');
});

test('an embedded widget stores nothing, even with "remember" set in its storage', async ({ page, context }) => {
  const url = widgetUrl('kpi=nps&lang=en');
  const frame = await host(page, url);
  // Plant the "remember" key in the frame's (partitioned) storage and load the widget again:
  // a widget that honoured it would now store language and inputs.
  await frame.evaluate(() => {
    localStorage.setItem('kennzahl.remember', '1');
    (window as any).beforeReload = true;
  });
  await page.locator('#kennzahl-widget').evaluate((f: HTMLIFrameElement, u) => { f.src = `${u}&again=1`; }, url);
  await expect.poll(() => frame.evaluate(() => (window as any).beforeReload === undefined).catch(() => false)).toBe(true);
  await expect(frame.getByTestId('result-value')).toHaveText('30');
  await frame.locator('#in-promoters').fill('70');
  await frame.locator('#in-passives').fill('10');
  // 70 % promoters − 20 % detractors of 100 answers = 50.
  await expect(frame.getByTestId('result-value')).toHaveText('50');
  await postToWidget(page, { type: 'kennzahl:lang', lang: 'de' });
  await expect(frame.getByRole('heading', { name: 'Ergebnis' })).toBeVisible();
  await expectNothingStored(frame, context, ['kennzahl.remember']);
});

test('the embed snippet from the calculator works when pasted into an intranet page', async ({ page }) => {
  await page.goto('./?kpi=nps&lang=en');
  await page.locator('#in-promoters').fill('60');
  await page.locator('#in-passives').fill('25');
  await page.locator('#in-detractors').fill('15');
  await expect(page.getByTestId('result-value')).toHaveText('45');
  await page.getByText('Embed (iframe for your intranet)').click();
  await page.getByLabel('Origin of the embedding page').fill('not an origin');
  await expect(page.getByTestId('embed-code')).toHaveValue('Please enter a valid origin such as https://intranet.example.com.');
  await page.getByLabel('Origin of the embedding page').fill(`${HOST}/some/page.html`);
  const code = await page.getByTestId('embed-code').inputValue();
  expect(code).toContain(`parent=${encodeURIComponent(HOST)}`);
  for (const pair of ['kpi=nps', 'promoters=60', 'passives=25', 'detractors=15']) expect(code).toMatch(new RegExp(`[?&]${pair}[&"]`));
  expect(code).toContain(`e.origin !== '${ORIGIN}'`);
  expect(code).not.toContain("'*'");

  await page.goto(`${HOST}/#${encodeURIComponent(`snippet=${code}`)}`);
  const frame = page.frameLocator('#kennzahl-widget');
  await expect(frame.getByTestId('result-value')).toHaveText('45');
  // The snippet's own script resizes the frame from its initial 640 px to the widget's height.
  // The first message may come before the widget's layout settles (it then reports the frame's
  // own 640 px); the widget's resize observer sends its real height after it, so wait for that.
  const lastHeight = () =>
    page.evaluate(() => {
      const hs = (window as any).received.filter((m: any) => m.data?.type === 'kennzahl:height');
      return hs.length ? Math.ceil(hs[hs.length - 1].data.height) : 0;
    });
  await expect.poll(() => heights(page)).toBeGreaterThan(0);
  await expect.poll(lastHeight).not.toBe(640);
  const last = await lastHeight();
  expect(last).toBeGreaterThan(0);
  await expect(page.locator('#kennzahl-widget')).toHaveAttribute('height', String(last));
});

test('the dashboard embeds with sample data and without chrome', async ({ page }) => {
  const frame = await host(page, widgetUrl('page=dashboard&sample=1&lang=en'));
  await expect(frame.getByTestId('tile-mrr')).toBeVisible({ timeout: 20_000 });
  await expect(frame.locator('header.topbar')).toHaveCount(0);
  await expect.poll(() => heights(page)).toBeGreaterThan(0);
});
