import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { InputError } from '../../errors.js';
import { packagePath } from '../../paths.js';

/**
 * Deck themes (课件主题): colours, fonts and decoration, one JSON file each
 * under templates/themes/. A theme changes the look only; the geometry, and
 * so the text budgets, are the same for every theme.
 */

const Hex = z.string().regex(/^[0-9A-Fa-f]{6}$/, 'six hex digits, no #');

export const Theme = z.object({
  name: z.string().regex(/^[a-z0-9-]+$/),
  label: z.string().min(1), // 主题名, e.g. 清爽
  description: z.string(),
  /** Fonts are not embedded: use what teachers' PCs have (微软雅黑, 等线). */
  fonts: z.object({ title: z.string().min(1), body: z.string().min(1) }),
  colors: z.object({
    background: Hex,
    /** Bands and cards behind text. */
    surface: Hex,
    title: Hex,
    text: Hex,
    /** Secondary text: restated questions, time ranges. */
    muted: Hex,
    accent: Hex,
    /** Text drawn on the accent colour (the play button). */
    onAccent: Hex,
    /** Answers and labels such as 答案： or 基础：. */
    emphasis: Hex,
    /** The sidebar, ribbon or chalkboard frame. */
    decor: Hex,
  }),
  /** sidebar: a bar down the left edge; chalkboard: a wooden frame and chalk tray; ribbon: a band across the top. */
  decor: z.enum(['sidebar', 'chalkboard', 'ribbon']),
});
export type Theme = z.infer<typeof Theme>;

const THEMES_DIR = packagePath('templates', 'themes');

/**
 * Names of the themes shipped in templates/themes/, sorted.
 *
 * @example
 * listThemes() // ['heiban', 'mohong', 'qingsong']
 */
export function listThemes(): string[] {
  return readdirSync(THEMES_DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

/**
 * Reads and validates templates/themes/<name>.json. An unknown name fails with
 * the list of themes the teacher can choose from.
 *
 * @example
 * const theme = await loadTheme('heiban');
 */
export async function loadTheme(name: string): Promise<Theme> {
  const available = listThemes();
  if (!available.includes(name)) {
    throw new InputError(`主题 ${name}`, 'not-found', `没有名为「${name}」的课件主题，可选：${available.join('、')}`);
  }
  const raw: unknown = JSON.parse(await readFile(`${THEMES_DIR}/${name}.json`, 'utf8'));
  const parsed = Theme.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(`${name}.json`, 'invalid', `课件主题「${name}」的文件有误：${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
