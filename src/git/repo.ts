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

  const { ref, head } = (readHeadFromFiles(gitDir, commonDir) ?? (await readHeadWithGit(root, env)));
  let branch = ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
  const info: RepoInfo = {
    root,
    gitDir,
    commonDir,
    mainRoot,
    isLinkedWorktree,
    detached: ref === undefined,
    head,
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

interface HeadFacts {
  /** Symbolic ref HEAD points to (refs/heads/x), undefined when detached. */
  ref?: string;
  /** Commit HEAD resolves to, undefined before the first commit. */
  head?: string;
}

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * HEAD without spawning git (a hook runs on every commit): the HEAD file, then the loose ref or
 * packed-refs. Returns undefined whenever anything is unusual (reftable, symref chains, odd files),
 * and git answers instead.
 */
export function readHeadFromFiles(gitDir: string, commonDir: string): HeadFacts | undefined {
  try {
    const text = readFileSync(resolve(gitDir, 'HEAD'), 'utf8').trim();
    if (SHA.test(text)) return { head: text };
    if (!text.startsWith('ref: refs/')) return undefined;
    const ref = text.slice(5);
    if (ref.startsWith('refs/heads/.invalid')) return undefined; // reftable placeholder
    for (const dir of [gitDir, commonDir]) {
      try {
        const v = readFileSync(resolve(dir, ref), 'utf8').trim();
        if (SHA.test(v)) return { ref, head: v };
        return undefined; // a symref or something odd: ask git
      } catch {
        /* not a loose ref here */
      }
    }
    let packed = '';
    try {
      packed = readFileSync(resolve(commonDir, 'packed-refs'), 'utf8');
    } catch {
      return { ref }; // no such ref anywhere: an unborn branch
    }
    for (const line of packed.split('\n')) {
      const sp = line.indexOf(' ');
      if (sp > 0 && line.slice(sp + 1) === ref) return SHA.test(line.slice(0, sp)) ? { ref, head: line.slice(0, sp) } : undefined;
    }
    return { ref };
  } catch {
    return undefined;
  }
}

async function readHeadWithGit(root: string, env: NodeJS.ProcessEnv): Promise<HeadFacts> {
  const [sym, head] = await Promise.all([
    gitRaw(['symbolic-ref', '-q', 'HEAD'], { cwd: root, env, allowFail: true }),
    gitRaw(['rev-parse', '-q', '--verify', 'HEAD^{commit}'], { cwd: root, env, allowFail: true }),
  ]);
  return {
    ref: sym.code === 0 ? sym.stdout.toString('utf8').trim() : undefined,
    head: head.code === 0 ? head.stdout.toString('utf8').trim() : undefined,
  };
}

async function mainWorktreeRoot(cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  const out = await git(['worktree', 'list', '--porcelain', '-z'], { cwd, env });
  const first = out.split('\0').find((l) => l.startsWith('worktree '));
  return first ? first.slice('worktree '.length) : cwd;
}
