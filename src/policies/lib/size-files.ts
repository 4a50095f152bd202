/**
 * What counts towards a change's size: files and lines (added + deleted), minus lockfiles,
 * snapshots, vendored and built files, and files .gitattributes marks `linguist-generated` or
 * `-diff`. Also: the PR size of a pushed branch (merge base with the base branch to the tip), and a
 * split proposal that groups files by package (nearest manifest) or directory.
 */
import { cmp } from './plural.js';
import type { GitRunner } from '../../engine/types.js';

export { DEFAULT_SIZE_EXCLUDE } from './size-defaults.js';

export interface SizedFile {
  path: string;
  oldPath?: string;
  lines: number;
  binary: boolean;
}

/**
 * Paths that .gitattributes marks generated (`linguist-generated`) or not diffable (`-diff`).
 * One `git check-attr -z --stdin` for all paths; `cached` reads the attributes from the index.
 */
export async function generatedByAttributes(git: GitRunner, paths: readonly string[], cached: boolean): Promise<Set<string>> {
  const out = new Set<string>();
  if (paths.length === 0) return out;
  const text = await git.run(['check-attr', '-z', '--stdin', ...(cached ? ['--cached'] : []), 'linguist-generated', 'diff'], {
    input: paths.join('\0') + '\0',
  });
  const parts = text.split('\0');
  for (let i = 0; i + 2 < parts.length; i += 3) {
    const [path, attr, value] = [parts[i]!, parts[i + 1]!, parts[i + 2]!];
    if (attr === 'linguist-generated' && (value === 'set' || value === 'true')) out.add(path);
    if (attr === 'diff' && value === 'unset') out.add(path);
  }
  return out;
}

/** Parse `git diff --numstat -z` (renames: `a\td\t\0old\0new\0`). */
export function parseNumstatZ(text: string): SizedFile[] {
  const parts = text.split('\0');
  const out: SizedFile[] = [];
  for (let i = 0; i < parts.length; i++) {
    const rec = parts[i]!;
    if (!rec) continue;
    const t1 = rec.indexOf('\t');
    const t2 = rec.indexOf('\t', t1 + 1);
    if (t1 === -1 || t2 === -1) continue;
    const a = rec.slice(0, t1);
    const d = rec.slice(t1 + 1, t2);
    let path = rec.slice(t2 + 1);
    let oldPath: string | undefined;
    if (path === '') {
      oldPath = parts[++i] ?? '';
      path = parts[++i] ?? '';
    }
    const binary = a === '-' || d === '-';
    const f: SizedFile = { path, lines: binary ? 0 : Number(a) + Number(d), binary };
    if (oldPath !== undefined) f.oldPath = oldPath;
    out.push(f);
  }
  return out;
}

/** The base branch to measure a pushed branch against: configured, else <remote>/HEAD, else main/master. */
export async function resolveBase(git: GitRunner, remote: string, configured: string | null): Promise<string | undefined> {
  if (configured) return configured;
  const r = remote.replace(/[^A-Za-z0-9._-]/g, '') || 'origin';
  const candidates = [`refs/remotes/${r}/HEAD`, `refs/remotes/${r}/main`, `refs/remotes/${r}/master`, 'refs/heads/main', 'refs/heads/master'];
  const text = await git.run(['for-each-ref', '--format=%(refname)%00%(symref)', ...candidates], { allowFail: true });
  const found = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [ref, sym] = line.split('\0');
    if (ref) found.set(ref, sym ?? '');
  }
  for (const c of candidates) {
    if (!found.has(c)) continue;
    return c.endsWith('/HEAD') && found.get(c) ? found.get(c)! : c;
  }
  return undefined;
}

/** Files and lines of a pushed branch: from its merge base with `base` to `tip`. */
export async function branchFiles(git: GitRunner, base: string, tip: string): Promise<{ files: SizedFile[]; mergeBase: string } | undefined> {
  let mergeBase: string;
  try {
    mergeBase = (await git.run(['merge-base', base, tip])).trim();
  } catch {
    return undefined; // unrelated histories or unknown base: nothing to measure against
  }
  if (!mergeBase) return undefined;
  const text = await git.run(['diff', '--numstat', '-z', '-M', '--no-ext-diff', '--no-textconv', '--ignore-submodules=none', mergeBase, tip, '--']);
  return { files: parseNumstatZ(text), mergeBase };
}

export interface SplitGroup {
  /** Directory prefix with a trailing slash, or '' for top-level files. */
  dir: string;
  files: number;
  lines: number;
  paths: string[];
  /** The group holds only some of the files under `dir` (name its paths, not the directory). */
  partial?: boolean;
  /** How to show the group when `dir` alone would mislead (a single file, a part of a directory). */
  label?: string;
}

export interface SplitLimits {
  maxFiles: number | null;
  maxLines: number | null;
}

const MANIFESTS = ['package.json', 'go.mod', 'Cargo.toml', 'pyproject.toml', 'setup.py', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'composer.json', 'Gemfile'];

