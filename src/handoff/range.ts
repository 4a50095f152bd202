/** Shared by `verify` and `handoff`: resolve the range to look at when none is given. */
import { gitRaw } from '../git/exec.js';
import { UsageError } from '../cli/command.js';
import type { RepoInfo } from '../engine/types.js';

/** `--range` as given, else `<upstream>..HEAD`, else `origin/HEAD|main|master..HEAD`. */
export async function defaultRange(repo: RepoInfo, env: NodeJS.ProcessEnv, given?: string): Promise<string> {
  if (given) {
    if (!given.includes('..')) throw new UsageError(`--range must look like BASE..HEAD (for example origin/main..HEAD), got "${given}"`);
    return given;
  }
  for (const cand of ['@{upstream}', 'origin/HEAD', 'origin/main', 'origin/master']) {
    const r = await gitRaw(['rev-parse', '-q', '--verify', '--symbolic-full-name', cand], { cwd: repo.root, env, allowFail: true });
    if (r.code === 0 && r.stdout.toString('utf8').trim()) return `${cand}..HEAD`;
  }
  throw new UsageError('no --range given and no upstream or origin/main to compare with: pass --range BASE..HEAD (for example main..HEAD)');
}
