/**
 * Coverage: every rule sentence in the instruction files, with what enforces it (or why nothing
 * does), checked against the current config; and the config patch that would enforce the rules the
 * catalog recognised (`rules --apply`, `init --from-agents-md`), with AGENTS.md citations in `sources`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { HookName, RuleSource } from '../engine/types.js';
import { getPolicy } from '../policies/index.js';
import { ensureZod } from '../config/base.js';
import { AGENTS_MD_DEFAULTS, agentsMdConfigSchema, type AgentsMdConfig } from './config.js';
import { chainFor, discover, type Discovery, type InstructionFile } from './discover.js';
import type { RepoView } from './extract.js';
import { analyze, type Analysis, type Mapping } from './match.js';
import { readMarkdown } from './reader.js';

export type CoverageStatus = 'enforced' | 'configurable' | 'conflict' | 'guidance';

export interface CoverageRow {
  file: string;
  line: number;
  text: string;
  /** enforced: the current config enforces it · configurable: a policy can, `rules --apply` sets it up ·
   * conflict: the current config explicitly says otherwise · guidance: no deterministic check. */
  status: CoverageStatus;
  /** The policies (and hooks) that enforce or would enforce it, with the config the rule asks for. */
  policies: Array<{ policy: string; hooks: HookName[]; entry: string; config: Record<string, unknown> }>;
  /** Directory the rule governs, when not the whole repo. */
  scope?: string;
  /** Why guidance only, or what in the config conflicts. */
  reason?: string;
  /** For guidance rows: the catalog entry that recognised the rule (absent: the catalog did not). */
  entry?: string;
  /** permission / exception: why a recognised sentence gives no config. */
  kind?: 'permission' | 'exception' | 'soft';
  /** The sentence sits past the byte budget an agent reads for its directory. */
  truncated?: boolean;
  notes?: string[];
}

export interface CurrentConfig {
  /** Resolved policies section (as loaded; absent policies are undefined). */
  policies: Record<string, unknown>;
  /** Dotted key -> layer that set it (from loadConfig). */
  origins: Map<string, string>;
  /** The raw layers merged (presets first, the config file last), to tell explicit settings from defaults. */
  layers?: Array<{ name: string; data: Record<string, unknown> }>;
  agentsMd?: Partial<AgentsMdConfig>;
}

export interface RulesResult {
  rows: CoverageRow[];
  warnings: string[];
  /** `{ policies: { <id>: { enabled: true, ...keys, sources } } }` */
  patch: { policies: Record<string, Record<string, unknown>> };
  discovery: Discovery;
  analyses: Array<{ analysis: Analysis; file: InstructionFile }>;
}

/** Fallback defaults for array keys of policies this build may not have registered yet. */
const FALLBACK_ARRAYS: Record<string, unknown[]> = {
  'branches.protected': ['main', 'master'],
  'tests.sourceGlobs': ['src/**', 'lib/**', 'app/**', 'pkg/**'],
};

export function fsRepoView(root: string): RepoView {
  const isDir = (p: string) => {
    try {
      return statSync(join(root, p)).isDirectory();
    } catch {
      return false;
    }
  };
  const isFile = (p: string) => {
    try {
      return statSync(join(root, p)).isFile();
    } catch {
      return false;
    }
  };
  return {
    isDir,
    isFile,
    scripts(dir) {
      try {
        const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
        return pkg.scripts && typeof pkg.scripts === 'object' ? pkg.scripts : undefined;
      } catch {
        return undefined;
      }
    },
    packageManager() {
      try {
        const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { packageManager?: string };
        const pm = pkg.packageManager?.split('@')[0];
        if (pm === 'pnpm' || pm === 'yarn' || pm === 'bun' || pm === 'npm') return pm;
      } catch {
        /* no package.json */
      }
      if (existsSync(join(root, 'pnpm-lock.yaml'))) return 'pnpm';
      if (existsSync(join(root, 'yarn.lock'))) return 'yarn';
      if (existsSync(join(root, 'bun.lockb')) || existsSync(join(root, 'bun.lock'))) return 'bun';
      return 'npm';
    },
  };
}

