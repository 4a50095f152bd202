/**
 * The phrase catalog, table-driven: every entry's positive sentences must map to its policy with the
 * expected config; its negatives must not match it. Plus the catalog's shape (>= 40 enforceable
 * entries, >= 3 positives and >= 1 negative each) and the meaning-changers (permission, negation,
 * scope, exceptions).
 */
import { describe, expect, it } from 'vitest';
import { CATALOG, enforceableEntries } from '../../src/agents-md/catalog.js';
import { analyzeText } from '../../src/agents-md/match.js';
import type { RepoView } from '../../src/agents-md/extract.js';

const DIRS = new Set(['src', 'lib', 'db', 'infra', 'infra/terraform', 'api', 'proto', 'packages', 'packages/api', 'packages/api/src', 'packages/web']);
const repo: RepoView = {
  isDir: (p) => DIRS.has(p),
  isFile: (p) => p === 'db/schema.sql',
  scripts: (d) => (d === '' ? { test: 'vitest run', lint: 'eslint .' } : undefined),
  packageManager: () => 'npm',
};

function contains(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) return Array.isArray(actual) && expected.every((e) => actual.some((a) => contains(a, e)));
  if (expected && typeof expected === 'object') {
    return !!actual && typeof actual === 'object' && Object.entries(expected).every(([k, v]) => contains((actual as Record<string, unknown>)[k], v));
  }
  return actual === expected;
}

describe('phrase catalog shape', () => {
  it('has at least 40 enforceable entries, each with >= 3 positives and negatives', () => {
    expect(enforceableEntries().length).toBeGreaterThanOrEqual(40);
    for (const e of CATALOG) {
      expect(e.positives.length, e.id).toBeGreaterThanOrEqual(3);
      expect(e.negatives.length, e.id).toBeGreaterThanOrEqual(1);
    }
    expect(new Set(CATALOG.map((e) => e.id)).size).toBe(CATALOG.length);
  });
});

describe.each(CATALOG.map((e) => [e.id, e] as const))('catalog entry %s', (_id, entry) => {
  it.each(entry.positives.map((p) => [p.text, p] as const))('matches: %s', (_t, p) => {
    const a = analyzeText(p.text, { repo });
    if (entry.policy === null) {
      expect(a.guidance?.entryId, JSON.stringify(a)).toBe(entry.id);
      return;
    }
    const m = a.mappings.find((x) => x.entry.id === entry.id) ?? a.mappings.find((x) => x.policy === entry.policy);
    expect(m, `${p.text} -> ${JSON.stringify({ kind: a.kind, g: a.guidance, maps: a.mappings.map((x) => [x.entry.id, x.values]) })}`).toBeDefined();
    expect(m!.policy).toBe(entry.policy);
    if (p.expect) expect(contains(m!.values, p.expect), `${p.text}: ${JSON.stringify(m!.values)} should contain ${JSON.stringify(p.expect)}`).toBe(true);
  });
  it.each(entry.negatives.map((n) => [n] as const))('does not match: %s', (n) => {
    const a = analyzeText(n, { repo });
    expect(a.mappings.some((x) => x.entry.id === entry.id), `${n} -> ${JSON.stringify(a.mappings.map((x) => [x.entry.id, x.values]))}`).toBe(false);
    if (entry.policy === null) expect(a.guidance?.entryId === entry.id && a.mappings.length === 0).toBe(false);
  });
});

