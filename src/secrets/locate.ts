/** Secrets with line and column: whole texts (files) and added lines (diffs). No rule table import. */
import type { AddedLine } from '../engine/types.js';
import { scanText as scanWith, type Engine, type ScanOptions } from './engine.js';
import { sha256hex } from './redact.js';
import type { SecretMatch } from './types.js';

type Opts = ScanOptions & { engine: Engine };
const scanText = (text: string, opts: Opts) => scanWith(opts.engine, text, opts);

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
export function scanFileText(text: string, opts: Opts): LocatedMatch[] {
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
export function scanLines(lines: readonly AddedLine[], opts: Opts): LocatedMatch[] {
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

/** Baseline fingerprint: rule, path and a hash of the secret; no line numbers, never the secret. */
export function fingerprint(rule: string, path: string, secret: string): string {
  return `${rule}:${path}:${sha256hex(secret).slice(0, 16)}`;
}
