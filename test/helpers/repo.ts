/**
 * Real git in temporary repositories: never a mocked git. Every test repo is a fresh directory with
 * its own HOME and an isolated global config, so the developer's gitconfig never leaks in.
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, mkdirSync, realpathSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(PROJECT_ROOT, 'bin', 'harness-hooks.js');

const cleanups: string[] = [];
export function cleanupAll(): void {
  for (const d of cleanups.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function tempDir(prefix = 'hh-'): string {
  const d = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  cleanups.push(d);
  return d;
}

/** An environment with no agent markers, no harness variables, an isolated HOME and gitconfig. */
export function cleanEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    // CI markers too: tests decide for themselves whether they run "in CI" (CI=true skips prepare).
    if (/^(HARNESS_|GIT_|CLAUDE|CODEX|CURSOR|GEMINI|AIDER|COPILOT|OPENCODE|AMP_|AI_AGENT|npm_|INIT_CWD|HUSKY)/.test(k)) continue;
    if (/^(CI|CONTINUOUS_INTEGRATION|GITHUB_ACTIONS|GITHUB_ACTOR|GITLAB_CI|BUILDKITE|CIRCLECI|JENKINS_URL)$/.test(k)) continue;
    env[k] = v;
  }
  writeFileSync(join(home, '.gitconfig'), '[user]\n\tname = Test User\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n');
  return { ...env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), GIT_CONFIG_GLOBAL: join(home, '.gitconfig'), GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1', ...extra };
}

export interface Repo {
  dir: string;
  home: string;
  env: NodeJS.ProcessEnv;
  git(args: string[], opts?: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string }): string;
  /** Run git, never throwing: status, stdout, stderr. */
  tryGit(args: string[], opts?: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string }): Result;
  write(path: string, content: string | Buffer): void;
  read(path: string): string;
  /** Run the harness-hooks CLI from this checkout (dist/ must be built). */
  cli(args: string[], opts?: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string }): Result;
}

export interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
  output: string;
}

function toResult(r: SpawnSyncReturns<string>): Result {
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', output: (r.stdout ?? '') + (r.stderr ?? '') };
}

export function makeRepo(opts: { commit?: boolean; bare?: boolean; env?: NodeJS.ProcessEnv } = {}): Repo {
  const home = tempDir('hh-home-');
  const dir = tempDir('hh-repo-');
  const env = cleanEnv(home, opts.env);
  const run = (args: string[], o: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string } = {}) =>
    spawnSync('git', args, { cwd: o.cwd ?? dir, env: { ...env, ...o.env }, input: o.input, encoding: 'utf8' });
  execFileSync('git', ['init', '-q', ...(opts.bare ? ['--bare'] : []), '-b', 'main', dir], { env });
  const repo: Repo = {
    dir,
    home,
    env,
    git(args, o) {
      const r = run(args, o);
      if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
      return r.stdout;
    },
    tryGit: (args, o) => toResult(run(args, o)),
    write(path, content) {
      const p = join(dir, path);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, content);
    },
    read: (path) => readFileSync(join(dir, path), 'utf8'),
    cli(args, o = {}) {
      return toResult(
        spawnSync(process.execPath, [CLI, ...args], { cwd: o.cwd ?? dir, env: { ...env, ...o.env }, input: o.input, encoding: 'utf8' }),
      );
    },
  };
  if (opts.commit !== false && !opts.bare) {
    repo.write('README.md', '# test repo\n');
    repo.git(['add', 'README.md']);
    repo.git(['commit', '-q', '-m', 'initial commit']);
  }
  return repo;
}

/** Snapshot of everything a hook must leave untouched: worktree files, index, untracked, stash. */
export function snapshot(repo: Repo): string {
  const files = repo.git(['ls-files', '-z', '--cached', '--others', '--exclude-standard']).split('\0').filter(Boolean);
  const parts = files.sort().map((f) => {
    let c: string;
    try {
      c = readFileSync(join(repo.dir, f)).toString('base64');
    } catch {
      c = '<missing>';
    }
    return `${f}\0${c}`;
  });
  const index = readFileSync(join(repo.git(['rev-parse', '--absolute-git-dir']).trim(), 'index')).toString('base64');
  return [parts.join('\n'), repo.git(['ls-files', '-s', '-z']), repo.git(['stash', 'list']), index].join('\n---\n');
}

/**
 * A repo with `config` committed on main, pushed to a local bare remote (origin, with origin/HEAD
 * set), and the hooks installed (`init --hooks-only`): for pre-push tests through a real `git push`.
 */
export function repoWithRemote(config: object): { repo: Repo; remote: Repo } {
  const remote = makeRepo({ bare: true });
  const repo = makeRepo();
  repo.write('.harnessrc.json', JSON.stringify(config) + '\n');
  repo.git(['add', '.harnessrc.json']);
  repo.git(['commit', '-qm', 'config']);
  repo.git(['remote', 'add', 'origin', remote.dir]);
  repo.git(['push', '-q', 'origin', 'main']);
  repo.git(['remote', 'set-head', 'origin', 'main']);
  const r = repo.cli(['init', '--hooks-only']);
  if (r.status !== 0) throw new Error(`init failed: ${r.output}`);
  return { repo, remote };
}
