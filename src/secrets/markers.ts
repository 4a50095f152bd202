/**
 * Inline markers: `harness-secrets:allow <rule-id>[,<rule-id>] <reason>` in a comment on the line of
 * the secret, or alone on the line above it. The rule must be named and a reason (>= 8 chars) given.
 */
export const MARKER = 'harness-secrets:allow';
const MARKER_RE = /harness-secrets:allow(?:\s+([\w.,*-]+))?(?:\s+(.*?))?\s*(?:\*\/|-->|#\}|%\})?\s*$/;

export interface Marker {
  rules: string[];
  reason: string;
  /** Why the marker does not count, when it does not. */
  problem?: string;
}

export function parseMarker(line: string | undefined): Marker | undefined {
  if (!line || !line.includes(MARKER)) return undefined;
  const m = MARKER_RE.exec(line.slice(line.indexOf(MARKER)));
  const rules = (m?.[1] ?? '').split(',').filter(Boolean);
  const reason = (m?.[2] ?? '').trim();
  let problem: string | undefined;
  if (!rules.length) problem = 'it names no rule (write `harness-secrets:allow <rule-id> <reason>`)';
  else if (rules.includes('*')) problem = 'it uses `*`; name the rule id instead';
  else if (reason.length < 8) problem = 'its reason is missing or shorter than 8 characters';
  return { rules, reason, problem };
}

/** A line that holds only a comment with the marker (so it applies to the next line). */
export function isMarkerOnlyLine(line: string | undefined): boolean {
  if (!line) return false;
  return /^\s*(?:\/\/|#|--|;|\/\*|\*|<!--|\{#|%|')\s*harness-secrets:allow\b/.test(line);
}

/** The marker that applies to a secret on `lineText` (same line, or a marker-only line above). */
export function markerFor(lineText: string, prevLineText: string | undefined): Marker | undefined {
  return parseMarker(lineText) ?? (isMarkerOnlyLine(prevLineText) ? parseMarker(prevLineText) : undefined);
}

const SLASH = new Set('ts tsx mts cts js jsx mjs cjs go java c h cc cpp cxx hpp hh cs rs swift kt kts scala php dart groovy gradle json5 jsonc proto scss less sass zig v sol fs fsx m mm'.split(' '));
const DASH = new Set('sql lua hs elm ada'.split(' '));
const ANGLE = new Set('html htm xhtml xml md markdown mdx svg vue svelte xaml csproj plist'.split(' '));
const BLOCK = new Set(['css']);
const NONE = new Set(['json', 'ipynb', 'lock']);

/**
 * The comment syntax of a file, for the allow-marker hint: `//` for C-like languages, `#` for shell,
 * Python, YAML, TOML, .env and unknown files, `--` for SQL, `<!-- -->` for HTML/XML/Markdown, `/* *\/`
 * for CSS; undefined for formats without comments (JSON).
 */
export function commentSyntax(path: string): { open: string; close: string } | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1) : '';
  if (NONE.has(ext)) return undefined;
  if (SLASH.has(ext)) return { open: '//', close: '' };
  if (DASH.has(ext)) return { open: '--', close: '' };
  if (ANGLE.has(ext)) return { open: '<!--', close: ' -->' };
  if (BLOCK.has(ext)) return { open: '/*', close: ' */' };
  return { open: '#', close: '' };
}

/** The marker comment to add for `rule` in `path`, in the file's comment syntax (undefined: no comments). */
export function markerComment(path: string, rule: string, reason = '<why it is safe>'): string | undefined {
  const c = commentSyntax(path);
  return c && `${c.open} ${MARKER} ${rule} ${reason}${c.close}`;
}
