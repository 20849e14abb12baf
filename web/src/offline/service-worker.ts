import { CACHE_PREFIX, cachePolicy, SHELL_URL } from './cache-policy.js';

/**
 * The app's service worker (`/sw.js`, built by web/vite.config.ts): it lets a
 * page that was opened once load again without a network — the observer's
 * tablet whose Wi-Fi dropped mid-lesson reloads the recorder and goes on.
 * It precaches the app shell and the recorder's code (the list is written in
 * at build time), keeps any other screen's code once fetched, and never
 * touches /api. A new build is a new worker: it installs its files, takes
 * over at once and deletes the old build's cache, and page loads go to the
 * network first, so nobody stays on an old version while online.
 */

/** Written in by the build: the URLs to precache and a version that changes with them. */
const BUILD: { version: string; precache: string[] } = JSON.parse('__LESSONPREP_SW_BUILD__');
const CACHE = `${CACHE_PREFIX}${BUILD.version}`;

// The DOM library has no service-worker types, and the worker types clash with it: the few used here.
interface ExtendableEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(answer: Promise<Response>): void;
}
interface WorkerScope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}
const worker = self as unknown as WorkerScope;

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // `reload`: past the browser's HTTP cache, so the shell is this build's index.html.
      .then((cache) => cache.addAll(BUILD.precache.map((url) => new Request(url, { cache: 'reload' }))))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith(CACHE_PREFIX) && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const policy = cachePolicy(event.request, worker.location.origin);
  if (policy === 'shell') event.respondWith(shell(event.request));
  else if (policy === 'asset') event.respondWith(asset(event.request));
});

/** A page load: the network's answer whatever it is (a 404 page too); the cached shell only when there is no answer. */
async function shell(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await caches.match(SHELL_URL, { cacheName: CACHE });
    if (cached) return cached;
    throw error;
  }
}

/** A hashed file: the cached copy, or the network's, kept when it is good. */
async function asset(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const answer = await fetch(request);
  if (answer.ok) await cache.put(request, answer.clone());
  return answer;
}
