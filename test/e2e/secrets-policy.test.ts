/** The secrets policy on real git repositories: staged (index) lines, ranges, markers, baseline. */
import { afterAll, describe, expect, it } from 'vitest';
import { makeRepo, cleanupAll, type Repo } from '../helpers/repo.js';
import { readRepoInfo } from '../../src/git/repo.js';
import { stagedChangeSet, rangeChangeSet } from '../../src/git/changeset.js';
import { secretsPolicy } from '../../src/policies/secrets.js';
import { runPolicyOn } from '../helpers/policy.js';
import type { ChangeSet, HookName } from '../../src/engine/types.js';
import { crcToken, rnd, B62 } from '../../src/secrets/kit.js';
import { fingerprint } from '../../src/secrets/index.js';

afterAll(cleanupAll);

const run = async (repo: Repo, change: ChangeSet, hook: HookName = 'pre-commit', config: Record<string, unknown> = {}) =>
  (await runPolicyOn(secretsPolicy, change, config, { hook, env: repo.env })).findings;
const staged = async (repo: Repo) => stagedChangeSet(await readRepoInfo(repo.dir, repo.env), { env: repo.env });

describe('secrets policy', () => {
  it('reports a staged secret at its index line, not one only in an unstaged hunk', async () => {
    const repo = makeRepo();
    const lines = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
    repo.write('src/app.ts', lines.join('\n') + '\n');
    repo.git(['add', '.']);
    repo.git(['commit', '-qm', 'base']);
    const stagedTok = crcToken('ghp_', 'staged');
    const unstagedTok = crcToken('npm_', 'unstaged');
    const withStaged = [...lines];
    withStaged.splice(4, 0, `const gh = "${stagedTok}";`);
    repo.write('src/app.ts', withStaged.join('\n') + '\n');
    repo.git(['add', 'src/app.ts']);
    // Then an unstaged edit elsewhere in the same file (partially staged file).
    const worktree = [`// npm token ${unstagedTok}`, ...withStaged];
    repo.write('src/app.ts', worktree.join('\n') + '\n');
    const findings = await run(repo, await staged(repo));
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.rule, f.file, f.line, f.column])).toEqual([['github-pat', 'src/app.ts', 5, 13]]);
    const text = JSON.stringify(findings);
    expect(text).not.toContain(stagedTok);
    expect(text).not.toContain(unstagedTok.slice(4));
    expect(errors[0]!.message).toMatch(/ghp_…\(40 chars, sha256:[0-9a-f]{8}\)/);
    expect(errors[0]!.fix).toMatch(/rotate/i);
    expect(errors[0]!.waivable).toBe(false);
    expect(errors[0]!.fingerprint).toBe(fingerprint('github-pat', 'src/app.ts', stagedTok));
  });

  it('says loudly when it scanned nothing', async () => {
    const repo = makeRepo();
    const f = await run(repo, await staged(repo));
    expect(f.map((x) => [x.rule, x.severity])).toEqual([['scanned-nothing', 'info']]);
    expect(f[0]!.message).toMatch(/checked NOTHING/);
    // A binary is scanned (printable runs, prefixed rules only) and says so; one over maxFileBytes is not.
    repo.write('logo.bin', Buffer.from([0, 1, 2, 3, 0, 255]));
    repo.git(['add', 'logo.bin']);
    const g = await run(repo, await staged(repo));
    expect(g.map((x) => [x.rule, x.severity])).toEqual([['binary-partial-scan', 'info']]);
    const h = await run(repo, await staged(repo), 'pre-commit', { maxFileBytes: 4 });
    expect(h.map((x) => [x.rule, x.severity])).toEqual([['scanned-nothing', 'warning']]);
    expect(h[0]!.message).toContain('logo.bin (binary, larger than maxFileBytes');
  });

  it('honours an inline marker that names the rule and gives a reason, and reports it as added', async () => {
    const repo = makeRepo();
    const tok = crcToken('ghp_', 'marker');
    repo.write('a.py', `TOKEN = "${tok}"  # harness-secrets:allow github-pat revoked test fixture token\nOTHER = "${crcToken('ghp_', 'nomarker')}"  # harness-secrets:allow github-pat\n`);
    repo.git(['add', '.']);
    const f = await run(repo, await staged(repo));
    expect(f.filter((x) => x.severity === 'error').map((x) => [x.rule, x.line])).toEqual([['github-pat', 2]]);
    expect(f.find((x) => x.severity === 'error')!.message).toMatch(/marker here does not count: its reason/);
    const added = f.filter((x) => x.rule === 'inline-allow-added');
    expect(added.map((x) => [x.line, (x.data as { valid: boolean }).valid])).toEqual([[1, true], [2, false]]);
    // With markers turned off, both block.
    const off = await run(repo, await staged(repo), 'pre-commit', { inlineMarkers: false });
    expect(off.filter((x) => x.severity === 'error')).toHaveLength(2);
  });

  it('a baseline fingerprint stops an existing finding from blocking', async () => {
    const repo = makeRepo();
    const pw = rnd(B62, 18, 'base');
    repo.write('config/db.env', `DATABASE_URL=postgres://app:${pw}@db.internal/app\n`);
    repo.git(['add', '.']);
    expect((await run(repo, await staged(repo))).map((f) => f.rule)).toEqual(['postgres-connection-string']);
    repo.write('.secrets-baseline.json', JSON.stringify({ version: 1, findings: [{ fingerprint: fingerprint('postgres-connection-string', 'config/db.env', pw), rule: 'postgres-connection-string', path: 'config/db.env' }] }));
    // Not staged: the hooks read the baseline git has, so it accepts nothing yet.
    expect((await run(repo, await staged(repo))).map((f) => f.rule)).toEqual(['postgres-connection-string']);
    repo.git(['add', '.secrets-baseline.json']);
    const f = await run(repo, await staged(repo));
    expect(f.filter((x) => x.severity !== 'info')).toEqual([]);
    expect(f.map((x) => x.rule)).toEqual(['baseline-added']);
  });

  it('allowlisted paths are skipped with a note', async () => {
    const repo = makeRepo();
    repo.write('test/fixtures/keys.txt', `${crcToken('ghp_', 'fx')}\n`);
    repo.git(['add', '.']);
    const f = await run(repo, await staged(repo), 'pre-commit', { allowlist: { paths: ['test/fixtures/**'] } });
    expect(f.map((x) => [x.rule, x.severity])).toEqual([['scanned-nothing', 'warning']]);
    expect(f[0]!.message).toContain('allowlisted path');
  });

  it('commit-msg scans the message only', async () => {
    const repo = makeRepo();
    const change = await staged(repo);
    change.message = `fix: login\n\nused token ${crcToken('ghp_', 'msg')} to test\n`;
    const f = await run(repo, change, 'commit-msg');
    expect(f.map((x) => [x.rule, x.file, x.line])).toEqual([['github-pat', undefined, 3]]);
    expect(f[0]!.message).toContain('commit message');
  });

  it('pre-push scans every commit in the range and names the commit, even if a later commit removed the secret', async () => {
    const repo = makeRepo();
    const base = repo.git(['rev-parse', 'HEAD']).trim();
    const tok = crcToken('npm_', 'range');
    repo.write('.npmrc', `//registry.npmjs.org/:_authToken=${tok}\n`);
    repo.git(['add', '.']);
    repo.git(['commit', '-qm', 'add npmrc']);
    const bad = repo.git(['rev-parse', 'HEAD']).trim();
    repo.write('.npmrc', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n');
    repo.git(['commit', '-qam', 'use env']);
    const info = await readRepoInfo(repo.dir, repo.env);
    const change = await rangeChangeSet(info, `${base}..HEAD`, { env: repo.env });
    const f = (await run(repo, change, 'pre-push')).filter((x) => x.severity === 'error');
    expect(f.map((x) => [x.rule, x.file, x.line, x.commit])).toEqual([['npm-access-token', '.npmrc', 1, bad]]);
    expect(f[0]!.message).toContain(bad.slice(0, 12));
  });
});
