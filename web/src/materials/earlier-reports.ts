import type { IngestReport, Material } from '../api/client.js';
import { latestArtifact } from '../outputs/artifact.js';

/**
 * What the last run read from each material, as an ingest report: the API
 * returns a report only with the upload, so on a later visit the page takes
 * it from the nine steps' own results — T1's digest for documents (matched by
 * content hash), V1's transcripts for subtitles (matched by file name).
 *
 * @example
 * const reports = await earlierReports(lessonId); reports.get(material.id)
 */
export async function earlierReports(lessonId: string, materials: Material[]): Promise<Map<string, IngestReport>> {
  const reports = new Map<string, IngestReport>();
  const [digest, transcripts] = await Promise.all([latestArtifact(lessonId, 'T1'), latestArtifact(lessonId, 'V1')]);
  for (const material of materials) {
    const file = digest?.files.find((f) => f.sha256 === material.sha256);
    if (file) {
      reports.set(material.id, {
        format: file.format,
        encoding: file.encoding,
        pages: file.pages.length,
        characters: file.pages.reduce((sum, page) => sum + page.chars, 0),
        cues: null,
        durationSec: null,
        pageUnit: null,
        quality: file.pages.map(({ page, quality, chars, note }) => ({ page, quality, chars, note, ocrConfidence: null })),
        warnings: file.warnings,
        processing: null,
      });
    }
    const video = material.kind === 'transcript' ? transcripts?.videos.find((v) => v.file === material.name) : undefined;
    if (video) {
      reports.set(material.id, {
        format: video.format,
        encoding: video.encoding,
        pages: null,
        characters: video.cues.reduce((sum, cue) => sum + cue.text.length, 0),
        cues: video.cues.length,
        durationSec: video.durationSec,
        pageUnit: null,
        quality: [],
        warnings: video.warnings,
        processing: null,
      });
    }
  }
  return reports;
}
