/**
 * The ChangeSet reader against real git: exact paths (spaces, unicode, quotes, leading dash,
 * newlines), statuses, renames, binary files, line numbers of added lines from the index (not the
 * working file), no HEAD yet, GIT_INDEX_FILE, ranges.
 */
import { writeFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRepoInfo } from '../../src/git/repo.js';
import { rangeChangeSet, stagedChangeSet, filesChangeSet } from '../../src/git/changeset.js';
import { parsePushRefs } from '../../src/git/push.js';
import { cleanupAll, makeRepo, tempDir, type Repo } from '../helpers/repo.js';

afterAll(cleanupAll);

async function staged(repo: Repo, env: NodeJS.ProcessEnv = repo.env) {
  const info = await readRepoInfo(repo.dir, env);
  return stagedChangeSet(info, { env });
}

describe('staged ChangeSet', () => {
  it('reads unusual paths byte-exact', async () => {
    const repo = makeRepo();
    const names = ['with space.txt', 'ünïcødé-日本.md', 'quote"d.txt', '-leading-dash.txt', 'new\nline.txt', 'tab\there.txt', 'back\\slash.txt'];
    names.forEach((n, i) => repo.write(n, `content ${i}\n`));
    repo.git(['add', '--', ...names]);
    const cs = await staged(repo);
    expect(cs.files.map((f) => f.path).sort()).toEqual([...names].sort());
    for (const f of cs.files) {
      expect(f.status).toBe('A');
      expect(f.addedLines).toEqual([{ line: 1, text: `content ${names.indexOf(f.path)}` }]);
    }
  });

  it('uses the staged content of a partially staged file, with new-file line numbers', async () => {
    const repo = makeRepo();
    repo.write('app.ts', 'one\ntwo\nthree\nfour\nfive\n');
    repo.git(['add', 'app.ts']);
    repo.git(['commit', '-q', '-m', 'app']);
    repo.write('app.ts', 'one\ntwo\nSTAGED\nthree\nfour\nfive\n');
    repo.git(['add', 'app.ts']);
    repo.write('app.ts', 'UNSTAGED\none\ntwo\nSTAGED\nthree\nfour\nfive\n');
    const cs = await staged(repo);
    expect(cs.files).toHaveLength(1);
    expect(cs.files[0]!.addedLines).toEqual([{ line: 3, text: 'STAGED' }]);
    expect((await cs.readFile('app.ts'))!.toString()).toBe('one\ntwo\nSTAGED\nthree\nfour\nfive\n');
  });

  it('reports renames with the old path, deletions with no added lines, and modes', async () => {
    const repo = makeRepo();
    repo.write('old/name.ts', 'a\nb\nc\nd\ne\nf\ng\nh\n');
    repo.write('gone.txt', 'bye\n');
    repo.write('script.sh', 'echo hi\n');
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '-m', 'base']);
    mkdirSync(join(repo.dir, 'new'));
    repo.git(['mv', 'old/name.ts', 'new/name.ts']);
    repo.write('new/name.ts', 'a\nb\nc\nd\ne\nf\ng\nh\ni\n');
    repo.git(['add', 'new/name.ts']);
    repo.git(['rm', '-q', 'gone.txt']);
    repo.git(['update-index', '--chmod=+x', 'script.sh']);
    const cs = await staged(repo);
    const byPath = Object.fromEntries(cs.files.map((f) => [f.path, f]));
    expect(byPath['new/name.ts']).toMatchObject({ status: 'R', oldPath: 'old/name.ts', added: 1, deleted: 0 });
    expect(byPath['new/name.ts']!.addedLines).toEqual([{ line: 9, text: 'i' }]);
    expect(byPath['gone.txt']).toMatchObject({ status: 'D', added: 0, deleted: 1, addedLines: [] });
    expect(byPath['gone.txt']!.removedLines).toEqual([{ line: 1, text: 'bye' }]);
    expect(byPath['script.sh']).toMatchObject({ status: 'M', mode: '100755', added: 0 });
  });

  it('marks binary files, including ones marked binary in .gitattributes, and reads no lines from them', async () => {
    const repo = makeRepo();
    repo.write('.gitattributes', '*.dat binary\n');
    repo.write('img.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3]));
    repo.write('data.dat', 'looks like text\n');
    repo.write('text.txt', 'plain\n');
    repo.git(['add', '.']);
    const cs = await staged(repo);
    const byPath = Object.fromEntries(cs.files.map((f) => [f.path, f]));
    expect(byPath['img.png']).toMatchObject({ binary: true, addedLines: [] });
    expect(byPath['data.dat']).toMatchObject({ binary: true, addedLines: [] });
    expect(byPath['text.txt']).toMatchObject({ binary: false, added: 1 });
  });

  it('handles a typechange (file -> symlink) and keeps later entries aligned', async () => {
    const repo = makeRepo();
    repo.write('a-link', 'was a file\n');
    repo.write('z.txt', 'z\n');
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '-m', 'base']);
    const { rmSync } = await import('node:fs');
    rmSync(join(repo.dir, 'a-link'));
    symlinkSync('z.txt', join(repo.dir, 'a-link'));
    repo.write('z.txt', 'z\nmore\n');
    repo.git(['add', '.']);
    const cs = await staged(repo);
    const byPath = Object.fromEntries(cs.files.map((f) => [f.path, f]));
    expect(byPath['a-link']).toMatchObject({ status: 'T', mode: '120000' });
    expect(byPath['z.txt']!.addedLines).toEqual([{ line: 2, text: 'more' }]);
  });

  it('works before the first commit', async () => {
    const repo = makeRepo({ commit: false });
    repo.write('first.txt', 'hello\nworld\n');
    repo.git(['add', 'first.txt']);
    const info = await readRepoInfo(repo.dir, repo.env);
    expect(info.head).toBeUndefined();
    expect(info.branch).toBe('main');
    const cs = await stagedChangeSet(info, { env: repo.env });
    expect(cs.files).toEqual([expect.objectContaining({ path: 'first.txt', status: 'A', added: 2 })]);
  });

  it('reads the index named by GIT_INDEX_FILE (as `git commit -a` and `git commit <path>` set it)', async () => {
    const repo = makeRepo();
    repo.write('README.md', '# changed in a temporary index\n');
    const tmpIndex = join(tempDir('hh-idx-'), 'index');
    const env = { ...repo.env, GIT_INDEX_FILE: tmpIndex };
    repo.git(['read-tree', 'HEAD'], { env });
    repo.git(['add', 'README.md'], { env });
    expect((await staged(repo)).files).toEqual([]); // the real index has nothing staged
    const cs = await staged(repo, env);
    expect(cs.files.map((f) => f.path)).toEqual(['README.md']);
    expect(cs.files[0]!.addedLines[0]!.text).toBe('# changed in a temporary index');
  });

  it('keeps CRLF line endings visible and ignores the user diff settings', async () => {
    const repo = makeRepo();
    repo.git(['config', 'diff.noprefix', 'true']);
    repo.git(['config', 'diff.mnemonicPrefix', 'true']);
    repo.git(['config', 'color.diff', 'always']);
    repo.git(['config', 'core.quotepath', 'true']);
    repo.write('win.txt', 'a\r\nb\r\n');
    repo.write('é.txt', 'x\n');
    repo.git(['add', '.']);
    const cs = await staged(repo);
    const win = cs.files.find((f) => f.path === 'win.txt')!;
    expect(win.addedLines).toEqual([
      { line: 1, text: 'a\r' },
      { line: 2, text: 'b\r' },
    ]);
    expect(cs.files.map((f) => f.path)).toContain('é.txt');
  });
});

