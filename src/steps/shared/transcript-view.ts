import { formatClock, type NormalizedTranscripts } from '../../domain/index.js';
import { fence } from '../../llm/untrusted.js';

/** Each video's cues as "[mm:ss] text" lines, fenced as untrusted data. */
export function transcriptsView(transcripts: NormalizedTranscripts): string {
  return transcripts.videos
    .map((video) =>
      fence(
        `${video.id}《${video.title}》 ${video.file}，时长 ${formatClock(video.durationSec)}`,
        video.cues.map((cue) => `[${formatClock(cue.start)}] ${cue.text}`).join('\n'),
      ),
    )
    .join('\n\n');
}
