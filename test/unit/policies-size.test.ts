import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll, makeRepo, type Repo } from '../helpers/repo.js';
import { sizePolicy, effectiveLimits } from '../../src/policies/size.js';
import { parseNumstatZ, proposeSplit, packageRoots } from '../../src/policies/lib/size-files.js';
import { parsePushRefs } from '../../src/git/push.js';
import { makeGitRunner } from '../../src/git/exec.js';
import { parseConfig, runPolicy } from '../helpers/policy.js';

afterAll(cleanupAll);

const lines = (k: number, tag = 'l') => Array.from({ length: k }, (_, i) => `${tag}${i}`).join('\n') + '\n';
function stage(repo: Repo, files: Record<string, string>) {
  for (const [p, c] of Object.entries(files)) repo.write(p, c);
  repo.git(['add', '--', ...Object.keys(files)]);
}

describe('size: per commit', () => {
  it('passes under the limit and blocks over it with a split proposal by directory', async () => {
    const repo = makeRepo();
    stage(repo, { 'src/a.ts': lines(40), 'src/b.ts': lines(30), 'docs/guide.md': lines(20), 'top.txt': lines(5) });
    expect((await runPolicy(sizePolicy, repo, { maxLines: 95 })).findings).toEqual([]);
    const { findings } = await runPolicy(sizePolicy, repo, { maxLines: 90 });
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f).toMatchObject({ policy: 'size', rule: 'commit', waivable: true });
    expect(f.message).toContain('4 files and 95 lines (limit: 90 lines)');
    expect(f.data!.groups).toEqual([
      { dir: 'src/', files: 2, lines: 70 },
      { dir: 'docs/', files: 1, lines: 20 },
      { dir: '', files: 1, lines: 5 },
    ]);
    expect(f.fix).toContain('git restore --staged -- docs/ top.txt');
  });

  it('counts the staged version only, not unstaged edits in the working tree', async () => {
    const repo = makeRepo();
    stage(repo, { 'a.txt': lines(10) });
    repo.write('a.txt', lines(500, 'unstaged'));
    expect((await runPolicy(sizePolicy, repo, { maxLines: 20 })).findings).toEqual([]);
  });

  it('does not count lockfiles, snapshots, dist, or files .gitattributes (staged) marks generated or -diff', async () => {
    const repo = makeRepo();
    stage(repo, {
      'package-lock.json': lines(900),
      'web/__snapshots__/app.test.ts.snap': lines(300),
      'dist/index.js': lines(300),
      'api/schema.gen.ts': lines(400),
      'data/blob.csv': lines(400),
      '.gitattributes': '*.gen.ts linguist-generated\n*.csv -diff\n',
      'src/real.ts': lines(20),
    });
    const { findings } = await runPolicy(sizePolicy, repo, { maxLines: 30, maxFiles: 3 });
    expect(findings).toEqual([]);
    // The excluded files count again when the exclusions are turned off.
    const strict = await runPolicy(sizePolicy, repo, { maxLines: 30, exclude: [], gitattributes: false });
    // (-diff makes git treat data/blob.csv as binary: it counts as a file with no lines.)
    expect(strict.findings[0]!.data).toMatchObject({ files: 7, lines: 900 + 300 + 300 + 400 + 2 + 20 });
  });

  it('applies agent limits to agents only', async () => {
    const repo = makeRepo();
    stage(repo, { 'a.txt': lines(60) });
    const cfg = { maxLines: 100, agents: { maxLines: 50 } };
    expect((await runPolicy(sizePolicy, repo, cfg)).findings).toEqual([]);
    const r = await runPolicy(sizePolicy, repo, cfg, { env: { GEMINI_CLI: '1' } });
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]!.message).toContain('too large for an agent commit');
    expect(effectiveLimits(await parseConfig(sizePolicy, { maxFiles: 9, agents: { maxFiles: null } }), true).commit.maxFiles).toBeNull();
  });

  it('groups by package (nearest manifest) in a monorepo', async () => {
    const repo = makeRepo();
    stage(repo, { 'packages/api/package.json': '{}\n', 'packages/web/package.json': '{}\n' });
    repo.git(['commit', '-qm', 'pkgs']);
    stage(repo, { 'packages/api/src/a.ts': lines(50), 'packages/api/test/a.test.ts': lines(10), 'packages/web/src/b.ts': lines(30) });
    const { findings } = await runPolicy(sizePolicy, repo, { maxFiles: 2 });
    expect(findings[0]!.data!.groups).toEqual([
      { dir: 'packages/api/', files: 2, lines: 60 },
      { dir: 'packages/web/', files: 1, lines: 30 },
    ]);
  });
});

