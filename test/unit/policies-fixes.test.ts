/** Fixes in the size and branches policies: split proposals that fit, push hints, plural wording. */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll, makeRepo, type Repo } from '../helpers/repo.js';
import { sizePolicy } from '../../src/policies/size.js';
import { branchesPolicy } from '../../src/policies/branches.js';
import { proposeSplit, type SizedFile, type SplitGroup } from '../../src/policies/lib/size-files.js';
import { parsePushRefs } from '../../src/git/push.js';
import { makeGitRunner } from '../../src/git/exec.js';
import { runPolicy } from '../helpers/policy.js';

afterAll(cleanupAll);

const lines = (k: number, tag = 'l') => Array.from({ length: k }, (_, i) => `${tag}${i}`).join('\n') + '\n';
function stage(repo: Repo, files: Record<string, string>) {
  for (const [p, c] of Object.entries(files)) repo.write(p, c);
  repo.git(['add', '--', ...Object.keys(files)]);
}
type G = { dir: string; files: number; lines: number };
const fitsOrSingle = (groups: G[], maxFiles: number | null, maxLines: number | null) =>
  groups.every((g) => g.files === 1 || ((maxFiles === null || g.files <= maxFiles) && (maxLines === null || g.lines <= maxLines)));

describe('size: the split proposal fits the limit', () => {
  it('splits a top-level directory over the limit into its subdirectories (no manifests)', async () => {
    const repo = makeRepo();
    stage(repo, { 'packages/a/x.ts': lines(60), 'packages/b/y.ts': lines(50), 'docs/intro.md': lines(8) });
    const { findings } = await runPolicy(sizePolicy, repo, { maxLines: 100 });
    const f = findings[0]!;
    expect(f.data!.groups).toEqual([
      { dir: 'packages/a/', files: 1, lines: 60 },
      { dir: 'packages/b/', files: 1, lines: 50 },
      { dir: 'docs/', files: 1, lines: 8 },
    ]);
    expect(f.message).not.toMatch(/packages\/\s+2 files/);
    expect(f.fix).toContain('git restore --staged -- packages/b/ docs/');
  });

  it('groups by package (nearest package.json / go.mod / Cargo.toml / pyproject.toml) before directories', async () => {
    const repo = makeRepo();
    stage(repo, { 'libs/core/package.json': '{}\n', 'libs/svc/go.mod': 'module svc\n', 'libs/rs/Cargo.toml': '[package]\n', 'libs/py/pyproject.toml': '[project]\n' });
    repo.git(['commit', '-qm', 'manifests']);
    stage(repo, {
      'libs/core/src/deep/a.ts': lines(40),
      'libs/core/test/a.test.ts': lines(30),
      'libs/svc/cmd/main.go': lines(50),
      'libs/rs/src/lib.rs': lines(45),
      'libs/py/pkg/mod.py': lines(35),
    });
    const { findings } = await runPolicy(sizePolicy, repo, { maxLines: 100 });
    const groups = findings[0]!.data!.groups as G[];
    expect(groups).toEqual([
      { dir: 'libs/core/', files: 2, lines: 70 },
      { dir: 'libs/svc/', files: 1, lines: 50 },
      { dir: 'libs/rs/', files: 1, lines: 45 },
      { dir: 'libs/py/', files: 1, lines: 35 },
    ]);
  });

  it('goes deeper inside a package until each group fits, and packs files of one directory into parts', () => {
    const files: SizedFile[] = [
      { path: 'app/src/a.ts', lines: 60, binary: false },
      { path: 'app/src/b.ts', lines: 50, binary: false },
      { path: 'app/src/c.ts', lines: 30, binary: false },
      { path: 'app/src/ui/d.ts', lines: 40, binary: false },
      { path: 'app/src/ui/e.ts', lines: 40, binary: false },
      { path: 'app/huge.sql', lines: 500, binary: false },
      { path: 'README.md', lines: 5, binary: false },
    ];
    const groups = proposeSplit(files, ['app/'], { maxFiles: null, maxLines: 100 });
    expect(fitsOrSingle(groups, null, 100)).toBe(true);
    // Every file is in exactly one group.
    expect(groups.flatMap((g) => g.paths).sort()).toEqual(files.map((f) => f.path).sort());
    const byLabel = (g: SplitGroup) => g.label ?? g.dir;
    expect(groups.map(byLabel)).toContain('app/huge.sql'); // a single file over the limit stays alone
    expect(groups.find((g) => g.dir === 'app/src/ui/')).toMatchObject({ files: 2, lines: 80 });
    // Files directly in app/src/ (140 lines) come in parts that name their files.
    const direct = groups.filter((g) => g.dir === 'app/src/');
    expect(direct.length).toBeGreaterThan(1);
    for (const g of direct) expect(g.partial).toBe(true);
  });

  it('respects maxFiles too', () => {
    const files: SizedFile[] = Array.from({ length: 7 }, (_, i) => ({ path: `src/f${i}.ts`, lines: 1, binary: false }));
    const groups = proposeSplit(files, [], { maxFiles: 3, maxLines: null });
    expect(groups.map((g) => g.files)).toEqual([3, 3, 1]);
  });

  it('a directory group next to deeper groups names its files, so `git restore` does not take the subgroups too', async () => {
    const repo = makeRepo();
    stage(repo, { 'src/a/x.ts': lines(60), 'src/b/y.ts': lines(50), 'src/z.ts': lines(70) });
    const { findings } = await runPolicy(sizePolicy, repo, { maxLines: 100 });
    const f = findings[0]!;
    expect(f.fix).toContain('src/a/');
    expect(f.fix).not.toMatch(/ src\/ /);
    expect(f.message).toContain('src/z.ts');
  });
});

