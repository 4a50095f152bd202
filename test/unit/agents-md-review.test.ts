/**
 * Regressions from review: citations per value, sentences mapped to the wrong key, scope applied
 * twice, rule sentences missing from the table, commands dropped, root paths widened, and rules that
 * name agents only turned into rules for everyone.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll, makeRepo } from '../helpers/repo.js';
import { analyze, analyzeText } from '../../src/agents-md/match.js';
import { buildPatch } from '../../src/agents-md/coverage.js';
import { readMarkdown } from '../../src/agents-md/reader.js';
import { ensureZod } from '../../src/config/base.js';
import { pathsPolicy } from '../../src/policies/paths.js';
import { branchesPolicy } from '../../src/policies/branches.js';
import { commitMessagePolicy } from '../../src/policies/commit-message.js';
import { testsPolicy } from '../../src/policies/tests.js';
import type { Policy } from '../../src/engine/types.js';
import { runPolicy } from '../helpers/policy.js';

afterAll(cleanupAll);

const cfgOf = (m: ReturnType<typeof analyzeText>) => Object.fromEntries(m.mappings.map((x) => [x.policy, x.values]));

/** The patch `rules --apply` writes for an AGENTS.md text. */
async function patchFor(md: string) {
  await ensureZod();
  const analyses = readMarkdown(md, 'AGENTS.md').map((s) => analyze(s));
  return buildPatch(analyses, { policies: {}, origins: new Map() }).policies;
}

describe('findings cite the sentence that asked for the value', () => {
  const md = ['# Rules', '', '- Never commit .env files.', '- Do not edit `migrations/`.', "- Don't commit `dist/`.", '- Never push to main.', '- Never commit to `release`.', '- Agents must add an Assisted-by trailer.', '- Every change to src/ needs a test.', ''].join('\n');

  it('writes one citation per list value', async () => {
    const p = await patchFor(md);
    const s = p.paths!.sources as Record<string, { line: number }>;
    expect(s['forbidden:.env']!.line).toBe(3);
    expect(s['forbidden:dist/**']?.line ?? s['forbidden:**/dist/**']!.line).toBe(5);
    expect((p.branches!.sources as Record<string, { line: number }>)['protected:main']!.line).toBe(6);
    expect((p.branches!.sources as Record<string, { line: number }>)['protected:release']!.line).toBe(7);
  });

  const cases: Array<[string, Policy<any>, Record<string, string>, Record<string, unknown>, number]> = [
    ['paths: forbidden .env', pathsPolicy, { '.env': 'X=1\n' }, {}, 3],
    ['paths: forbidden dist', pathsPolicy, { 'dist/a.js': 'x\n' }, {}, 5],
    ['branches: main', branchesPolicy, { 'a.txt': 'a\n' }, {}, 6],
    ['commit-message: trailer', commitMessagePolicy, { 'a.txt': 'a\n' }, { hook: 'commit-msg', message: 'add a\n', env: { CLAUDECODE: '1' } }, 8],
  ];
  it.each(cases)('%s', async (_n, policy, files, opts, line) => {
    const p = await patchFor(md);
    const repo = makeRepo();
    for (const [f, c] of Object.entries(files)) repo.write(f, c);
    repo.git(['add', '-A']);
    const { findings } = await runPolicy(policy, repo, p[policy.id]!, opts as never);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(f.source?.line, f.message).toBe(line);
  });

  it('a value that no sentence asked for cites nothing rather than another sentence', async () => {
    const p = await patchFor(md);
    const repo = makeRepo();
    repo.write('secret.pem', 'x\n');
    repo.git(['add', '-A']);
    const cfg = { ...p.paths!, forbidden: [...(p.paths!.forbidden as string[]), '*.pem'] };
    const { findings } = await runPolicy(pathsPolicy, repo, cfg);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.source).toBeUndefined();
  });

  it('tests: a missing test cites the sentence that named the source directory', async () => {
    const p = await patchFor(md);
    const repo = makeRepo();
    repo.write('src/a.ts', 'export const a = 1;\n');
    repo.git(['add', '-A']);
    const { findings } = await runPolicy(testsPolicy, repo, p.tests!);
    expect(findings.map((f) => f.source?.line)).toEqual([9]);
  });
});