describe('repo facts', () => {
  it('knows a linked worktree, its main root, detached HEAD and a rebase in progress', async () => {
    const repo = makeRepo();
    const wt = join(tempDir('hh-wt-'), 'linked');
    repo.git(['worktree', 'add', '-q', wt, '-b', 'side']);
    const info = await readRepoInfo(wt, repo.env);
    expect(info).toMatchObject({ root: wt, mainRoot: repo.dir, isLinkedWorktree: true, branch: 'side', detached: false });
    repo.git(['checkout', '-q', '--detach']);
    expect(await readRepoInfo(repo.dir, repo.env)).toMatchObject({ detached: true, branch: undefined, isLinkedWorktree: false });
    repo.git(['checkout', '-q', 'main']);
    // An interactive rebase stopped at an edit: HEAD is detached, the branch is still known.
    repo.write('b.txt', 'b\n');
    repo.git(['add', 'b.txt']);
    repo.git(['commit', '-q', '-m', 'b']);
    repo.git(['rebase', '-q', '-i', 'HEAD~1'], { env: { GIT_SEQUENCE_EDITOR: "sed -i -e 's/^pick/edit/'" } });
    expect(await readRepoInfo(repo.dir, repo.env)).toMatchObject({ inProgress: 'rebase', branch: 'main', detached: true });
    repo.git(['rebase', '--abort']);
  });
});

