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

/**
 * Pick this commit's pre-commit and commit-msg records from the ledger.
 * - A normal commit: the runs whose change hash equals the commit's own change (also true for a
 *   commit replayed unchanged by a rebase or cherry-pick).
 * - An amend: the checks ran on the delta against the commit being replaced, so the hashes differ.
 *   The caller passes `amendCheck`, which accepts the latest passed commit-msg run only when its
 *   HEAD (the replaced commit) has the same parent as this commit and the evidence is valid.
 */
export async function recordsForHead(
  records: RunRecord[],
  root: string,
  ownChangeHash: string,
  amendCheck?: (candidate: RunRecord) => Promise<boolean>,
): Promise<RunRecord[]> {
  const mine = records.filter((r) => r.repo.root === root && (r.hook === 'pre-commit' || r.hook === 'commit-msg'));
  const last = (hook: string, pred: (r: RunRecord) => boolean) => {
    const xs = mine.filter((r) => r.hook === hook && pred(r));
    return xs[xs.length - 1];
  };
  let msg = last('commit-msg', (r) => r.changeHash === ownChangeHash);
  if (!msg && amendCheck) {
    const cand = last('commit-msg', (r) => r.outcome === 'passed');
    if (cand && (await amendCheck(cand))) msg = cand;
  }
  const pre = msg
    ? last('pre-commit', (r) => r.repo.head === msg!.repo.head && (r.changeHash === msg!.changeHash || r.changeHash === undefined))
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
  const records = await recordsForHead(
    readLedger(dir),
    root,
    own,
    evidence!.state === 'valid'
      ? async (cand) => {
          if (!cand.repo.head || cand.repo.head === commit.parents[0]) return false;
          const p = await gitRaw(['rev-parse', '-q', '--verify', `${cand.repo.head}^1`], { cwd: root, env: ctx.env, allowFail: true });
          const candParent = p.code === 0 ? p.stdout.toString('utf8').trim() : undefined;
          return candParent === commit.parents[0];
        }
      : undefined,
  );
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
