import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll, makeRepo, type Repo } from '../helpers/repo.js';
import { pathsPolicy } from '../../src/policies/paths.js';
import { compileGlobs } from '../../src/policies/lib/glob.js';
import { runPolicy } from '../helpers/policy.js';

afterAll(cleanupAll);

function stage(repo: Repo, files: Record<string, string>) {
  for (const [p, c] of Object.entries(files)) repo.write(p, c);
  repo.git(['add', '--', ...Object.keys(files)]);
}

describe('globs', () => {
  it('matches names at any depth, anchors paths with a slash, and lets the last match win', () => {
    const g = compileGlobs(['.env', '.env.*', '!.env.example', 'migrations/**', 'vendor/', '/root-only.txt']);
    expect(g.matches('.env')).toBe(true);
    expect(g.matches('apps/web/.env.local')).toBe(true);
    expect(g.matches('apps/web/.env.example')).toBe(false);
    expect(g.matches('migrations/001.sql')).toBe(true);
    expect(g.matches('db/migrations/001.sql')).toBe(false);
    expect(g.matches('a/vendor/lib.js')).toBe(true);
    expect(g.matches('root-only.txt')).toBe(true);
    expect(g.matches('x/root-only.txt')).toBe(false);
    expect(g.which('apps/.env.prod')).toBe('.env.*');
  });
});

describe('paths policy', () => {
  it('never lets a forbidden file in, at any depth, and not via a waiver', async () => {
    const repo = makeRepo();
    stage(repo, { '.env': 'A=1\n', 'apps/api/.env.production': 'B=2\n', '.env.example': 'A=\n', 'certs/server.pem': 'x\n' });
    const { findings } = await runPolicy(pathsPolicy, repo);
    expect(findings.map((f) => [f.file, f.rule, f.waivable]).sort()).toEqual([
      ['.env', 'forbidden', false],
      ['apps/api/.env.production', 'forbidden', false],
      ['certs/server.pem', 'forbidden', false],
    ]);
    expect(findings.find((f) => f.file === '.env')!.fix).toContain('git rm --cached -- .env');
  });

  it('allows deleting a forbidden file, and flags renaming one', async () => {
    const repo = makeRepo();
    stage(repo, { 'id_rsa': 'PRIVATE\n'.repeat(5), 'old.key': 'k\n'.repeat(5) });
    repo.git(['commit', '-qm', 'oops', '--no-verify']);
    repo.git(['rm', '-q', 'id_rsa']);
    repo.git(['mv', 'old.key', 'notes.txt']);
    const { findings } = await runPolicy(pathsPolicy, repo);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'forbidden', file: 'notes.txt' });
    expect(findings[0]!.message).toContain('renaming it to notes.txt still commits its content');
  });

  it('protected paths need a waiver: changes, deletions and renames out of them', async () => {
    const repo = makeRepo();
    const sql = Array.from({ length: 20 }, (_, i) => `create table t${i} (id int);`).join('\n') + '\n';
    stage(repo, { 'migrations/001.sql': sql, '.github/workflows/ci.yml': 'on: push\n', 'src/a.ts': 'a\n' });
    repo.git(['commit', '-qm', 'base']);
    repo.git(['rm', '-q', '.github/workflows/ci.yml']);
    repo.git(['mv', 'migrations/001.sql', 'old.sql']);
    const { findings } = await runPolicy(pathsPolicy, repo, { protected: ['migrations/**', '.github/workflows/**'] });
    expect(findings.map((f) => [f.file, f.rule, f.waivable, f.data!.status]).sort()).toEqual([
      ['.github/workflows/ci.yml', 'protected', true, 'D'],
      ['old.sql', 'protected', true, 'R'],
    ]);
    expect(findings[0]!.fix).toContain("git restore --staged -- .github/workflows/ci.yml");
  });

  it('protects the harness config when protectHarness is on', async () => {
    const repo = makeRepo();
    stage(repo, { '.harnessrc.json': '{}\n' });
    expect((await runPolicy(pathsPolicy, repo)).findings).toEqual([]);
    const r = await runPolicy(pathsPolicy, repo, { protectHarness: true });
    expect(r.findings.map((f) => f.file)).toEqual(['.harnessrc.json']);
  });

  it('reads exact paths: spaces, unicode, a leading dash and a newline', async () => {
    const repo = makeRepo();
    stage(repo, { 'my keys/prod key.pem': 'k\n', 'schlüssel/ключ.key': 'k\n', '-rf.p12': 'k\n', 'odd\nname.pfx': 'k\n', 'fine.txt': 'ok\n' });
    const { findings } = await runPolicy(pathsPolicy, repo);
    expect(findings.map((f) => f.file).sort()).toEqual(['-rf.p12', 'my keys/prod key.pem', 'odd\nname.pfx', 'schlüssel/ключ.key']);
    const dash = findings.find((f) => f.file === '-rf.p12')!;
    expect(dash.fix).toContain("git rm --cached -- '-rf.p12'");
    expect(findings.find((f) => f.file === 'odd\nname.pfx')!.message).toContain('"odd\\nname.pfx"');
  });

  it('at pre-push, finds a forbidden file added and later removed inside the pushed commits', async () => {
    const repo = makeRepo();
    const base = repo.git(['rev-parse', 'HEAD']).trim();
    stage(repo, { 'config/.env': 'TOKEN=x\n' });
    repo.git(['commit', '-qm', 'add env']);
    const bad = repo.git(['rev-parse', 'HEAD']).trim();
    repo.git(['rm', '-q', 'config/.env']);
    repo.git(['commit', '-qm', 'remove env']);
    const { findings } = await runPolicy(pathsPolicy, repo, {}, { hook: 'pre-push', range: `${base}..HEAD` });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ file: 'config/.env', commit: bad, waivable: false });
    expect(findings[0]!.fix).toContain(`git rebase -i ${bad.slice(0, 12)}^`);
  });
});

