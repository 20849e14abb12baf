import type { DeckFile, DeckSpec } from '../../domain/deck.js';
import type { StepTools } from '../../pipeline/step.js';
import { loadTheme, renderDeck } from '../../render/pptx/index.js';

const PPTX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

/** A file name a teacher recognises, without the characters Windows refuses. */
function fileNameOf(title: string): string {
  const safe = title.replace(/[\\/:*?"<>|\s]+/gu, '_').replace(/^_+|_+$/gu, '');
  return `${safe || '课件'}.pptx`;
}

/**
 * C3's only engine (课件生成): draws the spec with its theme and stores the
 * .pptx by content hash. Rendering is deterministic, so the same spec always
 * lands on the same stored file.
 *
 * @example
 * const deck = await renderDeckFile(spec, request.edition, tools);
 * deck.sha256 // where tools.files put the .pptx
 */
export async function renderDeckFile(spec: DeckSpec, edition: string | null, tools: Pick<StepTools, 'files'>): Promise<DeckFile> {
  const theme = await loadTheme(spec.theme);
  const { bytes, warnings } = await renderDeck(spec, { theme, edition });
  return {
    fileName: fileNameOf(spec.title),
    sha256: await tools.files.put(bytes, PPTX_MEDIA_TYPE),
    bytes: bytes.byteLength,
    slides: spec.slides.length,
    theme: theme.name,
    warnings,
  };
}
