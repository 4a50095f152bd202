/**
 * The built-in policies through real git and the installed hooks: every policy sees the staged
 * content (not the working file) in every shape a commit takes, and a hook run never changes the
 * working tree, the index, untracked files or the stash: pass, fail, or interrupted.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupAll, makeRepo, snapshot, type Repo } from '../helpers/repo.js';

afterAll(cleanupAll);

const CONFIG = {
  policies: {
    branches: { enabled: true },
    paths: { enabled: true, protected: ['migrations/**'] },
    size: { enabled: true, maxLines: 400 },
    tests: { enabled: true, requireTests: false },
  },
};

/** A repo with the harness config committed and the hooks installed by `harness-hooks init`. */
function setup(opts: { commit?: boolean; config?: object } = {}): Repo {
  const repo = makeRepo({ commit: opts.commit ?? true });
  repo.write('.harnessrc.json', JSON.stringify(opts.config ?? CONFIG, null, 2) + '\n');
  if (opts.commit !== false) {
    repo.git(['add', '.harnessrc.json']);
    repo.git(['commit', '-qm', 'harness config']);
    repo.git(['switch', '-qc', 'feature']);
  }
  const r = repo.cli(['init', '--hooks-only']);
  if (r.status !== 0) throw new Error(`init failed: ${r.output}`);
  return repo;
}

/**
 * Snapshot after letting git refresh the index's stat data and cache tree, which `git commit` itself
 * does before it runs the hooks: what is left to compare is what the hook did.
 */
function settled(repo: Repo): string {
  repo.git(['update-index', '-q', '--refresh'], {});
  repo.tryGit(['write-tree']);
  return snapshot(repo);
}

function commit(repo: Repo, args: string[], env: NodeJS.ProcessEnv = {}) {
  return repo.tryGit(['commit', ...args], { env });
}

const focused = 'describe("x", () => {\n  it.only("a", () => {});\n});\n';
const clean = 'describe("x", () => {\n  it("a", () => {});\n});\n';

beforeAll(() => {
  // The e2e tests run the built CLI: make sure dist/ exists (global setup builds it when missing).
  expect(existsSync(join(__dirname, '..', '..', 'dist', 'cli', 'main.js'))).toBe(true);
});

