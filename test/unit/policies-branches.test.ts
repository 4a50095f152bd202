import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll, makeRepo, type Repo } from '../helpers/repo.js';
import { branchesPolicy, protectedBy } from '../../src/policies/branches.js';
import { parsePushLines, parsePushRefs, PushParseError } from '../../src/git/push.js';
import { makeGitRunner } from '../../src/git/exec.js';
import { runPolicy } from '../helpers/policy.js';

afterAll(cleanupAll);
const Z = '0'.repeat(40);

function stage(repo: Repo, path = 'f.txt', text = 'x\n') {
  repo.write(path, text);
  repo.git(['add', '--', path]);
}
const sha = (repo: Repo, rev: string) => repo.git(['rev-parse', rev]).trim();

describe('branches: commits', () => {
  it('blocks a commit on main with a command that moves the work to a new branch', async () => {
    const repo = makeRepo();
    stage(repo);
    const { findings } = await runPolicy(branchesPolicy, repo);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ policy: 'branches', rule: 'commit', waivable: true, severity: 'error' });
    expect(findings[0]!.message).toContain('"main"');
    expect(findings[0]!.fix).toMatch(/git switch -c /);
  });

  it('allows feature branches, detached HEAD and the first commit of a new repo', async () => {
    const repo = makeRepo();
    repo.git(['switch', '-q', '-c', 'feature/x']);
    stage(repo);
    expect((await runPolicy(branchesPolicy, repo)).findings).toEqual([]);
    repo.git(['switch', '-q', '--detach', 'HEAD']);
    expect((await runPolicy(branchesPolicy, repo)).findings).toEqual([]);
    const fresh = makeRepo({ commit: false });
    stage(fresh);
    expect((await runPolicy(branchesPolicy, fresh)).findings).toEqual([]);
    expect((await runPolicy(branchesPolicy, fresh, { allowInitialCommit: false })).findings).toHaveLength(1);
  });

  it('honours globs and negations', async () => {
    expect(protectedBy(['main', 'release/*'], 'release/1.2')).toBe('release/*');
    expect(protectedBy(['main', 'release/*'], 'release/1.2/hotfix')).toBeUndefined();
    expect(protectedBy(['release/**', '!release/sandbox'], 'release/sandbox')).toBeUndefined();
    expect(protectedBy(['main'], 'feature/main')).toBeUndefined();
    expect(protectedBy(['refs/tags/v*'], 'refs/tags/v1.0.0')).toBe('refs/tags/v*');
    expect(protectedBy(['main'], 'refs/tags/main')).toBeUndefined();
  });

  it('during a rebase, judges the branch being rebased, not the detached HEAD', async () => {
    const repo = makeRepo();
    repo.git(['switch', '-q', '-c', 'feat']);
    stage(repo, 'c.txt', 'feat\n');
    repo.git(['commit', '-qm', 'feat']);
    repo.git(['switch', '-q', 'main']);
    stage(repo, 'c.txt', 'main\n');
    repo.git(['commit', '-qm', 'main']);
    // Rebase main onto feat: conflict, so we are mid-rebase of main with HEAD detached.
    expect(repo.tryGit(['rebase', 'feat']).status).not.toBe(0);
    stage(repo, 'c.txt', 'resolved\n');
    const r = await runPolicy(branchesPolicy, repo);
    expect(r.info.inProgress).toBe('rebase');
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]!.message).toContain('rebase of main');
    expect(r.findings[0]!.fix).toContain('git rebase --abort');
    repo.git(['rebase', '--abort']);
    // And a rebase of a feature branch onto main is fine.
    repo.git(['switch', '-q', 'feat']);
    expect(repo.tryGit(['rebase', 'main']).status).not.toBe(0);
    stage(repo, 'c.txt', 'resolved\n');
    expect((await runPolicy(branchesPolicy, repo)).findings).toEqual([]);
  });
});

