/**
 * Writing config changes (`rules --apply`, `rules --suggest --write`): find the config file, merge a
 * patch into it, show the change as a diff first, validate the result with the real schema, and write
 * only when asked. JSON configs (package.json "harness", .harnessrc, .harnessrc.json,
 * harness.config.json) are edited in place; JS and YAML configs are never rewritten: the patch is
 * printed for the user to merge. No config file: a new .harnessrc.json extending the recommended preset.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { findConfigFile } from '../config/load.js';
import { getPolicy } from '../policies/index.js';
import { deepMerge } from './coverage.js';

export interface PlannedWrite {
  /** Absolute path that would be written, undefined when the config cannot be edited automatically. */
  file?: string;
  /** Repo-relative label. */
  label: string;
  before: string;
  after: string;
  /** Why the file cannot be written (JS/YAML config). */
  manual?: string;
  /** Policies left out because this build does not know them. */
  skipped: string[];
  /** The raw config after the change (for validation). */
  raw?: Record<string, unknown>;
}

function indentOf(text: string): string | number {
  const m = /^[ \t]+(?=")/m.exec(text);
  if (!m) return 2;
  return m[0].includes('\t') ? '\t' : m[0].length;
}

export function planWrite(root: string, patch: { policies: Record<string, Record<string, unknown>> }): PlannedWrite {
  const skipped: string[] = [];
  const policies: Record<string, Record<string, unknown>> = {};
  for (const [id, v] of Object.entries(patch.policies)) {
    if (getPolicy(id)) policies[id] = v;
    else skipped.push(id);
  }
  const file = findConfigFile(root);
  if (!file) {
    const raw = { extends: 'harness-hooks/recommended', policies };
    return { file: join(root, '.harnessrc.json'), label: '.harnessrc.json', before: '', after: JSON.stringify(raw, null, 2) + '\n', skipped, raw };
  }
  const label = relative(root, file) || basename(file);
  const text = readFileSync(file, 'utf8');
  const isPkg = basename(file) === 'package.json';
  const jsonish = isPkg || file.endsWith('.json') || basename(file) === '.harnessrc';
  let doc: Record<string, unknown> | undefined;
  if (jsonish) {
    try {
      doc = JSON.parse(text) as Record<string, unknown>;
    } catch {
      doc = undefined;
    }
  }
  if (!doc) {
    const fragment = JSON.stringify({ policies }, null, 2);
    return { label, before: text, after: text, manual: `${label} is not JSON, so it is not rewritten. Merge this into it:\n${fragment}`, skipped };
  }
  const cfg = (isPkg ? (doc.harness as Record<string, unknown>) ?? {} : doc) as Record<string, unknown>;
  const cur = (cfg.policies && typeof cfg.policies === 'object' ? cfg.policies : {}) as Record<string, unknown>;
  const nextPolicies: Record<string, unknown> = { ...cur };
  for (const [id, v] of Object.entries(policies)) {
    const existing = cur[id];
    const base = typeof existing === 'boolean' ? { enabled: existing } : ((existing ?? {}) as Record<string, unknown>);
    nextPolicies[id] = deepMerge(base, v);
  }
  const nextCfg = { ...cfg, policies: nextPolicies };
  const nextDoc = isPkg ? { ...doc, harness: nextCfg } : nextCfg;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const after = JSON.stringify(nextDoc, null, indentOf(text)).replace(/\n/g, eol) + (text.endsWith('\n') || text.endsWith('\r\n') ? eol : '');
  return { file, label, before: text, after, skipped, raw: nextCfg };
}

/** A unified-style line diff (no hunk headers needed for a config file: context of 2 lines). */
export function lineDiff(before: string, after: string, context = 2): string {
  const a = before === '' ? [] : before.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  const b = after.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const ops: Array<[' ' | '-' | '+', string]> = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push([' ', a[i]!]);
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) ops.push(['+', b[j++]!]);
    else ops.push(['-', a[i++]!]);
  }
  const keep = ops.map((o, idx) => o[0] !== ' ' || ops.slice(Math.max(0, idx - context), idx + context + 1).some((x) => x[0] !== ' '));
  const out: string[] = [];
  let gap = false;
  ops.forEach((o, idx) => {
    if (!keep[idx]) {
      if (!gap) out.push('  ...');
      gap = true;
      return;
    }
    gap = false;
    out.push(`${o[0]} ${o[1]}`);
  });
  return out.join('\n');
}

export function writePlanned(p: PlannedWrite): void {
  if (!p.file) throw new Error('nothing to write');
  writeFileSync(p.file, p.after);
}
