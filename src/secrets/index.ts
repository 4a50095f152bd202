/**
 * Secret scanning: the public surface. The rule table is compiled on first use (never at import).
 *   scanText / scanLines: find secrets in text or in added lines, with 1-based line and column.
 *   redact(secret): a safe preview.  redactText(text): the text with every secret masked.
 */
import type { AddedLine } from '../engine/types.js';
import { compileRules, prefilter as prefilterWith, scanText as scanWith, type Engine, type ScanOptions } from './engine.js';
import { RULES } from './rules/index.js';
import { redact, sha256hex } from './redact.js';
import type { SecretMatch } from './types.js';

export { redact, shortHash, sha256hex } from './redact.js';
export type { SecretMatch, RuleSpec } from './types.js';
export type { Engine, ScanOptions } from './engine.js';

let engine: Engine | undefined;
const custom = new Map<string, Engine>();

/** The compiled built-in table (cached), optionally without some rules. */
export function getEngine(disabled: readonly string[] = []): Engine {
  // The shipped table is validated by the test suite (test/unit/secrets-rules.test.ts); skip it on the hook path.
  if (!disabled.length) return (engine ??= compileRules(RULES));
  const key = [...disabled].sort().join(',');
  let e = custom.get(key);
  if (!e) custom.set(key, (e = compileRules(RULES, { disabled })));
  return e;
}

export function ruleIds(): string[] {
  return RULES.map((r) => r.id);
}

export function scanText(text: string, opts: ScanOptions & { engine?: Engine } = {}): SecretMatch[] {
  return scanWith(opts.engine ?? getEngine(), text, opts);
}

export function prefilter(text: string): Set<string> {
  return prefilterWith(getEngine(), text);
}

export interface LocatedMatch extends SecretMatch {
  /** 1-based line in the file. */
  line: number;
  /** 1-based column (UTF-16 units). */
  column: number;
  /** The text of the line the secret starts on (for inline markers; never printed). */
  lineText: string;
  /** Text of the line above (for markers on their own line), when known. */
  prevLineText?: string;
}

/** Scan a whole text (a file): matches with line and column. */
export function scanFileText(text: string, opts: ScanOptions & { engine?: Engine } = {}): LocatedMatch[] {
  const found = scanText(text, opts);
  if (!found.length) return [];
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const lineOf = (off: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= off) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const textOf = (i: number) => (i < 0 ? undefined : text.slice(starts[i]!, (starts[i + 1] ?? text.length + 1) - 1));
  return found.map((f) => {
    const li = lineOf(f.start);
    return { ...f, line: li + 1, column: f.start - starts[li]! + 1, lineText: textOf(li)!, prevLineText: textOf(li - 1) };
  });
}

/** Scan added lines (from a diff): consecutive added lines are scanned together, so multi-line keys are found. */
export function scanLines(lines: readonly AddedLine[], opts: ScanOptions & { engine?: Engine } = {}): LocatedMatch[] {
  if (!lines.length) return [];
  const text = lines.map((l) => l.text).join('\n');
  const offs: number[] = [];
  let o = 0;
  for (const l of lines) {
    offs.push(o);
    o += l.text.length + 1;
  }
  const found = scanText(text, opts);
  return found.map((f) => {
    let lo = 0;
    let hi = offs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (offs[mid]! <= f.start) lo = mid;
      else hi = mid - 1;
    }
    const prev = lo > 0 && lines[lo - 1]!.line === lines[lo]!.line - 1 ? lines[lo - 1]!.text : undefined;
    return { ...f, line: lines[lo]!.line, column: f.start - offs[lo]! + 1, lineText: lines[lo]!.text, prevLineText: prev };
  });
}

/** Mask every secret found in an arbitrary string (command output, logs) with its redacted preview. */
export function redactText(text: string): string {
  if (!text) return text;
  let found: SecretMatch[];
  try {
    found = scanText(text);
  } catch {
    return text;
  }
  if (!found.length) return text;
  let out = '';
  let at = 0;
  for (const f of found) {
    if (f.start < at) continue;
    out += text.slice(at, f.start) + `[REDACTED ${f.rule} ${redact(f.secret)}]`;
    at = f.end;
  }
  return out + text.slice(at);
}

/** Baseline fingerprint: rule, path and a hash of the secret; no line numbers, never the secret. */
export function fingerprint(rule: string, path: string, secret: string): string {
  return `${rule}:${path}:${sha256hex(secret).slice(0, 16)}`;
}
