/**
 * What the service worker does with each request. Only the app's own code is
 * ever cached: API answers carry lessons, plans and observations, so they
 * always go to the network (the observer's queue already copes with failure).
 *
 * - `shell`: a page load (navigation). The network first, so an online visit
 *   always gets the newest build; the cached index.html only when the network
 *   cannot be reached.
 * - `asset`: Vite's content-hashed files under /assets/ (never change under a
 *   name): from the cache, else fetched and kept for the next offline visit.
 * - `network`: everything else, untouched by the worker.
 *
 * @example
 * cachePolicy({ method: 'GET', mode: 'navigate', url: 'https://school.cn/observations/o1/record' }, 'https://school.cn'); // 'shell'
 * cachePolicy({ method: 'POST', mode: 'cors', url: 'https://school.cn/api/observations/o1/events' }, 'https://school.cn'); // 'network'
 */
export function cachePolicy(request: { method: string; mode: string; url: string }, origin: string): 'shell' | 'asset' | 'network' {
  if (request.method !== 'GET') return 'network';
  const url = new URL(request.url);
  if (url.origin !== origin) return 'network';
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return 'network';
  if (request.mode === 'navigate') return 'shell';
  if (url.pathname.startsWith('/assets/')) return 'asset';
  return 'network';
}

/** Where the app shell is kept: the page every offline navigation gets (the router then shows the address's screen). */
export const SHELL_URL = '/index.html';
/** Every cache this app makes starts so; on activation a worker removes those of other builds. */
export const CACHE_PREFIX = 'lessonprep-app-';
