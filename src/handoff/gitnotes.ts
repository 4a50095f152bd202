/** Optional git notes (refs/notes/harness by default) carrying each commit's handoff. */
import { gitRaw } from '../git/exec.js';

export async function addNoteToCommit(cwd: string, sha: string, ref: string, file: string, env: NodeJS.ProcessEnv): Promise<void> {
  await gitRaw(['notes', `--ref=${ref}`, 'add', '-f', '-F', file, sha], { cwd, env });
}

/**
 * Push the notes ref (from inside pre-push, so with --no-verify: our own pre-push must not run
 * again). A rejected push (someone else pushed notes first) is reported, not fatal: fetch and
 * merge with `git notes --ref=<ref> merge`.
 */
export async function pushNotes(cwd: string, remote: string, ref: string, env: NodeJS.ProcessEnv): Promise<void> {
  const has = await gitRaw(['rev-parse', '-q', '--verify', ref], { cwd, env, allowFail: true });
  if (has.code !== 0) return;
  await gitRaw(['push', '--no-verify', '--quiet', remote, `${ref}:${ref}`], { cwd, env });
}
