/**
 * The scanning engine: a keyword prefilter (one case-insensitive pass over the text finds every
 * keyword hit), then each candidate rule's pattern runs sticky at its hits, then the secret passes
 * the rule's checks (boundary, checksum, entropy, validation, placeholders, allowlists).
 */
import { setFlagsFromString } from 'node:v8';
import type { CompiledRule, ScanRule, SecretMatch } from './types.js';
import { shannon, distinct } from './entropy.js';
import { checkBase62Crc } from './checksums.js';
import { buildAutomaton, findKeywords, findKeywordsInBytes, bytesHaveKeyword, type KeywordAutomaton } from './keywords-ac.js';

export interface Engine {
  rules: CompiledRule[];
  byId: Map<string, CompiledRule>;
  /** Keyword prefilter tables (see hits()). */
  kw: KeywordIndex;
}

/**
 * The keyword prefilter, two interchangeable implementations (same hits, same order):
 *  - one case-insensitive regex alternation of all keywords (irregexp compiles it to native code in
 *    ~2 ms): the fastest on a cold start with little text, i.e. in a hook;
 *  - an Aho-Corasick automaton (keywords-ac.ts): ~3x less CPU per MB once warm, and it runs on raw
 *    bytes: tree scans. An engine switches to it after REGEX_BUDGET characters.
 * Each keyword id maps to the rules that list it.
 */
export interface KeywordIndex {
  /** Longest first. */
  keywords: string[];
  /** keyword id -> rule indexes. */
  rules: number[][];
  automaton?: KeywordAutomaton;
  /** The alternation, case-sensitive (run on lower-cased text), and with /i for texts that lower-casing would shift. */
  re?: RegExp;
  reI?: RegExp;
  /** keyword -> id, and for each id the ids of the keywords that are its prefixes (itself first). */
  ids?: Map<string, number>;
  prefixes?: number[][];
  /** Characters searched so far with the regex. */
  scanned: number;
  /** Hits already known for texts about to be scanned (the pre-commit path's prefilter pass). */
  known?: Map<string, number[]>;
}

const REGEX_BUDGET = 4_000_000;

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
export function compileRules(
  specs: readonly ScanRule[],
  opts: { disabled?: readonly string[]; checkPattern?: (src: string) => unknown; keywords?: KeywordIndex } = {},
): Engine {
  linearFallback();
  const disabled = new Set(opts.disabled ?? []);
  const rules: CompiledRule[] = [];
  const byId = new Map<string, CompiledRule>();
  const problems: string[] = [];
  for (const spec of specs) {
    if (byId.has(spec.id)) problems.push(`duplicate rule id ${spec.id}`);
    if (opts.checkPattern && typeof spec.samples !== 'function') problems.push(`rule ${spec.id} has no samples`);
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
    // Every compiled rule has the same fields in the same order (one hidden class), so the scan
    // loop's property reads stay monomorphic whatever subset of fields a rule's data sets.
    const rule: CompiledRule = {
      id: spec.id,
      description: spec.description,
      keywords: spec.keywords,
      pattern: spec.pattern,
      ignoreCase: spec.ignoreCase ?? false,
      group: spec.group ?? (groups > 0 ? 1 : 0),
      back: spec.back ?? 0,
      tailGroup: spec.tailGroup ?? false,
      entropy: spec.entropy,
      checksum: spec.checksum,
      validate: spec.validate,
      allow: spec.allow,
      boundary: spec.boundary ?? true,
      generic: spec.generic ?? false,
      skipReferences: spec.skipReferences ?? spec.generic ?? false,
      index: rules.length,
      re: re as RegExp,
      reIndices: undefined,
      allowRes: (spec.allow ?? []).map((a) => new RegExp(a)),
    };
    rules.push(rule);
    byId.set(spec.id, rule);
  }
  if (problems.length) throw new RuleTableError(`invalid secret rule table:\n  ${problems.join('\n  ')}`);
  const kwRules = new Map<string, number[]>();
  for (const r of rules) {
    for (const k of r.keywords) {
      const list = kwRules.get(k);
      if (list) list.push(r.index);
      else kwRules.set(k, [r.index]);
    }
  }
  if (opts.keywords) {
    // Share a prefilter built over a superset of these rules' keywords (the pre-commit path): its
    // keyword ids, regex and hits stay valid here, so the change is not searched twice.
    const shared = opts.keywords;
    for (const k of kwRules.keys()) if (!shared.ids?.has(k) && !shared.keywords.includes(k)) throw new RuleTableError(`keyword "${k}" is not in the shared keyword index`);
    const kw: KeywordIndex = { ...shared, rules: shared.keywords.map((k) => kwRules.get(k) ?? []), scanned: 0, known: undefined, automaton: undefined };
    return { rules, byId, kw };
  }
  // Longest keywords first: hits at one position come out in this order (as before).
  const entries = [...kwRules.entries()].sort((a, b) => b[0].length - a[0].length);
  return { rules, byId, kw: keywordIndex(entries.map((e) => e[0]), entries.map((e) => e[1])) };
}

