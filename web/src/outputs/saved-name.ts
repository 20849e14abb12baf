/**
 * The file name a download is saved under: the RFC 5987 `filename*` the
 * server sends (the Chinese name), else its ASCII `filename`, else `fallback`.
 *
 * @example
 * savedName("attachment; filename=\"deck.pptx\"; filename*=UTF-8''%E8%AF%BE%E4%BB%B6.pptx", 'deck.pptx') // '课件.pptx'
 */
export function savedName(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // A malformed encoding: fall through to the plain name.
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? fallback;
}
