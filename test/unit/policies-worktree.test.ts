import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cleanupAll, makeRepo } from '../helpers/repo.js';
import { worktreePolicy, suggestWorktree, slug } from '../../src/policies/worktree.js';
import { runPolicy } from '../helpers/policy.js';

const siblings: string[] = [];
afterAll(() => {
  cleanupAll();
  for (const d of siblings) rmSync(d, { recursive: true, force: true });
});

describe('worktree policy', () => {
  it('blocks an agent committing in the main worktree and gives the exact worktree add command', async () => {
    const repo = makeRepo();
    repo.write('a.txt', 'a\n');
    repo.git(['add', 'a.txt']);
    const { findings } = await runPolicy(worktreePolicy, repo, {}, { env: { CLAUDECODE: '1' } });
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.policy).toBe('worktree');
    expect(f.waivable).toBe(true);
    expect(f.message).toContain('claude-code');
    expect(f.fix).toMatch(/git worktree add \.\.\/[a-z0-9.-]+ -b claude-code\/\d{8}-\d{4}/);
    // The suggested command really works.
    const cmd = String(f.data!.command).split(' ');
    siblings.push(resolve(repo.dir, String(f.data!.dir)));
    repo.git(cmd.slice(1), { cwd: repo.dir });
    expect(repo.git(['worktree', 'list'])).toContain(String(f.data!.branch));
  });

  it('lets people commit in the main worktree when appliesTo is agents', async () => {
    const repo = makeRepo();
    repo.write('a.txt', 'a\n');
    repo.git(['add', 'a.txt']);
    expect((await runPolicy(worktreePolicy, repo)).findings).toEqual([]);
  });

  it('applies to everyone when configured, and HARNESS_AGENT=0 does not exempt them', async () => {
    const repo = makeRepo();
    repo.write('a.txt', 'a\n');
    repo.git(['add', 'a.txt']);
    const r = await runPolicy(worktreePolicy, repo, { appliesTo: 'everyone' }, { env: { HARNESS_AGENT: '0' } });
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]!.message).toMatch(/^Commits must be made from a linked worktree/);
  });

  it('passes in a linked worktree, including when an agent commits there', async () => {
    const repo = makeRepo();
    const wt = join(repo.dir, '..', `${repo.dir.split('/').pop()}-wt`);
    siblings.push(wt);
    repo.git(['worktree', 'add', '-q', wt, '-b', 'feature']);
    repo.write(`../${wt.split('/').pop()}/b.txt`, 'b\n');
    repo.git(['add', 'b.txt'], { cwd: wt });
    const r = await runPolicy(worktreePolicy, repo, { appliesTo: 'everyone' }, { cwd: wt, env: { CLAUDECODE: '1' } });
    expect(r.info.isLinkedWorktree).toBe(true);
    expect(r.findings).toEqual([]);
  });

  it('require: any turns the rule off', async () => {
    const repo = makeRepo();
    repo.write('a.txt', 'a\n');
    repo.git(['add', 'a.txt']);
    expect((await runPolicy(worktreePolicy, repo, { require: 'any', appliesTo: 'everyone' })).findings).toEqual([]);
  });

  it('names the worktree after a feature branch, and after the agent and time on a protected branch', () => {
    const repo = { root: '/x/My Repo', mainRoot: '/x/My Repo', gitDir: '', commonDir: '', isLinkedWorktree: false, detached: false };
    const now = new Date('2026-11-21T06:05:00Z');
    const onMain = suggestWorktree({ ...repo, branch: 'main' }, 'codex', now, (b) => b === 'main');
    expect(onMain).toMatchObject({ branch: 'codex/20261121-0605', dir: '../my-repo-codex-20261121-0605' });
    const onFeat = suggestWorktree({ ...repo, branch: 'feat/login' }, 'codex', now, (b) => b === 'main');
    expect(onFeat).toMatchObject({ branch: 'feat/login-wt', dir: '../my-repo-feat-login-wt' });
    expect(slug('Ünïcode -- name!')).toBe('unicode-name');
  });

  it('cites the AGENTS.md sentence it enforces', async () => {
    const repo = makeRepo();
    repo.write('a.txt', 'a\n');
    repo.git(['add', 'a.txt']);
    const source = { file: 'AGENTS.md', line: 3, text: 'Always work in a git worktree.' };
    const r = await runPolicy(worktreePolicy, repo, { sources: { require: source } }, { env: { HARNESS_AGENT: '1' } });
    expect(r.findings[0]!.source).toEqual(source);
  });
});
