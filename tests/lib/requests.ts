import { expect, type Page, type Request } from '@playwright/test';

/**
 * A log of every network request of a page, its workers and the service worker, from the
 * moment it is created. `settle()` proves the log is complete up to now instead of sleeping:
 * it sends one marked request from the page and waits until the log shows it, so every
 * request the app issued before is in the log too.
 */
export class RequestLog {
  private readonly seen = new Set<Request>();
  readonly entries: string[] = [];
  private n = 0;

  constructor(readonly page: Page) {
    const log = (r: Request) => {
      if (this.seen.has(r)) return;
      this.seen.add(r);
      const url = r.url();
      // Not network traffic: object URLs of downloads and workers, inline data.
      if (url.startsWith('blob:') || url.startsWith('data:')) return;
      this.entries.push(`${r.method()} ${url}`);
    };
    page.on('request', log);
    page.context().on('request', log);
  }

  /** The requests so far, proven complete by a marker request; the marker is left out. */
  async settle(): Promise<string[]> {
    const marker = `__request_log_marker_${Date.now()}_${this.n++}`;
    await this.page.evaluate((m) => fetch(`./${m}`).then(() => undefined, () => undefined), marker);
    await expect.poll(() => this.entries.some((e) => e.includes(marker))).toBe(true);
    return this.entries.filter((e) => !e.includes('__request_log_marker_'));
  }

  /** Asserts the app requested nothing since the log started. */
  async expectNone(what: string) {
    const requests = await this.settle();
    expect(requests, `requests ${what}:\n${requests.join('\n')}`).toEqual([]);
  }
}

/** Waits until the service worker controls nothing more to fetch: shell cached, page idle. */
export async function loadedAndCached(page: Page) {
  await expect(page.locator('main h1')).toBeVisible();
  // The service worker caches the shell during the initial load; wait until that is done.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.waitForLoadState('networkidle');
}