describe('repository located from files agrees with git', () => {
  it('for the main checkout, a subdirectory, a linked worktree and --separate-git-dir; git answers for a submodule', async () => {
    const { locateRepoFromFiles } = await import('../../src/git/repo.js');
    const viaGit = (repo: Repo, cwd: string) => {
      const [gitDir, common, top] = repo
        .git(['rev-parse', '--absolute-git-dir', '--path-format=absolute', '--git-common-dir', '--show-toplevel'], { cwd })
        .trim()
        .split('\n');
      return { root: top, gitDir, commonDir: common };
    };
    const repo = makeRepo();
    mkdirSync(join(repo.dir, 'a', 'b'), { recursive: true });
    const wt = join(tempDir('hh-wt-'), 'linked');
    repo.git(['worktree', 'add', '-q', wt, '-b', 'w']);
    mkdirSync(join(wt, 'sub'));
    const sep = tempDir('hh-sep-');
    const sepRepo = join(sep, 'work');
    repo.git(['init', '-q', '--separate-git-dir', join(sep, 'store.git'), sepRepo]);
    repo.git(['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', repo.dir, 'mod']);
    for (const cwd of [repo.dir, join(repo.dir, 'a', 'b'), wt, join(wt, 'sub'), sepRepo]) {
      expect(locateRepoFromFiles(cwd, repo.env), cwd).toEqual(viaGit(repo, cwd));
    }
    // A submodule's config sets core.worktree: git answers, and readRepoInfo still agrees.
    expect(locateRepoFromFiles(join(repo.dir, 'mod'), repo.env)).toBeUndefined();
    expect((await readRepoInfo(join(repo.dir, 'mod'), repo.env)).root).toBe(viaGit(repo, join(repo.dir, 'mod')).root);
    // Where git's answer could differ, it steps aside.
    expect(locateRepoFromFiles(repo.dir, { ...repo.env, GIT_DIR: join(repo.dir, '.git') })).toBeUndefined();
    repo.git(['config', 'core.worktree', repo.dir]);
    expect(locateRepoFromFiles(repo.dir, repo.env)).toBeUndefined();
    expect(locateRepoFromFiles(tempDir('hh-none-'), repo.env)).toBeUndefined();
  });
});