describe('sentences map to the right keys', () => {
  const fileRepo = (dirs: string[]) => ({ isDir: (p: string) => dirs.includes(p), isFile: () => false, scripts: () => undefined, packageManager: () => 'npm' as const });

  it.each([
    "Don't commit focused tests (`.only`).",
    'Never commit `.only` or `fdescribe`.',
    "Don't leave `.skip` in committed tests.",
  ])('%s: a test marker is not a file name', (text) => {
    const a = analyzeText(text);
    expect(cfgOf(a).paths).toBeUndefined();
  });
  it("Don't commit focused tests (`.only`) -> tests.noFocus", () => {
    expect(cfgOf(analyzeText("Don't commit focused tests (`.only`).")).tests).toMatchObject({ noFocus: true });
  });

  it('a scope naming the file\'s own directory is not applied twice', () => {
    const a = analyzeText('In packages/api, never edit `openapi.yaml`.', { fileScope: 'packages/api', repo: fileRepo(['packages', 'packages/api']) });
    expect(a.scopeDir).toBe('packages/api');
    expect(cfgOf(a).paths).toMatchObject({ protected: ['packages/api/**/openapi.yaml'] });
  });
  it('a sibling directory named from the root is taken from the root', () => {
    const a = analyzeText('In packages/web, never edit `next.config.js`.', { fileScope: 'packages/api', repo: fileRepo(['packages', 'packages/api', 'packages/web']) });
    expect(cfgOf(a).paths).toMatchObject({ protected: ['packages/web/**/next.config.js'] });
  });
  it('a scope relative to the file still joins it', () => {
    const a = analyzeText('In `v2`, never edit `schema.graphql`.', { fileScope: 'packages/api', repo: fileRepo(['packages/api', 'packages/api/v2']) });
    expect(cfgOf(a).paths).toMatchObject({ protected: ['packages/api/v2/**/schema.graphql'] });
  });

  it.each([
    ['Run `npm run typecheck` and `npm test` before pushing.', 'npm run typecheck && npm test', 'pre-push'],
    ['Before you open a PR, run `npm run typecheck` and `npm test`.', 'npm run typecheck && npm test', 'pre-push'],
    ['Before committing, run `npm test` and `npm run build`.', 'npm test && npm run build', 'pre-commit'],
  ])('%s keeps every command', (text, command, hook) => {
    expect(cfgOf(analyzeText(text)).tests).toMatchObject({ command, commandHook: hook });
  });
  it('a staged-file lint command stays with the commands policy, not in the test command', () => {
    const c = cfgOf(analyzeText('Run `eslint` and `npm test` before committing.'));
    expect(c.tests).toMatchObject({ command: 'npm test' });
    expect(c.commands).toBeDefined();
  });

  it.each([
    ['Every change to src/ needs a test.', ['src/**']],
    ['Changes to `lib/` require matching tests.', ['lib/**']],
  ])('%s: a root-relative directory in a root AGENTS.md is anchored at the root', (text, globs) => {
    expect(cfgOf(analyzeText(text)).tests).toMatchObject({ sourceGlobs: globs });
  });
  it('names that live at any depth still match at any depth', () => {
    expect(cfgOf(analyzeText('Never commit `node_modules/`.')).paths).toMatchObject({ forbidden: ['**/node_modules/**'] });
  });

  it.each([
    'Agents should not push to main.',
    'AI agents must never commit directly to `main`.',
    'Agents: all changes go through a PR.',
    'Agents must not edit `migrations/`.',
    'Agents must use Conventional Commits.',
    'As an AI agent, never commit `.env` files.',
    'The agent must never force-push.',
    'Agent PRs must not touch `migrations/`.',
    'Agent-authored commits must use Conventional Commits.',
  ])('%s: a rule for agents only is not enforced for everyone', (text) => {
    const a = analyzeText(text);
    expect(a.mappings).toEqual([]);
    expect(a.guidance?.reason).toMatch(/agents only/);
  });
  it.each([
    ['Agents must work in a git worktree.', 'worktree', { require: 'linked' }, 'appliesTo'],
    ['Agents must add an Assisted-by trailer.', 'commit-message', { requireTrailers: ['Assisted-by'] }, 'trailersFor'],
    ['Agent commits must touch at most 10 files.', 'size', { 'agents.maxFiles': 10 }, 'maxFiles'],
  ])('%s: maps to the agent-scoped setting (the default, agents only)', (text, policy, values, widening) => {
    const c = cfgOf(analyzeText(text))[policy] as Record<string, unknown>;
    expect(c).toMatchObject(values);
    expect(c[widening]).toBeUndefined();
  });
  it('an agent sign-off rule asks sign-off of agent commits only', () => {
    expect(cfgOf(analyzeText('Agents must sign off every commit.'))['commit-message']).toMatchObject({ requireTrailers: ['Signed-off-by'], trailersFor: 'agents' });
  });
  it('a rule for everyone that mentions agents stays a rule for everyone', () => {
    expect(cfgOf(analyzeText('Humans and agents alike: never push to main.')).branches).toMatchObject({ protected: ['main'] });
  });
});

