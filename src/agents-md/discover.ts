/**
 * Find the instruction files the way agents resolve them:
 *  - every directory from the repo root down may hold instruction files; for a path, the files from
 *    the root down to its directory apply, nearer ones later (they win on conflicts);
 *  - in one directory `AGENTS.override.md` wins over `AGENTS.md` (the shadowed file is not read);
 *  - CLAUDE.md is read too, and its `@path` imports are followed (recursively, at most 5 hops, cycles
 *    cut, never outside the repo); an imported file's rules apply where the importing file sits;
 *  - the text one directory sees is measured: past `maxBytes` (32 KiB) agents stop reading.
 */
import { cmp } from '../policies/lib/plural.js';
import { existsSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, posix, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { gitRaw } from '../git/exec.js';
import { AGENTS_MD_DEFAULTS, type AgentsMdConfig } from './config.js';

export interface InstructionFile {
  /** Repo-relative path, forward slashes. */
  path: string;
  /** The directory whose subtree the file's rules govern ('' = the whole repo). */
  scopeDir: string;
  kind: 'agents' | 'override' | 'claude' | 'import' | 'other';
  content: string;
  bytes: number;
  /** For imports: the file whose `@path` pulled this one in. */
  importedFrom?: string;
}

export interface Discovery {
  root: string;
  /** Every file read, root first, nearer directories later; an import right after its importer. */
  files: InstructionFile[];
  /** Files not read because an override in the same directory wins. */
  shadowed: Array<{ path: string; by: string }>;
  /** Human-readable warnings (size limit, imports outside the repo, missing imports, cycles). */
  warnings: string[];
  /** Per directory that holds instruction files: bytes the chain totals, and where reading stops. */
  budgets: Array<{ dir: string; bytes: number; over: boolean; cutoff?: { file: string; line: number } }>;
}

const MAX_IMPORT_DEPTH = 5;

function toPosix(p: string): string {
  return p.split(sep).join('/');
}

async function listCandidates(root: string, names: string[]): Promise<string[]> {
  const lower = new Set(names.map((n) => n.toLowerCase()));
  const r = await gitRaw(['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, allowFail: true });
  if (r.code === 0) {
    const seen = new Set<string>();
    for (const f of r.stdout.toString('utf8').split('\0')) {
      if (!f) continue;
      if (lower.has(posix.basename(f).toLowerCase()) && existsSync(join(root, f))) seen.add(f);
    }
    return [...seen];
  }
  // Not a git repository: walk the tree, skipping the usual heavy directories.
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 12) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (['.git', 'node_modules', 'dist', 'build', '.venv', 'target'].includes(e.name)) continue;
        walk(rel, depth + 1);
      } else if (lower.has(e.name.toLowerCase())) out.push(rel);
    }
  };
  walk('', 0);
  return out;
}

function depthOf(dir: string): number {
  return dir ? dir.split('/').length : 0;
}

/** `@path` imports in a CLAUDE.md-style file, outside code fences and inline code. */
export function findImports(content: string): Array<{ target: string; line: number }> {
  const out: Array<{ target: string; line: number }> = [];
  let fence: string | undefined;
  content.split(/\r\n|\r|\n/).forEach((raw, idx) => {
    const fm = /^ {0,3}(`{3,}|~{3,})/.exec(raw);
    if (fm) {
      if (!fence) fence = fm[1]!;
      else if (fm[1]![0] === fence[0] && fm[1]!.length >= fence.length) fence = undefined;
      return;
    }
    if (fence) return;
    const line = raw.replace(/`[^`]*`/g, ' ').replace(/<!--.*?-->/g, ' ');
    const re = /(^|[\s(\[])@((?:~\/|\.{1,2}\/|\/)?[\w.\-][\w.\-/]*)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(line))) {
      let t = m[2]!.replace(/[.,;:)\]]+$/, '');
      if (!t || (!t.includes('/') && !t.includes('.'))) continue; // @mentions, not paths
      out.push({ target: t, line: idx + 1 });
    }
  });
  return out;
}