describe('size: helpers', () => {
  it('parses numstat -z with renames, binaries and odd names', () => {
    const text = '3\t1\tsrc/a.ts\0-\t-\timg.png\0' + '0\t0\t\0old name.txt\0new\nname.txt\0';
    expect(parseNumstatZ(text)).toEqual([
      { path: 'src/a.ts', lines: 4, binary: false },
      { path: 'img.png', lines: 0, binary: true },
      { path: 'new\nname.txt', oldPath: 'old name.txt', lines: 0, binary: false },
    ]);
  });

  it('splits one level deeper when everything is in one directory', () => {
    const g = proposeSplit([
      { path: 'src/a/x.ts', lines: 10, binary: false },
      { path: 'src/b/y.ts', lines: 20, binary: false },
      { path: 'src/z.ts', lines: 1, binary: false },
    ]);
    expect(g.map((x) => [x.dir, x.lines])).toEqual([
      ['src/b/', 20],
      ['src/a/', 10],
      ['src/', 1],
    ]);
    expect(packageRoots(['package.json', 'a/package.json', 'a/b/go.mod', 'x.txt'])).toEqual(['a/b/', 'a/']);
  });
});

describe('size: per branch at pre-push', () => {
  function branchRepo() {
    const remote = makeRepo({ bare: true });
    const repo = makeRepo();
    repo.git(['remote', 'add', 'origin', remote.dir]);
    repo.git(['push', '-q', 'origin', 'main']);
    repo.git(['remote', 'set-head', 'origin', 'main']);
    repo.git(['switch', '-q', '-c', 'feature']);
    for (let i = 0; i < 12; i++) {
      stage(repo, { [`src/m${i % 3}/f${i}.ts`]: lines(25, `c${i}`) });
      repo.git(['commit', '-qm', `c${i}`]);
    }
    // main moves on after the branch point: its changes are not part of the PR.
    repo.git(['switch', '-q', 'main']);
    stage(repo, { 'other.txt': lines(1000) });
    repo.git(['commit', '-qm', 'main moves']);
    repo.git(['push', '-q', 'origin', 'main']);
    repo.git(['switch', '-q', 'feature']);
    return repo;
  }

  it('measures the branch from its merge base with origin/HEAD and proposes a split', async () => {
    const repo = branchRepo();
    const tip = repo.git(['rev-parse', 'HEAD']).trim();
    const refs = await parsePushRefs(`refs/heads/feature ${tip} refs/heads/feature ${'0'.repeat(40)}\n`, makeGitRunner(repo.dir, repo.env));
    const push = { refs };
    expect((await runPolicy(sizePolicy, repo, { branch: { maxLines: 300 } }, { hook: 'pre-push', range: 'origin/main..HEAD', push })).findings).toEqual([]);
    const { findings } = await runPolicy(sizePolicy, repo, { branch: { maxLines: 299 } }, { hook: 'pre-push', range: 'origin/main..HEAD', push });
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f).toMatchObject({ rule: 'branch', commit: tip, waivable: true });
    expect(f.message).toContain('12 files and 300 lines');
    expect(f.message).toContain('against origin/main');
    expect((f.data!.groups as Array<{ dir: string }>).map((g) => g.dir).sort()).toEqual(['src/m0/', 'src/m1/', 'src/m2/']);
    expect(f.fix).toMatch(/git switch -c feature-part-1 [0-9a-f]{40} && git checkout [0-9a-f]{12} -- src\/m\d\//);
  });

  it('ignores deletions, tags, and pushes of the base branch itself', async () => {
    const repo = branchRepo();
    const tip = repo.git(['rev-parse', 'HEAD']).trim();
    const Z = '0'.repeat(40);
    const refs = await parsePushRefs(
      [`(delete) ${Z} refs/heads/feature ${tip}`, `refs/tags/v1 ${tip} refs/tags/v1 ${Z}`, `refs/heads/feature ${tip} refs/heads/main ${Z}`].join('\n'),
      makeGitRunner(repo.dir, repo.env),
    );
    expect((await runPolicy(sizePolicy, repo, { branch: { maxLines: 1 } }, { hook: 'pre-push', range: 'origin/main..HEAD', push: { refs } })).findings).toEqual([]);
  });
});
