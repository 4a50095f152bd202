/**
 * Path globs for policies, with gitignore-like meaning so config reads the way people expect:
 *  - `*.pem`, `.env`, `id_rsa`  (no slash): match the file name at any depth.
 *  - `migrations/**`, `/db/schema.sql` (a slash): anchored at the repo root (a leading `/` is dropped).
 *  - `vendor/` (trailing slash): everything under a directory of that name, at any depth when the
 *    rest has no slash (`vendor/` = `**\/vendor/**`), anchored otherwise.
 *  - `!pattern`: exclude; patterns apply in order and the last one that matches wins.
 * Dotfiles match (`*` matches `.env.local`). picomatch is loaded on first use, not at import.
 */
import { createRequire } from 'node:module';

type Matcher = (s: string) => boolean;
type Picomatch = (glob: string, opts?: Record<string, unknown>) => Matcher;

let pm: Picomatch | undefined;
function picomatch(): Picomatch {
  if (!pm) pm = createRequire(import.meta.url)('picomatch') as Picomatch;
  return pm;
}

interface Rule {
  negate: boolean;
  basename: boolean;
  test: Matcher;
}

export interface GlobSet {
  /** The patterns as given. */
  patterns: readonly string[];
  /** The last matching pattern decides; false when none matches. */
  matches(path: string): boolean;
  /** The positive pattern that made `path` match, for messages. */
  which(path: string): string | undefined;
}

const EMPTY: GlobSet = { patterns: [], matches: () => false, which: () => undefined };

export function compileGlobs(patterns: readonly string[]): GlobSet {
  if (patterns.length === 0) return EMPTY;
  const rules: Array<Rule & { pattern: string }> = [];
  for (const raw of patterns) {
    let p = raw.trim();
    if (!p || p.startsWith('#')) continue;
    const negate = p.startsWith('!');
    if (negate) p = p.slice(1);
    let dir = false;
    if (p.endsWith('/')) {
      dir = true;
      p = p.replace(/\/+$/, '');
    }
    const anchored = p.includes('/');
    p = p.replace(/^\/+/, '');
    let glob: string;
    let basename = false;
    if (dir) glob = anchored ? `${p}/**` : `**/${p}/**`;
    else if (anchored) glob = p;
    else {
      glob = p;
      basename = true;
    }
    rules.push({ pattern: raw, negate, basename, test: picomatch()(glob, { dot: true }) });
  }
  const decide = (path: string): Rule & { pattern: string } | undefined => {
    const base = path.slice(path.lastIndexOf('/') + 1);
    let hit: (Rule & { pattern: string }) | undefined;
    for (const r of rules) {
      if (r.test(r.basename ? base : path)) hit = r;
    }
    return hit && !hit.negate ? hit : undefined;
  };
  return {
    patterns,
    matches: (path) => decide(path) !== undefined,
    which: (path) => decide(path)?.pattern,
  };
}
