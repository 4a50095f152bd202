/**
 * git's pre-push stdin: one line per ref, `<local ref> SP <local sha> SP <remote ref> SP <remote sha>`.
 * A zero local sha deletes the remote ref; a zero remote sha creates it. A push is a force push when
 * the remote sha is not an ancestor of the local sha (`git merge-base --is-ancestor`); when the remote
 * sha is not in the local object store we cannot tell, and say so ('unknown').
 */
import type { GitRunner, PushRef, RepoInfo } from '../engine/types.js';
import { makeGitRunner } from './exec.js';

const ZERO = /^0+$/;
const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

export class PushParseError extends Error {}

export interface ParsedLine {
  localRef: string;
  localSha: string;
  remoteRef: string;
  remoteSha: string;
}

/** Parse the lines only (pure). Blank lines are ignored; malformed lines throw (fail closed). */
export function parsePushLines(stdin: string): ParsedLine[] {
  const out: ParsedLine[] = [];
  for (const raw of stdin.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) continue;
    const parts = line.split(' ');
    if (parts.length !== 4 || !SHA.test(parts[1]!) || !SHA.test(parts[3]!)) {
      throw new PushParseError(`unexpected pre-push input line: ${JSON.stringify(line.slice(0, 200))}`);
    }
    const [localRef, localSha, remoteRef, remoteSha] = parts as [string, string, string, string];
    out.push({ localRef, localSha, remoteRef, remoteSha });
  }
  return out;
}

/**
 * Parse and classify the ref lines. `via` is a GitRunner (policies, tests) or the RepoInfo plus
 * environment (the `run` command).
 */
export async function parsePushRefs(stdin: string, via: GitRunner | RepoInfo, env: NodeJS.ProcessEnv = process.env): Promise<PushRef[]> {
  const git: GitRunner = 'run' in via ? via : makeGitRunner(via.root, env);
  const lines = parsePushLines(stdin);
  return Promise.all(
    lines.map(async (l): Promise<PushRef> => {
      const isNew = ZERO.test(l.remoteSha);
      const isDelete = ZERO.test(l.localSha);
      const isTag = l.remoteRef.startsWith('refs/tags/') || l.localRef.startsWith('refs/tags/');
      let isForce: PushRef['isForce'] = false;
      if (!isNew && !isDelete) {
        if (l.remoteSha === l.localSha) isForce = false;
        else {
          const known = await git.run(['cat-file', '-e', `${l.remoteSha}^{commit}`]).then(
            () => true,
            () => false,
          );
          isForce = known ? !(await isAncestor(git, l.remoteSha, l.localSha)) : 'unknown';
        }
      }
      return { ...l, isNew, isDelete, isTag, isForce };
    }),
  );
}

/** `git merge-base --is-ancestor a b`: exit 0 yes, 1 no, anything else unknown (treated as no). */
async function isAncestor(git: GitRunner, a: string, b: string): Promise<boolean> {
  try {
    await git.run(['merge-base', '--is-ancestor', a, b]);
    return true;
  } catch {
    return false;
  }
}
