import fs from 'node:fs';
import Mustache from 'mustache';
import { packagePath } from '../paths.js';
import { sha256 } from '../store/sha256.js';

/** A step's prompt: system and user templates from prompts/<name>/, versioned by content. */
export interface PromptTemplate {
  name: string;
  system: string;
  user: string;
  /** First 12 hex of the SHA-256 of both templates: recorded with every result they produce. */
  version: string;
  /** Every variable the templates use; rendering without one of them is an error. */
  variables: string[];
}

const cache = new Map<string, PromptTemplate>();

/**
 * Loads `prompts/<name>/system.md` and `prompts/<name>/user.md`.
 *
 * @example
 * const prompt = loadPrompt('t2-analysis');
 * const { system, user } = renderPrompt(prompt, { subject: '数学', materials });
 */
export function loadPrompt(name: string): PromptTemplate {
  const hit = cache.get(name);
  if (hit) return hit;
  const system = fs.readFileSync(packagePath('prompts', name, 'system.md'), 'utf8');
  const user = fs.readFileSync(packagePath('prompts', name, 'user.md'), 'utf8');
  const variables = [...new Set([...templateVariables(system), ...templateVariables(user)])].sort();
  const template = { name, system, user, version: sha256(`${system}\u0000${user}`).slice(0, 12), variables };
  cache.set(name, template);
  return template;
}

function templateVariables(template: string): string[] {
  const names: string[] = [];
  const walk = (tokens: unknown[]) => {
    for (const token of tokens as [string, string, number, number, unknown[]?][]) {
      const [type, value, , , children] = token;
      if (type === 'name' || type === '&' || type === '#' || type === '^') names.push(value.split('.')[0]!);
      if (children) walk(children);
    }
  };
  walk(Mustache.parse(template));
  return names;
}

/**
 * Renders both templates. Mustache renders a missing variable as an empty
 * string without a word, which would send the model a prompt with a hole in
 * it; here a missing or null variable is an error naming it. Nothing is
 * HTML-escaped: the prompt is plain text, and `<` in a maths problem must stay.
 */
export function renderPrompt(template: PromptTemplate, view: Record<string, unknown>): { system: string; user: string } {
  const missing = template.variables.filter((name) => view[name] === undefined || view[name] === null);
  if (missing.length > 0) {
    throw new Error(`prompt ${template.name}: missing variable(s) ${missing.join(', ')}`);
  }
  const options = { escape: (text: string) => text };
  return {
    system: Mustache.render(template.system, view, undefined, options),
    user: Mustache.render(template.user, view, undefined, options),
  };
}
