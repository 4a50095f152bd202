/** Facts about the repository and worktree we are in, read with as few git calls as possible. */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { RepoInfo } from '../engine/types.js';
import { git, gitRaw } from './exec.js';

export class NotARepoError extends Error {
  constructor(
    message: string,
    readonly reason: 'not-a-repo' | 'bare',
  ) {
    super(message);
  }
}

export async function readRepoInfo(cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<RepoInfo> {
  const probe = await gitRaw(['rev-parse', '--is-bare-repository', '--absolute-git-dir', '--git-common-dir', '--show-toplevel'], {
    cwd,
    env,
    allowFail: true,
  });
  const lines = probe.stdout.toString('utf8').split('\n');
  if (probe.code !== 0) {
    if (lines[0] === 'true') {
      throw new NotARepoError(`${cwd} is inside a bare git repository: there is no working tree to protect.`, 'bare');
    }
    throw new NotARepoError(`${cwd} is not inside a git repository.`, 'not-a-repo');
  }
  if (lines[0] === 'true' || !lines[3]) {
    throw new NotARepoError(`${cwd} is inside a bare git repository: there is no working tree to protect.`, 'bare');
  }
  const gitDir = lines[1]!;
  const commonDir = resolve(cwd, lines[2]!);
  const root = lines[3]!;
  const isLinkedWorktree = resolve(gitDir) !== resolve(commonDir);
  const mainRoot = isLinkedWorktree ? (basename(commonDir) === '.git' ? dirname(commonDir) : await mainWorktreeRoot(root, env)) : root;

  const [sym, head] = await Promise.all([
    gitRaw(['symbolic-ref', '-q', 'HEAD'], { cwd: root, env, allowFail: true }),
    gitRaw(['rev-parse', '-q', '--verify', 'HEAD^{commit}'], { cwd: root, env, allowFail: true }),
  ]);
  const ref = sym.code === 0 ? sym.stdout.toString('utf8').trim() : '';
  let branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
  const detached = sym.code !== 0;
  const info: RepoInfo = {
    root,
    gitDir,
    commonDir,
    mainRoot,
    isLinkedWorktree,
    detached,
    head: head.code === 0 ? head.stdout.toString('utf8').trim() : undefined,
    branch,
  };
  if (existsSync(resolve(gitDir, 'MERGE_HEAD'))) info.inProgress = 'merge';
  else if (existsSync(resolve(gitDir, 'rebase-merge')) || existsSync(resolve(gitDir, 'rebase-apply'))) {
    info.inProgress = 'rebase';
    for (const f of ['rebase-merge/head-name', 'rebase-apply/head-name']) {
      try {
        const name = readFileSync(resolve(gitDir, f), 'utf8').trim();
        if (name.startsWith('refs/heads/')) branch = info.branch = name.slice('refs/heads/'.length);
        break;
      } catch {
        /* not this kind of rebase */
      }
    }
  } else if (existsSync(resolve(gitDir, 'CHERRY_PICK_HEAD'))) info.inProgress = 'cherry-pick';
  else if (existsSync(resolve(gitDir, 'REVERT_HEAD'))) info.inProgress = 'revert';
  return info;
}

async function mainWorktreeRoot(cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  const out = await git(['worktree', 'list', '--porcelain', '-z'], { cwd, env });
  const first = out.split('\0').find((l) => l.startsWith('worktree '));
  return first ? first.slice('worktree '.length) : cwd;
}
