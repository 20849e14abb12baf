import { DeckFile, type DeckSpec } from '../../domain/index.js';
import { defineStep } from '../../pipeline/step.js';

/**
 * C3 课件生成 (courseware / output): draws the deck spec into a .pptx with the
 * chosen theme and stores it by content hash. Rendering, not writing: the
 * same under both engines.
 */
export const pptxStep = defineStep<'C3', { spec: DeckSpec; edition: string | null }, never>({
  id: 'C3',
  stage: 'courseware',
  phase: 'output',
  title: '课件生成',
  summary:
    'Renders the deck spec to a .pptx (pptxgenjs, theme from templates/themes) with speaker notes, fixed-up content types and compression.',
  needs: ['C2'],
  output: DeckFile,
  input: ({ request }, results) => ({ spec: results.C2!, edition: request.edition }),
  model: null,
  warnings: (deck) => deck.warnings,
  // pptxgenjs and JSZip load when a deck is drawn, not whenever the nine steps are listed.
  offline: async ({ spec, edition }, tools) => (await import('./render.js')).renderDeckFile(spec, edition, tools),
});
