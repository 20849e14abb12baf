import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { judgesTable, mutationsTable, scorersTable } from '../../eval/cli/tables.js';
import { packagePath } from '../../src/paths.js';

describe('eval/README.md', () => {
  const readme = fs.readFileSync(packagePath('eval/README.md'), 'utf8');

  it.each([
    ['scorers', scorersTable()],
    ['mutations', mutationsTable()],
    ['judges', judgesTable()],
  ])('shows the %s exactly as their registry defines them (regenerate with `npm run eval -- --list`)', (_name, table) => {
    expect(readme).toContain(table);
  });
});
