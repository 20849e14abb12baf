import { reactive } from 'vue';

/** Whether a newer build of the app has taken over this page's service worker: the page offers a reload. */
export const appUpdate = reactive({ ready: false });

/**
 * Registers the app's service worker (`/sw.js`), which lets a page opened
 * once load again offline. Browsers allow one only on https or on the
 * server's own machine (localhost, 127.0.0.1): over plain http on a school
 * network the app works as before, without the offline reload.
 * A worker of a newer build takes over at once; a page that was already
 * running the old one is told (`appUpdate.ready`), so it can offer
 * 「有新版本，点此刷新」 instead of staying on the old code until closed.
 *
 * @example
 * if (!import.meta.hot) registerServiceWorker(navigator.serviceWorker);
 */
export function registerServiceWorker(container: ServiceWorkerContainer | undefined, url = '/sw.js'): void {
  if (!container) return;
  // The first worker taking control of a fresh page is no update: only a page already controlled has old code.
  const hadWorker = container.controller !== null;
  container.addEventListener('controllerchange', () => {
    if (hadWorker) appUpdate.ready = true;
  });
  const register = () =>
    container
      .register(url, { updateViaCache: 'none' })
      .then((registration) => {
        // A tablet keeps the recorder open all morning: look for a new build whenever the page comes back into view.
        document.addEventListener('visibilitychange', () => {
          if (document.visibilityState === 'visible') void registration.update().catch(() => {});
        });
      })
      // Not allowed here (plain http) or the worker could not be fetched: the app works without it.
      .catch(() => {});
  // After the page has loaded: the worker's downloads never compete with the first screen's.
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}
