/**
 * Tree scans (`harness-hooks scan [paths...]`): decide which files to read, then scan them, on worker
 * threads when there is enough to do.
 *
 * What is listed (docs/policies/secrets.md, "Tree scans"):
 * - In a repository, `scan`, `scan .` and any directory git does not ignore: `git ls-files -co
 *   --exclude-standard` (tracked files plus untracked files .gitignore does not exclude).
 * - A path you NAME that git ignores (`scan dist/`, `scan node_modules/pkg`, `scan .env.local`): read
 *   as it is on disk, in full, with a note saying so (as ripgrep and gitleaks do for named paths).
 * - A path outside the repository, or any path when the current directory is not in a repository:
 *   every file under it, no ignore files applied (like gitleaks `dir`), reported by absolute path when
 *   it lies outside the current root.
 * Symlinks are never followed (a named symlink neither); directories are walked without crossing one.
 */
import { existsSync, readdirSync, lstatSync, realpathSync, type Dirent } from 'node:fs';
import * as bufferModule from 'node:buffer';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { gitRaw } from '../git/exec.js';
import { entryPath, rawEntry, scanOneFile, type FileScanOptions, type FileScanResult } from './files.js';

export interface TreeListing {
  /** Paths to scan: relative to the root (forward slashes) inside it, absolute outside it. */
  files: string[];
  /** Things found while listing that will not be scanned (unreadable directories, named symlinks). */
  skipped: Array<{ file: string; reason: string }>;
  /** Notes for the reader: ignored paths scanned because they were named, paths outside the repo. */
  notes: string[];
  /** Named paths that do not exist (the command refuses these: exit 2). */
  missing: string[];
}

const toSlash = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));

/** `root`-relative path of `abs` (forward slashes, '.' for the root), or undefined when outside it. */
function inside(root: string, abs: string): string | undefined {
  const rel = relative(root, abs);
  if (rel === '') return '.';
  if (rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel)) return undefined;
  return toSlash(rel);
}

function realCwd(cwd: string): string {
  try {
    return realpathSync(cwd);
  } catch {
    return resolve(cwd);
  }
}

const SLASH = Buffer.from('/');
// Node >= 18.14 checks natively; otherwise a round trip.
const nativeIsUtf8 = (bufferModule as { isUtf8?: (b: Uint8Array) => boolean }).isUtf8;
const validUtf8 = (b: Buffer) => (nativeIsUtf8 ? nativeIsUtf8(b) : Buffer.from(b.toString('utf8'), 'utf8').equals(b));
const byName = (a: Dirent<Buffer>, b: Dirent<Buffer>) => Buffer.compare(a.name, b.name);

/**
 * Every entry under `abs` as it is on disk (no ignore files), depth first in name order. Symlinks and
 * other non-directories are listed (the scanner skips them with a reason); `.git` entries are not.
 * Names are read as bytes: one that is not valid UTF-8 is listed as a rawEntry() and still read.
 */
