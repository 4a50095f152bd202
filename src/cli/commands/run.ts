/**
 * `harness-hooks run <hook> [git's args]`: what the installed hook scripts call.
 *   pre-commit  <none>            the staged change
 *   commit-msg  <message file>    the message (+ pending waivable findings, evidence trailer)
 *   pre-push    <remote> <url>    refs on stdin; one range per pushed ref
 *   post-commit <none>            the handoff for the new commit (never blocks)
 *   post-merge  <squash flag>     the handoff for a merge commit `git merge`/`git pull` made itself
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CommandModule, CliIO } from '../command.js';
import { UsageError } from '../command.js';
import type { ChangeSet, Finding, HookName, RepoInfo, RunRecord } from '../../engine/types.js';
import { EXIT } from '../../engine/types.js';
import { readRepoInfo } from '../../git/repo.js';
import { gitRaw } from '../../git/exec.js';
import { loadConfig, SEARCH_PLACES, type LoadedConfig } from '../../config/load.js';
import { ConfigError } from '../../config/errors.js';
import { runHook, type RunOutput } from '../../engine/runner.js';
import { stagedChangeSet, rangeChangeSet } from '../../git/changeset.js';
import { POLICIES } from '../../policies/index.js';
import { formatFindingsText, paintFor, summaryLine } from '../../report/text.js';

const HOOKS = ['pre-commit', 'pre-merge-commit', 'commit-msg', 'pre-push', 'post-commit', 'post-merge'] as const;

const help = `Usage: harness-hooks run <hook> [git's hook arguments] [--format text|json]

Runs the policies bound to <hook> (pre-commit, commit-msg, pre-push, post-commit; pre-merge-commit
runs the pre-commit policies, post-merge writes a merge commit's handoff).
The hooks installed by \`harness-hooks init\` call this; you rarely need to.

Options:
  --format text|json   Output for people (default) or machines (JSON on stdout).

Environment:
  HARNESS_SKIP=id,...         Skip these policies (printed and recorded; refused for agents by default).
  HARNESS_WAIVE="id: reason"  Waive waivable findings of these policies (recorded with the reason).
  HARNESS_EMERGENCY="reason"  Skip every policy (printed, recorded; the commit gets no evidence).
  HARNESS_DEBUG=1             Print stack traces for internal errors.

Exit codes: 0 passed · 1 blocked by a policy · 2 usage or config error · 3 internal error`;

/**
 * At pre-commit, the config the commit will contain is the staged one. If the config file has
 * unstaged edits, use the staged version (JSON/YAML), or refuse (JS configs).
 */
/** Parse a config file's text (from the index or a commit) the way the loader reads that kind of file. */
async function parseConfigText(rel: string, text: string, absFile: string): Promise<Record<string, unknown>> {
  try {
    if (rel.endsWith('package.json')) return (JSON.parse(text).harness ?? {}) as Record<string, unknown>;
    if (/\.ya?ml$/.test(rel) || (rel === '.harnessrc' && !text.trim().startsWith('{'))) {
      const { defaultLoaders } = await import('cosmiconfig');
      return ((await defaultLoaders['.yaml'](absFile, text)) ?? {}) as Record<string, unknown>;
    }
    return JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new ConfigError(`cannot parse ${rel}: ${(e as Error).message}`, absFile);
  }
}

/** The config as committed in HEAD: undefined when HEAD has none, 'js' when it cannot be read from git. */
async function configAtHead(repo: RepoInfo, io: CliIO): Promise<{ raw: Record<string, unknown>; rel: string } | 'js' | undefined> {
  const listed = await gitRaw(['ls-tree', '-z', '--name-only', 'HEAD', '--', ...SEARCH_PLACES], { cwd: repo.root, env: io.env, allowFail: true });
  const present = new Set(listed.stdout.toString('utf8').split('\0').filter(Boolean));
  for (const rel of SEARCH_PLACES) {
    if (!present.has(rel)) continue;
    const blob = await gitRaw(['show', `HEAD:${rel}`], { cwd: repo.root, env: io.env, allowFail: true });
    if (blob.code !== 0) continue;
    const text = blob.stdout.toString('utf8');
    if (rel === 'package.json') {
      try {
        if (!('harness' in JSON.parse(text))) continue;
      } catch {
        continue;
      }
    }
    if (/\.(c|m)?js$/.test(rel)) return 'js';
    return { raw: await parseConfigText(rel, text, join(repo.root, rel)), rel };
  }
  return undefined;
}

