/**
 * The scanning engine: a keyword prefilter (one case-insensitive pass over the text finds every
 * keyword hit), then each candidate rule's pattern runs sticky at its hits, then the secret passes
 * the rule's checks (boundary, checksum, entropy, validation, placeholders, allowlists).
 */
import { setFlagsFromString } from 'node:v8';
import type { CompiledRule, RuleSpec, SecretMatch } from './types.js';
import { shannon, distinct } from './entropy.js';
import { checkBase62Crc } from './checksums.js';

export interface Engine {
  rules: CompiledRule[];
  byId: Map<string, CompiledRule>;
  /** Keyword prefilter tables (see hits()). */
  kw: KeywordIndex;
}

/**
 * The keyword prefilter: one regex pass finds candidate positions (an alternation of all keywords,
 * case-insensitive), then a table lookup on the first two characters and a char-by-char compare
 * list every keyword starting there (keywords may overlap). A plain JS loop was measured too: as
 * fast when warm, but ~5x slower on the first (cold) run, which is what a hook pays.
 */
interface KeywordIndex {
  /** Finds candidate positions: every keyword, case-insensitive (irregexp compiles it to native code fast). */
  re: RegExp;
  /** (lower(c0) << 7 | lower(c1)) -> bucket number + 1, 0 when no keyword starts with these two chars. */
  pair: Uint16Array;
  buckets: Array<Array<{ codes: Uint8Array; rules: number[] }>>;
}

const LOWER = new Uint8Array(128);
for (let c = 0; c < 128; c++) LOWER[c] = c >= 65 && c <= 90 ? c + 32 : c;

export class RuleTableError extends Error {}

let flagsSet = false;
function linearFallback() {
  if (flagsSet) return;
  flagsSet = true;
  try {
    setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
  } catch {
    /* older runtimes: the restricted syntax is the guarantee */
  }
}

/** Capturing groups in a pattern source (escapes and classes skipped). */
function countGroups(src: string): number {
  let n = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(' && (src[i + 1] !== '?' || (src[i + 2] === '<' && src[i + 3] !== '=' && src[i + 3] !== '!'))) n++;
  }
  return n;
}

/**
 * Build the engine. Regexes are created on first use (a hook usually needs a handful). Pass
 * `checkPattern` (from safety.ts) to validate every pattern's syntax restrictions: the test suite
 * does this for the shipped table; the hook path skips it.
 */