function getDotted(obj: unknown, key: string): unknown {
  let cur: unknown = obj;
  for (const k of key.split('.')) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

function setDotted(obj: Record<string, unknown>, key: string, value: unknown) {
  const parts = key.split('.');
  let cur = obj;
  for (const p of parts.slice(0, -1)) {
    if (!cur[p] || typeof cur[p] !== 'object' || Array.isArray(cur[p])) cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]!] = value;
}

/** The policy's config with defaults applied, or the raw value when this build does not know the policy. */
export function policyView(current: CurrentConfig, id: string): { registered: boolean; cfg: Record<string, unknown> } {
  const p = getPolicy(id);
  const raw = current.policies[id];
  if (!p) return { registered: false, cfg: (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown> };
  const parsed = p.schema.get().safeParse(raw ?? {});
  return { registered: true, cfg: (parsed.success ? parsed.data : {}) as Record<string, unknown> };
}

function isLimitKey(key: string): boolean {
  return /(?:^|\.)max(?:Lines|Files)$/.test(key);
}

/** Does the current value already give what the rule asks? */
export function satisfies(key: string, current: unknown, wanted: unknown): boolean {
  if (Array.isArray(wanted)) return Array.isArray(current) && wanted.every((w) => current.includes(w));
  if (isLimitKey(key)) return typeof current === 'number' && typeof wanted === 'number' && current <= wanted;
  if (key === 'tasks' && wanted && typeof wanted === 'object') {
    const cur = (current ?? {}) as Record<string, string | string[]>;
    const all = Object.values(cur).flatMap((v) => (Array.isArray(v) ? v : [v]));
    return Object.values(wanted as Record<string, string | string[]>).every((w) => (Array.isArray(w) ? w : [w]).every((c) => all.includes(c)));
  }
  return current === wanted;
}

/** The layer that explicitly set a policy key (or an object above it within the policy). */
function originOf(current: CurrentConfig, path: string): string | undefined {
  const parts = path.split('.');
  for (const layer of [...(current.layers ?? [])].reverse()) {
    for (let n = parts.length; n >= 3; n--) {
      const v = getDotted(layer.data, parts.slice(0, n).join('.'));
      if (v !== undefined) return n === parts.length || typeof v !== 'object' ? layer.name : undefined;
    }
  }
  for (let n = parts.length; n >= 3; n--) {
    const o = current.origins.get(parts.slice(0, n).join('.'));
    if (o) return o;
  }
  return undefined;
}

function statusFor(mappings: Mapping[], current: CurrentConfig): { status: CoverageStatus; reason?: string } {
  const conflicts: string[] = [];
  let allOk = true;
  for (const m of mappings) {
    const { cfg } = policyView(current, m.policy);
    const enabled = cfg.enabled === true;
    if (!enabled) {
      allOk = false;
      const o = originOf(current, `policies.${m.policy}.enabled`);
      if (o && cfg.enabled === false) conflicts.push(`${m.policy} is turned off (in ${o})`);
    }
    for (const [k, v] of Object.entries(m.values)) {
      if (k === 'enabled') continue;
      const cur = getDotted(cfg, k);
      if (satisfies(k, cur, v)) continue;
      allOk = false;
      // Lists and task maps only ever grow from a rule: an explicit value without the item is not a contradiction.
      const additive = Array.isArray(v) || k === 'tasks';
      const o = originOf(current, `policies.${m.policy}.${k}`);
      if (o && !additive && cur !== undefined && cur !== null) conflicts.push(`${m.policy}.${k} is ${JSON.stringify(cur)} (set in ${o}); the rule asks for ${JSON.stringify(v)}`);
    }
  }
  if (allOk) return { status: 'enforced' };
  if (conflicts.length) return { status: 'conflict', reason: conflicts.join('; ') };
  return { status: 'configurable' };
}

function lineByteOffset(content: string, line: number): number {
  const lines = content.split('\n');
  let n = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) n += Buffer.byteLength(lines[i]!) + 1;
  return n;
}

export interface AnalyzeRepoOptions {
  current?: CurrentConfig;
  repo?: RepoView;
}

