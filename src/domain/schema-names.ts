import { z } from 'zod';

/**
 * Names for the parts of the artifacts that repeat (a source, a text block, a
 * sheet item). The JSON Schema a model is shown defines each named part once
 * under `$defs` and refers to it, instead of inlining it at every use: before
 * this, the `sources` object alone was 86% of a system prompt.
 *
 * @example
 * z.toJSONSchema(schema, { metadata: SCHEMA_NAMES, reused: 'ref' }) // { …, $defs: { SourceRef: …, TextBlock: … } }
 */
export const SCHEMA_NAMES = z.registry<{ id: string }>();

/** Registers `schema` under `id` and returns it, so a domain file names a schema where it declares it. */
export function named<T extends z.ZodType>(id: string, schema: T): T {
  SCHEMA_NAMES.add(schema, { id });
  return schema;
}