export function compileRules(specs: readonly RuleSpec[], opts: { disabled?: readonly string[]; checkPattern?: (src: string) => unknown } = {}): Engine {
  linearFallback();
  const disabled = new Set(opts.disabled ?? []);
  const rules: CompiledRule[] = [];
  const byId = new Map<string, CompiledRule>();
  const problems: string[] = [];
  for (const spec of specs) {
    if (byId.has(spec.id)) problems.push(`duplicate rule id ${spec.id}`);
    if (typeof spec.samples !== 'function') problems.push(`rule ${spec.id} has no samples`);
    if (!spec.keywords.length) problems.push(`rule ${spec.id} has no keywords`);
    for (const k of spec.keywords) if (k !== k.toLowerCase() || k.length < 3) problems.push(`rule ${spec.id}: keyword "${k}" must be lower-case and >= 3 chars`);
    if (opts.checkPattern) {
      try {
        opts.checkPattern(spec.pattern);
      } catch (e) {
        problems.push(`rule ${spec.id}: ${(e as Error).message}`);
        continue;
      }
    }
    if (disabled.has(spec.id)) continue;
    let re: RegExp | undefined;
    if (opts.checkPattern) {
      try {
        re = new RegExp(spec.pattern, `y${spec.ignoreCase ? 'i' : ''}`);
      } catch (e) {
        problems.push(`rule ${spec.id}: ${(e as Error).message}`);
        continue;
      }
    }
    const groups = countGroups(spec.pattern);
    const rule: CompiledRule = {
      ...spec,
      index: rules.length,
      re: re as RegExp,
      group: spec.group ?? (groups > 0 ? 1 : 0),
      allowRes: (spec.allow ?? []).map((a) => new RegExp(a)),
    };
    rules.push(rule);
    byId.set(spec.id, rule);
  }
  if (problems.length) throw new RuleTableError(`invalid secret rule table:\n  ${problems.join('\n  ')}`);
  const kwRules = new Map<string, number[]>();
  for (const r of rules) for (const k of r.keywords) kwRules.set(k, [...(kwRules.get(k) ?? []), r.index]);
  const pair = new Uint16Array(128 * 128);
  const buckets: KeywordIndex['buckets'] = [];
  for (const [kw, rs] of [...kwRules.entries()].sort((a, b) => b[0].length - a[0].length)) {
    const codes = Uint8Array.from(kw, (ch) => ch.charCodeAt(0) & 127);
    const key = (codes[0]! << 7) | codes[1]!;
    if (!pair[key]) {
      buckets.push([]);
      pair[key] = buckets.length;
    }
    buckets[pair[key]! - 1]!.push({ codes, rules: rs });
  }
  const alternation = [...kwRules.keys()].sort((a, b) => b.length - a.length).map((k) => k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return { rules, byId, kw: { re: new RegExp(alternation.join('|') || '(?!)', 'gi'), pair, buckets } };
}

/** Keyword hits: [position, rule index] pairs, in text order. */
function* hits(engine: Engine, text: string, only?: Set<number>): Generator<[number, number]> {
  const { re, pair, buckets } = engine.kw;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const i = m.index;
    re.lastIndex = i + 1;
    const c0 = text.charCodeAt(i);
    const c1 = text.charCodeAt(i + 1);
    if (c0 > 127 || c1 > 127) continue;
    const b = pair[(LOWER[c0]! << 7) | LOWER[c1]!]!;
    if (b === 0) continue;
    for (const { codes, rules } of buckets[b - 1]!) {
      const len = codes.length;
      if (i + len > text.length) continue;
      let j = 2;
      for (; j < len; j++) {
        const c = text.charCodeAt(i + j);
        if (c > 127 || LOWER[c] !== codes[j]) break;
      }
      if (j !== len) continue;
      for (const r of rules) if (!only || only.has(r)) yield [i, r];
    }
  }
}

/** The rules whose keywords occur in the text (the prefilter). */
export function prefilter(engine: Engine, text: string): Set<string> {
  const out = new Set<string>();
  for (const [, r] of hits(engine, text)) out.add(engine.rules[r]!.id);
  return out;
}