describe('every rule-like sentence is in the table', () => {
  it.each([
    '1. Before you open a PR, run `npm run typecheck` and `npm test`.',
    '- After changing the schema, regenerate the client with `npm run codegen`.',
    '- When adding a dependency, update `docs/deps.md`.',
  ])('%s', (md) => {
    const rows = readMarkdown(`## Workflow\n\n${md}\n`, 'AGENTS.md').map((s) => analyze(s));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.ruleLike).toBe(true);
  });
});

describe('found on Claude-Code-style and Cursor-style files', () => {
  it.each([
    ["Don't leave `it.only` or `describe.skip` in tests.", { noFocus: true, noSkip: true }],
    ['no .only / .skip in tests', { noFocus: true, noSkip: true }],
    ['Never commit `fdescribe` or `xit`.', { noFocus: true, noSkip: true }],
  ])('%s: every marker named is checked', (text, values) => {
    expect(cfgOf(analyzeText(text)).tests).toMatchObject(values);
  });
  it.each([
    ['PRs < 400 LOC', 400],
    ['PRs <= 250 lines', 250],
  ])('%s: a symbol is a limit cue', (text, n) => {
    expect(cfgOf(analyzeText(text)).size).toMatchObject({ 'branch.maxLines': n });
  });
  it('a dot-directory known to be a build output is a directory glob', () => {
    expect(cfgOf(analyzeText('never commit node_modules, .next, coverage')).paths).toMatchObject({ forbidden: ['**/node_modules/**', '**/.next/**', '**/coverage/**'] });
  });
  it.each([
    'TypeScript strict mode; no `any` unless you leave a comment explaining why.',
    'Tailwind for styling; no inline styles, no CSS modules.',
  ])('%s: a "no X" clause makes the line a rule (guidance)', (md) => {
    const rows = readMarkdown(`## Code style\n\n- ${md}\n`, 'AGENTS.md').map((s) => analyze(s));
    expect(rows[0]!.ruleLike).toBe(true);
    expect(rows[0]!.mappings).toEqual([]);
  });
});