describe('branches: pre-push ref lines', () => {
  function pushRepo() {
    const repo = makeRepo();
    const base = sha(repo, 'HEAD');
    stage(repo, 'a.txt', 'a\n');
    repo.git(['commit', '-qm', 'a']);
    const ahead = sha(repo, 'HEAD');
    repo.git(['switch', '-q', '-c', 'other', base]);
    stage(repo, 'b.txt', 'b\n');
    repo.git(['commit', '-qm', 'b']);
    const diverged = sha(repo, 'HEAD');
    return { repo, base, ahead, diverged };
  }

  it('parses new, deleted, tag, fast-forward and force lines, several at once', async () => {
    const { repo, base, ahead, diverged } = pushRepo();
    const stdin = [
      `refs/heads/main ${ahead} refs/heads/main ${base}`,
      `refs/heads/other ${diverged} refs/heads/main ${ahead}`,
      `refs/heads/other ${diverged} refs/heads/other ${Z}`,
      `(delete) ${Z} refs/heads/old ${base}`,
      `refs/tags/v1 ${ahead} refs/tags/v1 ${Z}`,
      `refs/heads/main ${ahead} refs/heads/main ${'f'.repeat(40)}`,
      '',
    ].join('\n');
    const refs = await parsePushRefs(stdin, makeGitRunner(repo.dir, repo.env));
    expect(refs.map((r) => [r.remoteRef, r.isNew, r.isDelete, r.isTag, r.isForce])).toEqual([
      ['refs/heads/main', false, false, false, false],
      ['refs/heads/main', false, false, false, true],
      ['refs/heads/other', true, false, false, false],
      ['refs/heads/old', false, true, false, false],
      ['refs/tags/v1', true, false, true, false],
      ['refs/heads/main', false, false, false, 'unknown'],
    ]);
  });

  it('rejects malformed input instead of guessing', () => {
    expect(() => parsePushLines('refs/heads/main abc refs/heads/main def\n')).toThrow(PushParseError);
    expect(parsePushLines('\n\n')).toEqual([]);
  });

  it('blocks pushes, force pushes and deletions of protected branches; allows feature branches and tags', async () => {
    const { repo, base, ahead, diverged } = pushRepo();
    const git = makeGitRunner(repo.dir, repo.env);
    const refs = await parsePushRefs(
      [
        `refs/heads/main ${ahead} refs/heads/main ${base}`,
        `refs/heads/other ${diverged} refs/heads/master ${ahead}`,
        `(delete) ${Z} refs/heads/main ${base}`,
        `refs/heads/other ${diverged} refs/heads/other ${Z}`,
        `refs/tags/v1 ${ahead} refs/tags/v1 ${Z}`,
      ].join('\n'),
      git,
    );
    const { findings } = await runPolicy(branchesPolicy, repo, {}, { hook: 'pre-push', range: 'HEAD~1..HEAD', push: { refs } });
    expect(findings.map((f) => [f.rule, f.data!.remoteRef])).toEqual([
      ['push', 'refs/heads/main'],
      ['force-push', 'refs/heads/master'],
      ['delete', 'refs/heads/main'],
    ]);
    expect(findings.every((f) => f.waivable && f.fix)).toBe(true);
    expect(findings[1]!.message).toMatch(/is not an ancestor of/);

    const lenient = await runPolicy(branchesPolicy, repo, { allowPush: true, allowDelete: true }, { hook: 'pre-push', range: 'HEAD~1..HEAD', push: { refs } });
    expect(lenient.findings.map((f) => f.rule)).toEqual(['force-push']);
  });

  it('treats a remote sha we do not have as a possible force push on protected refs', async () => {
    const { repo, ahead } = pushRepo();
    const refs = await parsePushRefs(`refs/heads/main ${ahead} refs/heads/main ${'e'.repeat(40)}\n`, makeGitRunner(repo.dir, repo.env));
    const { findings } = await runPolicy(branchesPolicy, repo, { allowPush: true }, { hook: 'pre-push', range: 'HEAD~1..HEAD', push: { refs } });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.fix).toContain('git fetch origin');
  });
});

describe('branches: check (manual)', () => {
  it('answers "would this commit pass" for the staged change', async () => {
    const repo = makeRepo();
    stage(repo);
    expect((await runPolicy(branchesPolicy, repo, {}, { hook: 'manual' })).findings.map((f) => f.rule)).toEqual(['commit']);
  });
});
