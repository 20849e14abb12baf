import { objectiveChecked, stepAlignment } from './alignment.js';
import { answerKeys } from './answer-keys.js';
import { boilerplate } from './boilerplate.js';
import { citationExists, citationSupport } from './citations.js';
import { keyPoints, vocabulary } from './coverage.js';
import { deckBoxes, deckBudget, deckCoverage, deckFonts, deckNotes } from './deck.js';
import type { Scorer } from './define.js';
import { grounding } from './grounding.js';
import { measurableVerbs } from './measurable-verbs.js';
import { minutesSum } from './minutes.js';
import { mustSee } from './must-see.js';
import { objectiveFit } from './objective-fit.js';
import { processFlow } from './process-flow.js';
import { requiredSections } from './required-sections.js';
import { schemaValid } from './schema-valid.js';
import { sheetsComplete } from './sheets.js';
import { videoClips, videoUsed } from './video-clips.js';

/**
 * The deterministic scorers, in the order a prep lead reads a lesson: the
 * plan's form, its objectives and process, its sources, its content and
 * sheets, the quality checks (boilerplate, grounding, key content, answer
 * keys, objective–item fit), then the video outline and the deck. The report's columns, the
 * gate, the mutation matrix and eval/README.md all read this list.
 */
export const SCORERS: readonly Scorer[] = [
  schemaValid,
  requiredSections,
  measurableVerbs,
  objectiveChecked,
  stepAlignment,
  minutesSum,
  processFlow,
  citationExists,
  citationSupport,
  keyPoints,
  vocabulary,
  sheetsComplete,
  boilerplate,
  grounding,
  mustSee,
  answerKeys,
  objectiveFit,
  videoClips,
  videoUsed,
  deckCoverage,
  deckBoxes,
  deckFonts,
  deckNotes,
  deckBudget,
];