/** A keyword prefilter over `keywords` (lower-case, unique, longest first); `rules[id]`: what each keyword selects. */
export function keywordIndex(keywords: string[], rules: number[][], prefixes?: number[][]): KeywordIndex {
  return { keywords, rules, scanned: 0, ...(prefixes ? { prefixes } : {}) };
}

/** prefixes[id]: id, then the ids of the shorter keywords that are prefixes of keywords[id] (keywords longest first). */
export function keywordPrefixes(keywords: readonly string[]): number[][] {
  const ids = new Map<string, number>();
  keywords.forEach((k, id) => ids.set(k, id));
  return keywords.map((k, id) => {
    const out = [id];
    for (let l = k.length - 1; l >= 1; l--) {
      const p = ids.get(k.slice(0, l));
      if (p !== undefined) out.push(p);
    }
    return out;
  });
}

function automaton(engine: Engine): KeywordAutomaton {
  return (engine.kw.automaton ??= buildAutomaton(engine.kw.keywords));
}

/** Whether raw (UTF-8) bytes contain any keyword of the engine: files without one need no decoding. */
export function bytesMayMatch(engine: Engine, buf: Uint8Array): boolean {
  return bytesHaveKeyword(automaton(engine), buf);
}

/**
 * Keyword hits in ASCII bytes (positions equal string offsets of the same text decoded): pass them
 * as `keywordHits` to scanText, so the text is not searched again. Empty: nothing to scan.
 */
export function keywordHitsInBytes(engine: Engine, buf: Uint8Array): number[] {
  return findKeywordsInBytes(automaton(engine), buf);
}

/**
 * Keyword hits by regex, encoded as findKeywords does (position * 65536 + keyword id, sorted). The
 * alternation lists keywords longest first, so a match is the longest keyword at its position; the
 * other keywords there are its prefixes (precomputed), so no per-hit character comparison is needed.
 */
export function regexKeywords(kw: KeywordIndex, text: string): number[] {
  if (!kw.ids) {
    const ids = new Map<string, number>();
    kw.keywords.forEach((k, id) => ids.set(k, id));
    kw.ids = ids;
    kw.prefixes ??= keywordPrefixes(kw.keywords);
  }
  // Keywords are lower-case: search the lower-cased text with a case-sensitive regex (irregexp
  // compiles and runs it about twice as fast as the same alternation with /i). Lower-casing keeps
  // every offset unless a character expands (U+0130 becomes two code units): then search the
  // original text with /i instead. Lower-casing may fold a few non-ASCII letters to ASCII (the
  // Kelvin sign to k): that only adds candidate positions, where each rule's own pattern then runs
  // on the original text.
  const lower = text.toLowerCase();
  const folded = lower.length === text.length;
  const src = () => kw.keywords.map((k) => k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|') || '(?!)';
  const re = folded ? (kw.re ??= new RegExp(src(), 'g')) : (kw.reI ??= new RegExp(src(), 'gi'));
  const subject = folded ? lower : text;
  const { ids, prefixes } = kw as Required<KeywordIndex>;
  const out: number[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(subject))) {
    const i = m.index;
    re.lastIndex = i + 1;
    // Non-unicode /i never folds a non-ASCII character to ASCII, so the match is a keyword's spelling.
    const id = ids.get(folded ? m[0] : m[0].toLowerCase());
    if (id === undefined) continue;
    for (const k of prefixes[id]!) out.push(i * 65536 + k);
  }
  return out;
}

