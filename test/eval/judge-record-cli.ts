// Builds the rubric judge's agreement set: runs the chosen cases through the offline engine, degrades
// each with the chosen mutations, and writes what the judge is shown for every draft —
//   eval/judges/recorded/rubric-agreement.json   the views, which draft is which, and answers once written
//   <out>/<key>.txt                               each request's user message alone, named by its key
// so whoever answers (a helper acting as the judge) reads the requests without seeing which is degraded:
//   npx tsx test/eval/judge-record-cli.ts --out /tmp/judge-requests
// Answers already in the fixture are kept (by key); a draft whose key changed loses its answer.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { mutationMatrix } from '../../eval/core/matrix.js';
import type { Judge } from '../../eval/judges/define.js';
import { AGREEMENT_FIXTURE, type AgreementFixture, packDrafts, readAgreementFixture, requestKey } from '../../eval/judges/recorded.js';
import { rubric } from '../../eval/judges/rubric.js';
import { mutationById } from '../../eval/mutations/registry.js';
import { renderPrompt } from '../../src/llm/prompt-files.js';
import { localModelConfig, startOpenAIServer } from '../support/openai-server.js';
import { evaluateOffline } from './support.js';

const { values } = parseArgs({ options: { out: { type: 'string', default: '/tmp/judge-requests' } } });
const previous = fs.existsSync(AGREEMENT_FIXTURE) ? readAgreementFixture() : null;
const cases = previous?.cases ?? [];
const mutations = previous?.mutations ?? [];
if (cases.length === 0) throw new Error(`${AGREEMENT_FIXTURE} must list the cases and mutations to record`);

const captured: { caseId: string; mutation: string | null; view: Record<string, unknown> }[] = [];
let label: string | null = null;
const capturing: Judge = {
  ...rubric,
  view: (ctx) => {
    const view = rubric.view(ctx);
    if (view) captured.push({ caseId: ctx.evalCase.id, mutation: label, view });
    return view;
  },
};
// The views are what is wanted here; the judge's answers during recording are a constant placeholder.
const placeholder = Object.fromEntries(rubric.dimensions.map((d) => [d.key, { justification: '（录制占位）', score: 3 }]));
const server = await startOpenAIServer({ respond: () => ({ json: placeholder }) });
try {
  const judging = { model: { config: localModelConfig(server.url), cache: null }, judges: [capturing] };
  const run = await evaluateOffline(cases, judging);
  try {
    for (const id of mutations) {
      label = id;
      await mutationMatrix(run.cases, { files: run.store }, judging, [mutationById(id as never)]);
    }
  } finally {
    run.cleanup();
  }
} finally {
  await server.close();
}

const answers = new Map((previous?.lessons ?? []).flatMap((l) => l.drafts.map((d) => [d.key, d.answer] as const)));
const fixture: AgreementFixture = {
  ...previous!,
  promptVersion: rubric.prompt.version,
  lessons: packDrafts(captured, answers, (view) => requestKey(renderPrompt(rubric.prompt, view).user)),
};
// One line per plan's index list: the file stays reviewable (answers and provenance readable) and small.
const json = JSON.stringify(fixture, null, 1).replace(/\[\s*(\d+(?:,\s*\d+)*)\s*\]/g, (_, list: string) => `[${list.replace(/\s+/g, '')}]`);
fs.writeFileSync(AGREEMENT_FIXTURE, `${json}\n`);

fs.rmSync(values.out, { recursive: true, force: true });
fs.mkdirSync(values.out, { recursive: true });
for (const { view } of captured) {
  const { user } = renderPrompt(rubric.prompt, view);
  fs.writeFileSync(path.join(values.out, `${requestKey(user)}.txt`), user);
}
console.log(`${captured.length} drafts of ${cases.length} cases; requests in ${values.out}; fixture ${AGREEMENT_FIXTURE}`);
