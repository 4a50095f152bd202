/**
 * Parse git's raw (-z) and unified-diff (-U0) output into ChangedFile records.
 * Paths come from the -z raw output (byte-exact: spaces, unicode, newlines, leading dashes);
 * line numbers and texts come from the patch, matched to raw entries in order.
 */
import type { AddedLine, ChangedFile, FileStatus } from '../engine/types.js';

interface RawEntry {
  srcMode: string;
  dstMode: string;
  srcSha: string;
  dstSha: string;
  status: FileStatus;
  path: string;
  oldPath?: string;
  /** An unmerged (conflicted) path: git prints `* Unmerged path <p>` for it, not a patch section. */
  unmerged?: boolean;
}

const ZERO = /^0+$/;

export function parseRawZ(buf: string): RawEntry[] {
  const parts = buf.split('\0');
  const out: RawEntry[] = [];
  let i = 0;
  while (i < parts.length) {
    const head = parts[i++];
    if (!head || !head.startsWith(':')) continue;
    const [srcMode, dstMode, srcSha, dstSha, statusScore] = head.slice(1).split(' ');
    const status = (statusScore ?? 'M')[0] as FileStatus | 'U' | 'X';
    const p1 = parts[i++] ?? '';
    if (status === 'R' || status === 'C') {
      const p2 = parts[i++] ?? '';
      out.push({ srcMode: srcMode!, dstMode: dstMode!, srcSha: srcSha!, dstSha: dstSha!, status, path: p2, oldPath: p1 });
    } else if (status === 'U' || status === 'X') {
      // Unmerged: git refuses to commit these; treat as modified so policies still see the path.
      out.push({ srcMode: srcMode!, dstMode: dstMode!, srcSha: srcSha!, dstSha: dstSha!, status: 'M', path: p1, unmerged: true });
    } else {
      out.push({ srcMode: srcMode!, dstMode: dstMode!, srcSha: srcSha!, dstSha: dstSha!, status: status as FileStatus, path: p1 });
    }
  }
  return out;
}

interface PatchSection {
  header: string;
  binary: boolean;
  added: AddedLine[];
  removed: AddedLine[];
  addedCount: number;
  deletedCount: number;
  deletedFile: boolean;
  newFile: boolean;
}

const HUNK = /^@@@* -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

export function parsePatch(text: string, keepLines = true): PatchSection[] {
  const sections: PatchSection[] = [];
  let cur: PatchSection | undefined;
  let inHunk = false;
  let oldLn = 0;
  let newLn = 0;
  let start = 0;
  const len = text.length;
  while (start < len) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = len;
    const line = text.slice(start, end);
    start = end + 1;
    if (line.startsWith('diff --git ') || line.startsWith('diff --cc ') || line.startsWith('diff --combined ')) {
      cur = { header: line, binary: false, added: [], removed: [], addedCount: 0, deletedCount: 0, deletedFile: false, newFile: false };
      sections.push(cur);
      inHunk = false;
      continue;
    }
    if (!cur) continue;
    if (inHunk) {
      const c = line.charCodeAt(0);
      if (c === 43 /* + */) {
        cur.addedCount++;
        if (keepLines) cur.added.push({ line: newLn, text: line.slice(1) });
        newLn++;
        continue;
      }
      if (c === 45 /* - */) {
        cur.deletedCount++;
        if (keepLines) cur.removed.push({ line: oldLn, text: line.slice(1) });
        oldLn++;
        continue;
      }
      if (c === 32 /* space (context) */) {
        oldLn++;
        newLn++;
        continue;
      }
      if (c === 92 /* \ No newline */) continue;
      if (line.startsWith('@@')) {
        const m = HUNK.exec(line);
        if (m) {
          oldLn = Number(m[1]);
          newLn = Number(m[3]);
        }
        continue;
      }
      inHunk = false;
    }
    if (line.startsWith('@@')) {
      const m = HUNK.exec(line);
      if (m) {
        oldLn = Number(m[1]);
        newLn = Number(m[3]);
        inHunk = true;
      }
      continue;
    }
    if (line.startsWith('Binary files ') || line === 'GIT binary patch') cur.binary = true;
    else if (line.startsWith('deleted file mode')) cur.deletedFile = true;
    else if (line.startsWith('new file mode')) cur.newFile = true;
  }
  return sections;
}

/** Join raw entries with patch sections (same order; a typechange yields two patch sections). */
export function joinRawAndPatch(raw: RawEntry[], sections: PatchSection[]): ChangedFile[] {
  const files: ChangedFile[] = [];
  let s = 0;
  for (const r of raw) {
    // An unmerged path has no `diff --git` section: taking one would shift every later file's lines.
    let sec = r.unmerged ? undefined : sections[s++];
    if (r.status === 'T' && sec && sec.deletedFile && sections[s] && sections[s]!.header === sec.header) {
      sec = sections[s++];
    }
    const submodule = r.dstMode === '160000' || r.srcMode === '160000';
    const binary = submodule ? true : (sec?.binary ?? false);
    const file: ChangedFile = {
      path: r.path,
      status: r.status,
      binary,
      added: binary ? 0 : (sec?.addedCount ?? 0),
      deleted: binary ? 0 : (sec?.deletedCount ?? 0),
      addedLines: binary ? [] : (sec?.added ?? []),
      removedLines: binary ? [] : (sec?.removed ?? []),
      mode: r.dstMode !== '000000' ? r.dstMode : undefined,
    };
    if (r.oldPath !== undefined) file.oldPath = r.oldPath;
    if (!ZERO.test(r.dstSha)) file.blob = r.dstSha;
    if (!ZERO.test(r.srcSha)) file.oldBlob = r.srcSha;
    files.push(file);
  }
  return files;
}

/** Common flags for every diff we parse: full ids, renames, no external tools, fixed prefixes. */
export const DIFF_FLAGS = ['--no-ext-diff', '--no-textconv', '--no-color', '-M', '--ignore-submodules=none'];
export const PATCH_FLAGS = [...DIFF_FLAGS, '-p', '-U0', '--src-prefix=a/', '--dst-prefix=b/'];
export const RAW_FLAGS = [...DIFF_FLAGS, '--raw', '-z', '--no-abbrev'];