/** Directories (with trailing slash) holding a package manifest, from a list of tracked paths. */
export function packageRoots(tracked: readonly string[]): string[] {
  const roots = new Set<string>();
  for (const p of tracked) {
    const i = p.lastIndexOf('/');
    const name = p.slice(i + 1);
    if (i > 0 && MANIFESTS.includes(name)) roots.add(p.slice(0, i + 1));
  }
  return [...roots].sort((a, b) => b.length - a.length);
}

/**
 * Group files into reviewable parts: by the nearest package (a non-root directory holding a
 * manifest), else by top-level directory. With `limits`, a group over them is split further (a
 * nested package, else the next directory level, else its files packed into parts) until every
 * group fits or is a single file. Without limits, a group that holds everything is split one level deeper.
 */
export function proposeSplit(files: readonly SizedFile[], pkgRoots: readonly string[] = [], limits?: SplitLimits): SplitGroup[] {
  const keyOf = (path: string, depth: number): string => {
    const base = pkgRoots.find((r) => path.startsWith(r)) ?? '';
    const dirs = path.slice(base.length).split('/').slice(0, -1);
    const take = dirs.slice(0, base ? depth : depth + 1);
    return base + (take.length ? take.join('/') + '/' : '');
  };
  let groups: SplitGroup[];
  if (!limits || (limits.maxFiles === null && limits.maxLines === null)) {
    let depth = 0;
    groups = groupBy(files, (p) => keyOf(p, depth));
    while (groups.length === 1 && files.length > 1 && depth < 6) {
      depth++;
      const next = groupBy(files, (p) => keyOf(p, depth));
      if (next.length === 1 && next[0]!.dir === groups[0]!.dir) break;
      groups = next;
    }
  } else {
    const byPath = new Map(files.map((f) => [f.path, f]));
    const fits = (g: SplitGroup) => !((limits.maxFiles !== null && g.files > limits.maxFiles) || (limits.maxLines !== null && g.lines > limits.maxLines));
    /** The key of `path` one step below `dir`: a package root inside it, else the next directory, else `dir` (a file directly in it). */
    const keyUnder = (dir: string, path: string) => {
      const pkg = pkgRoots.find((r) => r.length > dir.length && r.startsWith(dir) && path.startsWith(r));
      if (pkg) return pkg;
      const i = path.indexOf('/', dir.length);
      return i === -1 ? dir : path.slice(0, i + 1);
    };
    const refine = (g: SplitGroup): SplitGroup[] => {
      if (fits(g) || g.paths.length <= 1) return [g];
      const members = g.paths.map((p) => byPath.get(p)!);
      const sub = groupBy(members, (p) => keyUnder(g.dir, p));
      if (sub.length > 1) return sub.flatMap(refine);
      if (sub[0]!.dir !== g.dir) return refine(sub[0]!);
      return pack(g, members);
    };
    /** Files directly in one directory: pack them, in path order, into parts that fit. */
    const pack = (g: SplitGroup, members: SizedFile[]): SplitGroup[] => {
      const parts: SplitGroup[] = [];
      let cur: SplitGroup | undefined;
      for (const f of [...members].sort((a, b) => cmp(a.path, b.path))) {
        const next = cur && { ...cur, files: cur.files + 1, lines: cur.lines + f.lines };
        if (cur && next && fits(next)) {
          Object.assign(cur, next);
          cur.paths.push(f.path);
        } else parts.push((cur = { dir: g.dir, files: 1, lines: f.lines, paths: [f.path], partial: true }));
      }
      parts.forEach((p, i) => {
        p.label = p.paths.length === 1 ? p.paths[0]! : `${g.dir || '(top level)'} files ${i + 1}/${parts.length}`;
      });
      return parts;
    };
    groups = groupBy(files, (p) => keyOf(p, 0)).flatMap(refine);
    groups.sort((a, b) => b.lines - a.lines || b.files - a.files || cmp(a.dir, b.dir) || cmp(a.paths[0]!, b.paths[0]!));
  }
  // A directory group that does not hold every changed file under it (files directly in `src/`
  // next to a group for `src/a/`) must name its files, or `git restore -- src/` would take them all.
  for (const g of groups) {
    if (g.partial) continue;
    if (groups.some((o) => o !== g && o.dir !== g.dir && o.dir.startsWith(g.dir)) && g.dir !== '') {
      g.partial = true;
      g.label = g.paths.length === 1 ? g.paths[0]! : `${g.dir} (files directly in it)`;
    }
  }
  return groups;
}

function groupBy(files: readonly SizedFile[], key: (p: string) => string): SplitGroup[] {
  const m = new Map<string, SplitGroup>();
  for (const f of files) {
    const k = key(f.path);
    let g = m.get(k);
    if (!g) m.set(k, (g = { dir: k, files: 0, lines: 0, paths: [] }));
    g.files++;
    g.lines += f.lines;
    g.paths.push(f.path);
  }
  return [...m.values()].sort((a, b) => b.lines - a.lines || b.files - a.files || cmp(a.dir, b.dir));
}
