import { NormalizedTranscripts } from '../../domain/index.js';
import { defineStep, type RunInputs } from '../../pipeline/step.js';

/**
 * V1 字幕规范化 (video / input): decodes each subtitle file (UTF-8, GBK,
 * UTF-16), parses SRT, WebVTT or a plain transcript into timed cues and
 * reports what it had to skip; a video or audio file comes as the transcript
 * the configured speech recognizer made of it (format `asr`). The same under both engines.
 */
export const transcriptStep = defineStep<'V1', { videos: RunInputs['videos'] }, never>({
  id: 'V1',
  stage: 'video',
  phase: 'input',
  title: '字幕解析',
  summary:
    'Decodes and parses the lesson video subtitles (SRT, WebVTT, plain), or takes the ASR transcript of the video itself, into timed cues, with the video title, URL and duration.',
  needs: [],
  appliesTo: (inputs) => inputs.videos.length > 0,
  output: NormalizedTranscripts,
  input: ({ videos }) => ({ videos }),
  model: null,
  warnings: (transcripts) => transcripts.videos.flatMap((v) => v.warnings.map((w) => `${v.file}：${w}`)),
  async offline({ videos }, tools) {
    const parsed = [];
    for (const [i, video] of videos.entries()) {
      const bytes = await tools.files.get(video.sha256);
      const transcript = await tools.transcript({ name: video.name, bytes }, { durationSec: video.durationSec });
      parsed.push({
        id: `V${i + 1}`,
        title: video.title ?? video.name.replace(/\.[^.]+$/, ''),
        url: video.url,
        durationSec: Math.max(video.durationSec ?? 0, transcript.durationSec),
        file: video.name,
        format: transcript.format,
        encoding: transcript.encoding,
        timingEstimated: transcript.timingEstimated,
        cues: transcript.cues,
        warnings: transcript.warnings,
      });
    }
    return { videos: parsed };
  },
});
