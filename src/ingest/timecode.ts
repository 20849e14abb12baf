/**
 * Subtitle and transcript timestamps: `01:02:03,456` (SRT), `01:02:03.456` and
 * `02:03.456` (WebVTT), `1:02:03` and `02:03` (hand-written transcripts).
 */
const TIMESTAMP = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:[,.](\d{1,3}))?$/;

/**
 * A timestamp inside a longer pattern (a transcript line). Seconds must have two
 * digits here, so that a ratio like 「3:2」 at the start of a sentence is not a time.
 */
export const TIMESTAMP_SOURCE = String.raw`(?:\d{1,3}:)?\d{1,2}:\d{2}(?:[,.]\d{1,3})?`;

/**
 * Seconds for a timestamp, or null when it is not one (letters, minutes or
 * seconds of 60 and more).
 *
 * @example
 * parseTimestamp('00:01:02,500') // → 62.5
 * parseTimestamp('1:02') // → 62
 * parseTimestamp('00:01:xx') // → null
 */
export function parseTimestamp(raw: string): number | null {
  const m = TIMESTAMP.exec(raw.trim());
  if (!m) return null;
  const hours = m[1] === undefined ? 0 : Number(m[1]);
  const minutes = Number(m[2]);
  const seconds = Number(m[3]);
  if (minutes >= 60 && m[1] !== undefined) return null;
  if (seconds >= 60) return null;
  // A fraction of "5" means 500 ms, not 5 ms.
  const millis = m[4] === undefined ? 0 : Number(m[4].padEnd(3, '0'));
  return hours * 3600 + minutes * 60 + seconds + millis / 1000;
}
