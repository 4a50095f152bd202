/**
 * Build a ChangeSet: the change read from git once, in one of three shapes.
 *  - staged: the index against HEAD (or against nothing, before the first commit). Honours
 *    GIT_INDEX_FILE, so `git commit -a` and `git commit <pathspec>` are read correctly.
 *  - range: `A..B` (pre-push, CI, verify): commits, and the net diff from the merge base.
 *  - files: a list of paths read from disk, every line treated as added (`check --all-files`, `scan`).
 */
import { readFile, lstat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChangeSet, ChangedFile, CommitInfo, RepoInfo } from '../engine/types.js';
import { gitRaw, GitError } from './exec.js';
import { joinRawAndPatch, parsePatch, parseRawZ, PATCH_FLAGS, RAW_FLAGS } from './diff.js';

export interface BuildOptions {
  env?: NodeJS.ProcessEnv;
  /** Compare the index with this commit instead of HEAD (an amend compares with HEAD's parent). */
  base?: string;
}

function blobReader(repo: RepoInfo, env: NodeJS.ProcessEnv, files: () => ChangedFile[]) {
  const cache = new Map<string, Promise<Buffer | null>>();
  return (path: string): Promise<Buffer | null> => {
    let p = cache.get(path);
    if (!p) {
      const f = files().find((x) => x.path === path);
      p = f?.blob
        ? gitRaw(['cat-file', 'blob', f.blob], { cwd: repo.root, env, allowFail: true }).then((r) => (r.code === 0 ? r.stdout : null))
        : Promise.resolve(null);
      cache.set(path, p);
    }
    return p;
  };
}

async function diffFiles(repo: RepoInfo, env: NodeJS.ProcessEnv, args: string[]): Promise<ChangedFile[]> {
  const [raw, patch] = await Promise.all([
    gitRaw([...args.slice(0, 1), ...RAW_FLAGS, ...args.slice(1)], { cwd: repo.root, env }),
    gitRaw([...args.slice(0, 1), ...PATCH_FLAGS, ...args.slice(1)], { cwd: repo.root, env }),
  ]);
  return joinRawAndPatch(parseRawZ(raw.stdout.toString('utf8')), parsePatch(patch.stdout.toString('utf8')));
}

function commitFilesLoader(repo: RepoInfo, env: NodeJS.ProcessEnv) {
  const cache = new Map<string, Promise<ChangedFile[]>>();
  return (sha: string) => {
    let p = cache.get(sha);
    if (!p) {
      // diff-tree with --root lists a root commit's files as added; -m --first-parent for merges.
      p = diffFiles(repo, env, ['diff-tree', '-r', '--root', '--first-parent', '-m', sha]).then((files) => files);
      cache.set(sha, p);
    }
    return p;
  };
}

export async function stagedChangeSet(repo: RepoInfo, opts: BuildOptions = {}): Promise<ChangeSet> {
  const env = opts.env ?? process.env;
  // `git diff --cached` compares the index with HEAD, or with the empty tree before the first commit.
  const files = await diffFiles(repo, env, ['diff', '--cached', ...(opts.base ? [opts.base] : [])]);
  return {
    kind: 'staged',
    repo,
    files,
    readFile: blobReader(repo, env, () => files),
    commitFiles: commitFilesLoader(repo, env),
  };
}

export class RangeError_ extends Error {}

/** Resolve a revision to a commit sha, or throw a clear error (fail closed). */
export async function resolveCommit(repo: RepoInfo, rev: string, env: NodeJS.ProcessEnv): Promise<string> {
  const r = await gitRaw(['rev-parse', '-q', '--verify', '--end-of-options', `${rev}^{commit}`], { cwd: repo.root, env, allowFail: true });
  if (r.code !== 0) throw new RangeError_(`cannot resolve "${rev}" to a commit in ${repo.root}`);
  return r.stdout.toString('utf8').trim();
}

const COMMIT_FORMAT = '%H%x1f%P%x1f%an%x1f%ae%x1f%B%x1e';