describe('policies see the staged content', () => {
  it('partially staged file: the staged focus marker blocks, an unstaged one does not', () => {
    const repo = setup();
    repo.write('test/a.test.ts', clean);
    repo.git(['add', 'test/a.test.ts']);
    repo.git(['commit', '-qm', 'base']);
    // Staged: focused. Working tree: clean again.
    repo.write('test/a.test.ts', focused);
    repo.git(['add', 'test/a.test.ts']);
    repo.write('test/a.test.ts', clean + '// more\n');
    const before = settled(repo);
    const r = commit(repo, ['-m', 'staged focus']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('tests/focus test/a.test.ts:2');
    expect(snapshot(repo)).toBe(before);

    // Staged: clean. Working tree: focused. Passes, and the unstaged hunk stays unstaged.
    repo.write('test/a.test.ts', clean + '// staged\n');
    repo.git(['add', 'test/a.test.ts']);
    repo.write('test/a.test.ts', focused);
    const ok = commit(repo, ['-m', 'staged clean']);
    expect(ok.status, ok.stderr).toBe(0);
    expect(repo.read('test/a.test.ts')).toBe(focused);
    expect(repo.git(['diff', '--name-only'])).toBe('test/a.test.ts\n');
  });

  it('renames, deletions and binary files', () => {
    const repo = setup();
    repo.write('config/app.env.example', 'A=\n'.repeat(20));
    repo.write('old.key', Buffer.from([0, 1, 2, 3, 255, 0, 7]));
    repo.git(['add', '.']);
    repo.git(['commit', '-qm', 'base', '--no-verify']);
    // Deleting a forbidden binary file is fine.
    repo.git(['rm', '-q', 'old.key']);
    expect(commit(repo, ['-m', 'remove key']).status).toBe(0);
    // Renaming a file to a forbidden name is caught under its new name.
    repo.git(['mv', 'config/app.env.example', 'config/.env']);
    const before = settled(repo);
    const r = commit(repo, ['-m', 'rename']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('paths/forbidden config/.env');
    expect(snapshot(repo)).toBe(before);
    repo.git(['reset', '-q', '--hard']);
    // A binary keystore added is caught; its bytes are not counted as lines.
    repo.write('keys/store.p12', Buffer.alloc(5000, 0));
    repo.git(['add', 'keys/store.p12']);
    const bin = commit(repo, ['-m', 'binary']);
    expect(bin.stderr).toContain('paths/forbidden keys/store.p12');
    expect(bin.stderr).not.toContain('size/commit');
  });

  it('paths with spaces, unicode, a leading dash and a newline', () => {
    const repo = setup();
    const names = ['my dir/prod key.pem', 'Schlüssel/ключ.key', '-rf.p12', 'odd\nname.pfx'];
    for (const n of names) repo.write(n, 'secret\n');
    repo.git(['add', '--', ...names]);
    const r = commit(repo, ['-m', 'odd names']);
    expect(r.status).toBe(1);
    for (const shown of ['my dir/prod key.pem', 'Schlüssel/ключ.key', '-rf.p12', '"odd\\nname.pfx"']) expect(r.stderr).toContain(shown);
    expect(r.stderr).toContain("git rm --cached -- '-rf.p12'");
  });

  it('a repo with no commits yet: the first commit is checked, and allowed on main when clean', () => {
    const repo = setup({ commit: false });
    repo.write('.env', 'TOKEN=1\n');
    repo.git(['add', '.harnessrc.json', '.env']);
    const r = commit(repo, ['-m', 'first']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('paths/forbidden .env');
    expect(r.stderr).not.toContain('branches/commit');
    repo.git(['rm', '-q', '--cached', '.env']);
    const ok = commit(repo, ['-m', 'first']);
    expect(ok.status, ok.stderr).toBe(0);
  });

  it('git commit -a and git commit <pathspec> (GIT_INDEX_FILE is a lock file) check what is committed', () => {
    const repo = setup();
    repo.write('test/a.test.ts', clean);
    repo.write('test/b.test.ts', clean);
    repo.git(['add', '.']);
    repo.git(['commit', '-qm', 'base']);
    repo.write('test/a.test.ts', focused); // not staged
    // Plain commit of something else: a.test.ts is not part of it.
    repo.write('notes.md', 'n\n');
    repo.git(['add', 'notes.md']);
    expect(commit(repo, ['-m', 'notes']).status).toBe(0);
    // commit -a takes the working file.
    const before = settled(repo);
    const all = commit(repo, ['-a', '-m', 'all']);
    expect(all.status).toBe(1);
    expect(all.stderr).toContain('tests/focus test/a.test.ts:2');
    expect(snapshot(repo)).toBe(before);
    // commit <pathspec>: only the named path is checked.
    repo.write('test/b.test.ts', clean + '// b\n');
    expect(commit(repo, ['-m', 'only b', '--', 'test/b.test.ts']).status).toBe(0);
    const onlyA = commit(repo, ['-m', 'only a', '--', 'test/a.test.ts']);
    expect(onlyA.status).toBe(1);
    expect(onlyA.stderr).toContain('tests/focus test/a.test.ts:2');
  });

  it('detached HEAD is not a protected branch; main is', () => {
    const repo = setup();
    repo.git(['switch', '-q', '--detach']);
    repo.write('x.txt', 'x\n');
    repo.git(['add', 'x.txt']);
    expect(commit(repo, ['-m', 'detached']).status).toBe(0);
    repo.git(['switch', '-q', 'main']);
    repo.write('y.txt', 'y\n');
    repo.git(['add', 'y.txt']);
    const r = commit(repo, ['-m', 'on main']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('branches/commit');
  });

  it('a merge commit on main is blocked and MERGE_HEAD / MERGE_MSG survive; a waiver lets it through', () => {
    const repo = setup();
    repo.write('f.txt', 'feature\n');
    repo.git(['add', 'f.txt']);
    repo.git(['commit', '-qm', 'feature work']);
    repo.git(['switch', '-q', 'main']);
    repo.write('m.txt', 'main\n');
    repo.git(['add', 'm.txt']);
    repo.git(['commit', '-qm', 'main work', '--no-verify']);
    const merge = repo.tryGit(['merge', '--no-ff', '--no-commit', 'feature']);
    expect(merge.status).toBe(0);
    const gitDir = join(repo.dir, '.git');
    const mergeHead = readFileSync(join(gitDir, 'MERGE_HEAD'), 'utf8');
    const before = settled(repo);
    const r = commit(repo, ['--no-edit']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('completing a merge');
    expect(readFileSync(join(gitDir, 'MERGE_HEAD'), 'utf8')).toBe(mergeHead);
    expect(existsSync(join(gitDir, 'MERGE_MSG'))).toBe(true);
    expect(snapshot(repo)).toBe(before);
    const waived = commit(repo, ['--no-edit'], { HARNESS_WAIVE: 'branches: release merge approved in #9' });
    expect(waived.status, waived.stderr).toBe(0);
    expect(repo.git(['rev-list', '--parents', '-1', 'HEAD']).trim().split(' ')).toHaveLength(3);
  });

  it('a commit during a rebase of main is judged as a commit to main', () => {
    const repo = setup();
    repo.write('c.txt', 'feature\n');
    repo.git(['add', 'c.txt']);
    repo.git(['commit', '-qm', 'feature']);
    repo.git(['switch', '-q', 'main']);
    repo.write('c.txt', 'main\n');
    repo.git(['add', 'c.txt']);
    repo.git(['commit', '-qm', 'main', '--no-verify']);
    expect(repo.tryGit(['rebase', 'feature']).status).not.toBe(0);
    repo.write('c.txt', 'resolved\n');
    repo.git(['add', 'c.txt']);
    const before = settled(repo);
    const r = commit(repo, ['-m', 'resolved']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('a rebase of main is in progress');
    expect(snapshot(repo)).toBe(before);
    repo.git(['rebase', '--abort']);
  });
});

describe('hook runs leave everything as it was', () => {
  function busyRepo(config: object = CONFIG) {
    const repo = setup({ config });
    repo.write('src/a.ts', 'export const a = 1;\n');
    repo.write('test/a.test.ts', clean);
    repo.git(['add', '.']);
    repo.git(['commit', '-qm', 'base', '--no-verify']);
    repo.write('src/a.ts', 'export const a = 2;\n'); // staged
    repo.git(['add', 'src/a.ts']);
    repo.write('src/a.ts', 'export const a = 3;\n'); // unstaged on top
    repo.write('untracked.txt', 'u\n');
    repo.write('test/a.test.ts', focused); // unstaged focus marker
    repo.git(['stash', 'push', '-q', '--keep-index', '--', 'test/a.test.ts']);
    repo.write('test/a.test.ts', focused);
    return repo;
  }

  it('pass and fail, run directly and through git', () => {
    const repo = busyRepo();
    const before = settled(repo);
    expect(repo.cli(['run', 'pre-commit']).status).toBe(0);
    expect(snapshot(repo)).toBe(before);
    repo.write('migrations/1.sql', 'x\n');
    repo.git(['add', 'migrations/1.sql']);
    const before2 = settled(repo);
    const r = commit(repo, ['-m', 'touch migrations']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('paths/protected migrations/1.sql');
    expect(snapshot(repo)).toBe(before2);
    expect(repo.git(['stash', 'list'])).toContain('stash@{0}');
  });

  it('SIGINT in the middle of a slow test command leaves the tree intact and stops the command', async () => {
    const marker = 'hh-e2e-slow-test';
    const config = { policies: { tests: { enabled: true, requireTests: false, commandHook: 'pre-commit', command: `node -e "require('fs').writeFileSync('.git/${marker}', String(process.pid)); setTimeout(() => {}, 30000)" ${marker}` } } };
    const repo = busyRepo(config);
    const before = settled(repo);
    const child = spawn('git', ['commit', '-m', 'slow'], { cwd: repo.dir, env: repo.env, detached: true, stdio: 'ignore' });
    const pidFile = join(repo.dir, '.git', marker);
    expect(existsSync(pidFile)).toBe(false);
    for (let i = 0; i < 200 && !existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(pidFile)).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    process.kill(-child.pid!, 'SIGINT'); // Ctrl-C: the terminal signals the foreground process group
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).not.toBe(0);
    const testPid = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((r) => setTimeout(r, 300));
    let alive = true;
    try {
      const stat = readFileSync(`/proc/${testPid}/stat`, 'utf8');
      alive = !/\) [ZX] /.test(stat);
    } catch {
      alive = false;
    }
    expect(alive).toBe(false);
    expect(repo.git(['log', '-1', '--format=%s'])).toBe('base\n');
    const { rmSync } = await import('node:fs');
    rmSync(pidFile);
    expect(snapshot(repo)).toBe(before);
  });
});