/**
 * The config a commit is checked with:
 *  - a commit that changes the harness config is checked under the config in HEAD (so a change
 *    cannot switch its own checks off); the new config applies from the next commit;
 *  - otherwise the staged config: a config file with unstaged edits is read from the index
 *    (JSON/YAML), or refused (JS).
 */
async function loadForHook(
  repo: RepoInfo,
  hook: HookName,
  io: CliIO,
  onLoaded?: (loaded: LoadedConfig) => Promise<ChangeSet> | undefined,
): Promise<{ loaded: LoadedConfig; note?: string; next?: LoadedConfig }> {
  const cacheDir = join(repo.gitDir, 'harness');
  const loaded = await loadConfig(repo.root, { cacheDir });
  const early = onLoaded?.(loaded);
  if (hook !== 'pre-commit' && hook !== 'commit-msg') return { loaded };
  const rel = loaded.file ? relative(repo.root, loaded.file).split('\\').join('/') : undefined;
  // Which config files does this commit change? The staged change (when already being read) lists
  // every staged path; otherwise ask git for just those paths.
  const stagedPaths = early
    ? early.then(
        (c) => c.files.flatMap((f) => [f.path, ...(f.oldPath ? [f.oldPath] : [])]).filter((p) => SEARCH_PLACES.includes(p)),
        () => undefined,
      )
    : undefined;
  // Unstaged edits to the config? Read from the index file when that settles it; git otherwise.
  let unstagedP: Promise<{ code: number | null }> | undefined;
  if (hook === 'pre-commit' && rel && !rel.startsWith('..')) {
    const { hasUnstagedEdits } = await import('../../git/index-entry.js');
    unstagedP =
      hasUnstagedEdits(repo.root, repo.gitDir, repo.commonDir, rel, io.env) === false
        ? Promise.resolve({ code: 0 })
        : gitRaw(['diff', '--quiet', '--', rel], { cwd: repo.root, env: io.env, allowFail: true });
  }
  let changedOut: { code: number | null; stdout: Buffer } | undefined;
  if (repo.head) {
    const fromChange = stagedPaths ? await stagedPaths : undefined;
    changedOut = fromChange
      ? { code: 0, stdout: Buffer.from(fromChange.join('\0')) }
      : await gitRaw(['diff', '--cached', '--name-only', '-z', '--no-renames', 'HEAD', '--', ...SEARCH_PLACES], { cwd: repo.root, env: io.env, allowFail: true });
  }
  const unstaged = await unstagedP;
  const changed = changedOut?.code === 0 ? changedOut.stdout.toString('utf8').split('\0').filter(Boolean) : [];
  let configChanged = changed.some((n) => n !== 'package.json');
  if (!configChanged && changed.includes('package.json')) {
    const [h, i] = await Promise.all([
      gitRaw(['show', 'HEAD:package.json'], { cwd: repo.root, env: io.env, allowFail: true }),
      gitRaw(['show', ':package.json'], { cwd: repo.root, env: io.env, allowFail: true }),
    ]);
    const key = (r: { code: number | null; stdout: Buffer }) => {
      try {
        return r.code === 0 ? JSON.stringify(JSON.parse(r.stdout.toString('utf8')).harness ?? null) : 'null';
      } catch {
        return 'unparseable';
      }
    };
    configChanged = key(h) !== key(i);
  }
  const proposed = await stagedVersion();
  if (configChanged) {
    const head = await configAtHead(repo, io);
    if (head && head !== 'js') {
      const atHead = await loadConfig(repo.root, { raw: head.raw, file: head.rel });
      return {
        loaded: atHead,
        next: proposed.loaded,
        note: `This commit changes the harness config (${changed.join(', ')}), so it is checked under the config in HEAD; the new config applies from the next commit.`,
      };
    }
    // No config in HEAD (this commit introduces it) or a JS config: the staged config applies.
  }
  return proposed;

  /** The config as staged: the working file, unless it has unstaged edits. */
  async function stagedVersion(): Promise<{ loaded: LoadedConfig; note?: string }> {
    if (hook !== 'pre-commit' || !loaded.file || !rel || unstaged?.code !== 1) return { loaded };
    const staged = await gitRaw(['show', `:${rel}`], { cwd: repo.root, env: io.env, allowFail: true });
    if (staged.code !== 0) return { loaded }; // not in the index at all: the working file is the only version
    if (/\.(c|m)?js$/.test(rel)) {
      throw new ConfigError(
        `${rel} has unstaged changes, and a JavaScript config cannot be read from the index. Stage it (git add ${rel}) or stash the edits, then commit again.`,
        loaded.file,
      );
    }
    const raw = await parseConfigText(rel, staged.stdout.toString('utf8'), loaded.file);
    const stagedLoaded = await loadConfig(repo.root, { raw, file: rel });
    return { loaded: stagedLoaded, note: `${rel} has unstaged edits; this commit is checked with the staged version.` };
  }
}

