/**
 * What the handoff subsystem does around hook runs. The runner calls these; they must never throw
 * into the runner (a broken ledger must not break a commit, but it is reported).
 *
 * - afterRun: append the run record to the ledger (and, at pre-push with git notes enabled, push the notes ref).
 * - commitMsg: add the evidence trailer to the message file (after policies passed).
 * - postCommit: write the handoff for the new commit.
 *
 * Heavy work (rendering, look-twice facts) is imported lazily: afterRun runs on every hook.
 */
import { isAbsolute, join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { ChangeSet, RepoInfo, RunRecord } from '../engine/types.js';
import type { ResolvedConfig } from '../config/schema.js';
import type { HandoffConfig } from './config.js';
import { appendRecord, readLedger, recordsForCommit } from './ledger.js';

export interface LifecycleContext {
  repo: RepoInfo;
  config: ResolvedConfig;
  change?: ChangeSet;
  env: NodeJS.ProcessEnv;
}

function handoffConfig(ctx: { config: ResolvedConfig }): HandoffConfig {
  return ctx.config.handoff as HandoffConfig;
}

export function harnessDir(repo: RepoInfo, config?: { handoff?: { dir?: string } }): string {
  const d = config?.handoff?.dir ?? '.harness';
  return isAbsolute(d) ? d : join(repo.root, d);
}

function warn(ctx: { env: NodeJS.ProcessEnv }, what: string, e: unknown): void {
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`harness-hooks: ${what} failed: ${msg.split('\n')[0]} (the commit itself is not affected)\n`);
  if (ctx.env.HARNESS_DEBUG && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
}

let notesPushed = false;

export async function afterRun(record: RunRecord, ctx: LifecycleContext): Promise<void> {
  const h = handoffConfig(ctx);
  try {
    if (h.ledger.enabled) await appendRecord(harnessDir(ctx.repo, ctx.config), record, { maxBytes: h.ledger.maxBytes, keep: h.ledger.keep });
  } catch (e) {
    warn(ctx, 'writing the ledger', e);
  }
  if (record.hook === 'pre-push' && record.exitCode === 0 && h.notes.enabled && h.notes.push && ctx.change?.push?.remote && !notesPushed) {
    // git runs pre-push for `git push --dry-run` too: then nothing is pushed, notes included.
    const { parentGitArgs, isDryRunPushArgs } = await import('../git/amend.js');
    const args = parentGitArgs(ctx.env);
    if (args && isDryRunPushArgs(args)) return;
    notesPushed = true; // once per push, however many refs it updates
    try {
      const { pushNotes } = await import('./gitnotes.js');
      await pushNotes(ctx.repo.root, ctx.change.push.remote, h.notes.ref, ctx.env);
    } catch (e) {
      warn(ctx, `pushing ${h.notes.ref}`, e);
    }
  }
}

/** The message without comment lines and our own trailer: empty means git will abort the commit. */
function meaningful(message: string): boolean {
  const cut = message.search(/^# -+ >8 -+$/m);
  const body = (cut >= 0 ? message.slice(0, cut) : message)
    .split('\n')
    .filter((l) => !l.startsWith('#') && !/^harness-evidence\s*:/i.test(l.trim()))
    .join('\n');
  return body.trim().length > 0;
}

export async function commitMsg(record: RunRecord, ctx: LifecycleContext & { messageFile: string }): Promise<void> {
  const h = handoffConfig(ctx);
  if (!h.evidence) return;
  // HARNESS_EMERGENCY: the checks did not run, so the commit gets no evidence (pre-push and CI will say so).
  if (record.outcome !== 'passed' || record.exitCode !== 0 || record.emergency) return;
  try {
    let message: string;
    try {
      message = readFileSync(ctx.messageFile, 'utf8');
    } catch {
      return;
    }
    if (!meaningful(message)) return; // git aborts an empty message; a trailer must not make it non-empty
    const { stagedPatchIds, buildEvidence, formatEvidence, TRAILER } = await import('./evidence.js');
    const { gitRaw } = await import('../git/exec.js');
    const dir = harnessDir(ctx.repo, ctx.config);
    const { preCommit } = recordsForCommit(readLedger(dir, { includeRotated: false }), { changeHash: record.changeHash, root: ctx.repo.root, head: ctx.repo.head });
    const { p, a } = await stagedPatchIds(ctx.repo.root, ctx.env);
    const waived = [...record.waivers, ...(preCommit?.waivers ?? [])].flatMap((w) => w.policies);
    const skipped = [...record.skipped, ...(preCommit?.skipped ?? [])];
    const ev = buildEvidence({
      p,
      a,
      configHash: record.configHash,
      preCommit: preCommit ? preCommit.outcome : 'none',
      commitMsg: record.outcome,
      waived,
      skipped,
    });
    await gitRaw(
      ['interpret-trailers', '--in-place', '--where', 'end', '--if-exists', 'replace', '--if-missing', 'add', '--trailer', `${TRAILER}: ${formatEvidence(ev)}`, ctx.messageFile],
      { cwd: ctx.repo.root, env: ctx.env },
    );
  } catch (e) {
    warn(ctx, 'adding the Harness-Evidence trailer', e);
  }
}

export async function postCommit(ctx: LifecycleContext): Promise<void> {
  const h = handoffConfig(ctx);
  if (!h.enabled) return;
  try {
    const { writeHandoffForHead } = await import('./post-commit.js');
    await writeHandoffForHead(ctx);
  } catch (e) {
    warn(ctx, 'writing the handoff', e);
  }
}
