/** post-commit: the handoff for the commit just made, from git, the ledger and pending notes. */
import { gitRaw } from '../git/exec.js';
import { changeHash } from '../engine/runner.js';
import { detectAgent } from '../engine/agent.js';
import type { ChangeSet, RunRecord } from '../engine/types.js';
import type { HandoffConfig } from './config.js';
import type { LifecycleContext } from './lifecycle.js';
import { harnessDir } from './lifecycle.js';
import { ensureHarnessDir, readLedger } from './ledger.js';
import { takeNotes } from './notes.js';
import { verifyCommits } from './evidence.js';
import { buildCommitHandoff, commitFiles, readCommit, writeCommitHandoff, type CommitHandoff } from './render.js';

/** Pick this commit's pre-commit and commit-msg records from the ledger. */
export function recordsForHead(records: RunRecord[], head: string, root: string, ownChangeHash: string, evidenceValid: boolean): RunRecord[] {
  // Records since the previous commit's post-commit run (ignore a post-commit record for this very commit).
  let start = 0;
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i]!;
    if (r.hook === 'post-commit' && r.repo.head !== head) {
      start = i + 1;
      break;
    }
  }
  const since = records.slice(start).filter((r) => r.repo.root === root && (r.hook === 'pre-commit' || r.hook === 'commit-msg'));
  const last = (hook: string, pred: (r: RunRecord) => boolean) => {
    const xs = since.filter((r) => r.hook === hook && pred(r));
    return xs[xs.length - 1];
  };
  // A normal commit: the runs whose change hash equals the commit's own change.
  let msg = last('commit-msg', (r) => r.changeHash === ownChangeHash);
  // An amend: the checks ran on the delta against the old commit; the evidence trailer proves it is this change.
  if (!msg && evidenceValid) msg = last('commit-msg', (r) => r.outcome === 'passed');
  const pre = msg
    ? last('pre-commit', (r) => r.changeHash === msg!.changeHash || r.changeHash === undefined)
    : last('pre-commit', (r) => r.changeHash === ownChangeHash && r.outcome === 'passed');
  return [pre, msg].filter((r): r is RunRecord => !!r);
}

export async function writeHandoffForHead(ctx: LifecycleContext): Promise<CommitHandoff> {
  const h = ctx.config.handoff as HandoffConfig;
  const root = ctx.repo.root;
  const head = (await gitRaw(['rev-parse', 'HEAD'], { cwd: root, env: ctx.env })).stdout.toString('utf8').trim();
  const dir = harnessDir(ctx.repo, ctx.config);
  ensureHarnessDir(dir);
  const [commit, files] = await Promise.all([readCommit(root, head, ctx.env), commitFiles(ctx.repo, head)]);
  const own = changeHash({ files } as ChangeSet);
  const [evidence] = await verifyCommits([commit], root, ctx.env);
  const records = recordsForHead(readLedger(dir), head, root, own, evidence!.state === 'valid');
  const notes = takeNotes(dir, head.slice(0, 12));
  const recAgent = records.find((r) => r.hook === 'commit-msg')?.agent ?? records[0]?.agent;
  const policies = (ctx.config.policies ?? {}) as Record<string, { protected?: unknown } | undefined>;
  const prot = policies.paths && Array.isArray(policies.paths.protected) ? (policies.paths.protected as string[]) : [];
  const handoff = await buildCommitHandoff({
    repo: { ...ctx.repo, head },
    sha: head,
    env: ctx.env,
    handoff: h,
    protectedGlobs: prot,
    // No run recorded here but valid evidence: a rebase / cherry-pick replayed a checked commit
    // (git runs post-commit for those too). Say "no local record", not "the checks did not run".
    records: records.length === 0 && evidence!.ok ? undefined : records,
    notes,
    evidence: evidence!,
    agent: recAgent ?? detectAgent(ctx.env),
    files,
  });
  const written = writeCommitHandoff(dir, handoff);
  if (h.notes.enabled) {
    const { addNoteToCommit } = await import('./gitnotes.js');
    await addNoteToCommit(root, head, h.notes.ref, written.md, ctx.env);
  }
  return handoff;
}