/** Every keyword occurrence in the text: position * 65536 + keyword id, in text order. */
function keywordHits(engine: Engine, text: string): number[] {
  const kw = engine.kw;
  const known = kw.known?.get(text);
  if (known) return known;
  if (!kw.automaton && kw.scanned + text.length <= REGEX_BUDGET) {
    kw.scanned += text.length;
    return regexKeywords(kw, text);
  }
  return findKeywords(automaton(engine), text);
}

/** Keyword hits by a chosen implementation (tree scans force the automaton; tests check both agree). */
export function keywordHitsVia(engine: Engine, text: string, via: 'regex' | 'automaton'): number[] {
  return via === 'regex' ? regexKeywords(engine.kw, text) : findKeywords(automaton(engine), text);
}

/** The rules whose keywords occur in the text (the prefilter). */
export function prefilter(engine: Engine, text: string): Set<string> {
  const out = new Set<string>();
  for (const h of keywordHits(engine, text)) for (const r of engine.kw.rules[h % 65536]!) out.add(engine.rules[r]!.id);
  return out;
}

/** An ASCII letter or digit (a rule with a word boundary does not start after one). */
function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
const REFERENCE =
  /^(?:\$\{|\$\(|\$[A-Za-z_]|\{\{|\{%|<%|%\(|%[A-Z_]+%|#\{|@\{)|process\.env|import\.meta\.env|os\.getenv|os\.environ|getenv\(|System\.getenv|ENV\[|env\(|secrets\.|vars\.|\(\)$/;
// `<your key here>`, `<TOKEN>`, `<base64 user:password>`: a letter, then placeholder text; a random
// secret's `<O^y…>` run (WordPress salts, generated passwords) is not one.
const PLACEHOLDER =
  /x{4}|X{4}|\*{3}|\.{3}|…|<[a-z][\w .:/@|+-]{0,40}>|your[_-]?(?:api|secret|access|token|key|pass)|\bexample\b|EXAMPLE|placeholder|redacted|changeme|change[_-]me|replace[_-]?me|insert[_-]|dummy|\bfake\b|sample[_-]?(?:key|token|secret)|not[_-]?a[_-]?real/i;

export interface ScanOptions {
  /** Only these rules (ids). */
  only?: readonly string[];
  /** Global allowlist: regexes matched against the secret; stopwords (substrings, case-insensitive). */
  allowPatterns?: readonly RegExp[];
  stopwords?: readonly string[];
  /** Internal (tree scans): the keyword hits of this text, already found (keywordHitsInBytes). */
  keywordHits?: readonly number[];
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
  if (rule.skipReferences) {
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
  const kwRules = engine.kw.rules;
  for (const h of opts.keywordHits ?? keywordHits(engine, text)) {
    for (const ri of kwRules[h % 65536]!) {
      if (only && !only.has(ri)) continue;
      const p = Math.floor(h / 65536);
      const rule = engine.rules[ri]!;
      const start = p - rule.back;
      if (start < 0 || start < lastEnd[ri]!) continue;
      if (rule.boundary && start > 0 && isWordChar(text.charCodeAt(start - 1))) continue;
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
      found.push({ rule: rule.id, description: rule.description, start: span[0], end: span[1], secret, generic: rule.generic, rank });
    }
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
  // A generic match is dropped where it overlaps a kept match. Linear-logarithmic, not quadratic: a
  // minified megabyte can hold thousands of generic matches. Kept specific matches are sorted by
  // start, with the running maximum of their ends; generic ones are taken in start order (the first
  // of overlapping generic matches wins), so one running maximum end covers them.
  const maxEnd: number[] = [];
  for (const k of kept) maxEnd.push(Math.max(k.end, maxEnd[maxEnd.length - 1] ?? -1));
  const overlapsSpecific = (g: SecretMatch) => {
    // The last kept specific match starting before g ends: any overlap is among it and those before.
    let lo = 0;
    let hi = kept.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (kept[mid]!.start < g.end) {
        last = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return last >= 0 && maxEnd[last]! > g.start;
  };
  const generic = found.filter((f) => f.generic).sort((a, b) => a.start - b.start);
  let genericEnd = -1;
  const out = kept.slice();
  for (const g of generic) {
    if (overlapsSpecific(g) || g.start < genericEnd) continue;
    genericEnd = g.end;
    out.push(g);
  }
  return out.sort((a, b) => a.start - b.start);
}
