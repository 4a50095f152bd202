/** Facts about the repository and worktree we are in, read with as few git calls as possible. */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
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

/**
 * Where the repository is, read from the `.git` directory or file without spawning git (a hook runs
 * on every commit, and this is the one git call everything else waits for). Returns undefined
 * whenever git's own answer could differ: GIT_DIR / GIT_WORK_TREE / GIT_COMMON_DIR or ceilings set,
 * core.worktree configured, a bare repository, or anything unexpected.
 */
export function locateRepoFromFiles(cwd: string, env: NodeJS.ProcessEnv): { root: string; gitDir: string; commonDir: string } | undefined {
  if (env.GIT_DIR || env.GIT_WORK_TREE || env.GIT_COMMON_DIR || env.GIT_CEILING_DIRECTORIES || env.GIT_DISCOVERY_ACROSS_FILESYSTEM) return undefined;
  try {
    for (let dir = resolve(cwd); ; dir = dirname(dir)) {
      const dotgit = resolve(dir, '.git');
      let st;
      try {
        st = statSync(dotgit);
      } catch {
        if (dirname(dir) === dir) return undefined;
        continue;
      }
      let gitDir: string;
      if (st.isDirectory()) gitDir = dotgit;
      else {
        const m = /^gitdir: (.+)$/m.exec(readFileSync(dotgit, 'utf8'));
        if (!m) return undefined;
        gitDir = resolve(dir, m[1]!.trim());
      }
      if (!existsSync(resolve(gitDir, 'HEAD'))) return undefined;
      let commonDir = gitDir;
      try {
        commonDir = resolve(gitDir, readFileSync(resolve(gitDir, 'commondir'), 'utf8').trim());
      } catch {
        /* not a linked worktree */
      }
      const config = readFileSync(resolve(commonDir, 'config'), 'utf8');
      if (/^\s*(worktree|bare\s*=\s*true)/im.test(config)) return undefined;
      if (gitDir !== commonDir && existsSync(resolve(gitDir, 'config.worktree'))) return undefined;
      return { root: realpathSync(dir), gitDir: realpathSync(gitDir), commonDir: realpathSync(commonDir) };
    }
  } catch {
    return undefined;
  }
}

export async function readRepoInfo(cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<RepoInfo> {
  const fast = locateRepoFromFiles(cwd, env);
  if (fast) return finishRepoInfo(fast.root, fast.gitDir, fast.commonDir, env);
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
  return finishRepoInfo(lines[3]!, lines[1]!, resolve(cwd, lines[2]!), env);
}

async function finishRepoInfo(root: string, gitDir: string, commonDir: string, env: NodeJS.ProcessEnv): Promise<RepoInfo> {
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