describe('paths at pre-push: waivers given at commit time', () => {
  it('a protected change committed with a Harness-Waive trailer is reported as waived, not blocked again', async () => {
    const repo = makeRepo();
    const base = repo.git(['rev-parse', 'HEAD']).trim();
    stage(repo, { 'migrations/001.sql': 'create table a;\n' });
    repo.git(['commit', '-qm', 'feat: table a', '-m', 'Harness-Waive: paths: reviewed by the DBA in #42']);
    const cfg = { protected: ['migrations/**'] };
    const ok = await runPolicy(pathsPolicy, repo, cfg, { hook: 'pre-push', range: `${base}..HEAD` });
    expect(ok.findings).toHaveLength(1);
    expect(ok.findings[0]!.waived).toEqual({ reason: `reviewed by the DBA in #42 (commit ${repo.git(['rev-parse', 'HEAD']).trim().slice(0, 12)})`, via: 'trailer' });

    // A later commit to the same path without a waiver (say, made with --no-verify) blocks.
    stage(repo, { 'migrations/001.sql': 'create table b;\n' });
    repo.git(['commit', '-qm', 'fix: sneaky', '--no-verify']);
    const blocked = await runPolicy(pathsPolicy, repo, cfg, { hook: 'pre-push', range: `${base}..HEAD` });
    expect(blocked.findings[0]!.waived).toBeUndefined();
    // Too short a reason does not count; waivers.allow: false turns trailers off.
    const r2 = makeRepo();
    const b2 = r2.git(['rev-parse', 'HEAD']).trim();
    stage(r2, { 'migrations/002.sql': 'x\n' });
    r2.git(['commit', '-qm', 'x', '-m', 'Harness-Waive: paths: ok']);
    expect((await runPolicy(pathsPolicy, r2, cfg, { hook: 'pre-push', range: `${b2}..HEAD` })).findings[0]!.waived).toBeUndefined();
    const off = await runPolicy(pathsPolicy, repo, cfg, { hook: 'pre-push', range: `${base}..HEAD~1`, fullExtra: { waivers: { allow: false } } });
    expect(off.findings[0]!.waived).toBeUndefined();
    const on = await runPolicy(pathsPolicy, repo, cfg, { hook: 'pre-push', range: `${base}..HEAD~1` });
    expect(on.findings[0]!.waived).toBeDefined();
  });
});

describe('glob syntax', () => {
  const m = (pattern: string, path: string) => compileGlobs([pattern]).matches(path);
  it('supports *, **, ?, classes, braces and escapes, with dotfiles', () => {
    expect(m('/src/*.ts', 'src/a.ts')).toBe(true);
    expect(m('/src/*.ts', 'src/x/a.ts')).toBe(false);
    expect(m('src/**/*.ts', 'src/a.ts')).toBe(true);
    expect(m('src/**/*.ts', 'src/x/y/a.ts')).toBe(true);
    expect(m('src/**', 'src/x/y/a.ts')).toBe(true);
    expect(m('src/**', 'srcx/a.ts')).toBe(false);
    expect(m('**/fixtures/**', 'a/fixtures/b.json')).toBe(true);
    expect(m('file?.txt', 'dir/file1.txt')).toBe(true);
    expect(m('file?.txt', 'file10.txt')).toBe(false);
    expect(m('*.[jt]s', 'a/b.ts')).toBe(true);
    expect(m('*.[!jt]s', 'a/b.ts')).toBe(false);
    expect(m('*.{yml,yaml}', '.github/workflows/ci.yaml')).toBe(true);
    expect(m('*.{yml,yaml}', 'ci.json')).toBe(false);
    expect(m('a+b(1).txt', 'a+b(1).txt')).toBe(true);
    expect(m('a+b(1).txt', 'aab1.txt')).toBe(false);
    expect(m('\\*.txt', '*.txt')).toBe(true);
    expect(m('\\*.txt', 'x.txt')).toBe(false);
    expect(m('*', '.hidden')).toBe(true);
    expect(m('/docs/**/*.md', 'docs/a\nb.md')).toBe(true);
  });
});
