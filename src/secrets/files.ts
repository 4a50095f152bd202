/**
 * Reading files for a tree scan, defensively: symlinks are never followed, files over the size limit,
 * binaries (a NUL byte in the first 8 kB), unreadable files and files that vanish or change while we
 * read them are skipped or noted, never a crash. Invalid UTF-8 decodes to U+FFFD.
 */
import { lstatSync, openSync, readSync, closeSync, fstatSync } from 'node:fs';
import { join } from 'node:path';
import { scanFileText, getEngine, type LocatedMatch } from './index.js';

export interface FileScanResult {
  file: string;
  matches: LocatedMatch[];
  bytes: number;
  lines: number;
  skipped?: string;
  note?: string;
}

export interface FileScanOptions {
  maxFileBytes: number;
  disabledRules: string[];
  allowPatterns: string[];
  stopwords: string[];
}

export function scanOneFile(root: string, rel: string, o: FileScanOptions): FileScanResult {
  const abs = join(root, rel);
  let fd: number | undefined;
  try {
    const st = lstatSync(abs);
    if (st.isSymbolicLink()) return { file: rel, matches: [], bytes: 0, lines: 0, skipped: 'symlink (not followed)' };
    if (!st.isFile()) return { file: rel, matches: [], bytes: 0, lines: 0, skipped: 'not a regular file' };
    if (st.size > o.maxFileBytes) return { file: rel, matches: [], bytes: 0, lines: 0, skipped: `larger than ${o.maxFileBytes} bytes (${st.size})` };
    fd = openSync(abs, 'r');
    const st2 = fstatSync(fd);
    const size = Math.min(st2.size, o.maxFileBytes);
    const buf = Buffer.allocUnsafe(size);
    let got = 0;
    while (got < size) {
      const n = readSync(fd, buf, got, size - got, got);
      if (n === 0) break;
      got += n;
    }
    const data = got === size ? buf : buf.subarray(0, got);
    const probe = Math.min(data.length, 8000);
    for (let i = 0; i < probe; i++) if (data[i] === 0) return { file: rel, matches: [], bytes: 0, lines: 0, skipped: 'binary' };
    const text = data.toString('utf8');
    const engine = getEngine(o.disabledRules);
    const matches = scanFileText(text, { engine, allowPatterns: o.allowPatterns.map((p) => new RegExp(p)), stopwords: o.stopwords });
    let lines = 0;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
    const note = st2.size !== st.size || st2.mtimeMs !== st.mtimeMs ? 'changed while being scanned (scanned as read)' : undefined;
    return { file: rel, matches, bytes: data.length, lines, note };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'vanished during the scan' : code === 'EACCES' || code === 'EPERM' ? 'unreadable (permission denied)' : `unreadable (${code ?? (e as Error).message})`;
    return { file: rel, matches: [], bytes: 0, lines: 0, skipped: why };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
