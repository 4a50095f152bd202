/** worktree through real git: an agent in the main checkout is blocked, and the printed fix works. */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll, makeRepo } from '../helpers/repo.js';

const extra: string[] = [];
afterAll(() => {
  cleanupAll();
  for (const d of extra) rmSync(d, { recursive: true, force: true }); // the sibling worktree
});

describe('worktree policy, end to end', () => {
  it('blocks an agent in the main checkout; the suggested commands move the staged work to a worktree where the commit passes', () => {
    const repo = makeRepo();
    repo.write('.harnessrc.json', JSON.stringify({ policies: { worktree: { enabled: true } } }) + '\n');
    repo.git(['add', '.harnessrc.json']);
    repo.git(['commit', '-qm', 'config']);
    expect(repo.cli(['init', '--hooks-only']).status).toBe(0);
    repo.write('feature.txt', 'agent work\n');
    repo.git(['add', 'feature.txt']);
    repo.write('mine.txt', 'my own unstaged notes\n');
    const agent = { CLAUDECODE: '1' };

    const r = repo.tryGit(['commit', '-m', 'feat: agent work'], { env: agent });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('worktree/linked');
    const fix = /`(git stash push --staged -m harness-move && git worktree add (\S+) -b (\S+) && cd \S+ && git stash pop)`/.exec(r.stderr);
    expect(fix, r.stderr).not.toBeNull();
    const [, , dir, branch] = fix!;

    // Run the suggested steps (the `cd` becomes cwd).
    repo.git(['stash', 'push', '--staged', '-m', 'harness-move']);
    repo.git(['worktree', 'add', '-q', dir!, '-b', branch!]);
    const wt = resolve(repo.dir, dir!);
    extra.push(wt);
    repo.git(['stash', 'pop', '-q'], { cwd: wt });
    // The person's own file stayed where it was, untouched.
    expect(repo.read('mine.txt')).toBe('my own unstaged notes\n');

    const ok = repo.tryGit(['commit', '-m', 'feat: agent work'], { cwd: wt, env: agent });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('harness-hooks pre-commit: passed');
    expect(repo.git(['log', '-1', '--format=%s', branch!])).toBe('feat: agent work\n');
    // People still commit in the main checkout.
    repo.git(['add', 'mine.txt']);
    expect(repo.tryGit(['commit', '-m', 'docs: notes']).status).toBe(0);
  });
});
