/**
 * Does a tracked file in the working tree differ from its index entry? The question pre-commit asks
 * about the harness config on every commit, answered without spawning git: read the entry from the
 * index file (format v2/v3, SHA-1), then compare stat data like git does, and the content hash when
 * the stat data differs. `undefined` whenever git must answer: index v4, SHA-256 or split indexes,
 * sparse entries, a racy timestamp, anything unexpected.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

interface Entry {
  mtimeSec: number;
  mtimeNsec: number;
  ino: number;
  size: number;
  sha: string;
}

/** Find `path` in a v2/v3 SHA-1 index; reads only as far as the entry (entries are sorted by path). */
export function readIndexEntry(indexFile: string, path: string): Entry | null | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(indexFile, 'r');
    const size = statSync(indexFile).size;
    const want = Buffer.from(path, 'utf8');
    let buf = Buffer.alloc(Math.min(size, 1 << 16));
    let have = readSync(fd, buf, 0, buf.length, 0);
    const ensure = (end: number) => {
      if (end <= have) return true;
      if (end > size) return false;
      const next = Buffer.alloc(Math.min(size, Math.max(end, buf.length * 2)));
      buf.copy(next, 0, 0, have);
      have += readSync(fd!, next, have, next.length - have, have);
      buf = next;
      return end <= have;
    };
    if (!ensure(12) || buf.toString('latin1', 0, 4) !== 'DIRC') return undefined;
    const version = buf.readUInt32BE(4);
    if (version !== 2 && version !== 3) return undefined;
    const count = buf.readUInt32BE(8);
    let off = 12;
    for (let i = 0; i < count; i++) {
      if (!ensure(off + 62)) return undefined;
      const flags = buf.readUInt16BE(off + 60);
      const extended = (flags & 0x4000) !== 0;
      if (extended && version < 3) return undefined;
      const nameStart = off + 62 + (extended ? 2 : 0);
      if (extended) {
        if (!ensure(nameStart)) return undefined;
        const ext = buf.readUInt16BE(off + 62);
        if (ext & 0x4000) return undefined; // skip-worktree (sparse): git must answer
      }
      let nameLen = flags & 0x0fff;
      if (nameLen === 0x0fff) {
        let e = nameStart;
        while (ensure(e + 1) && buf[e] !== 0) e++;
        nameLen = e - nameStart;
      }
      if (!ensure(nameStart + nameLen + 1)) return undefined;
      const name = buf.subarray(nameStart, nameStart + nameLen);
      const cmp = Buffer.compare(name, want);
      if (cmp === 0) {
        if ((flags >> 12) & 0x3) return undefined; // an unmerged stage
        return {
          mtimeSec: buf.readUInt32BE(off + 8),
          mtimeNsec: buf.readUInt32BE(off + 12),
          ino: buf.readUInt32BE(off + 20),
          size: buf.readUInt32BE(off + 36),
          sha: buf.toString('hex', off + 40, off + 60),
        };
      }
      if (cmp > 0) return null; // sorted: not in the index
      const entryLen = 62 + (extended ? 2 : 0) + nameLen;
      off += (entryLen + 8) & ~7; // NUL-padded to a multiple of 8
    }
    return null;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * false: the working file is exactly what the index holds; undefined: it may differ, ask git (which
 * also knows about autocrlf and clean filters, where the index holds converted content).
 */
export function hasUnstagedEdits(root: string, gitDir: string, commonDir: string, rel: string, env: NodeJS.ProcessEnv): false | undefined {
  try {
    const config = readFileSync(join(commonDir, 'config'), 'utf8');
    if (/objectformat\s*=\s*sha256|splitindex|\[index\][^[]*version\s*=\s*4|manyfiles/i.test(config)) return undefined;
    const indexFile = env.GIT_INDEX_FILE ? (isAbsolute(env.GIT_INDEX_FILE) ? env.GIT_INDEX_FILE : join(root, env.GIT_INDEX_FILE)) : join(gitDir, 'index');
    const entry = readIndexEntry(indexFile, rel);
    if (!entry) return undefined;
    const st = statSync(join(root, rel), { bigint: true });
    const idx = statSync(indexFile, { bigint: true });
    const mtimeNs = BigInt(entry.mtimeSec) * 1_000_000_000n + BigInt(entry.mtimeNsec);
    const statSame = st.mtimeNs === mtimeNs && Number(st.size) === entry.size && Number(st.ino & 0xffffffffn) === entry.ino;
    // Git's racy-clean rule: stat data alone is trusted only if the file is older than the index.
    if (statSame && st.mtimeNs < idx.mtimeNs) return false;
    const content = readFileSync(join(root, rel));
    const sha = createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
    return sha === entry.sha ? false : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The staged content of `rel` without spawning git when the index can answer: null when the path is
 * not in the index, the working file's bytes when they are exactly what the index holds; undefined
 * when git must be asked (unstaged edits, an index format we do not read, sparse or conflicted).
 */
export function stagedContentFromFiles(root: string, gitDir: string, commonDir: string, rel: string, env: NodeJS.ProcessEnv): Buffer | null | undefined {
  try {
    const config = readFileSync(join(commonDir, 'config'), 'utf8');
    if (/objectformat\s*=\s*sha256|splitindex|\[index\][^[]*version\s*=\s*4|manyfiles/i.test(config)) return undefined;
    const indexFile = env.GIT_INDEX_FILE ? (isAbsolute(env.GIT_INDEX_FILE) ? env.GIT_INDEX_FILE : join(root, env.GIT_INDEX_FILE)) : join(gitDir, 'index');
    const entry = readIndexEntry(indexFile, rel);
    if (entry === null) return null;
    if (!entry) return undefined;
    const content = readFileSync(join(root, rel));
    const sha = createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
    return sha === entry.sha ? content : undefined;
  } catch {
    return undefined;
  }
}
