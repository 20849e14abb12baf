import { z } from 'zod';

/**
 * Who made an artifact. The UI and documents show it, so a teacher always
 * knows whether an AI model wrote a draft or the offline rules did.
 */
export const Provenance = z.object({
  engine: z.enum(['offline', 'openai-compatible']),
  /** Model name, or null for the offline engine. */
  model: z.string().nullable(),
  aiUsed: z.boolean(),
  /** Prompt content hash per step that contributed, e.g. { T2: "3f9a…", T3: "…" }. */
  promptVersions: z.record(z.string(), z.string()),
  createdAt: z.string(),
  note: z.string(),
});
export type Provenance = z.infer<typeof Provenance>;
