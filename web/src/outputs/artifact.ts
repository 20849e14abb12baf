import type { StepOutputs } from '../../../src/pipeline/step.js';
import { api, ask } from '../api/client.js';

/**
 * The lesson's newest artifact of one step, as the step's own type. The API
 * documents artifact JSON as opaque, so the type comes from the step
 * registry's output table (type only: nothing of the server is bundled).
 *
 * @example
 * const spec = await latestArtifact(lessonId, 'C2'); // DeckSpec | null
 */
export async function latestArtifact<Id extends keyof StepOutputs>(lessonId: string, stepId: Id): Promise<StepOutputs[Id] | null> {
  const list = await ask(api.GET('/api/lessons/{id}/artifacts', { params: { path: { id: lessonId } } }));
  const summary = list.find((a) => a.stepId === stepId);
  if (!summary) return null;
  const artifact = await ask(api.GET('/api/artifacts/{id}', { params: { path: { id: summary.id } } }));
  return artifact.json as StepOutputs[Id];
}
