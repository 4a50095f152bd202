/**
 * Is the commit being made `git commit --amend`? Git does not tell its hooks. The installed hook
 * script passes git's process id (HARNESS_GIT_PID, the hook's parent) and we read git's command
 * line: /proc on Linux, `ps` elsewhere. `undefined` when it cannot be known.
 *
 * It matters because an amend's change against its parent is not the staged diff against HEAD:
 * pre-commit must check the whole amended change, and the evidence must describe exactly that.
 */
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export function isAmendArgs(args: string[]): boolean {
  const i = args.indexOf('commit');
  if (i === -1) return false;
  return args.slice(i + 1).some((a) => a === '--amend' || a.startsWith('--fixup=amend:') || a.startsWith('--fixup=reword:'));
}

/** During `rebase -i`, a squash or fixup step amends the commit before it (git's sequencer state). */
export function rebaseStepAmends(gitDir: string): boolean {
  try {
    const done = readFileSync(`${gitDir}/rebase-merge/done`, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    return /^(squash|fixup|s|f)\s/.test(done.at(-1) ?? '');
  } catch {
    return false;
  }
}

/** The command line of the git process that runs this hook (HARNESS_GIT_PID), or undefined when it cannot be read. */
export function parentGitArgs(env: NodeJS.ProcessEnv): string[] | undefined {
  const pid = env.HARNESS_GIT_PID;
  if (!pid || !/^\d+$/.test(pid)) return undefined;
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    if (args.length) return args.map((a, k) => (k === 0 ? a.replace(/^.*\//, '') : a));
  } catch {
    /* no /proc: ask ps */
  }
  const r = spawnSync('ps', ['-o', 'args=', '-p', pid], { encoding: 'utf8' });
  if (r.status !== 0 || !r.stdout.trim()) return undefined;
  return r.stdout.trim().split(/\s+/).map((a, k) => (k === 0 ? a.replace(/^.*\//, '') : a));
}

export function detectAmend(env: NodeJS.ProcessEnv, gitDir?: string): boolean | undefined {
  if (env.HARNESS_COMMIT_AMEND === '1') return true;
  if (env.HARNESS_COMMIT_AMEND === '0') return false;
  if (gitDir && rebaseStepAmends(gitDir)) return true;
  const args = parentGitArgs(env);
  return args ? isAmendArgs(args) : undefined;
}

/** `git push --dry-run` / `-n` (git runs pre-push for a dry run too). */
export function isDryRunPushArgs(args: string[]): boolean {
  const i = args.indexOf('push');
  if (i === -1) return false;
  for (const a of args.slice(i + 1)) {
    if (a === '--') break;
    if (a === '--dry-run' || (/^-[a-zA-Z]+$/.test(a) && a.includes('n') && !a.startsWith('-o'))) return true;
  }
  return false;
}
