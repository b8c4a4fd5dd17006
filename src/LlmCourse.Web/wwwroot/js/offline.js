// Offline reading and what happens to things sent while offline. Registers the service worker (/sw.js, which keeps
// the course pages a learner opens), says so when the device is offline, and makes sure nothing sent offline is lost
// without a word: a flashcard review is kept on this device and sent when the network is back (with a fresh
// antiforgery token), and any other form is held back with a message, its fields left as they were.
const root = document.documentElement;
const QUEUE_KEY = 'llmcourse.offline-reviews';
const FLASH_KEY = 'llmcourse.offline-flash';
const main = document.getElementById('main');

function notice(kind, text) {
  let box = document.querySelector(`[data-offline-notice="${kind}"]`);
  if (!text) {
    box?.remove();
    return;
  }
  if (!box) {
    box = document.createElement('p');
    box.className = 'notice offline-notice';
    box.dataset.offlineNotice = kind;
    box.setAttribute('role', kind === 'refused' ? 'alert' : 'status');
    main?.prepend(box);
  }
  box.textContent = text;
}

function showConnection() {
  notice('connection', navigator.onLine ? '' :
    'You are offline. Pages you opened before can still be read here; anything you send now is not saved until you are back online.');
}

// ---- Service worker ----
async function register() {
  const worker = root.dataset.offlineWorker;
  if (!worker || !('serviceWorker' in navigator)) return;
  try {
    await navigator.serviceWorker.register(worker, { scope: '/', updateViaCache: 'none' });
    const registration = await navigator.serviceWorker.ready;
    // The first page of a visit arrives before the worker controls it: ask for it to be kept too.
    const message = navigator.serviceWorker.controller ? { type: 'refresh' } : { type: 'keep', path: location.pathname };
    registration.active?.postMessage(message);
  } catch {
    // No offline reading in this browser (or offline right now); the site works as before.
  }
}

// ---- Flashcard reviews made offline ----
const readQueue = () => {
  try {
    const queue = JSON.parse(localStorage.getItem(QUEUE_KEY) ?? '[]');
    return Array.isArray(queue) ? queue : [];
  } catch {
    return [];
  }
};
const writeQueue = (queue) => {
  if (queue.length === 0) localStorage.removeItem(QUEUE_KEY);
  else localStorage.setItem(QUEUE_KEY, JSON.stringify(queue));
};

function queueReview(form, rating) {
  const field = (name) => form.querySelector(`[name="${name}"]`)?.value ?? '';
  const queue = readQueue();
  queue.push({
    learner: form.dataset.learner,
    week: Number(field('week')),
    deckId: field('deckId'),
    cardId: field('cardId'),
    reviewId: field('reviewId'),
    rating,
    question: form.dataset.question ?? '',
  });
  writeQueue(queue);
  for (const button of form.querySelectorAll('button')) button.disabled = true;
  form.dataset.offlineQueued = 'true';
  notice('review', `You are offline. Your rating (${rating}) is kept on this device and will be sent when you are back online.` +
    ' The next card appears once it is sent.');
}

let flushing = false;
async function flushReviews() {
  if (flushing || !navigator.onLine || readQueue().length === 0) return;
  flushing = true;
  try {
    // A fresh token, for the learner signed in now: reviews queued by someone else on this device wait for them.
    const tokenResponse = await fetch('/api/v1/me/offline-token', { credentials: 'same-origin', cache: 'no-store' });
    if (!tokenResponse.ok) return;
    const { token, learner } = await tokenResponse.json();
    let sent = 0;
    const problems = [];
    for (const review of readQueue().filter((r) => r.learner === learner)) {
      const response = await fetch(`/api/v1/me/study/reviews/${encodeURIComponent(review.reviewId)}`, {
        method: 'PUT',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': token },
        body: JSON.stringify({ week: review.week, deckId: review.deckId, cardId: review.cardId, rating: review.rating }),
      });
      if (!response.ok && response.status !== 404 && response.status !== 409) break; // Try again later.
      if (response.ok) sent += 1;
      else problems.push(review.question || review.cardId);
      writeQueue(readQueue().filter((r) => r.reviewId !== review.reviewId));
    }
    if (sent > 0 || problems.length > 0) {
      const saved = sent === 1 ? '1 review made offline was saved.' : `${sent} reviews made offline were saved.`;
      const refused = problems.length > 0 ? ` Not saved, because the card is no longer in the course: ${problems.join('; ')}.` : '';
      const text = (sent > 0 ? saved : '') + refused;
      notice('review', text);
      if (document.querySelector('[data-offline-queued]')) {
        // The page still shows the card rated offline: load the next one, and say again what happened.
        sessionStorage.setItem(FLASH_KEY, text);
        location.reload();
      }
    }
  } catch {
    // Still no connection after all: the queue stays for the next try.
  } finally {
    flushing = false;
  }
}

// ---- The offline page: what is kept on this device ----
async function listKept() {
  const box = document.querySelector('[data-offline-kept]');
  if (!box || !('caches' in window)) return;
  const pages = new Map();
  for (const name of await caches.keys()) {
    if (!name.startsWith('llmcourse-') || name === 'llmcourse-pending') continue;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const path = new URL(request.url).pathname;
      if (pages.has(path) || !(path === '/' || path === '/glossary' || path.startsWith('/weeks/'))) continue;
      const response = await cache.match(request);
      if (response?.status !== 200) continue;
      const title = (await response.text()).match(/<title>([^<]*)<\/title>/)?.[1] ?? path;
      pages.set(path, new DOMParser().parseFromString(title, 'text/html').documentElement.textContent);
    }
  }
  const list = box.querySelector('ul');
  for (const [path, title] of [...pages].sort((a, b) => a[0].localeCompare(b[0], 'en', { numeric: true }))) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = path;
    link.textContent = title;
    item.append(link);
    list.append(item);
  }
  box.hidden = pages.size === 0;
}

// ---- Forms sent while offline ----
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.method !== 'post' || navigator.onLine || event.defaultPrevented) return;
  if (form.hasAttribute('data-offline-own')) return; // The page's own module says what happens.
  event.preventDefault();
  if (form.dataset.offlineReview === 'queue' && form.dataset.learner) {
    queueReview(form, event.submitter?.value ?? '');
    return;
  }
  notice('refused', 'You are offline, so this was not sent. What you entered is still here: send it again when you are back online.');
});

window.addEventListener('offline', showConnection);
window.addEventListener('online', () => {
  showConnection();
  notice('refused', '');
  flushReviews();
});

showConnection();
const flash = sessionStorage.getItem(FLASH_KEY);
if (flash) {
  sessionStorage.removeItem(FLASH_KEY);
  notice('review', flash);
}
register();
flushReviews();
listKept().catch(() => {});
root.dataset.offlineReady = 'ready';