/** Read every instruction file and build the coverage table and the patch. */
export async function analyzeRepo(root: string, opts: AnalyzeRepoOptions = {}): Promise<RulesResult> {
  await ensureZod();
  const current: CurrentConfig = opts.current ?? { policies: {}, origins: new Map() };
  const conf = agentsMdConfigSchema.parse(current.agentsMd ?? {});
  const discovery = await discover(root, conf);
  const repo = opts.repo ?? fsRepoView(root);
  const rows: CoverageRow[] = [];
  const analyses: RulesResult['analyses'] = [];
  const warnings = [...discovery.warnings];

  for (const file of discovery.files) {
    const chain = chainFor(discovery, file.scopeDir);
    let before = 0;
    for (const f of chain) {
      if (f === file) break;
      before += f.bytes;
    }
    for (const sentence of readMarkdown(file.content, file.path)) {
      const a = analyze(sentence, { repo, fileScope: file.scopeDir });
      if (a.kind === 'question' || a.kind === 'not-a-rule') continue;
      if (!a.ruleLike && !a.mappings.length && !a.guidance) continue;
      analyses.push({ analysis: a, file });
      const row: CoverageRow = { file: file.path, line: sentence.line, text: sentence.text, status: 'guidance', policies: [] };
      if (a.scopeDir) row.scope = a.scopeDir;
      if (a.mappings.length) {
        const st = statusFor(a.mappings, current);
        row.status = st.status;
        if (st.reason) row.reason = st.reason;
        row.policies = a.mappings.map((m) => {
          const { cfg } = policyView(current, m.policy);
          const override = Array.isArray(cfg.hooks) && cfg.hooks.length ? (cfg.hooks as HookName[]) : undefined;
          const both = override?.filter((h) => m.hooks.includes(h));
          const hooks = override ? (both?.length ? both : override) : m.hooks;
          return { policy: m.policy, hooks, entry: m.entry.id, config: m.values };
        });
        const unknown = a.mappings.filter((m) => !getPolicy(m.policy)).map((m) => m.policy);
        if (unknown.length) a.notes.push(`policy ${unknown.join(', ')} is not available in this build of harness-hooks`);
      } else {
        row.reason = a.guidance?.reason ?? 'no deterministic check exists for this rule';
        if (a.guidance?.entryId) row.entry = a.guidance.entryId;
        if (a.kind === 'permission' || a.kind === 'exception' || a.kind === 'soft') row.kind = a.kind;
      }
      if (before + lineByteOffset(file.content, sentence.line) >= conf.maxBytes) row.truncated = true;
      const notes = [...a.notes, ...a.mappings.flatMap((m) => m.notes)];
      if (notes.length) row.notes = [...new Set(notes)];
      rows.push(row);
    }
  }
  const patch = buildPatch(analyses.map((x) => x.analysis), current);
  return { rows, warnings, patch, discovery, analyses };
}

function sourceOf(a: Analysis): RuleSource {
  return { file: a.sentence.file, line: a.sentence.line, text: a.sentence.text.slice(0, 300) };
}

/**
 * The config fragment that enforces every recognised rule: arrays are unions with the current values
 * (so applying never drops a protected branch or a forbidden glob), limits and scalars from later
 * (nearer) files win, `sources` cite the sentence per key and `*` the first rule for the policy.
 */
