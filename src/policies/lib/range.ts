/** Helpers for range (pre-push / CI) changes that need one extra git call over all commits at once. */
import type { ChangeSet, GitRunner } from '../../engine/types.js';

/** Rev arguments selecting the commits of a range change (as rangeChangeSet listed them). */
export function rangeRevs(change: ChangeSet): string[] | undefined {
  if (change.kind !== 'range' || !change.range) return undefined;
  const { base, head } = change.range;
  return base ? [`${base}..${head}`] : [head, '--not', '--remotes'];
}

/** Each commit of the range (oldest first) with the paths it touched: one `git log`. */
async function namesByCommit(change: ChangeSet, git: GitRunner, extra: string[]): Promise<Array<[sha: string, paths: string[]]>> {
  const revs = rangeRevs(change);
  if (!revs) return [];
  const text = await git.run(['log', '--reverse', '--format=%x01%H', '-z', '--name-only', '--no-renames', '--no-ext-diff', ...extra, ...revs, '--']);
  const out: Array<[string, string[]]> = [];
  for (const rec of text.split('\x01')) {
    const nul = rec.indexOf('\0');
    if (!rec || nul === -1) continue;
    let rest = rec.slice(nul + 1);
    if (rest.startsWith('\n')) rest = rest.slice(1);
    out.push([rec.slice(0, nul), rest.split('\0').filter(Boolean)]);
  }
  return out;
}

/**
 * Every path added or modified by any commit of the range (renames as additions), with the first
 * commit that touched it. One `git log`, whatever the number of commits.
 */
export async function pathsTouchedInRange(change: ChangeSet, git: GitRunner): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [sha, paths] of await namesByCommit(change, git, ['--diff-filter=d'])) for (const p of paths) if (!out.has(p)) out.set(p, sha);
  return out;
}

/**
 * For each path changed anywhere in the range (deletions and both sides of renames included), the
 * commits that touched it, oldest first. One `git log`.
 */
export async function commitsTouching(change: ChangeSet, git: GitRunner): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const [sha, paths] of await namesByCommit(change, git, [])) {
    for (const p of paths) {
      const list = out.get(p);
      if (list) list.push(sha);
      else out.set(p, [sha]);
    }
  }
  return out;
}
