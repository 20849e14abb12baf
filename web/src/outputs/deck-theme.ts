/**
 * The deck themes' colours and decoration, read from the same JSON files the
 * .pptx renderer uses (templates/themes/), bundled at build time.
 */
interface ThemeFile {
  name: string;
  label: string;
  colors: Record<'background' | 'surface' | 'title' | 'text' | 'muted' | 'accent' | 'onAccent' | 'emphasis' | 'decor', string>;
  decor: 'sidebar' | 'chalkboard' | 'ribbon';
}

const files = import.meta.glob<ThemeFile>('../../../templates/themes/*.json', { eager: true, import: 'default' });
const THEMES = new Map(Object.values(files).map((theme) => [theme.name, theme]));

export type DeckTheme = ThemeFile;

/** The named theme, or 清爽 (the default) for a name this build does not know. */
export function deckTheme(name: string): DeckTheme {
  return THEMES.get(name) ?? THEMES.get('qingsong') ?? [...THEMES.values()][0]!;
}
