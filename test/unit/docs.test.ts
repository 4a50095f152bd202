/** Docs stay true: the README's config reference matches the schema, every policy has its page. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POLICIES } from '../../src/policies/index.js';
import { PROJECT_ROOT } from '../helpers/repo.js';

describe('docs', () => {
  it('the README configuration reference is generated from the current schema', () => {
    const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'gen-docs.mjs'), '--check'], { encoding: 'utf8' });
    expect(r.stderr + r.stdout).toContain('up to date');
    expect(r.status).toBe(0);
  });

  it.each(POLICIES.map((p) => [p.id]))('policy %s has docs/policies/<id>.md and a README row', (id) => {
    expect(existsSync(join(PROJECT_ROOT, 'docs', 'policies', `${id}.md`))).toBe(true);
    expect(readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8')).toContain(`| \`${id}\` |`);
  });

  it('the README keeps the two fresh-machine commands', () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('npm run demo');
    expect(readme).toContain('npm test');
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.demo).toBeTruthy();
    expect(pkg.scripts.test).toBeTruthy();
  });
});
