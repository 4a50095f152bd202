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
import { runPolicy } from './_policy-ctx.js';

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
