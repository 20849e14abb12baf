import type { MediaLink } from '../../domain/deck.js';
import { formatClock } from '../../domain/source-ref.js';

/**
 * Links to a moment of a lesson video (视频定位). Platform players (国家中小学
 * 智慧教育平台 and most others) read a `#t=SECONDS` media fragment; the
 * fragment never disturbs the query string that identifies the video.
 *
 * @example
 * timedUrl('https://example.org/play?id=42', 95.4) // 'https://example.org/play?id=42#t=95'
 */
export function timedUrl(url: string, seconds: number): string {
  const base = url.replace(/#.*$/su, '');
  return `${base}#t=${Math.floor(seconds)}`;
}

/** What the play button says: "▶ 播放视频 03:15–05:40". */
export function playLabel(media: MediaLink): string {
  return `▶ 播放视频 ${formatClock(media.start)}–${formatClock(media.end)}`;
}
