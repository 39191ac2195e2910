import { expect, type BrowserContext, type Frame, type Page } from '@playwright/test';

/** Everything a page can keep in the browser, read from inside the page (or frame). */
export interface Stored {
  local: string[];
  session: string[];
  indexedDb: string[];
  /** Cache Storage names, with the request URLs each cache holds. */
  caches: Record<string, string[]>;
}

/** Reads localStorage, sessionStorage, IndexedDB and Cache Storage of `target`'s origin. */
export async function stored(target: Page | Frame): Promise<Stored> {
  return target.evaluate(async () => {
    const cacheNames = 'caches' in self ? await caches.keys() : [];
    const cacheEntries: Record<string, string[]> = {};
    for (const name of cacheNames) {
      const cache = await caches.open(name);
      cacheEntries[name] = (await cache.keys()).map((r) => r.url);
    }
    const dbs = 'databases' in indexedDB ? await indexedDB.databases() : [];
    return {
      local: Object.keys(localStorage).sort(),
      session: Object.keys(sessionStorage).sort(),
      indexedDb: dbs.map((d) => d.name ?? '').sort(),
      caches: cacheEntries,
    };
  });
}

/** The service worker's app-shell cache (`kennzahl-shell-<version>`, see tools/sw.template.js). */
export const SHELL_CACHE = /^kennzahl-shell-[0-9a-f]+$/;

/**
 * Asserts the app stored nothing of the user's: no storage key, database, cache other than
 * the service worker's shell, and no cookie. `allowed` lists localStorage keys the test
 * itself asked for (each must start with `kennzahl.`).
 */
export async function expectNothingStored(target: Page | Frame, context: BrowserContext, allowed: string[] = []) {
  const s = await stored(target);
  for (const key of allowed) expect(key.startsWith('kennzahl.'), key).toBe(true);
  expect(s.local, 'localStorage').toEqual([...allowed].sort());
  expect(s.session, 'sessionStorage').toEqual([]);
  expect(s.indexedDb, 'IndexedDB').toEqual([]);
  expect(Object.keys(s.caches).filter((n) => !SHELL_CACHE.test(n)), 'Cache Storage').toEqual([]);
  expect(await context.cookies(), 'cookies').toEqual([]);
}

/**
 * Asserts the shell cache holds only the app's own files: every URL is on `origin` below
 * `base`, without a query string (where a calculation's inputs would be) and is one of the
 * files the build listed in its service worker.
 */
export async function expectShellCacheHoldsOnlyAppFiles(target: Page, base: string) {
  const s = await stored(target);
  const shells = Object.keys(s.caches).filter((n) => SHELL_CACHE.test(n));
  expect(shells, 'exactly one shell cache').toHaveLength(1);
  const files: string[] = await target.evaluate(async (b) => {
    const sw = await (await fetch(`${b}sw.js`)).text();
    const m = sw.match(/const FILES = (\[[\s\S]*?\]);/);
    return m ? JSON.parse(m[1]) : [];
  }, base);
  expect(files.length, 'the service worker lists its files').toBeGreaterThan(3);
  const allowed = new Set(files.map((f) => new URL(f, base).href));
  const urls = s.caches[shells[0]];
  expect(urls.length).toBeGreaterThan(0);
  for (const url of urls) {
    expect(url.includes('?'), `cached URL with a query: ${url}`).toBe(false);
    // Static KPI pages (crates/site) are build files too, cached when visited.
    const staticPage = /^[^?]*\/[a-z0-9_]+-(de|en)\.html$/.test(url);
    expect(allowed.has(url) || staticPage, `cached URL that is not an app file: ${url}`).toBe(true);
  }
}
