/**
 * The part of OpenAI's strict-mode schema validation that catches real mistakes: every object must
 * set `additionalProperties: false` and list every property in `required` (so `.optional()` fields
 * are refused; use `.nullable()`). OpenAI answers such requests with a 400 before any generation.
 */
export function strictSchemaProblem(body: any): string | null {
  const format = body?.response_format;
  if (format?.type === 'json_schema' && format.json_schema?.strict === true) {
    const problem = objectProblem(format.json_schema.schema, []);
    if (problem) return `Invalid schema for response_format '${format.json_schema.name}': ${problem}`;
  }
  for (const tool of Array.isArray(body?.tools) ? body.tools : []) {
    if (tool?.function?.strict !== true) continue;
    const problem = objectProblem(tool.function.parameters, []);
    if (problem) return `Invalid schema for function '${tool.function.name}': ${problem}`;
  }
  return null;
}

function objectProblem(schema: any, context: string[]): string | null {
  if (schema === null || typeof schema !== 'object') return null;
  const where = `In context=(${context.map((c) => `'${c}'`).join(', ')})`;
  if (schema.type === 'object' || schema.properties) {
    if (schema.additionalProperties !== false) {
      return `${where}, 'additionalProperties' is required to be supplied and to be false.`;
    }
    const keys = Object.keys(schema.properties ?? {});
    const required: unknown[] = Array.isArray(schema.required) ? schema.required : [];
    const missing = keys.find((key) => !required.includes(key));
    if (missing !== undefined) {
      return `${where}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
    }
  }
  const children: [string[], any][] = [
    ...Object.entries(schema.properties ?? {}).map(([k, v]): [string[], any] => [['properties', k], v]),
    ...Object.entries(schema.$defs ?? schema.definitions ?? {}).map(([k, v]): [string[], any] => [['$defs', k], v]),
    ...(Array.isArray(schema.anyOf) ? schema.anyOf : []).map((v: any, i: number): [string[], any] => [['anyOf', String(i)], v]),
    ...(schema.items ? [[['items'], schema.items] as [string[], any]] : []),
  ];
  for (const [path, child] of children) {
    const problem = objectProblem(child, [...context, ...path]);
    if (problem) return problem;
  }
  return null;
}