function kindOf(name: string): InstructionFile['kind'] {
  const n = name.toLowerCase();
  if (n.endsWith('.override.md')) return 'override';
  if (n === 'claude.md') return 'claude';
  if (n === 'agents.md') return 'agents';
  return 'other';
}

export async function discover(root: string, cfg: Partial<AgentsMdConfig> = {}): Promise<Discovery> {
  const conf = { ...AGENTS_MD_DEFAULTS, ...cfg };
  const names = conf.files;
  const excluded = conf.exclude.length ? picomatch(conf.exclude, { dot: true }) : () => false;
  const candidates = (await listCandidates(root, names)).filter((f) => !excluded(f));
  const warnings: string[] = [];
  const shadowed: Discovery['shadowed'] = [];

  // Group by directory; order directories root first (then alphabetically for stable output).
  const byDir = new Map<string, string[]>();
  for (const f of candidates) {
    const d = posix.dirname(f) === '.' ? '' : posix.dirname(f);
    if (!byDir.has(d)) byDir.set(d, []);
    byDir.get(d)!.push(f);
  }
  const dirs = [...byDir.keys()].sort((a, b) => depthOf(a) - depthOf(b) || cmp(a, b));
  const files: InstructionFile[] = [];
  const readPaths = new Set<string>();
  let realRoot = root;
  try {
    realRoot = realpathSync(root);
  } catch {
    /* keep as given */
  }

  const readFile = (rel: string): string | undefined => {
    try {
      return readFileSync(join(root, rel), 'utf8');
    } catch {
      return undefined;
    }
  };

  const addImports = (file: InstructionFile, depth: number, stack: string[]) => {
    if (!conf.imports) return;
    for (const imp of findImports(file.content)) {
      const where = `${file.path}:${imp.line}`;
      if (imp.target.startsWith('~/')) {
        warnings.push(`${where}: import @${imp.target} is outside the repository (home directory); not read, so rules there cannot be enforced here.`);
        continue;
      }
      const abs = imp.target.startsWith('/') ? imp.target : resolve(root, posix.dirname(file.path), imp.target);
      if (!existsSync(abs) || !statSync(abs).isFile()) {
        // `@name` words that are not files are common prose (decorators, handles); only warn for path-like ones.
        if (imp.target.includes('/') || /\.(md|mdx|txt)$/i.test(imp.target)) warnings.push(`${where}: import @${imp.target} not found.`);
        continue;
      }
      let real = abs;
      try {
        real = realpathSync(abs);
      } catch {
        /* keep */
      }
      const rel = toPosix(relative(realRoot, real));
      if (rel.startsWith('..') || resolve(realRoot, rel) !== real) {
        warnings.push(`${where}: import @${imp.target} resolves outside the repository; not read.`);
        continue;
      }
      if (stack.includes(rel)) {
        warnings.push(`${where}: import @${imp.target} is a cycle (${[...stack, rel].join(' -> ')}); not followed again.`);
        continue;
      }
      if (readPaths.has(rel)) continue; // already read (e.g. CLAUDE.md importing AGENTS.md)
      if (depth >= MAX_IMPORT_DEPTH) {
        warnings.push(`${where}: import @${imp.target} is more than ${MAX_IMPORT_DEPTH} imports deep; not read.`);
        continue;
      }
      const content = readFile(rel);
      if (content === undefined) continue;
      const child: InstructionFile = {
        path: rel,
        scopeDir: file.scopeDir,
        kind: 'import',
        content,
        bytes: Buffer.byteLength(content),
        importedFrom: file.path,
      };
      readPaths.add(rel);
      files.push(child);
      addImports(child, depth + 1, [...stack, rel]);
    }
  };

  for (const dir of dirs) {
    const present = byDir.get(dir)!;
    const byLower = new Map(present.map((p) => [posix.basename(p).toLowerCase(), p]));
    const chosen: string[] = [];
    for (const name of names) {
      const p = byLower.get(name.toLowerCase());
      if (!p) continue;
      const k = kindOf(name);
      if (k === 'override') {
        const base = name.replace(/\.override\.md$/i, '.md').toLowerCase();
        const basePath = byLower.get(base);
        const idx = basePath ? chosen.indexOf(basePath) : -1;
        if (basePath) shadowed.push({ path: basePath, by: p });
        if (idx >= 0) chosen[idx] = p;
        else chosen.push(p);
        continue;
      }
      const override = byLower.get(name.replace(/\.md$/i, '.override.md').toLowerCase());
      if (override && names.some((n) => n.toLowerCase() === posix.basename(override).toLowerCase())) {
        if (!chosen.includes(override)) chosen.push(override);
        continue;
      }
      if (!chosen.includes(p)) chosen.push(p);
    }
    for (const p of chosen) {
      if (readPaths.has(p)) continue;
      const content = readFile(p);
      if (content === undefined) continue;
      readPaths.add(p);
      const f: InstructionFile = { path: p, scopeDir: dir, kind: kindOf(posix.basename(p)), content, bytes: Buffer.byteLength(content) };
      files.push(f);
      if (f.kind === 'claude') addImports(f, 1, [p]);
    }
  }
  // Dedupe shadowed entries (an override named twice).
  const uniqShadowed = shadowed.filter((s, i) => shadowed.findIndex((t) => t.path === s.path) === i);

  const budgets: Discovery['budgets'] = [];
  const scopeDirs = [...new Set(files.map((f) => f.scopeDir))];
  for (const dir of scopeDirs) {
    const chain = chainFor({ files } as Discovery, dir);
    let total = 0;
    let cutoff: { file: string; line: number } | undefined;
    for (const f of chain) {
      if (!cutoff && total + f.bytes > conf.maxBytes) cutoff = { file: f.path, line: lineAtByte(f.content, conf.maxBytes - total) };
      total += f.bytes;
    }
    const over = total > conf.maxBytes;
    budgets.push({ dir, bytes: total, over, ...(cutoff ? { cutoff } : {}) });
    if (over && cutoff) {
      warnings.push(
        `${dir || '(repo root)'}: the instruction files an agent reads there total ${fmtBytes(total)} ` +
          `(${chain.map((f) => f.path).join(', ')}), over the ${fmtBytes(conf.maxBytes)} limit; ` +
          `agents stop reading at ${cutoff.file}:${cutoff.line}, so rules after it are invisible to them.`,
      );
    }
  }
  for (const s of uniqShadowed) warnings.push(`${s.path} is not read: ${s.by} wins in its directory.`);
  return { root, files, shadowed: uniqShadowed, warnings, budgets };
}

function fmtBytes(n: number): string {
  return n < 10240 ? `${n} bytes` : `${(n / 1024).toFixed(1)} KiB`;
}

/** 1-based line that contains byte offset `n` of `content`. */
export function lineAtByte(content: string, n: number): number {
  const buf = Buffer.from(content);
  const head = buf.subarray(0, Math.max(0, n)).toString('utf8');
  return head.split('\n').length;
}

/** The files that apply in `dir` (repo-relative directory), root first, nearer later. */
export function chainFor(d: Pick<Discovery, 'files'>, dir: string): InstructionFile[] {
  const inScope = (scope: string) => scope === '' || dir === scope || dir.startsWith(scope + '/');
  return d.files
    .filter((f) => inScope(f.scopeDir))
    .sort((a, b) => depthOf(a.scopeDir) - depthOf(b.scopeDir)); // stable: keeps read order within a depth
}

/** The files that apply to a repo-relative file path. */
export function filesFor(d: Pick<Discovery, 'files'>, path: string): InstructionFile[] {
  const dir = posix.dirname(toPosix(path));
  return chainFor(d, dir === '.' ? '' : dir);
}

