import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stepsTable } from '../../src/cli/steps-table.js';
import { packagePath } from '../../src/paths.js';

describe('README', () => {
  it('shows the nine steps exactly as their definitions say (regenerate with `lessonprep steps`)', () => {
    expect(fs.readFileSync(packagePath('README.md'), 'utf8')).toContain(stepsTable());
  });

  it('quick start runs the commands package.json defines', () => {
    const readme = fs.readFileSync(packagePath('README.md'), 'utf8');
    const scripts = JSON.parse(fs.readFileSync(packagePath('package.json'), 'utf8')).scripts;
    expect(readme).toContain('npm ci && npm run demo');
    expect(scripts.demo).toBeTruthy();
    expect(scripts.test).toContain('vitest run');
  });
});
