/**
 * Reading files for a tree scan, defensively: symlinks are never followed, files over the size limit,
 * binaries (a NUL byte in the first 8 kB), unreadable files and files that vanish or change while we
 * read them are skipped or noted, never a crash. Invalid UTF-8 decodes to U+FFFD.
 */
import { existsSync, lstatSync, openSync, readSync, closeSync, fstatSync, readlinkSync, realpathSync, constants as fsConstants, type Stats } from 'node:fs';
import * as bufferModule from 'node:buffer';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { scanFileText, getEngine, type LocatedMatch } from './index.js';
import { keywordHitsInBytes, keywordHitsVia } from './engine.js';

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

const { O_RDONLY, O_NOFOLLOW, O_NONBLOCK } = fsConstants;
// Node >= 18.15: a native ASCII check (most source files are ASCII; their bytes are their text).
const isAscii = (bufferModule as { isAscii?: (b: Uint8Array) => boolean }).isAscii;

function countLines(buf: Uint8Array & { indexOf(v: number, from: number): number }): number {
  let lines = 0;
  for (let i = buf.indexOf(10, 0); i !== -1; i = buf.indexOf(10, i + 1)) lines++;
  return lines;
}

let scratch = Buffer.alloc(0);

/**
 * A listed path whose bytes are not valid UTF-8 cannot travel as a JS string (it would decode to
 * U+FFFD and no longer name the file). Such entries are `\0<display>\0<base64 of the absolute path>`;
 * everything else is the plain root-relative (or absolute) path.
 */
export function rawEntry(display: string, abs: Buffer): string {
  return `\0${display}\0${abs.toString('base64')}`;
}

/** The name to show and the path to open for a listed entry. */
export function entryPath(root: string, entry: string): { display: string; abs: string | Buffer } {
  if (entry.charCodeAt(0) !== 0) return { display: entry, abs: resolve(root, entry) };
  const i = entry.indexOf('\0', 1);
  return { display: entry.slice(1, i), abs: Buffer.from(entry.slice(i + 1), 'base64') };
}

/** Why something that is not a regular file is not scanned. */
function notAFile(abs: string | Buffer, st: Stats): string {
  if (st.isDirectory()) return existsSync(typeof abs === 'string' ? join(abs, '.git') : Buffer.concat([abs, Buffer.from('/.git')])) ? 'git repository inside this one (submodule or nested clone: name it to scan it)' : 'directory';
  if (st.isFIFO()) return 'FIFO (not a regular file)';
  if (st.isSocket()) return 'socket (not a regular file)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'device (not a regular file)';
  return 'not a regular file';
}

/** A symlink is never followed; the reason says whether it points inside the scanned root. */
function symlinkReason(root: string, abs: string | Buffer): string {
  try {
    const target = resolve(dirname(abs.toString()), readlinkSync(abs, 'utf8'));
    let real = target;
    try {
      real = realpathSync(target);
    } catch {
      return 'symlink (not followed; its target does not exist)';
    }
    const rel = relative(root, real);
    if (rel === '..' || rel.startsWith('../') || rel.startsWith('..\\') || isAbsolute(rel)) return 'symlink (not followed; it points outside the repository)';
  } catch {
    /* plain reason */
  }
  return 'symlink (not followed)';
}

export function scanOneFile(root: string, entry: string, o: FileScanOptions): FileScanResult {
  // `entry` is root-relative, absolute for a path outside the root that was named explicitly, or a
  // rawEntry() for a name that is not valid UTF-8.
  const { display: rel, abs } = entryPath(root, entry);
  let fd: number | undefined;
  try {
    let st;
    if (O_NOFOLLOW !== undefined) {
      // One open instead of lstat + open: O_NOFOLLOW refuses symlinks (ELOOP), O_NONBLOCK keeps a FIFO from blocking.
      fd = openSync(abs, O_RDONLY | O_NOFOLLOW | (O_NONBLOCK ?? 0));
      st = fstatSync(fd);
    } else {
      st = lstatSync(abs);
      if (st.isSymbolicLink()) return { file: rel, matches: [], bytes: 0, lines: 0, skipped: symlinkReason(root, abs) };
    }
    if (!st.isFile()) return { file: rel, matches: [], bytes: 0, lines: 0, skipped: notAFile(abs, st) };
    if (st.size > o.maxFileBytes) return { file: rel, matches: [], bytes: 0, lines: 0, skipped: `larger than ${o.maxFileBytes} bytes (${st.size})` };
    fd ??= openSync(abs, 'r');
    const size = st.size;
    // One scratch buffer for every file (grown as needed): the text is decoded into a new string, so
    // nothing keeps a reference to it; this saves an allocation and GC work per file.
    if (scratch.length < size) scratch = Buffer.allocUnsafe(Math.max(size, 1 << 20));
    const buf = scratch.subarray(0, size);
    let got = 0;
    while (got < size) {
      const n = readSync(fd, buf, got, size - got, got);
      if (n === 0) break;
      got += n;
    }
    const data = got === size ? buf : buf.subarray(0, got);
    if (data.subarray(0, 8000).indexOf(0) !== -1) return { file: rel, matches: [], bytes: 0, lines: 0, skipped: 'binary' };
    const st2 = fstatSync(fd);
    const note = st2.size !== st.size || st2.mtimeMs !== st.mtimeMs ? 'changed while being scanned (scanned as read)' : undefined;
    const lines = countLines(data);
    const engine = getEngine(o.disabledRules);
    let text: string;
    let keywordHits: number[] | undefined;
    if (isAscii?.(data)) {
      // Search the bytes; decode only when a keyword occurs (positions are the same in the text).
      keywordHits = keywordHitsInBytes(engine, data);
      if (!keywordHits.length) return { file: rel, matches: [], bytes: data.length, lines, note };
      text = data.toString('latin1');
    } else {
      text = data.toString('utf8');
      keywordHits = keywordHitsVia(engine, text, 'automaton');
    }
    const matches = scanFileText(text, { engine, allowPatterns: o.allowPatterns.map((p) => new RegExp(p)), stopwords: o.stopwords, keywordHits });
    return { file: rel, matches, bytes: data.length, lines, note };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ELOOP'
        ? symlinkReason(root, abs)
        : code === 'ENOENT' || code === 'ENOTDIR'
          ? 'no longer on disk (deleted or moved after it was listed)'
          : code === 'EACCES' || code === 'EPERM'
            ? 'unreadable (permission denied)'
            : code === 'ENXIO'
              ? 'socket (not a regular file)'
              : code
                ? `unreadable (${code})`
                : `not scanned: internal error (${(e as Error).name ?? 'Error'}); please report it`;
    return { file: rel, matches: [], bytes: 0, lines: 0, skipped: why };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
