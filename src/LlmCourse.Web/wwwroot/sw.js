// Offline reading. This service worker keeps the course pages a learner opens (week pages, lecture slides and
// transcripts, notes, flashcard decks, quiz introductions, the printable week, the home page and the glossary) with
// their CSS and JavaScript, so they can be read again without a network; any other page asked for offline gets the
// offline page. It never keeps anything personal: only those public pages, only a copy any visitor would be served
// (a signed-in reader's own page is no-store, so the public copy is fetched without cookies instead), never an
// answer marked no-store, never the API, accounts, the instructor area, study sessions or quiz attempts.
//
// The page registers /sw.js?v=<this file's hash>&c=<content version>: a new content revision (or publishing change)
// or a new version of this file installs a new worker with a new cache, and the pages kept under the old one are
// fetched again for the new one (pages that are gone or hidden by then are dropped).
const params = new URL(self.location.href).searchParams;
const PREFIX = 'llmcourse-';
const CACHE = `${PREFIX}${params.get('v') ?? '0'}-${params.get('c') ?? '0'}`;
const PENDING = `${PREFIX}pending`;
const OFFLINE = '/offline';
const REFRESH_PER_MESSAGE = 12;

// Pages worth reading offline, all public: /, /glossary, /offline, /weeks/N, /weeks/N/print, /weeks/N/item,
// /weeks/N/item/slides/K, /weeks/N/item/transcript.
const READABLE = /^\/(?:glossary|offline|weeks\/\d+(?:\/print|\/[a-z0-9-]+(?:\/slides\/\d+|\/transcript)?)?)?$/;
const ASSET = /^\/(?:css|js)\/[^/]+\.(?:css|js)$/;
// Navigations left entirely to the browser: the API, accounts, the instructor area, embeds and file downloads.
const UNTOUCHED = /^\/(?:api|swagger|account|instructor|embed|healthz|readyz)(?:\/|$)|\/(?:download|export\.tsv|attempts\.csv)$|\.(?:xml|json|csv|tsv|md)$/;

// Same-origin HTML, not a redirect, not marked no-store or private. ('default' is a copy made here.)
const storable = (response) =>
  response.ok && (response.type === 'basic' || response.type === 'default') && !response.redirected &&
  (response.headers.get('Content-Type') ?? '').startsWith('text/html') &&
  !/no-store|private/i.test(response.headers.get('Cache-Control') ?? '');

// Every stylesheet and script a kept page uses, so it looks and behaves the same offline.
async function storePage(cache, path, response) {
  const html = await response.clone().text();
  await cache.put(path, response);
  const assets = new Set([...html.matchAll(/(?:href|src)="(\/(?:css|js)\/[^"#]+)"/g)].map((m) => m[1].replaceAll('&amp;', '&')));
  for (const asset of assets) {
    if (await cache.match(asset)) continue;
    try {
      const fetched = await fetch(asset, { credentials: 'omit' });
      if (fetched.ok) await cache.put(asset, fetched);
    } catch {
      // Best effort: the asset is kept the next time a page asks for it.
    }
  }
}

// Fetches the copy of a page any visitor would get (no cookies) and keeps it; a redirect (a lecture opens on a
// slide) is kept as a redirect to the page it leads to.
async function keepPublicCopy(cache, path) {
  const response = await fetch(path, { credentials: 'omit' });
  if (response.status === 404 || response.status === 410) {
    await cache.delete(path);
    return;
  }

  const target = new URL(response.url);
  if (response.redirected && target.origin === self.location.origin && READABLE.test(target.pathname)) {
    const final = new Response(response.body, response);
    if (!storable(final)) return;
    await storePage(cache, target.pathname, final);
    await cache.put(path, Response.redirect(target.pathname, 302));
  } else if (storable(response)) {
    await storePage(cache, path, response);
  }
}

// After a page was served from the network: keep it, or its public copy when it was personal or a redirect.
async function keep(path, response) {
  const cache = await caches.open(CACHE);
  if (response.status === 404 || response.status === 410) {
    await cache.delete(path);
  } else if (storable(response)) {
    await storePage(cache, path, response);
  } else if ((response.type === 'opaqueredirect' || response.ok) && !(await cache.match(path))) {
    await keepPublicCopy(cache, path);
  }
}

async function offlinePage() {
  return (await caches.match(OFFLINE, { cacheName: CACHE })) ??
    new Response('<!doctype html><title>Offline</title><p>You are offline, and this page was not saved on this device.</p>',
      { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

async function navigate(event, url) {
  const readable = READABLE.test(url.pathname);
  try {
    const response = await fetch(event.request);
    if (readable) event.waitUntil(keep(url.pathname, response.clone()).catch(() => {}));
    return response;
  } catch {
    if (readable) {
      const kept = await caches.match(url.pathname, { cacheName: CACHE });
      if (kept) return kept;
    }

    return offlinePage();
  }
}

// Versioned assets (?v=hash) never change, so the kept copy is served first; others go to the network first.
async function asset(request, url) {
  const cache = await caches.open(CACHE);
  if (url.searchParams.has('v')) {
    const kept = await cache.match(request);
    if (kept) return kept;
  }

  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(request, { ignoreSearch: true });
    if (kept) return kept;
    throw error;
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const response = await fetch(OFFLINE, { credentials: 'omit' });
    if (storable(response)) await storePage(cache, OFFLINE, response);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    // Remember what older versions kept, for the pages to fetch it again (see 'refresh'), then drop them.
    const old = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE && name !== PENDING);
    const pending = await caches.open(PENDING);
    for (const name of old) {
      for (const request of await (await caches.open(name)).keys()) {
        const path = new URL(request.url).pathname;
        if (READABLE.test(path) && path !== OFFLINE) await pending.put(path, new Response(''));
      }
      await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  const message = event.data ?? {};
  if (message.type === 'keep' && typeof message.path === 'string' && READABLE.test(message.path)) {
    // The first page of a visit arrived before this worker controlled it.
    event.waitUntil(caches.open(CACHE).then((cache) => keepPublicCopy(cache, message.path)).catch(() => {}));
  } else if (message.type === 'refresh') {
    event.waitUntil((async () => {
      const pending = await caches.open(PENDING);
      const cache = await caches.open(CACHE);
      for (const request of (await pending.keys()).slice(0, REFRESH_PER_MESSAGE)) {
        const path = new URL(request.url).pathname;
        try {
          if (!(await cache.match(path))) await keepPublicCopy(cache, path);
          await pending.delete(request);
        } catch {
          return; // Offline again: try on a later page.
        }
      }
    })());
  }
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    if (!UNTOUCHED.test(url.pathname)) event.respondWith(navigate(event, url));
  } else if (ASSET.test(url.pathname)) {
    event.respondWith(asset(request, url));
  }
});