describe('plural wording', () => {
  it('says "1 file" and "1 line", not "1 files"', async () => {
    const repo = makeRepo();
    stage(repo, { 'a.txt': lines(1), 'b.txt': lines(1) });
    const files = await runPolicy(sizePolicy, repo, { maxFiles: 1 });
    expect(files.findings[0]!.message).toContain('(limit: 1 file)');
    expect(files.findings[0]!.message).not.toMatch(/\b1 (files|lines)\b/);
    const ls = await runPolicy(sizePolicy, repo, { maxLines: 1 });
    expect(ls.findings[0]!.message).toContain('(limit: 1 line)');
    expect(ls.findings[0]!.message).not.toMatch(/\b1 (files|lines)\b/);
  });

  it('the size summary and the secrets summary use singular forms', async () => {
    const { parseConfig } = await import('../helpers/policy.js');
    const { secretsPolicy } = await import('../../src/policies/secrets.js');
    expect(sizePolicy.summarize!(await parseConfig(sizePolicy, { maxFiles: 1, maxLines: 1 }) as never)).not.toMatch(/\b1 (files|lines)\b/);
    expect(secretsPolicy.summarize!(await parseConfig(secretsPolicy, { disabledRules: ['jwt'] }) as never)).toContain('(1 rule off)');
  });
});

describe('branches: push hint for HEAD:main', () => {
  async function pushHint(repo: Repo, localRef: string) {
    const sha = repo.git(['rev-parse', 'HEAD']).trim();
    const remoteSha = repo.git(['rev-parse', 'HEAD~1']).trim();
    const refs = await parsePushRefs(`${localRef} ${sha} refs/heads/main ${remoteSha}\n`, makeGitRunner(repo.dir, repo.env));
    const { findings } = await runPolicy(branchesPolicy, repo, {}, { hook: 'pre-push', range: 'HEAD~1..HEAD', push: { refs } });
    expect(findings.map((f) => f.rule)).toEqual(['push']);
    return findings[0]!.fix!;
  }

  it('uses the current branch, not a branch called "head"', async () => {
    const repo = makeRepo();
    repo.git(['switch', '-qc', 'feature/login']);
    stage(repo, { 'a.txt': 'a\n' });
    repo.git(['commit', '-qm', 'a']);
    const fix = await pushHint(repo, 'HEAD');
    expect(fix).toContain('git push -u origin HEAD:refs/heads/feature/login');
    expect(fix).not.toMatch(/refs\/heads\/head\b/);
  });

  it('on main (or detached), proposes a new branch name', async () => {
    const repo = makeRepo();
    stage(repo, { 'a.txt': 'a\n' });
    repo.git(['commit', '-qm', 'a', '--no-verify']);
    const fix = await pushHint(repo, 'HEAD');
    expect(fix).toMatch(/git push -u origin HEAD:refs\/heads\/change\/\d{4}-\d{2}-\d{2}/);
    repo.git(['switch', '-q', '--detach', 'HEAD']);
    expect(await pushHint(repo, 'HEAD')).toMatch(/HEAD:refs\/heads\/change\/\d{4}-\d{2}-\d{2}/);
  });

  it('pushing another local branch to main suggests that branch', async () => {
    const repo = makeRepo();
    repo.git(['switch', '-qc', 'topic']);
    stage(repo, { 'a.txt': 'a\n' });
    repo.git(['commit', '-qm', 'a']);
    repo.git(['switch', '-q', 'main']);
    const refs = await parsePushRefs(`refs/heads/topic ${repo.git(['rev-parse', 'topic']).trim()} refs/heads/main ${repo.git(['rev-parse', 'main']).trim()}\n`, makeGitRunner(repo.dir, repo.env));
    const { findings } = await runPolicy(branchesPolicy, repo, {}, { hook: 'pre-push', range: 'main..topic', push: { refs } });
    expect(findings[0]!.fix).toContain('git push -u origin topic:refs/heads/topic');
  });
});