export async function listCommits(repo: RepoInfo, revArgs: string[], env: NodeJS.ProcessEnv): Promise<CommitInfo[]> {
  const out = await gitRaw(['log', '--reverse', '--topo-order', `--format=${COMMIT_FORMAT}`, ...revArgs, '--'], { cwd: repo.root, env });
  const commits: CommitInfo[] = [];
  for (const rec of out.stdout.toString('utf8').split('\x1e')) {
    const t = rec.replace(/^\n/, '');
    if (!t) continue;
    const [sha, parents, author, authorEmail, ...msg] = t.split('\x1f');
    commits.push({
      sha: sha!,
      parents: parents ? parents.split(' ').filter(Boolean) : [],
      author: author ?? '',
      authorEmail: authorEmail ?? '',
      message: msg.join('\x1f'),
    });
  }
  return commits;
}

/**
 * `base..head`: commits in head not in base, and the net diff from their merge base to head.
 * empty) means "everything reachable from head not on any remote-tracking ref".
 */
export async function rangeChangeSet(repo: RepoInfo, spec: string, opts: BuildOptions = {}): Promise<ChangeSet> {
  const env = opts.env ?? process.env;
  const m = /^(.*?)(\.\.\.?)(.*)$/.exec(spec);
  if (!m) throw new RangeError_(`"${spec}" is not a range: use A..B (for example origin/main..HEAD)`);
  const baseRev = m[1] || '';
  const headRev = m[3] || 'HEAD';
  const head = await resolveCommit(repo, headRev, env);
  let base: string | undefined;
  let revArgs: string[];
  if (baseRev && !/^0+$/.test(baseRev)) {
    base = await resolveCommit(repo, baseRev, env);
    revArgs = [`${base}..${head}`];
  } else {
    revArgs = [head, '--not', '--remotes'];
  }
  const commits = await listCommits(repo, revArgs, env);
  let files: ChangedFile[] = [];
  if (base) {
    const mb = await gitRaw(['merge-base', base, head], { cwd: repo.root, env, allowFail: true });
    const from = mb.code === 0 ? mb.stdout.toString('utf8').trim() : base;
    files = await diffFiles(repo, env, ['diff', from, head]);
  } else if (commits.length > 0) {
    const first = commits[0]!;
    files = first.parents[0]
      ? await diffFiles(repo, env, ['diff', first.parents[0], head])
      : await diffFiles(repo, env, ['diff-tree', '-r', '--root', head]);
  }
  const readAt = new Map<string, Promise<Buffer | null>>();
  return {
    kind: 'range',
    repo,
    files,
    commits,
    range: { spec, base, head },
    commitFiles: commitFilesLoader(repo, env),
    readFile(path) {
      let p = readAt.get(path);
      if (!p) {
        p = gitRaw(['cat-file', 'blob', `${head}:${path}`], { cwd: repo.root, env, allowFail: true }).then((r) =>
          r.code === 0 ? r.stdout : null,
        );
        readAt.set(path, p);
      }
      return p;
    },
  };
}

function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8000);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

/** Files from disk, every line an added line. Paths are repo-relative. */
export async function filesChangeSet(repo: RepoInfo, paths: string[]): Promise<ChangeSet> {
  const contents = new Map<string, Buffer | null>();
  const files: ChangedFile[] = [];
  await Promise.all(
    paths.map(async (p) => {
      const abs = join(repo.root, p);
      try {
        const st = await lstat(abs);
        if (!st.isFile()) return;
        const buf = await readFile(abs);
        contents.set(p, buf);
        const binary = looksBinary(buf);
        const lines = binary ? [] : buf.toString('utf8').split('\n');
        if (lines.length && lines[lines.length - 1] === '') lines.pop();
        files.push({
          path: p,
          status: 'A',
          binary,
          added: lines.length,
          deleted: 0,
          addedLines: lines.map((text, i) => ({ line: i + 1, text })),
          removedLines: [],
        });
      } catch {
        contents.set(p, null);
      }
    }),
  );
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    kind: 'files',
    repo,
    files,
    readFile: async (p) => contents.get(p) ?? null,
    commitFiles: commitFilesLoader(repo, process.env),
  };
}

/** All tracked files (for --all-files). */
export async function trackedFiles(repo: RepoInfo, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const r = await gitRaw(['ls-files', '-z'], { cwd: repo.root, env });
  return r.stdout.toString('utf8').split('\0').filter(Boolean);
}

export { GitError };
