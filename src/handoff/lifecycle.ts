/**
 * What the handoff subsystem does around hook runs. The runner calls these; they must never throw
 * into the runner (a broken ledger must not break a commit, but it is reported).
 *
 * - afterRun: append the run record to the ledger.
 * - commitMsg: add the evidence trailer to the message file (after policies passed).
 * - postCommit: write the handoff for the new commit.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChangeSet, RepoInfo, RunRecord } from '../engine/types.js';
import type { ResolvedConfig } from '../config/schema.js';

export interface LifecycleContext {
  repo: RepoInfo;
  config: ResolvedConfig;
  change?: ChangeSet;
  env: NodeJS.ProcessEnv;
}

export function harnessDir(repo: RepoInfo): string {
  return join(repo.root, '.harness');
}

export async function afterRun(record: RunRecord, ctx: LifecycleContext): Promise<void> {
  const dir = harnessDir(ctx.repo);
  await mkdir(dir, { recursive: true });
  await appendFile(join(dir, 'ledger.jsonl'), JSON.stringify(record) + '\n');
}

export async function commitMsg(_record: RunRecord, _ctx: LifecycleContext & { messageFile: string }): Promise<void> {
  /* evidence trailer: implemented in src/handoff (issue 6) */
}

export async function postCommit(_ctx: LifecycleContext): Promise<void> {
  /* handoff writer: implemented in src/handoff (issue 6) */
}