const WORD = /[A-Za-z0-9]/;
const REFERENCE =
  /^(?:\$\{|\$\(|\$[A-Za-z_]|\{\{|\{%|<%|%\(|%[A-Z_]+%|#\{|@\{)|process\.env|import\.meta\.env|os\.getenv|os\.environ|getenv\(|System\.getenv|ENV\[|env\(|secrets\.|vars\.|\(\)$/;
const PLACEHOLDER =
  /x{4}|X{4}|\*{3}|\.{3}|…|<[^>]{0,40}>|your[_-]?(?:api|secret|access|token|key|pass)|\bexample\b|EXAMPLE|placeholder|redacted|changeme|change[_-]me|replace[_-]?me|insert[_-]|dummy|\bfake\b|sample[_-]?(?:key|token|secret)|not[_-]?a[_-]?real/i;

export interface ScanOptions {
  /** Only these rules (ids). */
  only?: readonly string[];
  /** Global allowlist: regexes matched against the secret; stopwords (substrings, case-insensitive). */
  allowPatterns?: readonly RegExp[];
  stopwords?: readonly string[];
}

function placeholderBody(rule: CompiledRule, secret: string): boolean {
  let body = secret;
  for (const k of rule.keywords) if (body.toLowerCase().startsWith(k)) body = body.slice(k.length);
  if (PLACEHOLDER.test(secret)) return true;
  if (body.length >= 8 && body.length <= 300) {
    if (distinct(body) < 5) return true;
    if (/(.)\1{5}/.test(body)) return true;
    if (/0123456|1234567|abcdefg|ABCDEFG/.test(body)) return true;
  }
  return false;
}

function accept(rule: CompiledRule, secret: string, around: { before: string; after: string }, opts: ScanOptions): boolean {
  if (!secret) return false;
  if (rule.checksum && !checkBase62Crc(secret)) return false;
  if (rule.validate && !rule.validate(secret, around)) return false;
  if (rule.entropy !== undefined && shannon(secret) < rule.entropy) return false;
  if (rule.skipReferences ?? rule.generic) {
    if (REFERENCE.test(secret)) return false;
  }
  if (!rule.id.includes('private-key') && placeholderBody(rule, secret)) return false;
  for (const a of rule.allowRes) if (a.test(secret)) return false;
  for (const a of opts.allowPatterns ?? []) if (a.test(secret)) return false;
  if (opts.stopwords?.length) {
    const low = secret.toLowerCase();
    for (const w of opts.stopwords) if (low.includes(w.toLowerCase())) return false;
  }
  return true;
}

/** Find secrets in a text. Specific rules win over generic ones on overlapping spans. */
export function scanText(engine: Engine, text: string, opts: ScanOptions = {}): SecretMatch[] {
  const only = opts.only ? new Set(opts.only.map((id) => engine.byId.get(id)?.index ?? -1)) : undefined;
  const found: SecretMatch[] = [];
  const lastEnd = new Int32Array(engine.rules.length).fill(-1);
  for (const [p, ri] of hits(engine, text, only)) {
    const rule = engine.rules[ri]!;
    const start = p - (rule.back ?? 0);
    if (start < 0 || start < lastEnd[ri]!) continue;
    if ((rule.boundary ?? true) && start > 0 && WORD.test(text[start - 1]!)) continue;
    const re = (rule.re ??= new RegExp(rule.pattern, `y${rule.ignoreCase ? 'i' : ''}`));
    re.lastIndex = start;
    let m: RegExpExecArray | null = re.exec(text);
    if (!m) continue;
    let span: [number, number] | undefined;
    if (rule.group === 0) span = [m.index, m.index + m[0].length];
    else if (rule.tailGroup) span = [m.index + m[0].length - m[rule.group]!.length, m.index + m[0].length];
    else {
      // Matches are rare: only now pay for group offsets (the `d` flag slows every exec).
      const dre = (rule.reIndices ??= new RegExp(rule.pattern, `dy${rule.ignoreCase ? 'i' : ''}`));
      dre.lastIndex = start;
      m = dre.exec(text);
      span = m?.indices?.[rule.group];
    }
    if (!m || !span) continue;
    const secret = m[rule.group]!;
    if (!accept(rule, secret, { before: text.slice(start, span[0]), after: text.slice(span[1], span[1] + 120) }, opts)) continue;
    lastEnd[ri] = start + m[0].length;
    const low = secret.slice(0, 24).toLowerCase();
    const rank = (rule.checksum ? 2 : 0) + (rule.keywords.some((k) => low.startsWith(k)) ? 1 : 0);
    found.push({ rule: rule.id, description: rule.description, start: span[0], end: span[1], secret, generic: !!rule.generic, rank });
  }
  return resolveOverlaps(found);
}

function resolveOverlaps(found: SecretMatch[]): SecretMatch[] {
  if (found.length < 2) return found;
  const specific = found.filter((f) => !f.generic).sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || b.rank - a.rank);
  const kept: SecretMatch[] = [];
  for (const f of specific) {
    const prev = kept[kept.length - 1];
    if (prev && f.start < prev.end && f.start >= prev.start && f.end <= prev.end) continue; // same or inner span
    kept.push(f);
  }
  for (const g of found.filter((f) => f.generic)) {
    if (kept.some((k) => g.start < k.end && k.start < g.end)) continue;
    if (kept.some((k) => k.generic && k.start === g.start)) continue;
    kept.push(g);
  }
  return kept.sort((a, b) => a.start - b.start);
}
