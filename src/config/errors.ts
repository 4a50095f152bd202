/** Turn zod issues into messages that name the file, the key path, what was expected and what was found. */
import type { z } from 'zod';

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly file: string | undefined,
    readonly problems: string[] = [],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function levenshtein(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

export function didYouMean(key: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = levenshtein(key, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

/** Walk a zod schema to the object at `path` and list its keys (through optional/default/pipe/preprocess wrappers). */
export function keysAt(schema: z.ZodType, path: (string | number)[]): string[] {
  let s: any = schema;
  const unwrap = () => {
    for (let guard = 0; guard < 20 && s; guard++) {
      const def = s._zod?.def;
      if (!def) return;
      if (def.type === 'object') return;
      if (def.innerType) s = def.innerType;
      else if (def.type === 'pipe') s = def.out?._zod?.def?.type === 'object' ? def.out : def.in?._zod?.def?.type === 'object' ? def.in : def.out;
      else if (def.type === 'union') s = def.options.find((o: any) => o._zod?.def?.type === 'object') ?? def.options[0];
      else if (def.type === 'record') s = def.valueType;
      else if (def.type === 'array') s = def.element;
      else return;
    }
  };
  unwrap();
  for (const p of path) {
    const def = s?._zod?.def;
    if (def?.type === 'object') s = def.shape[p as string];
    else if (def?.type === 'array') s = def.element;
    else return [];
    unwrap();
  }
  const def = s?._zod?.def;
  return def?.type === 'object' ? Object.keys(def.shape) : [];
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array (${JSON.stringify(v).slice(0, 60)})`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`;
}

function getAt(obj: unknown, path: PropertyKey[]): unknown {
  let cur: any = obj;
  for (const p of path) {
    if (cur == null || typeof cur !== 'object') return undefined;
    cur = cur[p as any];
  }
  return cur;
}

export function formatIssues(
  issues: z.core.$ZodIssue[],
  input: unknown,
  schema: z.ZodType,
  originOf: (path: string) => string | undefined,
): string[] {
  const out: string[] = [];
  for (const issue of issues) {
    const path = issue.path.map(String);
    const where = (p: string[]) => {
      const key = p.join('.');
      const file = originOf(key);
      return file ? `${key} (in ${file})` : key || '(top level)';
    };
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt(schema, issue.path as (string | number)[]);
      for (const k of issue.keys) {
        const sug = didYouMean(k, known);
        out.push(
          `${where([...path, k])}: unknown key.` +
            (sug ? ` Did you mean "${sug}"?` : known.length ? ` Known keys here: ${known.join(', ')}.` : ''),
        );
      }
      continue;
    }
    const found = describeValue(getAt(input, issue.path));
    if (issue.code === 'invalid_type') {
      out.push(`${where(path)}: expected ${issue.expected}, found ${found}.`);
    } else if (issue.code === 'invalid_value') {
      out.push(`${where(path)}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, found ${found}.`);
    } else if (issue.code === 'too_small' || issue.code === 'too_big') {
      out.push(`${where(path)}: ${issue.message.replace(/^Too (small|big): /, '')} (found ${found}).`);
    } else {
      out.push(`${where(path)}: ${issue.message} (found ${found}).`);
    }
  }
  return out;
}