export function buildPatch(analyses: Analysis[], current: CurrentConfig): { policies: Record<string, Record<string, unknown>> } {
  const out: Record<string, Record<string, unknown>> = {};
  for (const a of analyses) {
    for (const m of a.mappings) {
      const { cfg } = policyView(current, m.policy);
      const pol = (out[m.policy] ??= { enabled: true });
      const sources = ((pol.sources as Record<string, RuleSource>) ??= {});
      const src = sourceOf(a);
      sources['*'] ??= src;
      for (const [k, v] of Object.entries(m.values)) {
        if (k === 'enabled') continue;
        const prev = getDotted(pol, k);
        let next: unknown = v;
        if (Array.isArray(v)) {
          const base = Array.isArray(prev) ? prev : Array.isArray(getDotted(cfg, k)) ? (getDotted(cfg, k) as unknown[]) : (FALLBACK_ARRAYS[`${m.policy}.${k}`] ?? []);
          next = [...base, ...v.filter((x) => !base.includes(x))];
        } else if (k === 'tasks' && v && typeof v === 'object') {
          const base = { ...((prev as Record<string, unknown>) ?? (getDotted(cfg, k) as Record<string, unknown>) ?? {}) };
          for (const [g, c] of Object.entries(v as Record<string, string | string[]>)) {
            const cur = base[g] as string | string[] | undefined;
            const list = [...(cur === undefined ? [] : Array.isArray(cur) ? cur : [cur])];
            for (const cmd of Array.isArray(c) ? c : [c]) if (!list.includes(cmd)) list.push(cmd);
            base[g] = list.length === 1 ? list[0] : list;
          }
          next = base;
        } else if (m.policy === 'tests' && k === 'command' && typeof v === 'string') {
          // "Run `npm test` before pushing." + "Run `npm run typecheck` before pushing.": both run.
          const prevCmd = typeof prev === 'string' ? prev : undefined;
          if (prevCmd && prevCmd !== v && pol.commandHook === m.values.commandHook) {
            const parts = prevCmd.split(/\s+&&\s+/);
            next = [...parts, ...v.split(/\s+&&\s+/).filter((x) => !parts.includes(x))].join(' && ');
          }
          for (const part of v.split(/\s+&&\s+/)) sources[`command:${part}`] ??= src;
        }
        setDotted(pol, k, next);
        sources[k] = src;
        // Each value of a list (and each task command) cites the sentence that asked for it: several
        // sentences feed one key, and the key-level citation is only the last of them.
        if (Array.isArray(v)) for (const x of v) sources[`${k}:${String(x)}`] ??= src;
        else if (k === 'tasks' && v && typeof v === 'object')
          for (const c of Object.values(v as Record<string, string | string[]>).flat()) sources[`tasks:${c}`] ??= src;
        const top = k.split('.')[0]!;
        if (top !== k) sources[top] ??= src;
      }
    }
  }
  // Drop keys this build's schema rejects (a policy written with fewer keys), never write invalid config.
  for (const [id, pol] of Object.entries(out)) {
    const p = getPolicy(id);
    if (!p) continue;
    for (let attempt = 0; attempt < 10; attempt++) {
      const merged = deepMerge((current.policies[id] ?? {}) as Record<string, unknown>, pol);
      const r = p.schema.get().safeParse(merged);
      if (r.success) break;
      const issues = r.error.issues as Array<{ path: PropertyKey[]; keys?: string[] }>;
      const bad = new Set<string>(issues.map((i) => String(i.path[0] ?? i.keys?.[0] ?? '')).filter(Boolean));
      for (const i of issues) for (const k of i.keys ?? []) bad.add(k);
      if (!bad.size) break;
      for (const k of bad) {
        delete pol[k];
        if (pol.sources) for (const sk of Object.keys(pol.sources)) if (sk === k || sk.startsWith(`${k}:`)) delete (pol.sources as Record<string, unknown>)[sk];
      }
    }
  }
  return { policies: out };
}

export function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b)
        ? deepMerge(b as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

/** Load the current config for coverage; a broken config is reported, not fatal. */
export async function loadCurrent(root: string): Promise<{ current: CurrentConfig; file?: string; error?: string }> {
  try {
    const { loadConfig } = await import('../config/load.js');
    const loaded = await loadConfig(root);
    return {
      current: {
        policies: loaded.config.policies as Record<string, unknown>,
        origins: loaded.origins,
        layers: loaded.layers.map((l) => ({ name: l.name, data: l.data })),
        agentsMd: loaded.config.agentsMd,
      },
      ...(loaded.file ? { file: loaded.file } : {}),
    };
  } catch (e) {
    return { current: { policies: {}, origins: new Map(), agentsMd: AGENTS_MD_DEFAULTS }, error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * For `init --from-agents-md` and `rules --apply`: the config fragment the repo's instruction files
 * ask for, and the coverage table.
 */
export async function rulesToConfig(repoRoot: string): Promise<{ patch: Record<string, unknown>; table: CoverageRow[] }> {
  const { current } = await loadCurrent(repoRoot);
  const r = await analyzeRepo(repoRoot, { current });
  // Only policies this build has: a config naming an unknown policy would not load.
  const policies: Record<string, Record<string, unknown>> = {};
  for (const [id, v] of Object.entries(r.patch.policies)) if (getPolicy(id)) policies[id] = v;
  return { patch: { policies }, table: r.rows };
}
