// Kennzahl service worker: keeps the app shell of exactly one release for offline use.
// tools/postbuild.py fills in the file list and a version derived from the files' contents,
// so a new release installs a new cache and deletes the old one as a whole: a page never
// gets new JavaScript with old WebAssembly.
const VERSION = '__CACHE_VERSION__';
const SHELL = `kennzahl-shell-${VERSION}`;
const FILES = __FILES__;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(SHELL).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith('kennzahl-shell-') && k !== SHELL).map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim())
      .then(cacheOpenStaticPages),
  );
});

// The static KPI page that installed this worker was loaded before it: keep it for offline use.
function cacheOpenStaticPages() {
  return self.clients.matchAll({ type: 'window' }).then((list) =>
    caches.open(SHELL).then((cache) =>
      Promise.all(
        list
          .map((client) => new URL(client.url))
          .filter((url) => url.origin === self.location.origin && isStaticPage(url.pathname))
          .map((url) => cache.add(url.origin + url.pathname).catch(() => undefined)),
      ),
    ),
  );
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate' && isStaticPage(new URL(request.url).pathname)) {
    // A static KPI page (crates/site, written after this list was made): from the network,
    // kept in this release's cache when it arrives, so a visited page also opens offline.
    const key = request.url.split('?')[0];
    event.respondWith(
      caches.open(SHELL).then((cache) =>
        fetch(request)
          .then((response) => {
            if (response.ok) cache.put(key, response.clone());
            return response;
          })
          .catch(() => cache.match(key).then((hit) => hit || cache.match('./'))),
      ),
    );
    return;
  }
  if (request.mode === 'navigate') {
    // Every page of the app is index.html with a query string.
    event.respondWith(
      caches.open(SHELL).then((cache) =>
        cache.match('./').then((hit) => hit || fetch(request)),
      ),
    );
    return;
  }
  event.respondWith(
    caches.open(SHELL).then((cache) =>
      cache.match(request, { ignoreSearch: true }).then((hit) => hit || fetch(request)),
    ),
  );
});

// `nps-en.html`: a KPI page of crates/site (every other page is index.html with a query).
function isStaticPage(path) {
  return /\/[a-z0-9_]+-(de|en)\.html$/.test(path);
}