describe('HEAD read from files agrees with git', () => {
  it('for loose refs, packed refs, detached HEAD, an unborn branch and a linked worktree', async () => {
    const { readHeadFromFiles } = await import('../../src/git/repo.js');
    const check = (repo: Repo, cwd = repo.dir) => {
      const gitDir = repo.git(['rev-parse', '--absolute-git-dir'], { cwd }).trim();
      const common = repo.git(['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd }).trim();
      const sym = repo.tryGit(['symbolic-ref', '-q', 'HEAD'], { cwd });
      const head = repo.tryGit(['rev-parse', '-q', '--verify', 'HEAD'], { cwd });
      expect(readHeadFromFiles(gitDir, common)).toEqual({
        ...(sym.status === 0 ? { ref: sym.stdout.trim() } : {}),
        ...(head.status === 0 ? { head: head.stdout.trim() } : {}),
      });
    };
    const repo = makeRepo();
    check(repo); // loose ref
    repo.git(['pack-refs', '--all']);
    check(repo); // packed
    repo.git(['checkout', '-q', '--detach']);
    check(repo); // detached
    repo.git(['checkout', '-q', '--orphan', 'fresh']);
    check(repo); // unborn
    repo.git(['checkout', '-q', '-f', 'main']);
    const wt = join(tempDir('hh-wt-'), 'w');
    repo.git(['worktree', 'add', '-q', wt, '-b', 'wt-branch']);
    check(repo, wt);
    check(makeRepo({ commit: false })); // no commits at all
  });
});

describe('range ChangeSet and push refs', () => {
  it('lists commits oldest first, the net diff from the merge base, and each commit\'s own files', async () => {
    const repo = makeRepo();
    repo.git(['checkout', '-q', '-b', 'feature']);
    repo.write('a.ts', 'a\n');
    repo.git(['add', 'a.ts']);
    repo.git(['commit', '-q', '-m', 'feat: a']);
    repo.write('b.ts', 'b\nbb\n');
    repo.git(['add', 'b.ts']);
    repo.git(['commit', '-q', '-m', 'feat: b\n\nbody line']);
    const info = await readRepoInfo(repo.dir, repo.env);
    const cs = await rangeChangeSet(info, 'main..feature', { env: repo.env });
    expect(cs.commits!.map((c) => c.message.split('\n')[0])).toEqual(['feat: a', 'feat: b']);
    expect(cs.files.map((f) => f.path)).toEqual(['a.ts', 'b.ts']);
    const own = await cs.commitFiles(cs.commits![1]!.sha);
    expect(own).toEqual([expect.objectContaining({ path: 'b.ts', added: 2 })]);
    expect((await cs.readFile('b.ts'))!.toString()).toBe('b\nbb\n');
  });

  it('fails closed on an unresolvable range', async () => {
    const repo = makeRepo();
    const info = await readRepoInfo(repo.dir, repo.env);
    await expect(rangeChangeSet(info, 'nope..HEAD', { env: repo.env })).rejects.toThrow(/cannot resolve "nope"/);
    await expect(rangeChangeSet(info, 'HEAD', { env: repo.env })).rejects.toThrow(/not a range/);
  });

  it('parses pre-push refs: new branch, delete, tag, fast-forward and force', async () => {
    const repo = makeRepo();
    const base = repo.git(['rev-parse', 'HEAD']).trim();
    repo.write('x', 'x\n');
    repo.git(['add', 'x']);
    repo.git(['commit', '-q', '-m', 'x']);
    const next = repo.git(['rev-parse', 'HEAD']).trim();
    repo.git(['checkout', '-q', '-b', 'other', base]);
    repo.write('y', 'y\n');
    repo.git(['add', 'y']);
    repo.git(['commit', '-q', '-m', 'y']);
    const diverged = repo.git(['rev-parse', 'HEAD']).trim();
    const zero = '0'.repeat(40);
    const stdin = [
      `refs/heads/new ${next} refs/heads/new ${zero}`,
      `(delete) ${zero} refs/heads/old ${base}`,
      `refs/tags/v1 ${next} refs/tags/v1 ${zero}`,
      `refs/heads/main ${next} refs/heads/main ${base}`,
      `refs/heads/main ${diverged} refs/heads/main ${next}`,
      `refs/heads/main ${next} refs/heads/main ${'a'.repeat(40)}`,
      '',
    ].join('\n');
    const info = await readRepoInfo(repo.dir, repo.env);
    const refs = await parsePushRefs(stdin, info, repo.env);
    expect(refs.map((r) => [r.isNew, r.isDelete, r.isTag, r.isForce])).toEqual([
      [true, false, false, false],
      [false, true, false, false],
      [true, false, true, false],
      [false, false, false, false],
      [false, false, false, true],
      [false, false, false, 'unknown'],
    ]);
  });
});

describe('files ChangeSet', () => {
  it('treats every line as added, skips directories and missing files, flags binaries', async () => {
    const repo = makeRepo();
    mkdirSync(join(repo.dir, 'dir'));
    writeFileSync(join(repo.dir, 'bin.dat'), Buffer.from([1, 0, 2]));
    const info = await readRepoInfo(repo.dir, repo.env);
    const cs = await filesChangeSet(info, ['README.md', 'dir', 'missing.txt', 'bin.dat']);
    expect(cs.files.map((f) => [f.path, f.binary, f.added])).toEqual([
      ['README.md', false, 1],
      ['bin.dat', true, 0],
    ]);
  });
});
