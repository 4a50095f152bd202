/**
 * `rules --suggest`: ask the model to propose policy config for rule sentences the catalog did not
 * recognise. The model only proposes; every proposal is validated by the policy's zod schema, and
 * nothing is written without `--write`. The SDK is imported only here, only when asked.
 */
import type { RuleSource } from '../engine/types.js';
import { POLICIES, getPolicy } from '../policies/index.js';
import { ensureZod } from '../config/base.js';
import type { CoverageRow } from './coverage.js';

export interface Proposal {
  row: CoverageRow;
  policy: string;
  config: Record<string, unknown>;
  reason?: string;
}

export interface Rejected {
  row?: CoverageRow;
  policy?: string;
  problem: string;
}

export interface SuggestResult {
  proposals: Proposal[];
  rejected: Rejected[];
  model: string;
}

function policyCatalogText(): string {
  const lines: string[] = [];
  for (const p of POLICIES) {
    let schema = '';
    try {
      // JSON Schema of the policy's config, input side (what a config file may say).
      schema = JSON.stringify(toJsonSchema(p.schema.get()));
    } catch {
      schema = '(schema unavailable)';
    }
    lines.push(`- ${p.id} (hooks: ${p.hooks.join(', ')}): ${p.description}\n  config schema: ${schema}`);
  }
  return lines.join('\n');
}

let toJsonSchema: (s: unknown) => unknown = () => ({});

export function buildPrompt(rows: CoverageRow[]): { system: string; user: string } {
  const system = [
    'You map rules that a software team wrote in AGENTS.md to the config of harness-hooks, a tool that enforces rules with git hooks.',
    'Propose config ONLY when one of the policies below enforces exactly what the sentence asks, deterministically, at a git hook.',
    'If no policy can check the sentence, leave it out. Never invent config keys: use only keys from the schemas below.',
    'Answer with one JSON object and nothing else: {"proposals":[{"index":<sentence number>,"policy":"<policy id>","config":{...},"reason":"<one short sentence>"}]}',
    '',
    'Policies:',
    policyCatalogText(),
  ].join('\n');
  const user = ['Rule sentences the deterministic catalog did not recognise:', ...rows.map((r, i) => `${i + 1}. ${r.file}:${r.line}: ${r.text}`)].join('\n');
  return { system, user };
}

/** Pull the JSON object out of a model reply (it may wrap it in prose or a code fence). */
export function parseReply(text: string): unknown {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) throw new Error('the reply contained no JSON object');
  return JSON.parse(text.slice(start, end + 1));
}

export function validateProposals(reply: unknown, rows: CoverageRow[]): { proposals: Proposal[]; rejected: Rejected[] } {
  const proposals: Proposal[] = [];
  const rejected: Rejected[] = [];
  const list = (reply as { proposals?: unknown })?.proposals;
  if (!Array.isArray(list)) return { proposals, rejected: [{ problem: 'the reply has no "proposals" array' }] };
  for (const item of list) {
    const it = item as { index?: unknown; policy?: unknown; config?: unknown; reason?: unknown };
    const idx = typeof it.index === 'number' ? it.index - 1 : -1;
    const row = rows[idx];
    if (!row) {
      rejected.push({ problem: `proposal for sentence ${String(it.index)}, which was not asked about` });
      continue;
    }
    const policy = typeof it.policy === 'string' ? it.policy : '';
    const p = getPolicy(policy);
    if (!p) {
      rejected.push({ row, policy, problem: `"${policy}" is not a policy of this harness-hooks` });
      continue;
    }
    if (!it.config || typeof it.config !== 'object' || Array.isArray(it.config)) {
      rejected.push({ row, policy, problem: 'config is not an object' });
      continue;
    }
    const config = { ...(it.config as Record<string, unknown>) };
    delete config.sources;
    const parsed = p.schema.get().safeParse(config);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      rejected.push({ row, policy, problem: `invalid ${policy} config: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'rejected by the schema'}` });
      continue;
    }
    proposals.push({ row, policy, config, ...(typeof it.reason === 'string' ? { reason: it.reason.slice(0, 300) } : {}) });
  }
  return { proposals, rejected };
}

export function proposalsToPatch(proposals: Proposal[]): { policies: Record<string, Record<string, unknown>> } {
  const out: Record<string, Record<string, unknown>> = {};
  for (const pr of proposals) {
    const pol = (out[pr.policy] ??= {});
    Object.assign(pol, pr.config);
    if (pol.enabled === undefined) pol.enabled = true;
    const src: RuleSource = { file: pr.row.file, line: pr.row.line, text: pr.row.text.slice(0, 300) };
    const sources = ((pol.sources as Record<string, RuleSource>) ??= {});
    sources['*'] ??= src;
    for (const [k, v] of Object.entries(pr.config)) {
      if (k === 'enabled') continue;
      sources[k] = src;
      if (Array.isArray(v)) for (const x of v) sources[`${k}:${String(x)}`] ??= src;
    }
  }
  return { policies: out };
}

export async function suggest(rows: CoverageRow[], opts: { apiKey: string; baseURL?: string; model: string }): Promise<SuggestResult> {
  await ensureZod();
  try {
    const z = await import('zod');
    toJsonSchema = (s) => z.toJSONSchema(s as never, { io: 'input', unrepresentable: 'any' });
  } catch {
    /* schema text is optional */
  }
  const { system, user } = buildPrompt(rows);
  const { default: Anthropic } = await import('@anthropic-ai/sdk');
  const client = new Anthropic({ apiKey: opts.apiKey, ...(opts.baseURL ? { baseURL: opts.baseURL } : {}), maxRetries: 1, timeout: 60_000 });
  const msg = await client.messages.create({
    model: opts.model,
    max_tokens: 4096,
    system,
    messages: [{ role: 'user', content: user }],
  });
  const text = msg.content
    .filter((b): b is Extract<typeof b, { type: 'text' }> => b.type === 'text')
    .map((b) => b.text)
    .join('\n');
  let reply: unknown;
  try {
    reply = parseReply(text);
  } catch (e) {
    return { proposals: [], rejected: [{ problem: `could not read the model's reply: ${e instanceof Error ? e.message : String(e)}` }], model: msg.model ?? opts.model };
  }
  return { ...validateProposals(reply, rows), model: msg.model ?? opts.model };
}
