/**
 * Secret scanning: the public surface. The rule table is compiled on first use (never at import).
 *   scanText / scanLines: find secrets in text or in added lines, with 1-based line and column.
 *   redact(secret): a safe preview.  redactText(text): the text with every secret masked.
 */
import { compileRules, prefilter as prefilterWith, scanText as scanWith, type Engine, type ScanOptions } from './engine.js';
import { builtinRules, builtinRuleIds } from './rules/builtin.js';
import { maskMatches, withheld } from './redact.js';
import { scanFileText as locFile, scanLines as locLines, fingerprint, type LocatedMatch } from './locate.js';
import type { SecretMatch } from './types.js';
import type { AddedLine } from '../engine/types.js';

export { redact, shortHash, sha256hex } from './redact.js';
export type { SecretMatch, RuleSpec } from './types.js';
export type { Engine, ScanOptions } from './engine.js';
export { fingerprint };
export type { LocatedMatch };

/** Scan a whole text (a file): matches with line and column. */
export function scanFileText(text: string, opts: ScanOptions & { engine?: Engine } = {}): LocatedMatch[] {
  return locFile(text, { ...opts, engine: opts.engine ?? getEngine() });
}

/** Scan added lines (from a diff): consecutive added lines are scanned together, so multi-line keys are found. */
export function scanLines(lines: readonly AddedLine[], opts: ScanOptions & { engine?: Engine } = {}): LocatedMatch[] {
  return locLines(lines, { ...opts, engine: opts.engine ?? getEngine() });
}

let engine: Engine | undefined;
const custom = new Map<string, Engine>();

/** The compiled built-in table (cached), optionally without some rules. */
export function getEngine(disabled: readonly string[] = []): Engine {
  // The shipped table is validated by the test suite (test/unit/secrets-rules.test.ts); skip it on the hook path.
  if (!disabled.length) return (engine ??= compileRules(builtinRules()));
  const key = [...disabled].sort().join(',');
  let e = custom.get(key);
  if (!e) custom.set(key, (e = compileRules(builtinRules(), { disabled })));
  return e;
}

export function ruleIds(): string[] {
  return builtinRuleIds();
}

export function scanText(text: string, opts: ScanOptions & { engine?: Engine } = {}): SecretMatch[] {
  return scanWith(opts.engine ?? getEngine(), text, opts);
}

export function prefilter(text: string): Set<string> {
  return prefilterWith(getEngine(), text);
}

/** Mask every secret found in an arbitrary string (command output, logs) with its redacted preview. */
export function redactText(text: string): string {
  if (!text) return text;
  try {
    return maskMatches(text, scanText(text));
  } catch {
    // Fail closed: text we could not check is not stored or shown.
    return withheld(text);
  }
}
