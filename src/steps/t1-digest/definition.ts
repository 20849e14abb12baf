import { type LessonRequest, MaterialDigest, type MaterialKind } from '../../domain/index.js';
import type { IngestedDocument } from '../../ingest/index.js';
import { defineStep, type RunInputs } from '../../pipeline/step.js';
import { buildDigest } from './offline.js';

interface DigestInput {
  request: LessonRequest;
  materials: RunInputs['materials'];
}

/**
 * T1 材料解析 (text / input): reads every material file, keeps text by page,
 * rates each page's text quality and detects the book's structure. Parsing
 * files is not a model's job, so this step is the same under both engines.
 */
export const digestStep = defineStep<'T1', DigestInput, never>({
  id: 'T1',
  stage: 'text',
  phase: 'input',
  title: '材料解析',
  summary:
    'Reads the materials (PDF, text, Markdown) page by page, rates text quality and detects units, lessons, objectives, exercises and vocabulary.',
  needs: [],
  output: MaterialDigest,
  input: ({ request, materials }) => ({ request, materials }),
  model: null,
  warnings: (digest) => digest.warnings,
  async offline({ request, materials }, tools) {
    const documents: { document: IngestedDocument; kind: MaterialKind | null }[] = [];
    for (const material of materials) {
      const bytes = await tools.files.get(material.sha256);
      documents.push({ document: await tools.ingest({ name: material.name, bytes }), kind: material.kind });
    }
    return buildDigest(request, documents);
  },
});