describe('more of the same class', () => {
  it.each([
    ['Run `npm run lint` and `npm test` before pushing.', 'npm run lint && npm test', 'pre-push'],
    ['Run `npm run typecheck` before pushing.', 'npm run typecheck', 'pre-push'],
    ['Run `tsc --noEmit` before committing.', 'tsc --noEmit', 'pre-commit'],
  ])('%s: every check runs at the hook named', (text, command, hook) => {
    expect(cfgOf(analyzeText(text)).tests).toMatchObject({ command, commandHook: hook });
  });
  it.each([
    ['Never commit build output (`dist/`, `out/`).', ['**/dist/**', '**/out/**']],
    ['Never commit coverage reports or `dist/`.', ['**/dist/**']],
    ['never commit node_modules, .next, coverage', ['**/node_modules/**', '**/.next/**', '**/coverage/**']],
  ])('%s: an English word is not a directory', (text, globs) => {
    expect((cfgOf(analyzeText(text)).paths as { forbidden: string[] }).forbidden).toEqual(globs);
  });
  it('two sentences asking for checks at the same hook run both', async () => {
    const p = await patchFor('- Run `npm test` before pushing.\n- Run `npm run typecheck` before pushing.\n');
    expect(p.tests).toMatchObject({ command: 'npm test && npm run typecheck', commandHook: 'pre-push' });
    const s = p.tests!.sources as Record<string, { line: number }>;
    expect([s['command:npm test']!.line, s['command:npm run typecheck']!.line]).toEqual([1, 2]);
  });
});

describe('test command findings cite their sentence', () => {
  it('a failing joined command cites the one sentence it came from; a hand-edited command cites none', async () => {
    const p = await patchFor("- Use a worktree.\n- Run `node -e 'process.exit(3)'` and `npm test` before pushing.\n");
    expect(p.tests).toMatchObject({ command: "node -e 'process.exit(3)' && npm test", commandHook: 'pre-push' });
    const repo = makeRepo();
    repo.write('a.txt', 'a\n');
    repo.git(['add', '-A']);
    const { findings } = await runPolicy(testsPolicy, repo, p.tests!, { hook: 'pre-push' });
    expect(findings.map((f) => [f.rule, f.source?.line])).toEqual([['command', 2]]);
    const { findings: edited } = await runPolicy(testsPolicy, repo, { ...p.tests!, command: 'exit 1' }, { hook: 'pre-push' });
    expect(edited.map((f) => [f.rule, f.source])).toEqual([['command', undefined]]);
  });
});

describe('scalar findings do not borrow another sentence', () => {
  const sha = (c: string) => c.repeat(40);
  it('a force push to main cites the sentence protecting main, not the first branches rule', async () => {
    const p = await patchFor('- Never commit to `release`.\n- Never push to main.\n');
    const repo = makeRepo();
    repo.write('a.txt', 'a\n');
    repo.git(['add', '-A']);
    repo.git(['commit', '-qm', 'a']);
    repo.write('b.txt', 'b\n');
    repo.git(['add', '-A']);
    repo.git(['commit', '-qm', 'b']);
    const refs = [{ localRef: 'refs/heads/main', localSha: sha('a'), remoteRef: 'refs/heads/main', remoteSha: sha('b'), isNew: false, isDelete: false, isTag: false, isForce: true }];
    const { findings } = await runPolicy(branchesPolicy, repo, { ...p.branches!, allowPush: true }, { hook: 'pre-push', range: 'HEAD~1..HEAD', push: { refs } });
    expect(findings.map((f) => [f.rule, f.source?.line])).toEqual([['force-push', 2]]);
  });
  it('a commit over a limit no sentence set cites nothing; over a limit a sentence set cites it', async () => {
    const { sizePolicy } = await import('../../src/policies/size.js');
    const p = await patchFor('- Keep PRs under 400 lines.\n- Keep commits under 300 lines.\n');
    const repo = makeRepo();
    for (let i = 0; i < 4; i++) repo.write(`f${i}.txt`, 'x\n');
    repo.git(['add', '-A']);
    const byHand = await runPolicy(sizePolicy, repo, { ...p.size!, maxFiles: 2 });
    expect(byHand.findings.map((f) => [f.rule, f.source?.line])).toEqual([['commit', undefined]]);
    repo.write('big.txt', 'x\n'.repeat(400));
    repo.git(['add', '-A']);
    const bySentence = await runPolicy(sizePolicy, repo, p.size!);
    expect(bySentence.findings.map((f) => [f.rule, f.source?.line])).toEqual([['commit', 2]]);
  });
});

