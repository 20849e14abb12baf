import { dropStepSlides, overflowDeckText } from './deck.js';
import {
  breakMinutes,
  citeMissingPage,
  deleteKeyPoints,
  dropObjectiveCheck,
  orphanSteps,
  removeSheets,
  shuffleProcess,
  swapSubject,
  vagueObjectives,
} from './plan.js';
import {
  blankKeys,
  borrowPeerSentences,
  genericCheckItems,
  mislabelOrigin,
  referralKeys,
  restateObjectives,
  stripMaterialText,
} from './quality.js';
import { rendererNoFit, rendererNoNotes, rendererSmallFonts } from './renderer.js';
import { clipOutOfRange, dropClips } from './video.js';

/**
 * The named degradations for the meta-evaluation (元评测): plan mistakes
 * first, then the outline's, then the deck's and the renderer's. Which
 * scorer must catch which is said once, on the scorer (`targets`).
 */
export const MUTATIONS = [
  dropObjectiveCheck,
  breakMinutes,
  citeMissingPage,
  swapSubject,
  removeSheets,
  shuffleProcess,
  deleteKeyPoints,
  vagueObjectives,
  orphanSteps,
  borrowPeerSentences,
  mislabelOrigin,
  stripMaterialText,
  referralKeys,
  blankKeys,
  restateObjectives,
  genericCheckItems,
  clipOutOfRange,
  dropClips,
  overflowDeckText,
  dropStepSlides,
  rendererNoFit,
  rendererNoNotes,
  rendererSmallFonts,
] as const;

export type MutationId = (typeof MUTATIONS)[number]['id'];

export function mutationById(id: MutationId): (typeof MUTATIONS)[number] {
  return MUTATIONS.find((m) => m.id === id)!;
}
