/** Optional git notes (refs/notes/harness by default) carrying each commit's handoff. */
import { gitRaw } from '../git/exec.js';

export async function addNoteToCommit(cwd: string, sha: string, ref: string, file: string, env: NodeJS.ProcessEnv): Promise<void> {
  await gitRaw(['notes', `--ref=${ref}`, 'add', '-f', '-F', file, sha], { cwd, env });
}

/**
 * Push the notes ref (from inside pre-push, so with --no-verify: our own pre-push must not run
 * again). When the remote's notes moved on (another clone pushed its notes first, so the push is
 * rejected as not a fast-forward), fetch them, merge them into ours (`git notes merge`; for a commit
 * noted on both sides, ours wins: the handoff written where the commit was made) and push again.
 * Anything else that fails is thrown, and reported by the caller without failing the push.
 */
export async function pushNotes(cwd: string, remote: string, shortRef: string, env: NodeJS.ProcessEnv): Promise<void> {
  // `git notes --ref=harness` writes refs/notes/harness: name the same ref here.
  const ref = shortRef.startsWith('refs/') ? shortRef : `refs/notes/${shortRef}`;
  const has = await gitRaw(['rev-parse', '-q', '--verify', ref], { cwd, env, allowFail: true });
  if (has.code !== 0) return;
  const push = () => gitRaw(['push', '--no-verify', '--quiet', remote, `${ref}:${ref}`], { cwd, env, allowFail: true });
  const first = await push();
  if (first.code === 0) return;
  const why = (r: { stderr: string }) => r.stderr.split('\n').find((l) => /rejected|error|fatal/.test(l))?.trim() ?? r.stderr.trim().split('\n')[0] ?? '';
  if (!/rejected|fetch first|non-fast-forward/i.test(first.stderr)) throw new Error(`git push ${ref} failed: ${why(first)}`);
  // A notes ref of its own (under refs/notes/, which `git notes merge` requires), removed afterwards.
  const incoming = `${ref.startsWith('refs/notes/') ? ref : `refs/notes/${ref.replace(/^refs\//, '')}`}-incoming-${process.pid}`;
  try {
    const fetched = await gitRaw(['fetch', '--no-tags', '--quiet', remote, `+${ref}:${incoming}`], { cwd, env, allowFail: true });
    if (fetched.code !== 0) throw new Error(`our push of ${ref} was rejected and the remote's notes could not be fetched: ${why(fetched)}`);
    const merged = await gitRaw(['notes', `--ref=${ref}`, 'merge', '--quiet', '--strategy=ours', incoming], { cwd, env, allowFail: true });
    if (merged.code !== 0) throw new Error(`could not merge the remote's ${ref} into ours: ${why(merged)}. Fix by hand: git fetch ${remote} ${ref}:${incoming} && git notes --ref=${ref} merge ${incoming}`);
  } finally {
    await gitRaw(['update-ref', '-d', incoming], { cwd, env, allowFail: true });
  }
  const again = await push();
  if (again.code !== 0) throw new Error(`git push ${ref} failed after merging the remote's notes: ${why(again)}`);
}