export async function emit(out: RunOutput, io: CliIO, format: string, extraNotes: string[] = []): Promise<void> {
  const notes = [...extraNotes, ...out.notes];
  if (format === 'json') {
    io.out(JSON.stringify({ ...out.record, pending: out.pending, notes, waiverProblems: out.waiverProblems }, null, 2));
    return;
  }
  const shown = out.findings;
  const paint = await paintFor(io.color);
  const body = formatFindingsText(shown, {
    paint,
    hook: out.record.hook,
    pending: out.pending,
    notes,
    waiverProblems: out.waiverProblems,
    waiversUnavailable: out.waiversUnavailable,
  });
  const summary = summaryLine(out.record, out.pending, paint);
  // Quiet on success: one line. Everything on failure.
  io.err(body ? `${summary}\n${body}` : summary);
}

async function lifecycle() {
  return import('../../handoff/lifecycle.js');
}

async function record(record: RunRecord, repo: RepoInfo, loaded: LoadedConfig, io: CliIO, change?: ChangeSet) {
  try {
    const lc = await lifecycle();
    await lc.afterRun(record, { repo, config: loaded.config, change, env: io.env });
  } catch (e) {
    io.err(`harness-hooks: warning: could not write the run record (${(e as Error).message}).`);
  }
}

const cmd: CommandModule = {
  name: 'run',
  summary: 'Run the policies bound to a git hook.',
  help,
  options: { format: { type: 'string', default: 'text' } },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    const hookArg = positionals[0];
    if (!hookArg || !(HOOKS as readonly string[]).includes(hookArg)) {
      throw new UsageError(`expected a hook name (${HOOKS.join(', ')}), got ${hookArg ? `"${hookArg}"` : 'nothing'}`);
    }
    // `git merge` runs pre-merge-commit instead of pre-commit when it makes the merge commit itself.
    const merge = hookArg === 'pre-merge-commit';
    // git runs post-merge, not post-commit, after a merge commit it made without a conflict.
    const hook: HookName = merge ? 'pre-commit' : hookArg === 'post-merge' ? 'post-commit' : (hookArg as HookName);
    if (hookArg === 'post-merge') {
      const repo0 = await readRepoInfo(io.cwd, io.env);
      const second = repo0.head ? await gitRaw(['rev-parse', '-q', '--verify', 'HEAD^2'], { cwd: repo0.root, env: io.env, allowFail: true }) : undefined;
      if (!second || second.code !== 0) return EXIT.OK; // a fast-forward or squash: no merge commit was made
    }
    if (io.env.HARNESS_PROBE === '1') {
      // `harness-hooks doctor` runs each installed hook with this set: reaching here proves the hook
      // found node and the CLI. Nothing is checked or recorded.
      io.out(`harness-hooks probe ok: ${hook} via ${process.execPath}`);
      return EXIT.OK;
    }
    const format = String(values.format ?? 'text');
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got "${format}"`);
    const gitArgs = positionals.slice(1);
    const repo = await readRepoInfo(io.cwd, io.env);
    // `git commit --amend`: the change is the index against HEAD's parent, not against HEAD.
    let base: string | undefined;
    if ((hook === 'pre-commit' || hook === 'commit-msg') && repo.head && !merge) {
      const { detectAmend } = await import('../../git/amend.js');
      const amend = detectAmend(io.env, repo.gitDir);
      io.env = { ...io.env, HARNESS_COMMIT_AMEND: amend === undefined ? '' : amend ? '1' : '0' };
      if (amend) {
        const parent = await gitRaw(['rev-parse', '-q', '--verify', 'HEAD^1'], { cwd: repo.root, env: io.env, allowFail: true });
        base =
          parent.code === 0
            ? parent.stdout.toString('utf8').trim()
            : (await gitRaw(['hash-object', '-t', 'tree', '--stdin'], { cwd: repo.root, env: io.env, input: '' })).stdout.toString('utf8').trim();
      }
    }
    // Start reading the staged change while the config is checked, unless a policy will rewrite
    // the index first (lint-staged fixers): git spawns are most of a hook's cost.
    let early: Promise<ChangeSet> | undefined;
    let earlyFor: LoadedConfig | undefined;
    const { loaded, note, next } = await loadForHook(repo, hook, io, (l) => {
      if ((hook === 'pre-commit' || hook === 'commit-msg') && !mutatesIndex(l, hook)) {
        early = stagedChangeSet(repo, { env: io.env, base });
        early.catch(() => undefined);
        earlyFor = l;
      }
      return early;
    });
    if (early && loaded !== earlyFor && mutatesIndex(loaded, hook)) early = undefined;
    const notes = note ? [note] : [];

    if (hook === 'post-commit') {
      // Never blocks (git ignores post-commit's exit code anyway), but says when something broke.
      try {
        const lc = await lifecycle();
        await lc.postCommit({ repo, config: loaded.config, env: io.env });
      } catch (e) {
        io.err(`harness-hooks post-commit: could not write the handoff (${(e as Error).message}).`);
      }
      return EXIT.OK;
    }

    if (hook === 'pre-push') {
      const stdin = await io.readStdin();
      const { parsePushRefs } = await import('../../git/push.js');
      const refs = await parsePushRefs(stdin, repo, io.env);
      const [remote = '', url = ''] = gitArgs;
      let worst: number = EXIT.OK;
      if (refs.length === 0) {
        io.err('harness-hooks pre-push: nothing to push (no ref lines on stdin).');
        return EXIT.OK;
      }
      for (const ref of refs) {
        const build = async (): Promise<ChangeSet> => {
          let change: ChangeSet;
          if (ref.isDelete) {
            change = await rangeChangeSet(repo, `${ref.remoteSha}..${ref.remoteSha}`, { env: io.env }).catch(() => emptyRange(repo));
          } else {
            const base = ref.isNew || ref.isForce === 'unknown' ? '' : ref.remoteSha;
            change = await rangeChangeSet(repo, `${base}..${ref.localSha}`, { env: io.env });
          }
          change.push = { remote, url, refs: [ref] };
          return change;
        };
        const out = await runHook({ hook, repo, loaded, env: io.env, buildChange: build });
        await emit(out, io, format, [...notes, ...(refs.length > 1 ? [`ref ${ref.localRef} -> ${ref.remoteRef}`] : [])]);
        // With no pre-push policy the change is never read, but the push facts still matter (the
        // handoff's git notes are pushed after a passing pre-push).
        await record(out.record, repo, loaded, io, out.change ?? { ...emptyRange(repo), push: { remote, url, refs: [ref] } });
        worst = Math.max(worst, out.exitCode);
      }
      return worst;
    }

    let messageFile: string | undefined;
    if (hook === 'commit-msg') {
      messageFile = gitArgs[0];
      if (!messageFile) throw new UsageError('commit-msg needs the message file path (git passes it as the first argument)');
      try {
        readFileSync(messageFile);
      } catch {
        throw new UsageError(`cannot read the commit message file "${messageFile}"`);
      }
    }
    const out = await runHook({
      hook,
      repo,
      loaded,
      env: io.env,
      messageFile,
      merge,
      nextConfig: next?.config,
      buildChange: () => early ?? stagedChangeSet(repo, { env: io.env, base }),
    });
    await emit(out, io, format, notes);
    if (hook === 'commit-msg' && out.exitCode === EXIT.OK && messageFile) {
      try {
        const lc = await lifecycle();
        await lc.commitMsg(out.record, { repo, config: loaded.config, change: out.change, env: io.env, messageFile });
      } catch (e) {
        io.err(`harness-hooks commit-msg: could not add the evidence trailer (${(e as Error).message}).`);
      }
    }
    await record(out.record, repo, loaded, io, out.change);
    return out.exitCode;
  },
};

/** Will a policy that rewrites the index (lint-staged) run on this hook? */
function mutatesIndex(loaded: LoadedConfig, hook: HookName): boolean {
  return POLICIES.some((p) => {
    if (!p.mutatesIndex) return false;
    const cfg = loaded.config.policies[p.id];
    return Boolean(cfg?.enabled) && (cfg?.hooks ?? p.hooks).includes(hook);
  });
}

function emptyRange(repo: RepoInfo): ChangeSet {
  return {
    kind: 'range',
    repo,
    files: [],
    commits: [],
    readFile: async () => null,
    commitFiles: async () => [],
  };
}

export type { Finding };
export default cmd;
