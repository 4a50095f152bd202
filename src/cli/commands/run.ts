/**
 * `harness-hooks run <hook> [git's args]`: what the installed hook scripts call.
 *   pre-commit  <none>            the staged change
 *   commit-msg  <message file>    the message (+ pending waivable findings, evidence trailer)
 *   pre-push    <remote> <url>    refs on stdin; one range per pushed ref
 *   post-commit <none>            the handoff for the new commit (never blocks)
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CommandModule, CliIO } from '../command.js';
import { UsageError } from '../command.js';
import type { ChangeSet, Finding, HookName, RepoInfo, RunRecord } from '../../engine/types.js';
import { EXIT } from '../../engine/types.js';
import { readRepoInfo } from '../../git/repo.js';
import { gitRaw } from '../../git/exec.js';
import { loadConfig, type LoadedConfig } from '../../config/load.js';
import { ConfigError } from '../../config/errors.js';
import { runHook, type RunOutput } from '../../engine/runner.js';
import { stagedChangeSet, rangeChangeSet } from '../../git/changeset.js';
import { parsePushRefs } from '../../git/push.js';
import { POLICIES } from '../../policies/index.js';
import { formatFindingsText, paintFor, summaryLine } from '../../report/text.js';

const HOOKS: HookName[] = ['pre-commit', 'commit-msg', 'pre-push', 'post-commit'];

const help = `Usage: harness-hooks run <hook> [git's hook arguments] [--format text|json]

Runs the policies bound to <hook> (pre-commit, commit-msg, pre-push, post-commit).
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
async function loadForHook(
  repo: RepoInfo,
  hook: HookName,
  io: CliIO,
  onLoaded?: (loaded: LoadedConfig) => void,
): Promise<{ loaded: LoadedConfig; note?: string }> {
  const cacheDir = join(repo.gitDir, 'harness');
  const loaded = await loadConfig(repo.root, { cacheDir });
  onLoaded?.(loaded);
  if (hook !== 'pre-commit' || !loaded.file) return { loaded };
  const rel = relative(repo.root, loaded.file).split('\\').join('/');
  if (rel.startsWith('..')) return { loaded };
  const diff = await gitRaw(['diff', '--quiet', '--', rel], { cwd: repo.root, env: io.env, allowFail: true });
  if (diff.code !== 1) return { loaded };
  const staged = await gitRaw(['show', `:${rel}`], { cwd: repo.root, env: io.env, allowFail: true });
  if (staged.code !== 0) return { loaded }; // not in the index at all: the working file is the only version
  if (/\.(c|m)?js$/.test(rel)) {
    throw new ConfigError(
      `${rel} has unstaged changes, and a JavaScript config cannot be read from the index. Stage it (git add ${rel}) or stash the edits, then commit again.`,
      loaded.file,
    );
  }
  let raw: Record<string, unknown>;
  const text = staged.stdout.toString('utf8');
  try {
    if (rel.endsWith('package.json')) raw = (JSON.parse(text).harness ?? {}) as Record<string, unknown>;
    else if (/\.ya?ml$/.test(rel) || (rel === '.harnessrc' && !text.trim().startsWith('{'))) {
      const { defaultLoaders } = await import('cosmiconfig');
      raw = ((await defaultLoaders['.yaml'](loaded.file, text)) ?? {}) as Record<string, unknown>;
    } else raw = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new ConfigError(`cannot parse the staged version of ${rel}: ${(e as Error).message}`, loaded.file);
  }
  const stagedLoaded = await loadConfig(repo.root, { raw, file: rel });
  return { loaded: stagedLoaded, note: `${rel} has unstaged edits; this commit is checked with the staged version.` };
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
    const hook = positionals[0] as HookName | undefined;
    if (!hook || !HOOKS.includes(hook)) {
      throw new UsageError(`expected a hook name (${HOOKS.join(', ')}), got ${hook ? `"${hook}"` : 'nothing'}`);
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
    // Start reading the staged change while the config is checked, unless a policy will rewrite
    // the index first (lint-staged fixers): git spawns are most of a hook's cost.
    let early: Promise<ChangeSet> | undefined;
    let earlyFor: LoadedConfig | undefined;
    const { loaded, note } = await loadForHook(repo, hook, io, (l) => {
      if ((hook === 'pre-commit' || hook === 'commit-msg') && !mutatesIndex(l, hook)) {
        early = stagedChangeSet(repo, { env: io.env });
        early.catch(() => undefined);
        earlyFor = l;
      }
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
        await record(out.record, repo, loaded, io, out.change);
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
      buildChange: () => early ?? stagedChangeSet(repo, { env: io.env }),
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
