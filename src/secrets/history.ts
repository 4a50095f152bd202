/**
 * `scan --history`: every commit reachable from any ref, streamed in batches of commits (bounded
 * memory), each commit's own added lines against its first parent (root commits: everything).
 */
import { gitRaw, unquoteCPath } from '../git/exec.js';
import { DIFF_FLAGS, parsePatch } from '../git/diff.js';
import type { AddedLine } from '../engine/types.js';

export interface CommitPatch {
  sha: string;
  message: string;
  files: Array<{ path: string; binary: boolean; deleted: boolean; added: AddedLine[] }>;
}

function headerPath(header: string): string {
  const rest = header.slice('diff --git '.length);
  if (rest.startsWith('"')) {
    const i = rest.indexOf('" ');
    const b = rest.slice(i + 2);
    return unquoteCPath(b).replace(/^b\//, '');
  }
  // a/X b/X with identical X (renames are off)
  const x = rest.slice(2, 2 + (rest.length - 5) / 2);
  return x;
}

export async function* historyCommits(root: string, env: NodeJS.ProcessEnv, batch = 200): AsyncGenerator<CommitPatch> {
  const list = await gitRaw(['rev-list', '--all', '--reverse', '--topo-order'], { cwd: root, env, allowFail: true });
  if (list.code !== 0) return;
  const shas = list.stdout.toString('utf8').split('\n').filter(Boolean);
  const flags = [...DIFF_FLAGS.filter((f) => f !== '-M'), '--no-renames', '-p', '-U0', '--src-prefix=a/', '--dst-prefix=b/'];
  for (let i = 0; i < shas.length; i += batch) {
    const part = shas.slice(i, i + batch);
    const r = await gitRaw(['show', '-m', '--first-parent', ...flags, '--format=%x00commit %H%x00%B%x00', ...part], { cwd: root, env });
    const out = r.stdout.toString('utf8');
    const chunks = out.split('\0commit ').filter(Boolean);
    for (const c of chunks) {
      const body = c.startsWith('commit ') ? c.slice(7) : c;
      const [sha, message = '', patch = ''] = body.split('\0');
      const sections = parsePatch(patch);
      yield {
        sha: sha!.trim(),
        message,
        files: sections.map((s) => ({ path: headerPath(s.header), binary: s.binary, deleted: s.deletedFile, added: s.added })),
      };
    }
  }
}
