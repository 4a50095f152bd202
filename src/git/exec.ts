/**
 * The one way harness-hooks runs git. Fast (child_process, no shell), byte-exact, and with the
 * user's diff and colour settings neutralised so parsing is stable whatever their config says.
 * The hook's environment is inherited on purpose: GIT_INDEX_FILE (set by `git commit -a` and
 * `git commit <pathspec>`), GIT_DIR and GIT_WORK_TREE must reach every git call we make.
 */
import { spawn } from 'node:child_process';
import type { GitRunner } from '../engine/types.js';

/** Config that makes git's output predictable for parsing, whatever the user's gitconfig says. */
export const STABLE_GIT_CONFIG = [
  '-c', 'core.quotepath=false',
  '-c', 'color.ui=false',
  '-c', 'diff.noprefix=false',
  '-c', 'diff.mnemonicPrefix=false',
  '-c', 'diff.external=',
  '-c', 'diff.relative=false',
  '-c', 'log.showSignature=false',
  '-c', 'submodule.recurse=false',
];

export class GitError extends Error {
  constructor(
    message: string,
    readonly args: string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

export interface GitExecOptions {
  cwd: string;
  input?: string | Buffer;
  env?: NodeJS.ProcessEnv;
  /** Resolve instead of rejecting on a non-zero exit. */
  allowFail?: boolean;
  signal?: AbortSignal;
}

export interface GitResult {
  stdout: Buffer;
  stderr: string;
  code: number | null;
}

export function gitRaw(args: string[], opts: GitExecOptions): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...STABLE_GIT_CONFIG, ...args], {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      signal: opts.signal,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') {
        reject(new GitError('git was not found on PATH', args, null, String(e.message)));
      } else reject(e);
    });
    child.on('close', (code) => {
      const res = { stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8'), code };
      if (code !== 0 && !opts.allowFail) {
        const first = res.stderr.trim().split('\n')[0] ?? '';
        reject(new GitError(`git ${args.slice(0, 3).join(' ')} failed (exit ${code}): ${first}`, args, code, res.stderr));
      } else resolve(res);
    });
    child.stdin.on('error', () => undefined);
    if (opts.input !== undefined) child.stdin.end(opts.input);
    else child.stdin.end();
  });
}

export async function git(args: string[], opts: GitExecOptions): Promise<string> {
  const r = await gitRaw(args, opts);
  return r.stdout.toString('utf8');
}

export function makeGitRunner(cwd: string, env: NodeJS.ProcessEnv = process.env): GitRunner {
  return {
    cwd,
    async run(args, o = {}) {
      const r = await gitRaw(args, { cwd, env: o.env ?? env, input: o.input, allowFail: o.allowFail });
      return r.stdout.toString('utf8');
    },
  };
}

/** Undo git's C-style path quoting ("a\tb", "\303\251"), used in non -z output. */
export function unquoteCPath(s: string): string {
  if (!s.startsWith('"') || !s.endsWith('"') || s.length < 2) return s;
  const body = s.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
      continue;
    }
    const n = body[++i];
    if (n === undefined) break;
    if (n >= '0' && n <= '7') {
      const oct = body.slice(i, i + 3);
      bytes.push(parseInt(oct, 8));
      i += 2;
      continue;
    }
    const map: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
    bytes.push(map[n] ?? n.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}
