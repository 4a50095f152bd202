/** Parse git's pre-push stdin: one `<local ref> <local sha> <remote ref> <remote sha>` line per ref. */
import type { PushRef, RepoInfo } from '../engine/types.js';
import { gitRaw } from './exec.js';

const ZERO = /^0+$/;

export async function parsePushRefs(stdin: string, repo: RepoInfo, env: NodeJS.ProcessEnv = process.env): Promise<PushRef[]> {
  const refs: PushRef[] = [];
  for (const line of stdin.split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (parts.length < 4) continue;
    const [localRef, localSha, remoteRef, remoteSha] = parts as [string, string, string, string];
    const isNew = ZERO.test(remoteSha);
    const isDelete = ZERO.test(localSha);
    const isTag = remoteRef.startsWith('refs/tags/');
    let isForce: PushRef['isForce'] = false;
    if (!isNew && !isDelete) {
      const known = await gitRaw(['cat-file', '-e', `${remoteSha}^{commit}`], { cwd: repo.root, env, allowFail: true });
      if (known.code !== 0) isForce = 'unknown';
      else {
        const anc = await gitRaw(['merge-base', '--is-ancestor', remoteSha, localSha], { cwd: repo.root, env, allowFail: true });
        isForce = anc.code !== 0;
      }
    }
    refs.push({ localRef, localSha, remoteRef, remoteSha, isNew, isDelete, isTag, isForce });
  }
  return refs;
}