describe('meaning changers', () => {
  it('a permission never produces a blanket rule', () => {
    for (const t of [
      'You may commit to main for docs-only changes.',
      "It's OK to push directly to main for typo fixes.",
      'You can skip tests for docs-only changes.',
      'Force-pushing your own branch is fine.',
      'Agents are allowed to commit to `develop`.',
    ]) {
      const a = analyzeText(t, { repo });
      expect(a.mappings, t).toEqual([]);
      expect(a.kind, t).toBe('permission');
    }
  });
  it('"may not" / "not allowed to" are prohibitions, not permissions', () => {
    expect(analyzeText('You may not commit to main.', { repo }).mappings[0]?.values).toMatchObject({ protected: ['main'] });
    expect(analyzeText('Contributors are not allowed to push to master.', { repo }).mappings[0]?.values).toMatchObject({ protected: ['master'] });
  });
  it('a negated positive rule does not match', () => {
    expect(analyzeText('Do not use worktrees for hotfixes.', { repo }).mappings).toEqual([]);
    expect(analyzeText("Don't use conventional commits.", { repo }).mappings).toEqual([]);
    expect(analyzeText("Don't forget to run `npm test` before pushing.", { repo }).mappings[0]?.values).toMatchObject({ command: 'npm test' });
  });
  it('"In packages/api, ..." scopes path rules to the subtree', () => {
    const a = analyzeText('In packages/api, do not edit `migrations/`.', { repo });
    expect(a.scopeDir).toBe('packages/api');
    expect(a.mappings[0]?.values.protected).toEqual(['packages/api/**/migrations/**']);
    const t = analyzeText('In `packages/api`, every change needs a test.', { repo });
    expect(t.mappings[0]?.values.sourceGlobs).toEqual(['packages/api/src/**', 'packages/api/lib/**', 'packages/api/app/**', 'packages/api/pkg/**']);
    const c = analyzeText('Inside packages/web: run `npm test` before pushing.', { repo });
    expect(c.mappings[0]?.values.command).toBe('cd packages/web && npm test');
  });
  it('a section headed by a directory scopes its rules', async () => {
    const { analyze } = await import('../../src/agents-md/match.js');
    const a = analyze({ file: 'AGENTS.md', line: 9, text: 'Never commit `*.sqlite` files.', kind: 'bullet', heading: '`packages/api`' }, { repo });
    expect(a.scopeDir).toBe('packages/api');
    expect(a.mappings[0]?.values.forbidden).toEqual(['packages/api/**/*.sqlite']);
    const b = analyze({ file: 'AGENTS.md', line: 9, text: 'Never commit `*.sqlite` files.', kind: 'bullet', heading: 'Testing' }, { repo });
    expect(b.scopeDir).toBe('');
  });
  it('a rule in a subdirectory file is scoped by the file', () => {
    const a = analyzeText('Never commit `*.sqlite` files.', { repo, fileScope: 'packages/api' });
    expect(a.mappings[0]?.values.forbidden).toEqual(['packages/api/**/*.sqlite']);
  });
  it('a scoped rule for a policy without per-path settings stays guidance, with the reason', () => {
    const a = analyzeText('Keep PRs under 200 lines.', { repo, fileScope: 'packages/api' });
    expect(a.mappings).toEqual([]);
    expect(a.guidance?.reason).toMatch(/scoped to packages\/api/);
  });
  it('an exception the policy cannot express keeps the rule guidance only', () => {
    const a = analyzeText('Never commit to main, except for release commits.', { repo });
    expect(a.mappings).toEqual([]);
    expect(a.kind).toBe('exception');
  });
  it('reads caps, curly quotes, bold and emoji', () => {
    expect(analyzeText('🚫 **NEVER** commit to `main`.', { repo }).mappings[0]?.values).toMatchObject({ protected: ['main'] });
    expect(analyzeText('Don’t use “--no-verify”.', { repo }).mappings[0]?.policy).toBe('evidence');
    expect(analyzeText('_Always_ use a *git worktree*.', { repo }).mappings[0]?.policy).toBe('worktree');
  });
  it('takes a directive from its heading context', () => {
    expect(analyzeText('commit to main', { repo, context: 'Never' }).mappings[0]?.values).toMatchObject({ protected: ['main'] });
  });
  it('reads clauses on their own: a permission next to a rule does not widen or cancel it', () => {
    const a = analyzeText('Never commit to main; you may commit to `develop`.', { repo });
    expect(a.mappings.map((m) => m.values)).toEqual([{ enabled: true, protected: ['main'], allowPush: false, hooks: ['pre-commit', 'pre-push'] }]);
    const b = analyzeText('You may push to `gh-pages`, but never push to `main`.', { repo });
    expect(b.mappings.map((m) => m.values)).toEqual([{ enabled: true, protected: ['main'], allowPush: false, hooks: ['pre-commit', 'pre-push'] }]);
    const c = analyzeText('NEVER commit secrets — use `.env.local`, which is gitignored.', { repo });
    expect(c.mappings.map((m) => m.policy)).toEqual(['secrets']);
    const d = analyzeText('Never commit to main; except hotfixes.', { repo });
    expect(d.mappings).toEqual([]);
    expect(d.kind).toBe('exception');
    const e = analyzeText('Never commit with failing tests; run `pytest` first.', { repo });
    expect(e.mappings[0]?.values).toMatchObject({ command: 'pytest' });
  });
  it('one sentence can map to two policies', () => {
    const a = analyzeText('Run `npm test` and `npm run lint` before committing.', { repo });
    expect(a.mappings.map((m) => m.policy).sort()).toEqual(['commands', 'tests']);
  });
  it('whole-project commands are not turned into staged-file tasks', () => {
    const a = analyzeText('Run `tsc --noEmit` before committing.', { repo });
    expect(a.mappings.map((m) => m.policy)).toEqual(['tests']); // a whole-project check: the test command
    expect(a.mappings[0]!.values).toMatchObject({ command: 'tsc --noEmit', commandHook: 'pre-commit' });
  });
});

describe('extractors', () => {
  it('bare slash words are paths only when they look like paths or the directory exists', async () => {
    const { pathsIn } = await import('../../src/agents-md/extract.js');
    expect(pathsIn('for file reads/writes, CI/CD and input/output')).toEqual([]);
    expect(pathsIn('never touch src/gen or ./tmp/x or docs/ or a/b.txt', repo)).toEqual(['src/gen', './tmp/x', 'docs/', 'a/b.txt']);
    expect(pathsIn('`reads/writes` in code is taken as written')).toEqual(['reads/writes']);
  });
  it('size limits need a unit and a limit word, and attach to the nearest subject', async () => {
    const { sizeLimits } = await import('../../src/agents-md/extract.js');
    expect(sizeLimits('keep commits under 200 lines and prs under 1k lines')).toEqual([
      { subject: 'commit', unit: 'lines', n: 200 },
      { subject: 'pr', unit: 'lines', n: 1000 },
    ]);
    expect(sizeLimits('the pr template has 12 lines')).toEqual([]);
  });
  it('commands: staged-file tasks only for tools that take file names', async () => {
    const { taskFor } = await import('../../src/agents-md/extract.js');
    expect(taskFor('eslint .')).toEqual({ glob: '*.{js,jsx,ts,tsx,mjs,cjs,mts,cts}', command: 'eslint' });
    expect(taskFor('npx prettier --write .')?.command).toBe('npx prettier --write');
    expect(taskFor('pnpm lint')?.command).toBe('pnpm lint');
    expect(taskFor('tsc --noEmit')).toBeUndefined();
    expect(taskFor('npm run typecheck')).toBeUndefined();
    expect(taskFor('cargo clippy')).toBeUndefined();
  });
});
