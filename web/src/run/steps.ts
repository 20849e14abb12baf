import { api, ask, type StepList } from '../api/client.js';

let steps: Promise<StepList> | null = null;

/** The nine steps from `GET /api/steps`, asked once per page load (they change only with the server's code). */
export function loadSteps(): Promise<StepList> {
  steps ??= ask(api.GET('/api/steps')).catch((error) => {
    steps = null;
    throw error;
  });
  return steps;
}
