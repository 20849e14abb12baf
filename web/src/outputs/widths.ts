/**
 * One ResizeObserver for every slide on the page: forty thumbnails would
 * otherwise mean forty observers, each reporting on its own.
 */
const listeners = new Map<Element, (width: number) => void>();
let observer: ResizeObserver | null = null;

/**
 * Calls `listener` with the element's width whenever it changes.
 *
 * @example
 * watchWidth(el, (width) => (scale.value = width / 1280)); // … unwatchWidth(el) when done
 */
export function watchWidth(element: Element, listener: (width: number) => void): void {
  observer ??= new ResizeObserver((entries) => {
    for (const entry of entries) listeners.get(entry.target)?.(entry.contentRect.width);
  });
  listeners.set(element, listener);
  observer.observe(element);
}

export function unwatchWidth(element: Element): void {
  listeners.delete(element);
  observer?.unobserve(element);
}