describe('a key no sentence set cites nothing', () => {
  it('a focused test blocked by the preset does not quote the "needs a test" sentence', async () => {
    const p = await patchFor('- Every change to src/ needs a test.\n');
    const repo = makeRepo();
    repo.write('test/a.test.ts', "it.only('x', () => {});\n");
    repo.git(['add', '-A']);
    const { findings } = await runPolicy(testsPolicy, repo, { ...p.tests!, noFocus: true });
    expect(findings.map((f) => [f.rule, f.source])).toEqual([[expect.stringMatching(/focus/), undefined]]);
  });
  it('a Conventional Commits finding does not quote the trailer sentence', async () => {
    const p = await patchFor('- Agents must add an `Assisted-by` trailer.\n');
    const repo = makeRepo();
    const { findings } = await runPolicy(commitMessagePolicy, repo, { ...p['commit-message']!, conventional: true }, { hook: 'commit-msg', message: 'did things\n\nAssisted-by: x\n', env: { CLAUDECODE: '1' } });
    expect(findings.map((f) => [f.rule, f.source])).toEqual([['conventional', undefined]]);
  });
});

describe('destinations and runtime concerns are not commit rules', () => {
  it.each(['Do not add new dependencies to package.json.', 'Never add debug statements to `src/main.ts`.'])('%s: the path is a destination, not a forbidden file', (t) => {
    expect(cfgOf(analyzeText(t)).paths).toBeUndefined();
  });
  it("Don't add node_modules to git. still forbids node_modules", () => {
    expect(cfgOf(analyzeText("Don't add node_modules to git.")).paths).toMatchObject({ forbidden: ['**/node_modules/**'] });
  });
  it.each(['Never include secrets in logs.', 'Do not put API keys in URLs.'])('%s: not a commit scan', (t) => {
    expect(cfgOf(analyzeText(t)).secrets).toBeUndefined();
  });
});

describe('lists of branches and globs', () => {
  it('Never commit to `main` or any `release/*` branch.', () => {
    expect(cfgOf(analyzeText('Never commit to `main` or any `release/*` branch.')).branches).toMatchObject({ protected: ['main', 'release/*'] });
  });
  it('Never commit `*.env` or `secrets/`.', () => {
    expect(cfgOf(analyzeText('Never commit `*.env` or `secrets/`.')).paths).toMatchObject({ forbidden: ['*.env', '**/secrets/**'] });
  });
});

describe('terse rules and extension-less files', () => {
  const map = (md: string) =>
    readMarkdown(md, 'AGENTS.md').map((s) => analyze(s).mappings.map((m) => [m.entry.id, m.values]));
  it('a verbless "Tests for every new X" item maps under a "# Rules" heading too', () => {
    const rows = map('# Rules\n\n- Tests for every new util in `app/lib/`.\n');
    expect(rows[0]).toEqual([['tests.require', { enabled: true, requireTests: true, sourceGlobs: ['app/lib/**'] }]]);
  });
  it('LICENSE and NOTICE are files; the migrations folder is a directory', () => {
    const rows = map("# Rules\n\n- No edits to LICENSE.\n- Don't modify `LICENSE` or `NOTICE`.\n- Never touch the migrations folder.\n");
    expect(rows[0]![0]![1]).toEqual({ enabled: true, protected: ['LICENSE'] });
    expect(rows[1]![0]![1]).toEqual({ enabled: true, protected: ['LICENSE', 'NOTICE'] });
    expect(rows[2]![0]![1]).toEqual({ enabled: true, protected: ['**/migrations/**'] });
  });
});