function walk(abs: Buffer, display: string, raw: boolean, out: TreeListing): void {
  let entries: Dirent<Buffer>[];
  try {
    entries = readdirSync(abs, { withFileTypes: true, encoding: 'buffer' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') out.files.push(raw ? rawEntry(display, abs) : display);
    else out.skipped.push({ file: `${display}/`, reason: code === 'EACCES' || code === 'EPERM' ? 'unreadable directory (permission denied)' : `unreadable directory (${code ?? (e as Error).message})` });
    return;
  }
  for (const e of entries.sort(byName)) {
    const name = e.name.toString('utf8');
    if (name === '.git') continue;
    const childAbs = Buffer.concat([abs, SLASH, e.name]);
    const child = display === '.' ? name : `${display}/${name}`;
    const childRaw = raw || !validUtf8(e.name);
    let isDir = e.isDirectory();
    if (!isDir && !e.isFile() && !e.isSymbolicLink() && !e.isFIFO() && !e.isSocket() && !e.isCharacterDevice() && !e.isBlockDevice()) {
      // DT_UNKNOWN on some file systems: ask.
      try {
        isDir = lstatSync(childAbs).isDirectory();
      } catch {
        /* gone: the scanner notes it */
      }
    }
    if (isDir) walk(childAbs, child, childRaw, out);
    else out.files.push(childRaw ? rawEntry(child, childAbs) : child);
  }
}

/** Walk one named path that is read as it is on disk (ignored, outside the repo, or no repo). */
function walkNamed(abs: string, display: string, out: TreeListing): void {
  let st;
  try {
    st = lstatSync(abs);
  } catch {
    out.files.push(display); // the scanner says why it could not be read
    return;
  }
  if (st.isDirectory()) walk(Buffer.from(abs), display, false, out);
  else out.files.push(display);
}

/** Which of `rels` (root-relative) git ignores. Directories are asked without the index (a directory
 * git ignores stays ignored even if a file in it was force-added); files with it (a tracked file is
 * not ignored). */
async function ignoredSet(root: string, rels: Array<{ rel: string; dir: boolean }>, env: NodeJS.ProcessEnv): Promise<Set<string>> {
  const out = new Set<string>();
  for (const dir of [true, false]) {
    const batch = rels.filter((r) => r.dir === dir && r.rel !== '.').map((r) => r.rel);
    if (!batch.length) continue;
    const args = ['check-ignore', ...(dir ? ['--no-index'] : []), '-z', '--stdin'];
    // Exit 1 means "none ignored". A fatal error (128) on one path fails the whole batch: then ask
    // path by path, so one odd path cannot hide that another is ignored.
    const ask = async (paths: string[]) => {
      const r = await gitRaw(args, { cwd: root, env, allowFail: true, input: paths.join('\0') + '\0' });
      if (r.code !== 0 && r.code !== 1) return false;
      for (const p of r.stdout.toString('utf8').split('\0')) if (p) out.add(p);
      return true;
    };
    if (!(await ask(batch)) && batch.length > 1) for (const p of batch) await ask([p]);
  }
  return out;
}

/** The innermost repository nested inside `root` that holds `rel` (the path itself when it is a
 * directory with a `.git`), as a root-relative path; undefined when `rel` belongs to `root`'s own. */
function nestedRepo(root: string, rel: string, isDir: boolean): string | undefined {
  if (rel === '.') return undefined;
  const parts = rel.split('/');
  for (let n = isDir ? parts.length : parts.length - 1; n > 0; n--) {
    const cand = parts.slice(0, n).join('/');
    if (existsSync(join(root, cand, '.git'))) return cand;
  }
  return undefined;
}

/**
 * `git ls-files -co --exclude-standard` in `repo` for `rels` (relative to it), pushed to `out` with
 * `prefix` (the repo's path inside the scanned root). Names are read as bytes (rawEntry() when not
 * valid UTF-8). --literal-pathspecs: a directory named `x*` means itself, not a glob. -t tags each
 * path ("H path", "? path", "S path"): S is skip-worktree (outside a sparse checkout, not on disk),
 * counted in one note instead of one "not on disk" line each.
 */
async function gitListing(repo: string, prefix: string, rels: string[], env: NodeJS.ProcessEnv, out: TreeListing): Promise<void> {
  const r = await gitRaw(['--literal-pathspecs', 'ls-files', '-co', '--exclude-standard', '-t', '-z', '--', ...rels], { cwd: repo, env });
  const repoBuf = Buffer.from(repo + '/');
  let sparse = 0;
  for (let at = 0; at < r.stdout.length; ) {
    let end = r.stdout.indexOf(0, at);
    if (end === -1) end = r.stdout.length;
    const rec = r.stdout.subarray(at, end);
    at = end + 1;
    if (rec.length < 3) continue;
    if (rec[0] === 0x53 /* S */) {
      sparse++;
      continue;
    }
    let name = rec.subarray(2);
    if (name[name.length - 1] === 0x2f) name = name.subarray(0, -1); // a nested repository: "sub/"
    const f = prefix + name.toString('utf8');
    out.files.push(validUtf8(name) ? f : rawEntry(f, Buffer.concat([repoBuf, name])));
  }
  if (sparse) out.notes.push(`${sparse} tracked ${sparse === 1 ? 'file is' : 'files are'} outside the sparse checkout (skip-worktree, not on disk): not scanned. \`scan --history\` reads them from git.`);
  for (const m of r.stderr.matchAll(/could not open directory '([^']*)': ([^\n]*)/g)) {
    out.skipped.push({ file: prefix + (m[1]!.endsWith('/') ? m[1]! : `${m[1]}/`), reason: `unreadable directory (${m[2]!.toLowerCase()})` });
  }
}

/**
 * The files a tree scan reads. `root` is the repository's top level (or the real current directory
 * when `inRepo` is false); `paths` are as the user typed them, relative to `cwd`.
 */
export async function listTree(a: { root: string; cwd: string; paths: string[]; inRepo: boolean; env: NodeJS.ProcessEnv }): Promise<TreeListing> {
  const out: TreeListing = { files: [], skipped: [], notes: [], missing: [] };
  const cwd = realCwd(a.cwd);
  const named = a.paths.length ? a.paths : ['.'];
  const gitPaths: Array<{ rel: string; dir: boolean; typed: string }> = [];
  const onDisk: Array<{ abs: string; display: string }> = [];
  for (const typed of named) {
    const abs = resolve(cwd, typed);
    let st;
    try {
      st = lstatSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') out.missing.push(typed);
      else out.skipped.push({ file: typed, reason: `unreadable (${code ?? (e as Error).message})` });
      continue;
    }
    if (st.isSymbolicLink()) {
      out.skipped.push({ file: inside(a.root, abs) ?? toSlash(abs), reason: 'symlink (not followed; name its target to scan it)' });
      continue;
    }
    // A parent directory may be a symlink: the real location decides inside or outside.
    let real = abs;
    try {
      real = realpathSync(abs);
    } catch {
      /* keep abs */
    }
    const rel = inside(a.root, real);
    if (rel === undefined) {
      onDisk.push({ abs: real, display: toSlash(real) });
      out.notes.push(
        a.inRepo
          ? `${typed} is outside the repository (${a.root}): scanned every file in it as it is on disk, no .gitignore applied.`
          : `${typed} is outside the current directory: scanned every file in it as it is on disk.`,
      );
    } else if (!a.inRepo || rel === '.git' || rel.startsWith('.git/')) onDisk.push({ abs: real, display: rel });
    else gitPaths.push({ rel, dir: st.isDirectory(), typed });
  }
  if (a.inRepo && gitPaths.length) {
    // A named path inside a submodule or another clone nested in this repository: that repository's
    // git lists it (with its own .gitignore). Asking this repository's git about it fails or, for
    // ls-files, silently lists nothing.
    const own: typeof gitPaths = [];
    const nested = new Map<string, string[]>();
    for (const p of gitPaths) {
      const n = nestedRepo(a.root, p.rel, p.dir);
      if (n === undefined) own.push(p);
      else if (!p.dir) out.files.push(p.rel);
      else {
        const list = nested.get(n) ?? [];
        list.push(p.rel === n ? '.' : p.rel.slice(n.length + 1));
        nested.set(n, list);
        out.notes.push(
          p.rel === n
            ? `${n}/: a repository nested in this one (a submodule or another clone): listed by its own git, with its .gitignore.`
            : `${p.rel}/: inside ${n}/, a repository nested in this one (a submodule or another clone): listed by its own git, with its .gitignore.`,
        );
      }
    }
    const ignored = await ignoredSet(a.root, own, a.env);
    const listedBy: string[] = [];
    for (const p of own) {
      if (ignored.has(p.rel)) {
        onDisk.push({ abs: join(a.root, p.rel), display: p.rel });
        const why = a.paths.length ? 'you named it' : 'it is the current directory';
        out.notes.push(`${p.rel}${p.dir ? '/' : ''}: scanned although .gitignore ignores it (${why}${p.dir ? '; every file in it was read' : ''}).`);
      } else if (p.dir) listedBy.push(p.rel);
      // A named file is read whatever git thinks of it: git does not list FIFOs, sockets or devices,
      // and the scanner must say why it skipped one rather than scan nothing silently.
      else out.files.push(p.rel);
    }
    if (listedBy.length) await gitListing(a.root, '', listedBy, a.env, out);
    for (const [n, rels] of nested) {
      try {
        await gitListing(join(a.root, n), `${n}/`, rels, a.env, out);
      } catch {
        // Not a usable repository after all (a stray .git): read it as it is on disk.
        for (const r of rels) onDisk.push({ abs: join(a.root, n, r), display: r === '.' ? n : `${n}/${r}` });
      }
    }
  }
  for (const d of onDisk) walkNamed(d.abs, d.display, out);
  out.files = [...new Set(out.files)];
  return out;
}

export interface TreeScanStats {
  files: number;
  workers: number;
}

/** Scan files, in worker threads when the total is large. Results arrive in file order. */
export async function scanFiles(root: string, files: string[], opts: FileScanOptions & { jobs?: number }): Promise<{ results: FileScanResult[]; workers: number }> {
  const workerFile = fileURLToPath(new URL('./tree-worker.js', import.meta.url));
  let total = 0;
  for (const f of files.slice(0, 20000)) {
    try {
      total += lstatSync(entryPath(root, f).abs).size;
    } catch {
      /* noted when scanned */
    }
    if (total > 4_000_000) break;
  }
  // Workers pay only with cores to spare. On 2 cores they did not (bench/secrets/RESULTS.md: V8's
  // own GC and compiler threads already use part of the second core, and a worker costs a start-up
  // and more CPU for the same wall time), nor on a saturated machine; so the default scans
  // in-process there and uses workers from 3 cores, when the load leaves at least one free.
  const cores = availableParallelism();
  const jobs = opts.jobs ?? (cores >= 3 && loadavg()[0]! < cores - 1 ? Math.min(cores, 8) : 1);
  if (jobs < 2 || total <= 4_000_000 || !existsSync(workerFile)) {
    return { results: files.map((f) => scanOneFile(root, f, opts)), workers: 0 };
  }
  const { Worker } = await import('node:worker_threads');
  const { setImmediate: tick } = await import('node:timers/promises');
  const results: FileScanResult[][] = [];
  const BATCH = 32;
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += BATCH) batches.push(files.slice(i, i + BATCH));
  let next = 0;
  const { disabledRules, allowPatterns, stopwords, maxFileBytes } = opts;
  // jobs - 1 workers; the main thread scans batches too, so `jobs` cores are busy.
  const nWorkers = Math.min(jobs - 1, batches.length);
  const workers = Array.from({ length: nWorkers }, () =>
    new Promise<void>((done, fail) => {
      const w = new Worker(workerFile, { workerData: { root, opts: { disabledRules, allowPatterns, stopwords, maxFileBytes } } });
      let current = -1;
      const feed = () => {
        if (next >= batches.length) {
          w.postMessage(null);
          return;
        }
        current = next++;
        w.postMessage(batches[current]);
      };
      w.on('message', (r: FileScanResult[]) => {
        results[current] = r;
        feed();
      });
      w.on('error', fail);
      w.on('exit', () => done());
      feed();
    }),
  );
  while (next < batches.length) {
    const mine = next++;
    results[mine] = batches[mine]!.map((f) => scanOneFile(root, f, opts));
    await tick(); // let workers' results in and hand them their next batch
  }
  await Promise.all(workers);
  return { results: results.flat(), workers: nWorkers };
}
